import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';

export enum BillingPeriod {
  MONTHLY = 'MONTHLY',
  YEARLY = 'YEARLY',
}
registerEnumType(BillingPeriod, {
  name: 'BillingPeriod',
  description: 'How long one dues period of a membership tier lasts.',
  valuesMap: {
    MONTHLY: { description: 'From a day to the day before the same day next month (clamped to short months).' },
    YEARLY: { description: 'From a date to the day before the same date next year.' },
  },
});

/** A membership level with its dues and benefits (docs/RULES.md §5). Operators edit tiers; deactivating one keeps its members. */
@ObjectType('MembershipTier', { description: 'A membership level of partner agencies: its dues, platform fee and listing limits. Public.' })
@Entity('membership_tier')
@Unique('membership_tier_code_uq', ['code'])
@Check('membership_tier_billing_period_check', `billing_period IN ('MONTHLY', 'YEARLY')`)
@Check('membership_tier_dues_check', `dues_amount > 0`)
@Check('membership_tier_fee_check', `platform_fee_rate_bps BETWEEN 0 AND 10000`)
@Check('membership_tier_listings_check', `max_published_listings IS NULL OR max_published_listings >= 0`)
@Check('membership_tier_featured_check', `featured_listing_slots >= 0`)
export class MembershipTier {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Unique key such as BASIC, STANDARD or PREMIUM; applications and tier changes name it.' })
  @Column({ type: 'text' })
  code: string;

  @Field({ description: 'Name shown to agencies.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Longer text for agencies choosing a tier.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => MoneyScalar, { description: 'Dues per billing period in won, at least 1.' })
  @Column({ name: 'dues_amount', type: 'bigint', transformer: BIGINT_WON })
  duesAmount: number;

  @Field(() => BillingPeriod, { description: 'How long each dues period lasts.' })
  @Column({ name: 'billing_period', type: 'text' })
  billingPeriod: BillingPeriod;

  @Field(() => Int, { description: "The platform's fee on each sale, in basis points (100 = 1 %), 0–10000; fixed per sale at payment." })
  @Column({ name: 'platform_fee_rate_bps', type: 'integer' })
  platformFeeRateBps: number;

  /** Null: unlimited. */
  @Field(() => Int, { nullable: true, description: 'Most PUBLISHED listings an agency may have at once; null is unlimited.' })
  @Column({ name: 'max_published_listings', type: 'integer', nullable: true })
  maxPublishedListings: number | null;

  @Field(() => Int, { description: 'How many listings the agency may have featured.' })
  @Column({ name: 'featured_listing_slots', type: 'integer' })
  featuredListingSlots: number;

  @Field(() => [String], { description: 'Benefits to list to agencies, in display order.' })
  @Column({ type: 'text', array: true })
  benefits: string[];

  @Field({ description: 'Whether new applicants may choose it; agencies on an inactive tier keep it.' })
  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
