import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsName } from '../../../common/src/index.js';
import { HANDLE_PATTERN, MarketCreatorKind } from '../market-creator.entity.js';

@InputType({ description: 'The bank account payouts go to.' })
export class PayoutAccountInput {
  /** The three-digit Korean bank code (e.g. 004, 088). */
  @Field({ description: 'Three-digit Korean bank code, e.g. 004 or 088.' })
  @Matches(/^[0-9]{3}$/, { message: 'must be a three-digit bank code' })
  bankCode: string;

  @Field({ description: 'The account number, 6–20 digits, dashes and spaces allowed; stored as digits and only ever shown masked.' })
  @Matches(/^[0-9][0-9 -]{4,28}[0-9]$/, { message: 'must be an account number (digits, dashes allowed)' })
  accountNumber: string;

  @Field({ description: "The holder's name as registered with the bank, 1–50 visible characters." })
  @IsName(50)
  accountHolder: string;
}

@InputType({ description: 'An application to become a market creator.' })
export class MarketCreatorApplicationInput {
  @Field(() => MarketCreatorKind, { description: 'INDIVIDUAL is ACTIVE at once; the other kinds wait for review.' })
  @IsEnum(MarketCreatorKind)
  kind: MarketCreatorKind;

  @Field({ description: "The market's address: 3–30 of a-z, 0-9 and -; one taken is CONFLICT." })
  @Matches(HANDLE_PATTERN, { message: 'must be 3–30 characters of a-z, 0-9 and -' })
  handle: string;

  @Field({ description: 'Name shown on the market, 1–50 visible characters.' })
  @IsName(50)
  displayName: string;

  @Field(() => String, { nullable: true, description: 'Introduction shown on the market, up to 2000 characters.' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  bio?: string | null;

  /** Required for CORPORATE and PUBLIC_INTEREST; the caller must be its OWNER or MANAGER. */
  @Field(() => ID, {
    nullable: true,
    description: 'Required for CORPORATE and PUBLIC_INTEREST (an organization you are OWNER or MANAGER of), absent for the others.',
  })
  @IsOptional()
  @IsString()
  organizationId?: string | null;

  @Field(() => PayoutAccountInput, { description: 'Where payouts go.' })
  @ValidateNested()
  @Type(() => PayoutAccountInput)
  payoutAccount: PayoutAccountInput;

  @Field(() => [ID], { description: 'Ids of the policies agreed to, including the current MARKET_CREATOR_TERMS (see currentPolicies); at most 20.' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  agreedPolicyIds: string[];
}
