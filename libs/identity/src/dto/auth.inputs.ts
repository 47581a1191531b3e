import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsName, NormalizedEmail } from '../../../common/src/index.js';
import { User } from '../user.entity.js';

export const MIN_PASSWORD_LENGTH = 10;

@InputType()
export class SignUpInput {
  @Field()
  @NormalizedEmail()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  password: string;

  @Field()
  @IsName(100)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{6,19}$/, { message: 'must be a phone number' })
  phone?: string | null;
}

@InputType()
export class LogInInput {
  @Field()
  @NormalizedEmail()
  @IsString()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MaxLength(200)
  password: string;
}

@ObjectType()
export class AuthPayload {
  @Field()
  accessToken: string;

  @Field()
  refreshToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}
