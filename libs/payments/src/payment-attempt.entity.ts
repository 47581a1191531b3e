import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT_WON } from '../../ledger/src/index.js';

export enum AttemptOperation {
  CONFIRM = 'CONFIRM',
  CANCEL = 'CANCEL',
  /** A charge with a billing key (docs/RULES.md §20): its payment key is known only from the provider's answer. */
  CHARGE = 'CHARGE',
}

/**
 * PENDING: written (and committed) before the provider is called; still PENDING or UNKNOWN later means
 * we do not know what the provider did, and reconciliation asks it.
 */
export enum AttemptOutcome {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  DECLINED = 'DECLINED',
  UNAVAILABLE = 'UNAVAILABLE',
  UNKNOWN = 'UNKNOWN',
  INVALID_REQUEST = 'INVALID_REQUEST',
  NOT_FOUND = 'NOT_FOUND',
}

export const UNSETTLED_OUTCOMES: readonly AttemptOutcome[] = [AttemptOutcome.PENDING, AttemptOutcome.UNKNOWN];

/**
 * Every call to a provider that moves money, logged outside the request's transaction. No foreign key to
 * the payment: the log is written on its own connection and must never wait for or fail on the request.
 */
@Entity('payment_attempt')
@Index('payment_attempt_payment_idx', ['paymentId'])
@Index('payment_attempt_unsettled_idx', ['startedAt'], { where: `outcome IN ('PENDING', 'UNKNOWN')` })
@Check('payment_attempt_operation_check', `operation IN ('CONFIRM', 'CANCEL', 'CHARGE')`)
@Check('payment_attempt_outcome_check', `outcome IN ('PENDING', 'SUCCEEDED', 'DECLINED', 'UNAVAILABLE', 'UNKNOWN', 'INVALID_REQUEST', 'NOT_FOUND')`)
export class PaymentAttempt {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ type: 'text' })
  operation: AttemptOperation;

  /** For a cancel: the refund key it carries out, so reconciliation can record that refund. */
  @Column({ name: 'refund_key', type: 'text', nullable: true })
  refundKey: string | null;

  @Column({ name: 'refund_reason', type: 'text', nullable: true })
  refundReason: string | null;

  /** Null for a CHARGE: the provider names the payment in its answer; reconciliation asks by our order id. */
  @Column({ name: 'payment_key', type: 'text', nullable: true })
  paymentKey: string | null;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  @Column({ type: 'text' })
  outcome: AttemptOutcome;

  @Column({ name: 'provider_code', type: 'text', nullable: true })
  providerCode: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
