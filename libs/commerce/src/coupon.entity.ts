import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON, NULLABLE_BIGINT_WON } from '../../ledger/src/index.js';
import { Cart } from './cart.entity.js';
import { Checkout } from './checkout.entity.js';
import { Exhibition } from './exhibition.entity.js';

export enum DiscountType {
  PERCENTAGE = 'PERCENTAGE',
  FIXED_AMOUNT = 'FIXED_AMOUNT',
  FREE_SHIPPING = 'FREE_SHIPPING',
}
registerEnumType(DiscountType, {
  name: 'DiscountType',
  description: 'How a coupon takes money off.',
  valuesMap: {
    PERCENTAGE: { description: 'rateBps of the eligible items, floored to the won, capped by maxDiscount.' },
    FIXED_AMOUNT: { description: 'amount off the eligible items.' },
    FREE_SHIPPING: { description: 'Waives the shipping fee of every agency order holding an eligible line (배송비 지원).' },
  },
});

export enum DiscountFunder {
  PLATFORM = 'PLATFORM',
  PARTNER_AGENCY = 'PARTNER_AGENCY',
}
registerEnumType(DiscountFunder, {
  name: 'DiscountFunder',
  description: 'Who bears the discount in settlement.',
  valuesMap: {
    PLATFORM: { description: 'The agency is credited as if the buyer paid list price.' },
    PARTNER_AGENCY: { description: "The agency's sales are reduced by the discount." },
  },
});

export enum CouponScope {
  ALL = 'ALL',
  EXHIBITION = 'EXHIBITION',
  LISTINGS = 'LISTINGS',
}
registerEnumType(CouponScope, {
  name: 'CouponScope',
  description: 'Which listings a coupon covers.',
  valuesMap: {
    ALL: { description: 'Every listing (an agency-funded coupon: every listing of that agency).' },
    EXHIBITION: { description: 'The listings of one exhibition (an agency-funded coupon: its own listings in it).' },
    LISTINGS: { description: 'The listings named in `listings`.' },
  },
});

/** A discount redeemed by code (docs/RULES.md §19). `usedCount` changes only with the row locked. */
@ObjectType('Coupon', { description: 'A discount redeemed by code. Platform coupons are made by operators, agency coupons by the agency’s OWNER/MANAGER.' })
@Entity('coupon')
@Index('coupon_code_uq', ['code'], { unique: true })
@Index('coupon_partner_agency_idx', ['partnerAgencyId'], { where: 'partner_agency_id IS NOT NULL' })
@Index('coupon_exhibition_idx', ['exhibitionId'], { where: 'exhibition_id IS NOT NULL' })
@Check(
  'coupon_type_check',
  `(discount_type = 'PERCENTAGE' AND rate_bps BETWEEN 1 AND 10000 AND amount IS NULL)
          OR (discount_type = 'FIXED_AMOUNT' AND amount >= 1 AND rate_bps IS NULL)
          OR (discount_type = 'FREE_SHIPPING' AND amount IS NULL AND rate_bps IS NULL)`,
)
@Check('coupon_funder_check', `(funded_by = 'PARTNER_AGENCY') = (partner_agency_id IS NOT NULL) AND funded_by IN ('PLATFORM', 'PARTNER_AGENCY')`)
@Check('coupon_scope_check', `scope IN ('ALL', 'EXHIBITION', 'LISTINGS') AND (scope = 'EXHIBITION') = (exhibition_id IS NOT NULL)`)
@Check('coupon_uses_check', `used_count >= 0 AND per_user_limit >= 1 AND (total_usage_limit IS NULL OR total_usage_limit >= 0)`)
@Check('coupon_amounts_check', `min_order_amount >= 0 AND (max_discount IS NULL OR max_discount >= 1) AND subscription_cycles BETWEEN 1 AND 12`)
@Check('coupon_window_check', `starts_at < ends_at`)
export class Coupon {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Stored upper-case; shown by CouponResolver.code to those who may see it (docs/RULES.md §25). */
  @Column({ type: 'text' })
  code: string;

  @Field({ description: 'What buyers see.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Conditions in words.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => DiscountType, { description: 'How it takes money off.' })
  @Column({ name: 'discount_type', type: 'text' })
  discountType: DiscountType;

  @Field(() => Int, { nullable: true, description: 'PERCENTAGE: 1–10000 bps.' })
  @Column({ name: 'rate_bps', type: 'integer', nullable: true })
  rateBps: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'FIXED_AMOUNT: won off.' })
  @Column({ type: 'bigint', nullable: true, transformer: NULLABLE_BIGINT_WON })
  amount: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Cap on the discount one checkout or subscription gets (최대 할인금액); null = none.' })
  @Column({ name: 'max_discount', type: 'bigint', nullable: true, transformer: NULLABLE_BIGINT_WON })
  maxDiscount: number | null;

  @Field(() => MoneyScalar, { description: 'Eligible items must total at least this at list price (최소 주문금액).' })
  @Column({ name: 'min_order_amount', type: 'bigint', transformer: BIGINT_WON })
  minOrderAmount: number;

  @Field(() => DiscountFunder, { description: 'Who bears the discount in settlement.' })
  @Column({ name: 'funded_by', type: 'text' })
  fundedBy: DiscountFunder;

