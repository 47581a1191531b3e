import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { DateScalar, MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { SubscriptionInterval, Weekday } from '../../catalog/src/index.js';
import { B2BPurchase } from '../../membership/src/index.js';
import type { ShippingAddress } from '../../commerce/src/index.js';
import type { ShipPlan } from './delivery-schedule.js';

/**
 * A `date[]` column as YYYY-MM-DD strings: node-postgres parses the elements of a date array into Date objects at
 * local midnight (TypeORM turns only a single `date` into its string), so read them back by their local fields.
 */
const DATE_ARRAY: ValueTransformer = {
  to: (dates: string[]) => dates,
  from: (dates: Array<Date | string>) =>
    dates.map((date) =>
      typeof date === 'string' ? date : `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`,
    ),
};

/** docs/RULES.md §20's table (subscription-transitions.ts). */
export enum SubscriptionStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  PAST_DUE = 'PAST_DUE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SubscriptionStatus, {
  name: 'SubscriptionStatus',
  description: 'RULES §20 transition table.',
  valuesMap: {
    ACTIVE: { description: 'Charged at each cutoff.' },
    PAUSED: { description: 'Deliveries before `resumeOn` are skipped; ACTIVE again at 00:00 KST on `resumeOn` or on `resumeSubscription`.' },
    PAST_DUE: { description: "A delivery's charge failed; retries are scheduled (dunning)." },
    CANCELLED: { description: 'Ended; never charged again (`endReason` says why).' },
  },
});

/** The statuses that hold a place under the plan's `subscriberLimit` (docs/RULES.md §20). */
export const LIVE_SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [SubscriptionStatus.ACTIVE, SubscriptionStatus.PAUSED, SubscriptionStatus.PAST_DUE];

export enum SubscriptionEndReason {
  BUYER_CANCELLED = 'BUYER_CANCELLED',
  AGENCY_CANCELLED = 'AGENCY_CANCELLED',
  OPERATOR_CANCELLED = 'OPERATOR_CANCELLED',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  PRICE_CHANGE_NOT_ACCEPTED = 'PRICE_CHANGE_NOT_ACCEPTED',
  LISTING_ENDED = 'LISTING_ENDED',
}
registerEnumType(SubscriptionEndReason, {
  name: 'SubscriptionEndReason',
  description: 'Why a subscription was cancelled.',
  valuesMap: {
    BUYER_CANCELLED: { description: 'The buyer cancelled it (cancelSubscription).' },
    AGENCY_CANCELLED: { description: "The agency's OWNER or MANAGER cancelled it." },
    OPERATOR_CANCELLED: { description: 'An operator cancelled it.' },
    PAYMENT_FAILED: { description: 'Every retry failed.' },
    PRICE_CHANGE_NOT_ACCEPTED: { description: 'A price increase was not accepted before it took effect.' },
    LISTING_ENDED: { description: 'The listing was archived or the agency withdrew.' },
  },
});

/** A price increase waiting for consent (docs/RULES.md §20, 정기결제 증액 동의); kept on the subscription's row. */
@ObjectType({ description: "A price increase waiting for the subscriber's explicit consent (정기결제 증액 동의, 30 days ahead)." })
export class SubscriptionPriceChange {
  @Field(() => MoneyScalar, { description: 'The price per box until the change.' })
  oldUnitPrice: number;

  @Field(() => MoneyScalar, { description: 'The price per box from `effectiveShipDate`, if accepted.' })
  newUnitPrice: number;

  @Field({ description: 'When the buyer was told of the increase; the 30 days count from here.' })
  noticeSentAt: Date;

  @Field(() => DateScalar, { description: 'The first delivery charged at the new price.' })
  effectiveShipDate: string;

  @Field({ description: "That delivery's cutoff: not accepted by then → the subscription ends (PRICE_CHANGE_NOT_ACCEPTED)." })
  respondBy: Date;

  @Field(() => Date, { nullable: true, description: 'When the buyer accepted it; null until then (silence is not consent).' })
  acceptedAt: Date | null;
}

