import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AutonomousConnection, ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { BillingKeyCipher } from './billing-key-cipher.js';
import { BillingMethod } from './billing-method.entity.js';
import { AttemptOperation, AttemptOutcome } from './payment-attempt.entity.js';
import { PaymentAttemptLog } from './payment-attempt-log.js';
import { PaymentBooks } from './payment-books.js';
import type { CaptureHandler } from './payment-purpose.js';
import { readProviderAnswer } from './payment-reconciliation.js';
import { PaymentTransitions } from './payment-transitions.js';
import { ORDER_ID_PATTERN, Payment, PaymentStatus, type PaymentPurpose } from './payment.entity.js';
import { assertSamePayment } from './payment.service.js';
import { PAYMENT_PROVIDER, PaymentProviderError, unlessNotFound, type PaymentProvider, type ProviderPayment } from './provider/payment-provider.js';

export interface BillingChargeInput {
  billingMethodId: string;
  /** Won to charge (positive, whole). */
  amount: number;
  /** Shown on the buyer's card statement and receipt (≤ 100 characters). */
  orderName: string;
  /**
   * Our order id for this attempt (6–64 of `A-Za-z0-9_-`), new per attempt and stable across repeats of
   * it: charging again with it never charges twice, and is how an attempt in doubt is settled.
   */
  orderId: string;
  purpose: PaymentPurpose;
  referenceId: string;
}

/**
 * What became of a charge; none of these is thrown, so the caller records it in its own transaction:
 * - PAID: captured and booked (by the caller's `onPaid`, or the purpose's handler when reconciliation
 *   booked it first);
 * - DECLINED: an attempt that failed; the payment is FAILED. `methodUnusable`: the provider no longer
 *   knows the billing key (or it was removed), so later charges with it fail without calling the provider;
 * - IN_DOUBT: not an attempt: the provider was unreachable or its answer was lost. Charge again with the
 *   same order id (it asks the provider first) or `reconcile` it before any charge with another one.
 */
export type BillingChargeResult =
  | { outcome: 'PAID'; payment: Payment }
  | { outcome: 'DECLINED'; payment: Payment; reason: string; methodUnusable: boolean }
  | { outcome: 'IN_DOUBT'; payment: Payment; reason: string };

/** Toss's code (the simulated provider's too) for a second payment under one order id. */
const DUPLICATED_ORDER_ID = 'DUPLICATED_ORDER_ID';
const UNUSABLE_REASON = 'The payment provider no longer accepts this card';

/**
 * Charges with a billing key (docs/RULES.md §20), for a purpose registered with PaymentService. The
 * payment row is committed before the provider is called, like the attempt log, so a charge whose
 * recording rolls back is still found and booked by reconciliation; within the caller's transaction the
 * payment is locked while the provider is called, so concurrent charges of one order id charge once.
 */
