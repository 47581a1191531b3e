import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsName, MoneyScalar } from '../../../common/src/index.js';
import { BillingPeriod } from '../membership-tier.entity.js';

/** Creates the tier with this code, or updates it (docs/RULES.md §5: tiers are operator-editable). */
@InputType('MembershipTierInput', { description: 'A whole membership tier, keyed by `code` (operators).' })
export class MembershipTierInput {
  @Field({ description: 'The key: 2–30 capital letters, digits or _, starting with a letter. An existing code updates that tier.' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,29}$/, { message: 'must be 2–30 capital letters, digits or _, starting with a letter' })
  code: string;

  @Field({ description: 'Name shown to agencies, 1–100 visible characters.' })
  @IsName(100)
  name: string;

  @Field(() => String, { nullable: true, description: 'Longer text, at most 2000 characters.' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;

  @Field(() => MoneyScalar, { description: 'Dues per period in won, 1 to 100,000,000.' })
  @IsInt()
  @Min(1, { message: 'must be at least 1 won' })
  @Max(100_000_000)
  duesAmount: number;

  @Field(() => BillingPeriod, { description: 'Length of a dues period; agencies that change to a tier of another length start a new schedule.' })
  @IsEnum(BillingPeriod)
  billingPeriod: BillingPeriod;

  @Field(() => Int, { description: 'Fee on each sale in basis points, 0–10000.' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  platformFeeRateBps: number;

  @Field(() => Int, { nullable: true, description: 'Most PUBLISHED listings per agency, up to 1,000,000; null is unlimited.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  maxPublishedListings?: number | null;

  @Field(() => Int, { description: 'Featured listing slots, 0–1000.' })
  @IsInt()
  @Min(0)
  @Max(1000)
  featuredListingSlots: number;

  @Field(() => [String], { description: 'At most 30 benefits of 1–200 characters each.' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(/\S/, { each: true, message: 'must not be blank' })
  benefits: string[];

  @Field({ description: 'False closes the tier to new applicants; its agencies keep it.' })
  @IsBoolean()
  active: boolean;
}
