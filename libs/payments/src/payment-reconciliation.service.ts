import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClockService, DureConfig, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { AttemptOperation, AttemptOutcome, type PaymentAttempt } from './payment-attempt.entity.js';
import { PaymentAttemptLog } from './payment-attempt-log.js';
import { PaymentBooks } from './payment-books.js';
import { readProviderAnswer, unbookedRefunds } from './payment-reconciliation.js';
import { Payment } from './payment.entity.js';
import { PAYMENT_PROVIDER, unlessNotFound, type PaymentProvider, type ProviderPayment } from './provider/payment-provider.js';

export const RECONCILE_JOB = 'payments.reconcile';
const SWEEP_JOB = 'payments.reconcile-sweep';
const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 100;

/**
 * Settles what we do not know: provider calls whose outcome was never recorded (a crash or time-out
 * between the call and the commit) and changes the provider reports by webhook. The provider's own
 * record is the truth; we ask it by payment key and book the difference through PaymentBooks, so a
 * repeated webhook or sweep changes nothing.
 */
@Injectable()
export class PaymentReconciliationService {
  private readonly logger = new Logger(PaymentReconciliationService.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly books: PaymentBooks,
    private readonly attempts: PaymentAttemptLog,
    private readonly jobs: JobQueueService,
    private readonly config: DureConfig,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {
    jobs.register(RECONCILE_JOB, async (ctx, { paymentId }) => {
      await this.reconcile(ctx, paymentId as string);
    });
    jobs.registerRecurring(SWEEP_JOB, SWEEP_EVERY_MS, (ctx) => this.sweep(ctx));
  }

  /**
   * Queues a reconciliation of the payment with this order id when the event can concern it; answers
   * whether it could. Webhooks are unsigned, so nothing they say is believed until the provider confirms
   * it, and a post naming a key that cannot matter costs no provider call: a payment with a recorded key
   * changes only under that key (cancels), and one without has been captured only if a confirm of ours
   * with that key is still without an outcome (Toss approves a payment only when we confirm it, and every
   * confirm is logged before it is sent). A payment has at most one reconciliation waiting, which looks at
   * every such key.
   */
  async requestReconciliation(ctx: RequestContext, orderId: string, paymentKey: string): Promise<boolean> {
    const payment = await this.connection.getRepository(ctx, Payment).findOneBy({ orderId });
    if (!payment) return false;
    // A billing-key charge in doubt has no key of ours yet: the provider's own key for the order is the one.
    const relevant = payment.paymentKey
      ? payment.paymentKey === paymentKey
      : (await this.attempts.unsettledOf(ctx, payment.id)).some(
          (attempt) => attempt.paymentKey === paymentKey || attempt.operation === AttemptOperation.CHARGE,
        );
    if (relevant) await this.enqueueReconciliation(ctx, payment.id);
    return relevant;
  }

  private enqueueReconciliation(ctx: RequestContext, paymentId: string): Promise<void> {
    return this.jobs.enqueue(ctx, RECONCILE_JOB, { paymentId }, { singletonKey: `${RECONCILE_JOB}:${paymentId}` });
  }

  /** Runs in the caller's transaction with the payment locked; the provider is asked about each key involved. */
  async reconcile(ctx: RequestContext, paymentId: string): Promise<Payment> {
    let payment = await this.books.lock(ctx, paymentId);
    const unsettled = await this.attempts.unsettledOf(ctx, paymentId);
    const keys = new Set([payment.paymentKey, ...unsettled.map((attempt) => attempt.paymentKey)].filter((key): key is string => !!key));
    // Billing-key charges learn their payment key from the answer: one lost is asked for by our order id.
    const charges = unsettled.filter((attempt) => attempt.paymentKey === null);
    const charged = charges.length ? await unlessNotFound(this.provider.getByOrderId(payment.orderId)) : null;
    if (charges.length && !charged) await this.attempts.settle(ctx, ids(charges), AttemptOutcome.NOT_FOUND);
    if (charged) keys.add(charged.paymentKey);
    for (const paymentKey of keys) {
      const ofKey = unsettled.filter((attempt) => (attempt.paymentKey ?? charged?.paymentKey) === paymentKey);
      const view = charged?.paymentKey === paymentKey ? charged : await this.providerView(paymentKey);
      const answer = readProviderAnswer(payment, paymentKey, view);
      if (answer.kind === 'notFound') {
        if (answer.otherOrder) this.logger.warn({ paymentId, paymentKey }, 'provider reports this payment key for another order');
        await this.attempts.settle(ctx, ids(ofKey), AttemptOutcome.NOT_FOUND);
        continue;
      }
      if (answer.kind === 'declined') {
        await this.attempts.settle(ctx, ids(ofKey), AttemptOutcome.DECLINED);
        continue;
      }
      if (answer.kind === 'differentAmount') {
        this.logger.error(
          { paymentId, paymentKey, captured: answer.view.totalAmount, expected: payment.amount },
          'provider captured a different amount; left for an operator',
        );
        continue;
      }
      if (answer.recordCapture)
        payment = await this.books.recordCapture(ctx, payment, {
          paymentKey,
          approvedAt: answer.view.approvedAt ?? this.clock.now(),
          method: answer.view.method,
        });
      if (answer.recordRefunds) {
        const cancels = ofKey.filter((attempt) => attempt.operation === AttemptOperation.CANCEL);
        for (const refund of unbookedRefunds(payment, answer.view, cancels)) payment = await this.books.recordRefund(ctx, payment, refund);
      }
      await this.attempts.settle(ctx, ids(ofKey), AttemptOutcome.SUCCEEDED);
    }
    return payment;
  }

  /** The provider's record, or null when it has none; an unreachable provider fails the job so it is retried. */
  private providerView(paymentKey: string): Promise<ProviderPayment | null> {
    return unlessNotFound(this.provider.get(paymentKey));
  }

  /** Queues a reconciliation for every payment whose provider call has had no recorded outcome for a while. */
  private async sweep(ctx: RequestContext): Promise<void> {
    // Longer than a provider call with its retries can take, so a call still in flight is left alone.
    const startedBefore = new Date(this.clock.now().getTime() - 4 * this.config.paymentProviderTimeoutMs - 60_000);
    for (const paymentId of await this.attempts.paymentsWithUnsettledAttempts(ctx, startedBefore, SWEEP_BATCH)) {
      await this.enqueueReconciliation(ctx, paymentId);
    }
  }
}

function ids(attempts: PaymentAttempt[]): string[] {
  return attempts.map((attempt) => attempt.id);
}
