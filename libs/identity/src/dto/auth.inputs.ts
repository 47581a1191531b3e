import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsName, NormalizedEmail } from '../../../common/src/index.js';
import { User } from '../user.entity.js';

export const MIN_PASSWORD_LENGTH = 10;

@InputType({ description: 'A new account.' })
export class SignUpInput {
  @Field({ description: 'Unique regardless of case, at most 254 characters; normalized before it is stored.' })
  @NormalizedEmail()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @Field({ description: '10 to 200 characters; stored only as a hash.' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  password: string;

  @Field({ description: 'Display name, 1–100 visible characters.' })
  @IsName(100)
  name: string;

  @Field(() => String, { nullable: true, description: 'Optional contact number: digits, spaces and dashes, an optional leading +.' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{6,19}$/, { message: 'must be a phone number' })
  phone?: string | null;
}

@InputType({ description: 'Credentials for logIn.' })
export class LogInInput {
  @Field({ description: 'The account email, any case.' })
  @NormalizedEmail()
  @IsString()
  @MaxLength(254)
  email: string;

  @Field({ description: "The account's password." })
  @IsString()
  @MaxLength(200)
  password: string;
}

@ObjectType({ description: 'A session just opened or refreshed.' })
export class AuthPayload {
  @Field({ description: 'JWT to send as `Authorization: Bearer …`; lasts 15 minutes by default.' })
  accessToken: string;

  @Field({ description: 'Opaque token for refreshSession and logOut, valid 30 days by default; single use.' })
  refreshToken: string;

  @Field({ description: 'When `accessToken` expires: refresh before then.' })
  accessTokenExpiresAt: Date;

  @Field(() => User, { description: 'The signed-in user.' })
  user: User;
}
