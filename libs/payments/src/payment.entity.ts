import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';

export enum PaymentStatus {
  READY = 'READY',
  PAID = 'PAID',
  /** Abandoned: what it was for lapsed (hold expired, invoice voided) before it was paid. */
  FAILED = 'FAILED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });

/** What a payment pays for; the library that owns the purpose registers a handler for it. */
export enum PaymentPurpose {
  DUES_INVOICE = 'DUES_INVOICE',
  RESERVATION = 'RESERVATION',
  ORDER = 'ORDER',
  SUBSCRIPTION = 'SUBSCRIPTION',
  /** One payment for a checkout's orders of several agencies (docs/RULES.md §16). */
  CHECKOUT = 'CHECKOUT',
}

/** Our own order id: 6–64 URL-safe characters, as Toss Payments requires. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * One amount a buyer is asked to pay for one purpose. The amount is fixed when the payment is created
 * and is the only amount ever sent to the provider.
 */
@ObjectType('Payment')
@Entity('payment')
@Index('payment_order_id_uq', ['orderId'], { unique: true })
@Index('payment_payment_key_uq', ['paymentKey'], { unique: true })
@Index('payment_reference_idx', ['purpose', 'referenceId'])
@Check('payment_order_id_check', `order_id ~ '^[A-Za-z0-9_-]{6,64}$'`)
@Check('payment_purpose_check', `purpose IN ('DUES_INVOICE', 'RESERVATION', 'ORDER', 'SUBSCRIPTION', 'CHECKOUT')`)
@Check('payment_status_check', `status IN ('READY', 'PAID', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED')`)
@Check('payment_amount_check', `amount > 0 AND refunded_amount >= 0 AND refunded_amount <= amount`)
@Check('payment_captured_check', `status IN ('READY', 'FAILED') OR (payment_key IS NOT NULL AND approved_at IS NOT NULL)`)
export class Payment {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field()
  @Column({ name: 'order_id', type: 'text' })
  orderId: string;

  @Column({ name: 'order_name', type: 'text' })
  orderName: string;

  @Column({ type: 'text' })
  purpose: PaymentPurpose;

  @Column({ name: 'reference_id', type: 'uuid' })
  referenceId: string;

  @Field()
  @Column({ type: 'text' })
  provider: string;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  @Field(() => MoneyScalar)
  @Column({ name: 'refunded_amount', type: 'bigint', transformer: BIGINT_WON })
  refundedAmount: number;

  @Field(() => PaymentStatus)
  @Column({ type: 'text' })
  status: PaymentStatus;

  /** The provider's id of the captured payment; set when it is paid. */
  @Column({ name: 'payment_key', type: 'text', nullable: true })
  paymentKey: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** What a client needs to open the provider's payment window. */
@ObjectType('PaymentRequest')
export class PaymentRequest {
  @Field()
  orderId: string;

  @Field()
  orderName: string;

  @Field(() => MoneyScalar)
  amount: number;
}
