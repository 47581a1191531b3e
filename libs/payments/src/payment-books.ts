import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { AccountKind, JournalEntryKind, LedgerService, account, type LedgerLine } from '../../ledger/src/index.js';
import { AttemptOutcome } from './payment-attempt.entity.js';
import { PaymentAttemptLog } from './payment-attempt-log.js';
import type { CaptureRecord } from './payment-method.js';
import type { CaptureHandler, PaymentAllocation, PaymentPurposeHandler, RefundHandler } from './payment-purpose.js';
import { PaymentRefund } from './payment-refund.entity.js';
import { PaymentTransitions, statusAfterRefund } from './payment-transitions.js';
import { Payment, PaymentStatus, type PaymentPurpose } from './payment.entity.js';

export const REFUND_UNCLAIMED_JOB = 'payments.refund-unclaimed';

export interface RefundRecord {
  refundKey: string;
  amount: number;
  reason: string;
  requestedByUs: boolean;
  /** The purpose never took the money (see PaymentPurposeHandler.onPaid): only the settlement is booked. */
  unclaimed?: boolean;
}

/**
 * Records what the provider did — captures and refunds — on a payment locked by the caller: the status
 * transition, the purpose's own change and the ledger entries, all in the caller's transaction. The
 * client's confirm, webhooks and reconciliation all record through here, so each event is booked once
 * and the same way.
 */
@Injectable()
export class PaymentBooks {
  private readonly purposes = new Map<PaymentPurpose, PaymentPurposeHandler>();

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly ledger: LedgerService,
    private readonly clock: ClockService,
    private readonly jobs: JobQueueService,
    private readonly transitions: PaymentTransitions,
    private readonly attempts: PaymentAttemptLog,
  ) {}

  registerPurpose(purpose: PaymentPurpose, handler: PaymentPurposeHandler): void {
    if (this.purposes.has(purpose)) throw new Error(`Payment purpose ${purpose} registered twice`);
    this.purposes.set(purpose, handler);
  }

  /** The payment, locked until the caller's transaction ends (concurrent confirms and refunds queue here). */
  lock(ctx: RequestContext, paymentId: string): Promise<Payment> {
    return this.transitions.lock(ctx, paymentId);
  }

  /** `onPaid` replaces the registered handler's for this capture (see CaptureHandler). */
  async recordCapture(ctx: RequestContext, payment: Payment, capture: CaptureRecord, onPaid?: CaptureHandler): Promise<Payment> {
    const { paymentKey, approvedAt, method, attemptIds = [] } = capture;
    await this.transitions.apply(
      ctx,
      payment,
      PaymentStatus.PAID,
      (row) => Object.assign(row, { paymentKey, approvedAt, method }),
      attemptIds.length ? this.attempts.settling(attemptIds, AttemptOutcome.SUCCEEDED) : undefined,
    );
    const allocation = onPaid ? await onPaid(ctx, payment) : await this.handlerFor(payment).onPaid(ctx, payment);
    await this.ledger.post(ctx, {
      kind: allocation?.entryKind ?? JournalEntryKind.PAYMENT_CAPTURED,
      reference: { type: 'payment', id: payment.id },
      idempotencyKey: `payment:${payment.id}:captured`,
      lines: [{ account: account(AccountKind.PROVIDER_CLEARING), amount: payment.amount }, ...credits(allocation, payment.amount)],
    });
    if (!allocation) await this.jobs.enqueue(ctx, REFUND_UNCLAIMED_JOB, { paymentId: payment.id }, { singletonKey: `${REFUND_UNCLAIMED_JOB}:${payment.id}` });
    return payment;
  }

  /** `onRefunded` replaces the registered handler's for this refund (see RefundHandler). */
  async recordRefund(ctx: RequestContext, payment: Payment, refund: RefundRecord, onRefunded?: RefundHandler): Promise<Payment> {
    const refundedAmount = payment.refundedAmount + refund.amount;
    await this.transitions.apply(ctx, payment, statusAfterRefund(payment.amount, refundedAmount), (row) => (row.refundedAmount = refundedAmount));
    const row = await this.connection.getRepository(ctx, PaymentRefund).save({
      id: randomUUID(),
      paymentId: payment.id,
      refundKey: refund.refundKey,
      amount: refund.amount,
      reason: refund.reason,
      requestedByUs: refund.requestedByUs,
      createdAt: this.clock.now(),
    });
    const reference = { type: 'payment', id: payment.id };
    const owedToBuyer = account(AccountKind.REFUNDS);
    if (!refund.unclaimed) {
      const debits = onRefunded ? await onRefunded(ctx, payment, refund.amount) : await this.handlerFor(payment).onRefunded(ctx, payment, refund.amount);
      await this.ledger.post(ctx, {
        kind: JournalEntryKind.REFUND,
        reference,
        idempotencyKey: `refund:${row.id}`,
        lines: [...debits.map((line): LedgerLine => ({ account: line.account, amount: line.amount })), { account: owedToBuyer, amount: -refund.amount }],
      });
    }
    await this.ledger.post(ctx, {
      kind: JournalEntryKind.REFUND_SETTLED,
      reference,
      idempotencyKey: `refund:${row.id}:settled`,
      lines: [
        { account: owedToBuyer, amount: refund.amount },
        { account: account(AccountKind.PROVIDER_CLEARING), amount: -refund.amount },
      ],
    });
    return payment;
  }

  findRefund(ctx: RequestContext, paymentId: string, refundKey: string): Promise<PaymentRefund | null> {
    return this.connection.getRepository(ctx, PaymentRefund).findOneBy({ paymentId, refundKey });
  }

  private handlerFor(payment: Payment): PaymentPurposeHandler {
    const handler = this.purposes.get(payment.purpose);
    if (!handler) throw new Error(`No handler registered for payment purpose ${payment.purpose}`);
    return handler;
  }
}

/** Credit lines of a capture; money nobody claimed is owed back to the buyer until it is refunded. */
function credits(allocation: PaymentAllocation | null, amount: number): LedgerLine[] {
  const lines = allocation?.credits ?? [{ account: account(AccountKind.REFUNDS), amount }];
  return lines.map((line) => ({ account: line.account, amount: -line.amount }));
}
