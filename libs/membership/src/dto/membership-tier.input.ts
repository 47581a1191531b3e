import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsName, MoneyScalar } from '../../../common/src/index.js';
import { BillingPeriod } from '../membership-tier.entity.js';

/** Creates the tier with this code, or updates it (docs/RULES.md §5: tiers are operator-editable). */
@InputType('MembershipTierInput')
export class MembershipTierInput {
  @Field()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,29}$/, { message: 'must be 2–30 capital letters, digits or _, starting with a letter' })
  code: string;

  @Field()
  @IsName(100)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string | null;

  @Field(() => MoneyScalar)
  @IsInt()
  @Min(1, { message: 'must be at least 1 won' })
  @Max(100_000_000)
  duesAmount: number;

  @Field(() => BillingPeriod)
  @IsEnum(BillingPeriod)
  billingPeriod: BillingPeriod;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10_000)
  platformFeeRateBps: number;

  @Field(() => Int, { nullable: true, description: 'Null: unlimited.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  maxPublishedListings?: number | null;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1000)
  featuredListingSlots: number;

  @Field(() => [String])
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(/\S/, { each: true, message: 'must not be blank' })
  benefits: string[];

  @Field()
  @IsBoolean()
  active: boolean;
}
