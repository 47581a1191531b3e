import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { B2BPurchase } from '../../membership/src/index.js';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { PricedRecord } from './priced-record.js';
import { ShippingAddress } from './shipping-address.js';

export enum CheckoutStatus {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  PAID = 'PAID',
  EXPIRED = 'EXPIRED',
}
registerEnumType(CheckoutStatus, {
  name: 'CheckoutStatus',
  description: 'Where a checkout is (docs/RULES.md §16 transition table): PENDING_PAYMENT → PAID, or PENDING_PAYMENT → EXPIRED.',
  valuesMap: {
    PENDING_PAYMENT: { description: 'Created; its stock is held until holdExpiresAt while the buyer pays.' },
    PAID: { description: 'Paid; its orders are PAID at the same instant.' },
    EXPIRED: { description: 'The hold passed unpaid: the stock went back and the payment was abandoned.' },
  },
});

/**
 * One payment for one or more orders, one Order per partner agency (docs/RULES.md §16). Stock is held while
 * it is PENDING_PAYMENT; the status moves only through CheckoutTransitions (commerce-transitions.ts).
 */
@ObjectType('Checkout', { description: 'One payment for one or more orders, one Order per partner agency. Stock is held while it is PENDING_PAYMENT.' })
@Entity('checkout')
@Index('checkout_buyer_organization_idx', ['b2b.buyerOrganizationId', 'createdAt', 'id'], { where: 'buyer_organization_id IS NOT NULL' })
@Index('checkout_number_uq', ['number'], { unique: true })
@Index('checkout_buyer_idx', ['buyerId', 'createdAt', 'id'])
@Check('checkout_status_check', `status IN ('PENDING_PAYMENT', 'PAID', 'EXPIRED')`)
@Check('checkout_hold_check', `status <> 'PENDING_PAYMENT' OR hold_expires_at IS NOT NULL`)
@Check('checkout_amount_check', `total = items_total - item_discount + shipping_fee - shipping_discount AND total >= 0 AND refunded_amount BETWEEN 0 AND total`)
export class Checkout extends PricedRecord {
  @Field(() => ID, { description: 'Stable identifier (UUID); pass it as `PayInput.id` to payCheckout.' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field({ description: 'C + KST date + 6 characters, like reservation numbers (C260313-7KQ2XD).' })
  @Column({ type: 'text' })
  number: string;

  @Field(() => CheckoutStatus, { description: 'Where it is; a passed hold already reads EXPIRED.' })
  @Column({ type: 'text' })
  status: CheckoutStatus;

  /** The buyer in identity. */
  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId: string;

  @Field(() => ShippingAddress, { description: 'Where every order of the checkout ships to, as given.' })
  @Column({ name: 'shipping_address', type: 'jsonb' })
  shippingAddress: ShippingAddress;

  @Field(() => Date, { nullable: true, description: 'Until when the unpaid checkout holds its stock (15 minutes after creation); null once paid.' })
  @Column({ name: 'hold_expires_at', type: 'timestamptz', nullable: true })
  holdExpiresAt: Date | null;

  /** The payment in libs/payments; null when the total is 0. */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  @Field(() => MoneyScalar, { description: 'Σ of every refund made on the payment, across its orders.' })
  @Column({ name: 'refunded_amount', type: 'bigint', transformer: BIGINT_WON })
  refundedAmount: number;

  /** Given to `checkout`, for the market-creator library's attribution at payment (docs/RULES.md §21). */
  @Column({ name: 'attribution_token', type: 'text', nullable: true })
  attributionToken: string | null;

  /** Who it was bought for (docs/RULES.md §23); all null for a personal purchase. */
  @Column(() => B2BPurchase, { prefix: false })
  b2b: B2BPurchase;

  @Field({ description: 'When the buyer checked out.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was paid; null unless PAID.' })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;
}
