import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';

export enum BillingPeriod {
  MONTHLY = 'MONTHLY',
  YEARLY = 'YEARLY',
}
registerEnumType(BillingPeriod, { name: 'BillingPeriod' });

/** A membership level with its dues and benefits (docs/RULES.md §5). Operators edit tiers; deactivating one keeps its members. */
@ObjectType('MembershipTier')
@Entity('membership_tier')
@Unique('membership_tier_code_uq', ['code'])
@Check('membership_tier_billing_period_check', `billing_period IN ('MONTHLY', 'YEARLY')`)
@Check('membership_tier_dues_check', `dues_amount > 0`)
@Check('membership_tier_fee_check', `platform_fee_rate_bps BETWEEN 0 AND 10000`)
@Check('membership_tier_listings_check', `max_published_listings IS NULL OR max_published_listings >= 0`)
@Check('membership_tier_featured_check', `featured_listing_slots >= 0`)
export class MembershipTier {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  code: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => MoneyScalar)
  @Column({ name: 'dues_amount', type: 'bigint', transformer: BIGINT_WON })
  duesAmount: number;

  @Field(() => BillingPeriod)
  @Column({ name: 'billing_period', type: 'text' })
  billingPeriod: BillingPeriod;

  @Field(() => Int)
  @Column({ name: 'platform_fee_rate_bps', type: 'integer' })
  platformFeeRateBps: number;

  /** Null: unlimited. */
  @Field(() => Int, { nullable: true })
  @Column({ name: 'max_published_listings', type: 'integer', nullable: true })
  maxPublishedListings: number | null;

  @Field(() => Int)
  @Column({ name: 'featured_listing_slots', type: 'integer' })
  featuredListingSlots: number;

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  benefits: string[];

  @Field()
  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
