import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { B2BPurchase } from '../../membership/src/index.js';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { Checkout } from './checkout.entity.js';
import { DispatchDelayReason } from './dispatch-delay.js';
import { PricedRecord } from './priced-record.js';
import { ShippingAddress } from './shipping-address.js';

export enum OrderStatus {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  PAID = 'PAID',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  RETURNED = 'RETURNED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description:
    'Where an order is (docs/RULES.md §16–§18): payment or expiry, then shipping, delivery and confirmation (구매확정) by the buyer or automatically; CANCELLED when every unit is cancelled before shipment.',
  valuesMap: {
    PENDING_PAYMENT: { description: 'Created by a checkout that is not paid yet; hidden from the agency.' },
    PAID: { description: 'Paid; waiting for shipment (발송 대기).' },
    SHIPPED: { description: 'Every remaining line is in a shipment.' },
    DELIVERED: { description: 'Every shipment is delivered (tracked, marked, or assumed).' },
    CONFIRMED: { description: "구매확정: by the buyer or automatically. Final; enters the agency's settlement." },
    CANCELLED: { description: 'Every unit cancelled before shipment.' },
    RETURNED: { description: 'Every unit returned and refunded.' },
    EXPIRED: { description: 'Its checkout was never paid.' },
  },
});

/**
 * One partner agency's part of a checkout (docs/RULES.md §16): the unit of shipping, deadlines and settlement.
 * The status moves only through OrderTransitions (commerce-transitions.ts).
 */
@ObjectType('Order', { description: "One partner agency's part of a checkout. The unit of shipping, deadlines, strikes and settlement." })
@Entity('commerce_order')
@Index('commerce_order_buyer_organization_idx', ['b2b.buyerOrganizationId', 'createdAt', 'id'], { where: 'buyer_organization_id IS NOT NULL' })
@Index('commerce_order_number_uq', ['number'], { unique: true })
@Index('commerce_order_checkout_idx', ['checkoutId'])
@Index('commerce_order_payment_idx', ['paymentId'], { where: 'payment_id IS NOT NULL' })
@Index('commerce_order_buyer_idx', ['buyerId', 'createdAt', 'id'])
@Index('commerce_order_partner_agency_idx', ['partnerAgencyId', 'createdAt', 'id'])
@Check('commerce_order_status_check', `status IN ('PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CONFIRMED', 'CANCELLED', 'RETURNED', 'EXPIRED')`)
@Check(
  'commerce_order_amount_check',
  `total = items_total - item_discount + shipping_fee - shipping_discount AND total >= 0 AND refunded_amount BETWEEN 0 AND total`,
)
@Check('commerce_order_platform_shipping_discount_check', `platform_shipping_discount BETWEEN 0 AND shipping_discount`)
@Check('commerce_order_fee_rate_check', `platform_fee_rate_bps BETWEEN 0 AND 10000`)
@Check(
  'commerce_order_paid_check',
  `status IN ('PENDING_PAYMENT', 'EXPIRED') OR (paid_at IS NOT NULL AND platform_fee_rate_bps IS NOT NULL AND dispatch_deadline IS NOT NULL)`,
)
@Check(
  'commerce_order_dispatch_delay_check',
  `(dispatch_delayed_at IS NULL) = (dispatch_delay_previous_deadline IS NULL) AND (dispatch_delayed_at IS NULL) = (dispatch_delay_reason IS NULL)`,
)
@Check('commerce_order_source_check', `(checkout_id IS NULL) <> (payment_id IS NULL)`)
@Check('commerce_order_confirmed_check', `(status = 'CONFIRMED') = (confirmed_at IS NOT NULL)`)
@Check('commerce_order_ended_check', `(status IN ('CONFIRMED', 'CANCELLED', 'RETURNED')) = (ended_at IS NOT NULL)`)
export class Order extends PricedRecord {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field({ description: 'O + KST date + 6 characters.' })
  @Column({ type: 'text' })
  number: string;

  @Field(() => OrderStatus, { description: 'Where it is; a passed hold already reads EXPIRED.' })
  @Column({ type: 'text' })
  status: OrderStatus;

