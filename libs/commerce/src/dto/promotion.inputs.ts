import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { MoneyScalar, PageArgs } from '../../../common/src/index.js';
import { CouponScope, DiscountFunder, DiscountType } from '../coupon.entity.js';
import { ExhibitionStatus } from '../exhibition.entity.js';

@InputType({ description: 'Create (no id) or change (id) an exhibition; operators only.' })
export class SaveExhibitionInput {
  @Field(() => ID, { nullable: true, description: 'The exhibition to change; omitted creates a DRAFT one.' })
  id?: string | null;

  @Field({ description: 'URL name: 3–60 of a-z 0-9 -, unique (else CONFLICT).' })
  slug: string;

  @Field({ description: 'The page title, 1–200 characters.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'One line under the title.' })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'The page text.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The banner image (https).' })
  bannerImageUrl?: string | null;

  @Field({ description: 'When it goes live.' })
  startsAt: Date;

  @Field({ description: 'When it stops being live; after startsAt.' })
  endsAt: Date;
}

@ArgsType()
export class ExhibitionListArgs extends PageArgs {
  @Field(() => ExhibitionStatus, { nullable: true, description: 'Only this state (the public sees PUBLISHED only).' })
  @IsOptional()
  @IsEnum(ExhibitionStatus)
  status?: ExhibitionStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Only live ones: PUBLISHED and now within [startsAt, endsAt).' })
  @IsOptional()
  @IsBoolean()
  liveOnly?: boolean | null;
}

@InputType({ description: 'Narrows `coupons`.' })
export class CouponFilter {
  @Field(() => ID, { nullable: true, description: "Only this agency's coupons." })
  @IsOptional()
  @IsUUID()
  partnerAgencyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only coupons scoped to this exhibition.' })
  @IsOptional()
  @IsUUID()
  exhibitionId?: string | null;

  @Field(() => DiscountFunder, { nullable: true, description: 'Only coupons of this funder.' })
  fundedBy?: DiscountFunder | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active coupons whose window holds now.' })
  activeOnly?: boolean | null;
}

@InputType({ description: 'Create (no id) or change (id) a coupon. After its first redemption only name, description, endsAt, limits and active may change.' })
export class SaveCouponInput {
  @Field(() => ID, { nullable: true, description: 'The coupon to change; omitted creates one.' })
  id?: string | null;

  @Field({ description: '4–20 of A–Z 0–9 -, compared case-insensitively, unique (else CONFLICT).' })
  code: string;

  @Field({ description: 'What buyers see, 1–100 characters.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Conditions in words.' })
  description?: string | null;

  @Field(() => DiscountType, { description: 'How it takes money off.' })
  discountType: DiscountType;

  @Field(() => Int, { nullable: true, description: 'PERCENTAGE only: 1–10000 bps.' })
  rateBps?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'FIXED_AMOUNT only: won off, at least 1.' })
  amount?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Cap per checkout or subscription delivery; null = none.' })
  maxDiscount?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Eligible items must total at least this at list price; default 0.' })
  minOrderAmount?: number | null;

  @Field(() => DiscountFunder, { description: 'PLATFORM: operators only; PARTNER_AGENCY: with partnerAgencyId, by its OWNER/MANAGER or an operator.' })
  fundedBy: DiscountFunder;

  @Field(() => ID, { nullable: true, description: 'The funding agency (PARTNER_AGENCY only).' })
  partnerAgencyId?: string | null;

  @Field(() => CouponScope, { description: 'Which listings it covers.' })
  scope: CouponScope;

  @Field(() => ID, { nullable: true, description: 'EXHIBITION scope: the exhibition.' })
  exhibitionId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'LISTINGS scope: the listings (an agency coupon: its own).' })
  listingIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it can be used when subscribing; default false.' })
  appliesToSubscriptions?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Paid subscription deliveries it discounts, 1–12; default 1.' })
  subscriptionCycles?: number | null;

  @Field({ description: 'From when it applies.' })
  startsAt: Date;

  @Field({ description: 'Until when (exclusive): after startsAt, at most 366 days after it.' })
  endsAt: Date;

  @Field(() => Int, { nullable: true, description: 'Redemptions allowed in all; null = unlimited.' })
  totalUsageLimit?: number | null;

  @Field(() => Int, { nullable: true, description: 'Redemptions per user (per organization for B2B); at least 1, default 1.' })
  perUserLimit?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it may be applied; default true.' })
  active?: boolean | null;
}

@ArgsType()
export class CouponListArgs extends PageArgs {
  @Field(() => CouponFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CouponFilter)
  filter?: CouponFilter | null;
}
