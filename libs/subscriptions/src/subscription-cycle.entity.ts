import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { DateScalar, MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { BoxSubscription } from './box-subscription.entity.js';
import { SkipReason } from './delivery-schedule.js';

export enum SubscriptionCycleStatus {
  PAID = 'PAID',
  PAST_DUE = 'PAST_DUE',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(SubscriptionCycleStatus, {
  name: 'SubscriptionCycleStatus',
  description: 'What became of one delivery at its cutoff.',
  valuesMap: {
    PAID: { description: 'Charged at subscribe or at its cutoff, and an Order exists.' },
    PAST_DUE: { description: 'First charge failed; retries pending.' },
    FAILED: { description: 'Retries exhausted; nothing shipped.' },
    SKIPPED: { description: 'Not charged: skipped, paused, held while past due, or the agency unavailable.' },
  },
});

/**
 * One delivery that reached its cutoff (or was charged at subscribe): charged, failed or skipped
 * (docs/RULES.md §20). A PAID cycle has its order; the status moves only through SubscriptionCycleTransitions.
 */
@ObjectType('SubscriptionCycle', { description: 'One delivery that reached its cutoff: charged, failed or skipped.' })
@Entity('subscription_cycle')
@Index('subscription_cycle_ship_date_uq', ['subscriptionId', 'shipDate'], { unique: true })
@Index('subscription_cycle_index_uq', ['subscriptionId', 'index'], { unique: true })
@Index('subscription_cycle_order_uq', ['orderId'], { unique: true, where: 'order_id IS NOT NULL' })
@Check('subscription_cycle_status_check', `status IN ('PAID', 'PAST_DUE', 'FAILED', 'SKIPPED')`)
@Check('subscription_cycle_skip_check', `(status = 'SKIPPED') = (skip_reason IS NOT NULL)`)
@Check('subscription_cycle_paid_check', `(status = 'PAID') = (order_id IS NOT NULL)`)
@Check('subscription_cycle_amount_check', `amount >= 0 AND discount BETWEEN 0 AND amount AND attempts >= 0`)
export class SubscriptionCycle {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => BoxSubscription, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'subscription_cycle_subscription_id_fkey' })
  subscription?: Relation<BoxSubscription>;

  @Field(() => Int, { description: '1-based, counting every cycle that reached its cutoff.' })
  @Column({ type: 'integer' })
  index: number;

  @Field(() => DateScalar, { description: 'The day the box ships (KST).' })
  @Column({ name: 'ship_date', type: 'date' })
  shipDate: string;

  @Field({ description: '00:00 KST cutoffDays before shipDate: when it was charged or skipped (the first delivery: charged at subscribe, before it).' })
  @Column({ name: 'cutoff_at', type: 'timestamptz' })
  cutoffAt: Date;

  @Field(() => SubscriptionCycleStatus, { description: 'Charged, waiting for a retry, failed for good, or skipped.' })
  @Column({ type: 'text' })
  status: SubscriptionCycleStatus;

  @Field(() => SkipReason, { nullable: true, description: 'Why it was not charged; null unless SKIPPED.' })
  @Column({ name: 'skip_reason', type: 'text', nullable: true })
  skipReason: SkipReason | null;

  @Field(() => MoneyScalar, { description: 'What it costs before any coupon: unitPrice × quantity + shippingFee (0 when skipped).' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  @Field(() => MoneyScalar, { description: 'What a coupon took off (docs/RULES.md §19).' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  discount: number;

  /** Boxes charged for, at the cutoff (a later `updateSubscription` belongs to the next delivery). */
  @Column({ type: 'integer' })
  quantity: number;

  /** The price per box charged (the subscription's unitPrice at the cutoff). */
  @Column({ name: 'unit_price', type: 'bigint', transformer: BIGINT_WON })
  unitPrice: number;

  @Field(() => Int, { description: 'Charge attempts so far (1 + retries).' })
  @Column({ type: 'integer' })
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'While PAST_DUE: when it is tried again.' })
  @Column({ name: 'next_retry_at', type: 'timestamptz', nullable: true })
  nextRetryAt: Date | null;

  /**
   * Our order id of the attempt under way or last made (docs/RULES.md §20: a new one per attempt; an attempt
   * in doubt keeps it until reconciled, so two charges are never in doubt at once).
   */
  @Column({ name: 'charge_order_id', type: 'text', nullable: true })
  chargeOrderId: string | null;

  /** The payment of the last attempt (the paid one once PAID). */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  /** The delivery's commerce order once paid (no foreign key across libraries). */
  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