@Injectable()
export class BillingCharges {
  private readonly logger = new Logger(BillingCharges.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly autonomous: AutonomousConnection,
    private readonly clock: ClockService,
    private readonly books: PaymentBooks,
    private readonly transitions: PaymentTransitions,
    private readonly attempts: PaymentAttemptLog,
    private readonly cipher: BillingKeyCipher,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  /** `onPaid`, from a caller holding the purpose locked, books the capture instead of the purpose's handler. */
  charge(ctx: RequestContext, input: BillingChargeInput, onPaid?: CaptureHandler): Promise<BillingChargeResult> {
    assertChargeable(input);
    return this.connection.withTransaction(ctx, async () => {
      const payment = await this.paymentFor(ctx, input);
      return (await this.settled(ctx, payment, onPaid)) ?? this.send(ctx, payment, input.billingMethodId, onPaid);
    });
  }

  /**
   * What became of the charge under this order id, asking the provider about one in doubt, without a new
   * charge; null when none was made (the order id may be charged again, or a new one used).
   */
  reconcile(ctx: RequestContext, orderId: string, onPaid?: CaptureHandler): Promise<BillingChargeResult | null> {
    return this.connection.withTransaction(ctx, async () => {
      const found = await this.connection.getRepository(ctx, Payment).findOneBy({ orderId });
      return found && this.settled(ctx, await this.books.lock(ctx, found.id), onPaid);
    });
  }

  /** The payment of this order id, inserted and committed on first use, then locked in the caller's transaction. */
  private async paymentFor(ctx: RequestContext, input: BillingChargeInput): Promise<Payment> {
    const now = this.clock.now();
    await this.autonomous.query(
      `INSERT INTO payment (id, order_id, order_name, purpose, reference_id, provider, amount, refunded_amount, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9) ON CONFLICT (order_id) DO NOTHING`,
      [
        randomUUID(),
        input.orderId,
        input.orderName.slice(0, 100),
        input.purpose,
        input.referenceId,
        this.provider.name,
        input.amount,
        PaymentStatus.READY,
        now,
      ],
    );
    const { id } = await this.connection.getRepository(ctx, Payment).findOneByOrFail({ orderId: input.orderId });
    const payment = await this.books.lock(ctx, id);
    if (payment.purpose !== input.purpose || payment.referenceId !== input.referenceId || payment.amount !== input.amount) {
      throw new Error(`Order id ${input.orderId} was charged before for another purpose or amount`);
    }
    return payment;
  }

  /** The outcome already known for this payment (after asking the provider about an attempt in doubt), or null to charge. */
  private async settled(ctx: RequestContext, payment: Payment, onPaid?: CaptureHandler): Promise<BillingChargeResult | null> {
    if (payment.status === PaymentStatus.FAILED) return { outcome: 'DECLINED', payment, reason: 'This charge was declined', methodUnusable: false };
    if (payment.status !== PaymentStatus.READY) return { outcome: 'PAID', payment };
    const inDoubt = (await this.attempts.unsettledOf(ctx, payment.id)).filter((attempt) => attempt.operation === AttemptOperation.CHARGE);
    if (!inDoubt.length) return null;
    const ids = inDoubt.map((attempt) => attempt.id);
    let view: ProviderPayment | null;
    try {
      view = await this.providerView(payment.orderId);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      return { outcome: 'IN_DOUBT', payment, reason: `The outcome of an earlier charge is still unknown (${error.kind})` };
    }
    const answer = readProviderAnswer(payment, view?.paymentKey ?? '', view);
    switch (answer.kind) {
      case 'notFound':
        await this.attempts.settle(ctx, ids, AttemptOutcome.NOT_FOUND);
        return null;
      case 'declined':
        await this.attempts.settle(ctx, ids, AttemptOutcome.DECLINED);
        return this.decline(ctx, payment, 'The card was declined', false);
      case 'differentAmount':
        this.logger.error(
          { paymentId: payment.id, captured: answer.view.totalAmount, expected: payment.amount },
          'provider charged a different amount; left for an operator',
        );
        return { outcome: 'IN_DOUBT', payment, reason: 'The provider reports another amount for this charge; an operator must look' };
      case 'captured':
        return {
          outcome: 'PAID',
          payment: await this.books.recordCapture(
            ctx,
            payment,
            { paymentKey: answer.view.paymentKey, approvedAt: answer.view.approvedAt ?? this.clock.now(), method: answer.view.method, attemptIds: ids },
            onPaid,
          ),
        };
    }
  }

  private async send(ctx: RequestContext, payment: Payment, billingMethodId: string, onPaid?: CaptureHandler): Promise<BillingChargeResult> {
    const method = await this.connection.getRepository(ctx, BillingMethod).findOneBy({ id: billingMethodId });
    if (!method?.sealedBillingKey || !method.usable) return this.decline(ctx, payment, UNUSABLE_REASON, true);
    const billingKey = this.cipher.open(method.sealedBillingKey, method.id);
    const idempotencyKey = `charge-${payment.id}`;
    const attemptId = await this.attempts.begin({
      paymentId: payment.id,
      operation: AttemptOperation.CHARGE,
      paymentKey: null,
      idempotencyKey,
      amount: payment.amount,
    });
    let result: ProviderPayment;
    try {
      const request = {
        billingKey,
        customerKey: method.customerKey,
        orderId: payment.orderId,
        amount: payment.amount,
        orderName: payment.orderName,
        idempotencyKey,
      };
      result = await this.chargeWithProvider(request);
    } catch (error) {
      await this.attempts.fail(attemptId, error);
      if (!(error instanceof PaymentProviderError)) throw error;
      this.logger.warn({ paymentId: payment.id, billingMethodId, kind: error.kind, code: error.providerCode }, 'billing key charge failed');
      if (error.kind === 'UNAVAILABLE' || error.kind === 'UNKNOWN') return { outcome: 'IN_DOUBT', payment, reason: error.message };
      if (error.kind === 'NOT_FOUND') {
        await this.connection.updateLocked(ctx, BillingMethod, method, (row) => (row.usable = false));
        return this.decline(ctx, payment, UNUSABLE_REASON, true);
      }
      return this.decline(ctx, payment, error.message, false);
    }
    assertSamePayment(payment, result);
    return {
      outcome: 'PAID',
      payment: await this.books.recordCapture(
        ctx,
        payment,
        { paymentKey: result.paymentKey, approvedAt: result.approvedAt ?? this.clock.now(), method: result.method, attemptIds: [attemptId] },
        onPaid,
      ),
    };
  }

  /** A provider that already has a payment for this order id (our idempotency key expired) is asked what it did. */
  private async chargeWithProvider(request: Parameters<PaymentProvider['chargeBillingKey']>[0]): Promise<ProviderPayment> {
    try {
      return await this.provider.chargeBillingKey(request);
    } catch (error) {
      if (!(error instanceof PaymentProviderError) || error.providerCode !== DUPLICATED_ORDER_ID) throw error;
      const view = await this.providerView(request.orderId);
      if (view?.status !== 'DONE') throw error;
      return view;
    }
  }

  private async decline(ctx: RequestContext, payment: Payment, reason: string, methodUnusable: boolean): Promise<BillingChargeResult> {
    await this.transitions.apply(ctx, payment, PaymentStatus.FAILED);
    return { outcome: 'DECLINED', payment, reason, methodUnusable };
  }

  private providerView(orderId: string): Promise<ProviderPayment | null> {
    return unlessNotFound(this.provider.getByOrderId(orderId));
  }
}

/** A programming error of the caller, not the buyer's: thrown as a plain Error. */
function assertChargeable(input: BillingChargeInput): void {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new Error(`A charge needs a positive whole amount, got ${input.amount}`);
  if (!ORDER_ID_PATTERN.test(input.orderId)) throw new Error(`Order id ${input.orderId} is not 6–64 URL-safe characters`);
}
