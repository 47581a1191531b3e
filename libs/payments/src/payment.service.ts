import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  InvalidStateError,
  JobQueueService,
  PaymentFailedError,
  RequestContext,
  TransactionalConnection,
} from '../../common/src/index.js';
import { AttemptOperation, AttemptOutcome } from './payment-attempt.entity.js';
import { PaymentAttemptLog, type AttemptStart } from './payment-attempt-log.js';
import { PaymentBooks, REFUND_UNCLAIMED_JOB, type RefundRecord } from './payment-books.js';
import type { CaptureHandler, PaymentPurposeHandler, RefundHandler } from './payment-purpose.js';
import { PaymentTransitions } from './payment-transitions.js';
import { refundRefusal } from './refund-bounds.js';
import { Payment, PaymentRequest, PaymentStatus, type PaymentPurpose } from './payment.entity.js';
import { PAYMENT_PROVIDER, PaymentProviderError, type PaymentProvider, type ProviderPayment } from './provider/payment-provider.js';

export interface CreatePaymentInput {
  purpose: PaymentPurpose;
  referenceId: string;
  amount: number;
  /** Shown to the buyer in the provider's payment window (e.g. "두레 회비 STANDARD 2026-11"). */
  orderName: string;
}

export interface RefundInput {
  paymentId: string;
  amount: number;
  reason: string;
  /** Stable for one business event (e.g. `cancel:<reservationId>`): asking again refunds once. */
  refundKey: string;
}

const MAX_PAYMENT_KEY_LENGTH = 200;
/** Toss's code (the simulated provider uses it too) for a payment key confirmed before. */
const ALREADY_PROCESSED = 'ALREADY_PROCESSED_PAYMENT';

/**
 * The one way money moves (docs/RULES.md §9). Other libraries create a payment for what they sell, confirm it
 * with the key the client got from the provider, and refund it; the amount sent is always the stored one.
 * A provider is called while the payment row is locked, so concurrent confirms charge once.
 */
@Injectable()
export class PaymentService {
  private readonly logger = new Logger(PaymentService.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly books: PaymentBooks,
    private readonly transitions: PaymentTransitions,
    private readonly attempts: PaymentAttemptLog,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    jobs: JobQueueService,
  ) {
    jobs.register(REFUND_UNCLAIMED_JOB, (ctx, { paymentId }) => this.refundUnclaimed(ctx, paymentId as string));
  }

  registerPurpose(purpose: PaymentPurpose, handler: PaymentPurposeHandler): void {
    this.books.registerPurpose(purpose, handler);
  }