  /** Set when fundedBy is PARTNER_AGENCY (membership's agency; no foreign key across libraries). */
  @Column({ name: 'partner_agency_id', type: 'uuid', nullable: true })
  partnerAgencyId: string | null;

  @Field(() => CouponScope, { description: 'Which listings it covers.' })
  @Column({ type: 'text' })
  scope: CouponScope;

  @Column({ name: 'exhibition_id', type: 'uuid', nullable: true })
  exhibitionId: string | null;

  @ManyToOne(() => Exhibition)
  @JoinColumn({ name: 'exhibition_id', foreignKeyConstraintName: 'coupon_exhibition_id_fkey' })
  exhibition?: Relation<Exhibition>;

  @Field({ description: 'Whether it can be used when subscribing (꾸러미 기획전 할인).' })
  @Column({ name: 'applies_to_subscriptions', type: 'boolean' })
  appliesToSubscriptions: boolean;

  @Field(() => Int, { description: 'How many paid deliveries of a subscription it discounts. Default 1.' })
  @Column({ name: 'subscription_cycles', type: 'integer' })
  subscriptionCycles: number;

  @Field({ description: 'From when it applies.' })
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Field({ description: 'Until when it applies (exclusive).' })
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Field(() => Int, { nullable: true, description: 'Redemptions allowed in all; null = unlimited.' })
  @Column({ name: 'total_usage_limit', type: 'integer', nullable: true })
  totalUsageLimit: number | null;

  @Field(() => Int, { description: 'Redemptions per user (per organization for B2B purchases). Default 1.' })
  @Column({ name: 'per_user_limit', type: 'integer' })
  perUserLimit: number;

  @Field(() => Int, { description: 'Held and used redemptions: live ones, released ones no longer count.' })
  @Column({ name: 'used_count', type: 'integer' })
  usedCount: number;

  /** Whether it was ever redeemed: from then on only some fields may change (docs/RULES.md §19). */
  @Column({ type: 'boolean' })
  redeemed: boolean;

  @Field({ description: 'Whether it may be applied now (with its dates).' })
  @Column({ type: 'boolean' })
  active: boolean;

  @Field({ description: 'When it was made.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A listing a LISTINGS-scoped coupon names. */
@Entity('coupon_listing')
export class CouponListing {
  @PrimaryColumn({ name: 'coupon_id', type: 'uuid' })
  couponId: string;

  @ManyToOne(() => Coupon, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'coupon_id', foreignKeyConstraintName: 'coupon_listing_coupon_id_fkey' })
  coupon?: Relation<Coupon>;

  @PrimaryColumn({ name: 'listing_id', type: 'uuid' })
  listingId: string;
}

/** A coupon entered in a user's cart, with the code as entered. */
@Entity('cart_coupon')
export class CartCoupon {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => Cart, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'cart_coupon_user_id_fkey' })
  cart?: Relation<Cart>;

  @PrimaryColumn({ name: 'coupon_id', type: 'uuid' })
  couponId: string;

  @ManyToOne(() => Coupon)
  @JoinColumn({ name: 'coupon_id', foreignKeyConstraintName: 'cart_coupon_coupon_id_fkey' })
  coupon?: Relation<Coupon>;

  @Column({ type: 'text' })
  code: string;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}

/**
 * One use of a coupon by a checkout or a subscription (docs/RULES.md §19): written in the checkout's (or
 * `subscribe`'s) transaction with the coupon row locked; live until `releasedAt` (the checkout expired, or every
 * order of it — of the cancelled subscription — was cancelled before shipment).
 */
@Entity('coupon_redemption')
@Index('coupon_redemption_checkout_uq', ['checkoutId', 'couponId'], { unique: true })
@Index('coupon_redemption_subscription_uq', ['subscriptionId'], { unique: true, where: 'subscription_id IS NOT NULL' })
@Check('coupon_redemption_purchase_check', `(checkout_id IS NULL) <> (subscription_id IS NULL)`)
@Index('coupon_redemption_live_idx', ['couponId', 'userId'], { where: 'released_at IS NULL' })
@Index('coupon_redemption_live_organization_idx', ['couponId', 'buyerOrganizationId'], { where: 'released_at IS NULL AND buyer_organization_id IS NOT NULL' })
@Check('coupon_redemption_discount_check', `discount >= 0`)
export class CouponRedemption {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'coupon_id', type: 'uuid' })
  couponId: string;

  @ManyToOne(() => Coupon)
  @JoinColumn({ name: 'coupon_id', foreignKeyConstraintName: 'coupon_redemption_coupon_id_fkey' })
  coupon?: Relation<Coupon>;

  @Column({ name: 'checkout_id', type: 'uuid', nullable: true })
  checkoutId: string | null;

  @ManyToOne(() => Checkout)
  @JoinColumn({ name: 'checkout_id', foreignKeyConstraintName: 'coupon_redemption_checkout_id_fkey' })
  checkout?: Relation<Checkout>;

  /** The subscription it was given to at `subscribe` (the subscriptions library's; no foreign key across libraries). */
  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The buyer organization of a B2B purchase, whose uses `perUserLimit` counts (docs/RULES.md §19); null for a purchase for oneself. */
  @Column({ name: 'buyer_organization_id', type: 'uuid', nullable: true })
  buyerOrganizationId: string | null;

  @Column({ type: 'text' })
  code: string;

  /** What it took off the checkout; of a subscription, off its first delivery. */
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  discount: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;
}
