import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { PaymentMethodKind } from './payment-method.js';

export enum PaymentStatus {
  READY = 'READY',
  PAID = 'PAID',
  /** Abandoned: what it was for lapsed (hold expired, invoice voided) before it was paid. */
  FAILED = 'FAILED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a payment is: READY → PAID → PARTIALLY_REFUNDED → REFUNDED, or READY → FAILED.',
  valuesMap: {
    READY: { description: 'Waiting for the buyer to pay; a declined attempt leaves it READY to try again.' },
    PAID: { description: 'Captured by the provider.' },
    FAILED: { description: 'Abandoned: what it paid for lapsed (hold expired, invoice voided) before it was paid.' },
    PARTIALLY_REFUNDED: { description: 'Part of the amount was refunded; `refundedAmount` says how much.' },
    REFUNDED: { description: 'The whole amount was refunded.' },
  },
});

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
@ObjectType('Payment', { description: 'One amount a buyer pays for one thing (a reservation, a dues invoice), seen by whoever sees that thing.' })
@Entity('payment')
@Index('payment_order_id_uq', ['orderId'], { unique: true })
@Index('payment_payment_key_uq', ['paymentKey'], { unique: true })
@Index('payment_reference_idx', ['purpose', 'referenceId'])
@Check('payment_order_id_check', `order_id ~ '^[A-Za-z0-9_-]{6,64}$'`)
@Check('payment_purpose_check', `purpose IN ('DUES_INVOICE', 'RESERVATION', 'ORDER', 'SUBSCRIPTION', 'CHECKOUT')`)
@Check('payment_status_check', `status IN ('READY', 'PAID', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED')`)
@Check('payment_method_check', `method IN ('CARD', 'TRANSFER', 'VIRTUAL_ACCOUNT', 'EASY_PAY', 'OTHER')`)
@Check('payment_amount_check', `amount > 0 AND refunded_amount >= 0 AND refunded_amount <= amount`)
@Check('payment_captured_check', `status IN ('READY', 'FAILED') OR (payment_key IS NOT NULL AND approved_at IS NOT NULL)`)
export class Payment {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field({ description: 'Our order id at the provider: 6–64 URL-safe characters, unique.' })
  @Column({ name: 'order_id', type: 'text' })
  orderId: string;

  @Column({ name: 'order_name', type: 'text' })
  orderName: string;

  @Column({ type: 'text' })
  purpose: PaymentPurpose;

  @Column({ name: 'reference_id', type: 'uuid' })
  referenceId: string;

  @Field({ description: 'The payment provider: `toss`, or `simulated` on servers without one.' })
  @Column({ type: 'text' })
  provider: string;

  @Field(() => MoneyScalar, { description: 'Won to pay, fixed when the payment is created; the only amount sent to the provider.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  @Field(() => MoneyScalar, { description: 'Won refunded so far, never more than `amount`.' })
  @Column({ name: 'refunded_amount', type: 'bigint', transformer: BIGINT_WON })
  refundedAmount: number;

  @Field(() => PaymentStatus, { description: 'Ready, paid, refunded or failed.' })
  @Column({ type: 'text' })
  status: PaymentStatus;

  /** The provider's id of the captured payment; set when it is paid. */
  @Column({ name: 'payment_key', type: 'text', nullable: true })
  paymentKey: string | null;

  @Field(() => Date, { nullable: true, description: 'When the provider approved it; null until paid.' })
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** docs/RULES.md §23: whether a card slip was issued decides the tax invoice. */
  @Field(() => PaymentMethodKind, {
    nullable: true,
    description: 'How it was paid, as the provider reports it; null until the provider has approved the payment.',
  })
  @Column({ type: 'text', nullable: true })
  method: PaymentMethodKind | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** What a client needs to open the provider's payment window. */
@ObjectType('PaymentRequest', {
  description: "What the client passes to the provider's payment window; then it calls the matching pay… mutation with the paymentKey.",
})
export class PaymentRequest {
  @Field({ description: "Our order id, to pass as the provider's `orderId`." })
  orderId: string;

  @Field({ description: 'What is bought, as shown in the payment window.' })
  orderName: string;

  @Field(() => MoneyScalar, { description: 'Won to charge; the server confirms this stored amount, never one the client sends.' })
  amount: number;
}