  async createPayment(ctx: RequestContext, input: CreatePaymentInput): Promise<Payment> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new Error(`A payment needs a positive whole amount, got ${input.amount}`);
    const now = this.clock.now();
    const repo = this.connection.getRepository(ctx, Payment);
    // insert, not save: a new row with its own id needs no look-up first.
    const payment = repo.create({
      id: randomUUID(),
      orderId: newOrderId(),
      orderName: input.orderName.slice(0, 100),
      purpose: input.purpose,
      referenceId: input.referenceId,
      provider: this.provider.name,
      amount: input.amount,
      refundedAmount: 0,
      status: PaymentStatus.READY,
      paymentKey: null,
      approvedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insert(payment);
    return payment;
  }

  /**
   * Captures the payment with the provider, once: a repeat with the same payment key returns the paid
   * payment. A decline or an unreachable provider → PAYMENT_FAILED and the payment stays payable.
   * `onPaid`, from a caller holding the purpose locked, records the capture on it instead of the purpose's handler.
   */
  confirm(ctx: RequestContext, { paymentId, paymentKey }: { paymentId: string; paymentKey: string }, onPaid?: CaptureHandler): Promise<Payment> {
    if (!paymentKey.trim() || paymentKey.length > MAX_PAYMENT_KEY_LENGTH) {
      throw BadUserInputError.field('paymentKey', `must be 1 to ${MAX_PAYMENT_KEY_LENGTH} characters`);
    }
    return this.connection.withTransaction(ctx, async () => {
      const payment = await this.books.lock(ctx, paymentId);
      if (payment.paymentKey === paymentKey) return payment;
      if (payment.paymentKey !== null) throw new InvalidStateError('This payment has already been paid');
      if (payment.status !== PaymentStatus.READY) throw new InvalidStateError('This payment can no longer be paid');
      const idempotencyKey = `confirm-${payment.id}-${digest(paymentKey)}`;
      const { attemptId, result } = await this.call(
        { paymentId, operation: AttemptOperation.CONFIRM, paymentKey, idempotencyKey, amount: payment.amount },
        () => this.confirmWithProvider(payment, paymentKey, idempotencyKey),
      );
      assertSamePayment(payment, result);
      return this.books.recordCapture(
        ctx,
        payment,
        { paymentKey: result.paymentKey, approvedAt: result.approvedAt ?? this.clock.now(), method: result.method, attemptIds: [attemptId] },
        onPaid,
      );
    });
  }

  /**
   * Gives back part or all of a paid payment, never more than remains; a refund key used before refunds
   * nothing. `onRefunded`, from a caller holding the purpose locked, records the refund on it instead of
   * the purpose's handler.
   */
  refund(ctx: RequestContext, input: RefundInput, onRefunded?: RefundHandler): Promise<Payment> {
    return this.connection.withTransaction(ctx, async () => {
      const payment = await this.books.lock(ctx, input.paymentId);
      if (await this.books.findRefund(ctx, payment.id, input.refundKey)) return payment;
      return this.refundLocked(ctx, payment, { ...input, requestedByUs: true }, onRefunded);
    });
  }

  /** The purpose lapsed unpaid (hold expired, invoice voided): the payment can no longer be paid. */
  async abandon(ctx: RequestContext, paymentId: string): Promise<Payment> {
    const payment = await this.books.lock(ctx, paymentId);
    if (payment.status === PaymentStatus.FAILED) return payment;
    return this.transitions.apply(ctx, payment, PaymentStatus.FAILED);
  }

  /** Batched per request (DataLoader). */
  load(ctx: RequestContext, id: string): Promise<Payment | null> {
    return this.connection.loadOne(ctx, Payment, 'id', id, (payment) => payment.id);
  }

  /** What the client needs to pay, while the payment can still be paid. */
  paymentRequestOf(payment: Payment | null): PaymentRequest | null {
    if (payment?.status !== PaymentStatus.READY) return null;
    return { orderId: payment.orderId, orderName: payment.orderName, amount: payment.amount };
  }

  private async refundLocked(
    ctx: RequestContext,
    payment: Payment,
    refund: RefundRecord & { paymentId: string },
    onRefunded?: RefundHandler,
  ): Promise<Payment> {
    const refusal = refundRefusal(payment, refund.amount);
    if (refusal) throw refusal;
    if ((await this.attempts.unsettledOf(ctx, payment.id)).some((attempt) => attempt.operation === AttemptOperation.CANCEL)) {
      throw new PaymentFailedError('An earlier refund of this payment is still being settled with the provider; try again in a few minutes');
    }
    const idempotencyKey = `refund-${payment.id}-${digest(refund.refundKey)}`;
    const paymentKey = payment.paymentKey!;
    const { attemptId } = await this.call(
      {
        paymentId: payment.id,
        operation: AttemptOperation.CANCEL,
        paymentKey,
        idempotencyKey,
        amount: refund.amount,
        refundKey: refund.refundKey,
        refundReason: refund.reason,
      },
      () => this.provider.cancel({ paymentKey, amount: refund.amount, reason: refund.reason, idempotencyKey }),
    );
    await this.attempts.settle(ctx, [attemptId], AttemptOutcome.SUCCEEDED);
    return this.books.recordRefund(ctx, payment, refund, onRefunded);
  }

  /**
   * A provider that says the key was already processed (our idempotency key expired, or another of our
   * processes confirmed it) is asked what it did: a capture of this very order is ours to record.
   */
  private async confirmWithProvider(payment: Payment, paymentKey: string, idempotencyKey: string): Promise<ProviderPayment> {
    try {
      return await this.provider.confirm({ paymentKey, orderId: payment.orderId, amount: payment.amount, idempotencyKey });
    } catch (error) {
      if (!(error instanceof PaymentProviderError) || error.providerCode !== ALREADY_PROCESSED) throw error;
      const view = await this.provider.get(paymentKey);
      if (view.orderId !== payment.orderId || view.status !== 'DONE') throw error;
      return view;
    }
  }

  private async refundUnclaimed(ctx: RequestContext, paymentId: string): Promise<void> {
    const payment = await this.books.lock(ctx, paymentId);
    if (payment.status !== PaymentStatus.PAID) return;
    await this.refundLocked(ctx, payment, {
      paymentId,
      amount: payment.amount,
      reason: 'The order lapsed before the payment arrived',
      refundKey: 'unclaimed',
      requestedByUs: true,
      unclaimed: true,
    });
  }

  /** Logs the attempt before the call (committed at once) and its failure after; maps failures for the client. */
  private async call(start: AttemptStart, send: () => Promise<ProviderPayment>): Promise<{ attemptId: string; result: ProviderPayment }> {
    const attemptId = await this.attempts.begin(start);
    try {
      return { attemptId, result: await send() };
    } catch (error) {
      await this.attempts.fail(attemptId, error);
      if (!(error instanceof PaymentProviderError)) throw error;
      this.logger.warn({ paymentId: start.paymentId, kind: error.kind, code: error.providerCode }, `payment provider ${start.operation} failed`);
      throw new PaymentFailedError(providerFailureMessage(error));
    }
  }
}

/** What a client is told of a provider failure (the provider errors carry no secret of ours: see TossPaymentsProvider.failure). */
export function providerFailureMessage(error: PaymentProviderError): string {
  switch (error.kind) {
    case 'DECLINED':
      return `The payment was declined: ${error.message}`;
    case 'UNAVAILABLE':
      return 'The payment provider is unavailable; nothing was charged. Please try again.';
    case 'UNKNOWN':
      return 'The payment provider did not answer in time. If it took the money, the payment completes by itself within minutes; trying again never charges twice.';
    default:
      return `The payment provider refused the request: ${error.message}`;
  }
}

/** A provider answering for another order or amount is a fault we must not book as a success. */
export function assertSamePayment(payment: Pick<Payment, 'orderId' | 'amount'>, result: ProviderPayment): void {
  if (result.orderId !== payment.orderId || result.totalAmount !== payment.amount) {
    throw new Error(`Provider answered for order ${result.orderId} / ${result.totalAmount} won, expected ${payment.orderId} / ${payment.amount} won`);
  }
}

/** `dure_` and 22 URL-safe random characters: unguessable, within Toss's 6–64 characters. */
function newOrderId(): string {
  return `dure_${randomBytes(16).toString('base64url')}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}