/**
 * A subscription to a SUBSCRIPTION listing (docs/RULES.md §20). The plan (price, interval and anchor, cutoff,
 * shipping fee, minimum cycles) is copied at subscribe: later edits of the listing reach it only as a price
 * change. The status moves only through SubscriptionTransitions (subscription-transitions.ts).
 */
@ObjectType('BoxSubscription', {
  description: 'A subscription to a SUBSCRIPTION listing: one delivery per interval, each charged with the billing key and shipped as an Order.',
})
@Entity('box_subscription')
@Index('box_subscription_number_uq', ['number'], { unique: true })
@Index('box_subscription_buyer_idx', ['buyerId', 'createdAt', 'id'])
@Index('box_subscription_partner_agency_idx', ['partnerAgencyId', 'createdAt', 'id'])
@Index('box_subscription_listing_idx', ['listingId', 'status'])
@Index('box_subscription_buyer_organization_idx', ['b2b.buyerOrganizationId', 'createdAt', 'id'], { where: 'buyer_organization_id IS NOT NULL' })
@Check('box_subscription_status_check', `status IN ('ACTIVE', 'PAUSED', 'PAST_DUE', 'CANCELLED')`)
@Check('box_subscription_quantity_check', `quantity BETWEEN 1 AND 99`)
@Check('box_subscription_amount_check', `unit_price > 0 AND shipping_fee >= 0`)
@Check('box_subscription_plan_check', `cutoff_days BETWEEN 1 AND 14 AND minimum_cycles >= 1 AND (ship_weekday IS NULL) <> (ship_day_of_month IS NULL)`)
@Check('box_subscription_paused_check', `(status = 'PAUSED') = (resume_on IS NOT NULL)`)
@Check('box_subscription_past_due_check', `(status = 'PAST_DUE') = (past_due_since IS NOT NULL)`)
@Check('box_subscription_cancelled_check', `(status = 'CANCELLED') = (cancelled_at IS NOT NULL) AND (status = 'CANCELLED') = (end_reason IS NOT NULL)`)
export class BoxSubscription {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field({ description: 'S + KST date + 6 characters.' })
  @Column({ type: 'text' })
  number: string;

  @Field(() => SubscriptionStatus, { description: 'Where it is in RULES §20’s table.' })
  @Column({ type: 'text' })
  status: SubscriptionStatus;

  /** The catalog's listing (no foreign key across libraries). */
  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  /** The listing's title at subscribe: each delivery's order line carries it. */
  @Column({ type: 'text' })
  title: string;