  /** The checkout it is part of; null for a subscription delivery, which is paid on its own (`paymentId`). */
  @Column({ name: 'checkout_id', type: 'uuid', nullable: true })
  checkoutId: string | null;

  /** Its own payment, for an order paid without a checkout (a subscription delivery's charge, docs/RULES.md §20); null otherwise. */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  /** The part of shippingDiscount the platform funds: the agency is credited it as shipping income (docs/RULES.md §19). */
  @Column({ name: 'platform_shipping_discount', type: 'bigint', transformer: BIGINT_WON })
  platformShippingDiscount: number;

  /**
   * Whether the shipping fee went back with a refund (everything cancelled, or a seller's-fault return of all):
   * the platform's shipping waiver is then given back too and no longer credited to the agency (docs/RULES.md §22).
   */
  @Column({ name: 'shipping_refunded', type: 'boolean', default: false })
  shippingRefunded: boolean;

  @ManyToOne(() => Checkout, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checkout_id', foreignKeyConstraintName: 'commerce_order_checkout_id_fkey' })
  checkout?: Relation<Checkout>;

  /** The buyer in identity. */
  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId: string;

  /** The partner agency in membership (no foreign key across libraries). */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Field(() => MoneyScalar, { description: 'Won actually paid back on this order so far, after any deduction (docs/RULES.md §18).' })
  @Column({ name: 'refunded_amount', type: 'bigint', transformer: BIGINT_WON })
  refundedAmount: number;

  /** Read through OrderResolver.shippingAddress, which masks it for the agency (docs/RULES.md §25). */
  @Column({ name: 'shipping_address', type: 'jsonb' })
  shippingAddress: ShippingAddress;

  /** The checkout's hold, copied so that reads can tell a lapsed PENDING_PAYMENT order without loading its checkout. */
  @Column({ name: 'hold_expires_at', type: 'timestamptz', nullable: true })
  holdExpiresAt: Date | null;

  /** The agency's platform fee rate at payment, kept with the sale (docs/RULES.md §5). */
  @Column({ name: 'platform_fee_rate_bps', type: 'integer', nullable: true })
  platformFeeRateBps: number | null;

  @Field(() => Date, { nullable: true, description: 'End (24:00 KST) of the last day to ship every line; moved by dispatchDelay. Null until paid.' })
  @Column({ name: 'dispatch_deadline', type: 'timestamptz', nullable: true })
  dispatchDeadline: Date | null;

  /** `delayDispatch` (docs/RULES.md §17): when, the deadline it replaced, why; all null until then. */
  @Column({ name: 'dispatch_delayed_at', type: 'timestamptz', nullable: true })
  dispatchDelayedAt: Date | null;

  @Column({ name: 'dispatch_delay_previous_deadline', type: 'timestamptz', nullable: true })
  dispatchDelayPreviousDeadline: Date | null;

  @Column({ name: 'dispatch_delay_reason', type: 'text', nullable: true })
  dispatchDelayReason: DispatchDelayReason | null;

  @Column({ name: 'dispatch_delay_note', type: 'text', nullable: true })
  dispatchDelayNote: string | null;

  @Field(() => Date, { nullable: true, description: 'When its last parcel was delivered (tracked, marked or assumed); null until every parcel is.' })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it confirms itself unless the buyer confirms first or a return is open.' })
  @Column({ name: 'auto_confirm_at', type: 'timestamptz', nullable: true })
  autoConfirmAt: Date | null;

  @Field(() => Date, { nullable: true, description: '구매확정: when the buyer confirmed it or it confirmed itself.' })
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When its checkout was paid; null until then.' })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When units of it were last cancelled (docs/RULES.md §18); null when none were.' })
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The reason given with the last cancellation; null when none was given.' })
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason: string | null;

  /** When it became CONFIRMED, CANCELLED or RETURNED (set by OrderTransitions); the address retention counts from it (docs/RULES.md §25). */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Who it was bought for (docs/RULES.md §23); all null for a personal purchase. */
  @Column(() => B2BPurchase, { prefix: false })
  b2b: B2BPurchase;

  @Field({ description: 'When its checkout created it.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
