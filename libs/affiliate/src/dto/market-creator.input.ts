import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsName } from '../../../common/src/index.js';
import { HANDLE_PATTERN, MarketCreatorKind } from '../market-creator.entity.js';

@InputType()
export class PayoutAccountInput {
  /** The three-digit Korean bank code (e.g. 004, 088). */
  @Field()
  @Matches(/^[0-9]{3}$/, { message: 'must be a three-digit bank code' })
  bankCode: string;

  @Field()
  @Matches(/^[0-9][0-9 -]{4,28}[0-9]$/, { message: 'must be an account number (digits, dashes allowed)' })
  accountNumber: string;

  @Field()
  @IsName(50)
  accountHolder: string;
}

@InputType()
export class MarketCreatorApplicationInput {
  @Field(() => MarketCreatorKind)
  @IsEnum(MarketCreatorKind)
  kind: MarketCreatorKind;

  @Field()
  @Matches(HANDLE_PATTERN, { message: 'must be 3–30 characters of a-z, 0-9 and -' })
  handle: string;

  @Field()
  @IsName(50)
  displayName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  bio?: string | null;

  /** Required for CORPORATE and PUBLIC_INTEREST; the caller must be its OWNER or MANAGER. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  organizationId?: string | null;

  @Field(() => PayoutAccountInput)
  @ValidateNested()
  @Type(() => PayoutAccountInput)
  payoutAccount: PayoutAccountInput;

  @Field(() => [ID])
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  agreedPolicyIds: string[];
}