  /** Whether the listing was VAT-exempt at subscribe. */
  @Column({ name: 'tax_free', type: 'boolean' })
  taxFree: boolean;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId: string;

  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Field(() => Int, { description: 'Boxes per delivery, 1 to 99.' })
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => MoneyScalar, { description: 'Price per box agreed at subscribe (or at an accepted price change).' })
  @Column({ name: 'unit_price', type: 'bigint', transformer: BIGINT_WON })
  unitPrice: number;

  @Field(() => MoneyScalar, { description: 'Shipping per delivery, fixed at subscribe like unitPrice (a plan change is a price change, RULES §20).' })
  @Column({ name: 'shipping_fee', type: 'bigint', transformer: BIGINT_WON })
  shippingFee: number;

  @Field(() => SubscriptionInterval, { description: 'How often a box ships, copied from the plan at subscribe.' })
  @Column({ type: 'text' })
  interval: SubscriptionInterval;

  /** The plan's anchor at subscribe: a weekday for WEEKLY and BIWEEKLY, a day of month (1–28) for MONTHLY. */
  @Column({ name: 'ship_weekday', type: 'text', nullable: true })
  shipWeekday: Weekday | null;

  @Column({ name: 'ship_day_of_month', type: 'integer', nullable: true })
  shipDayOfMonth: number | null;

  @Column({ name: 'cutoff_days', type: 'integer' })
  cutoffDays: number;

  @Field(() => Int, { description: 'Paid deliveries the buyer committed to before cancelling (RULES §20), copied at subscribe.' })
  @Column({ name: 'minimum_cycles', type: 'integer' })
  minimumCycles: number;

  /** The first delivery, charged at subscribe; BIWEEKLY ship dates count from it. */
  @Column({ name: 'first_ship_date', type: 'date' })
  firstShipDate: string;

  /** The last delivery that reached its cutoff (or was charged at subscribe): later ones are open. */
  @Column({ name: 'last_ship_date', type: 'date' })
  lastShipDate: string;

  /** Read through the resolver, which masks it for the agency once the retention is over (docs/RULES.md §25). */
  @Column({ name: 'shipping_address', type: 'jsonb' })
  shippingAddress: ShippingAddress;

  /** The payments library's method (no foreign key across libraries); read through the resolver (§25: its owner and operators). */
  @Column({ name: 'billing_method_id', type: 'uuid' })
  billingMethodId: string;

  @Field(() => Int, { description: 'Deliveries charged so far.' })
  @Column({ name: 'paid_cycles', type: 'integer' })
  paidCycles: number;

  @Field(() => Int, { description: 'Declined attempts of the delivery now PAST_DUE (0 otherwise).' })
  @Column({ name: 'failed_attempts', type: 'integer' })
  failedAttempts: number;

  @Field(() => Date, { nullable: true, description: 'When the unpaid delivery was first declined; retries count from it (+1, +3, +7 days).' })
  @Column({ name: 'past_due_since', type: 'timestamptz', nullable: true })
  pastDueSince: Date | null;

  @Field(() => Date, { nullable: true, description: 'While PAST_DUE: when the charge is tried again.' })
  @Column({ name: 'next_retry_at', type: 'timestamptz', nullable: true })
  nextRetryAt: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'While PAUSED: the day it becomes ACTIVE again (00:00 KST).' })
  @Column({ name: 'resume_on', type: 'date', nullable: true })
  resumeOn: string | null;

  /** Ship dates the buyer skipped (setSubscriptionDeliverySkipped), open ones and past ones alike. */
  @Column({ name: 'skipped_ship_dates', type: 'date', array: true, transformer: DATE_ARRAY })
  skippedShipDates: string[];

  @Field(() => SubscriptionPriceChange, { nullable: true, description: 'A price increase waiting for the buyer’s consent; null when none is pending.' })
  @Column({ name: 'pending_price_change', type: 'jsonb', nullable: true })
  pendingPriceChange: SubscriptionPriceChange | null;

  /** docs/RULES.md §21: the market creator credited at subscribe and the listing's rate then; null without attribution. */
  @Column({ name: 'market_creator_id', type: 'uuid', nullable: true })
  marketCreatorId: string | null;

  @Column({ name: 'referral_link_id', type: 'uuid', nullable: true })
  referralLinkId: string | null;

  @Column({ name: 'commission_rate_bps', type: 'integer', nullable: true })
  commissionRateBps: number | null;

  /** docs/RULES.md §19: the coupon applied at subscribe, discounting its first `subscriptionCycles` paid deliveries. */
  @Column({ name: 'coupon_id', type: 'uuid', nullable: true })
  couponId: string | null;

  /** Who it is bought for (docs/RULES.md §23); all null for a personal subscription. */
  @Column(() => B2BPurchase, { prefix: false })
  b2b: B2BPurchase;

  @Field({ description: 'When it was subscribed (and its first delivery charged).' })
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled; null while live.' })
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Field(() => SubscriptionEndReason, { nullable: true, description: 'Why it was cancelled; null while live.' })
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: SubscriptionEndReason | null;

  /** The reason given with `cancelSubscription`, if any. */
  @Column({ name: 'cancellation_note', type: 'text', nullable: true })
  cancellationNote: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The plan a subscription was made on, as DeliverySchedule reads it. */
export function shipPlanOf(subscription: BoxSubscription): ShipPlan {
  const { interval, shipWeekday, shipDayOfMonth, cutoffDays } = subscription;
  return { interval, shipWeekday, shipDayOfMonth, cutoffDays };
}
