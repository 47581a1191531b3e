import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { Payment } from './payment.entity.js';

/** Money given back on one payment. */
@Entity('payment_refund')
@Index('payment_refund_key_uq', ['paymentId', 'refundKey'], { unique: true })
@Check('payment_refund_amount_check', `amount > 0`)
export class PaymentRefund {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  /** Names the business event (e.g. the cancellation of one reservation), so asking twice refunds once. */
  @Column({ name: 'refund_key', type: 'text' })
  refundKey: string;

  @Column({ type: 'text' })
  reason: string;

  /** False when the provider refunded on its own (found by a webhook or reconciliation). */
  @Column({ name: 'requested_by_us', type: 'boolean' })
  requestedByUs: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id', foreignKeyConstraintName: 'payment_refund_payment_id_fkey' })
  payment?: Relation<Payment>;
}
