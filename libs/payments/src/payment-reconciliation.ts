import type { PaymentAttempt } from './payment-attempt.entity.js';
import type { RefundRecord } from './payment-books.js';
import type { Payment } from './payment.entity.js';
import type { ProviderPayment } from './provider/payment-provider.js';

/** Provider statuses of a payment that was captured (and perhaps refunded since). */
const CAPTURED = new Set(['DONE', 'PARTIAL_CANCELED', 'CANCELED']);

/** Our payment as reconciliation finds it (locked by the caller). */
export type ReconciledPayment = Pick<Payment, 'orderId' | 'amount' | 'paymentKey' | 'refundedAmount'>;

/**
 * What the provider's record of one payment key means for our payment:
 * - `notFound`: the provider has no such payment, or has it for another order (`otherOrder`, worth a
 *   warning): our calls with the key did nothing;
 * - `declined`: never captured: our calls with the key were declined;
 * - `differentAmount`: captured, but not our amount: nothing is booked, an operator looks;
 * - `captured`: `recordCapture` when we have not booked the capture yet (our payment has no key), and
 *   `recordRefunds` when this key is (or becomes) the payment's, so its refunds are ours to book.
 */
export type ProviderAnswer =
  | { kind: 'notFound'; otherOrder: boolean }
  | { kind: 'declined' }
  | { kind: 'differentAmount'; view: ProviderPayment }
  | { kind: 'captured'; view: ProviderPayment; recordCapture: boolean; recordRefunds: boolean };

/** docs/RULES.md §9: the provider's record is the truth, but only for our order and our amount. */
export function readProviderAnswer(payment: ReconciledPayment, paymentKey: string, view: ProviderPayment | null): ProviderAnswer {
  if (!view || view.orderId !== payment.orderId) return { kind: 'notFound', otherOrder: !!view };
  if (!CAPTURED.has(view.status)) return { kind: 'declined' };
  const recordCapture = payment.paymentKey === null;
  if (recordCapture && view.totalAmount !== payment.amount) return { kind: 'differentAmount', view };
  return { kind: 'captured', view, recordCapture, recordRefunds: recordCapture || payment.paymentKey === paymentKey };
}

/** A refund of ours whose outcome was never recorded. */
export type UnsettledCancel = Pick<PaymentAttempt, 'amount' | 'refundKey' | 'refundReason'>;

/**
 * The refunds to book so that our refunded total reaches the provider's (`totalAmount − balanceAmount`):
 * first each unsettled cancel of ours that still fits in the difference, under its own key and reason,
 * then any remainder as the provider's own refund, keyed by the provider's refunded total so a repeated
 * reconciliation books it once. Nothing when the provider has refunded no more than we booked.
 */
export function unbookedRefunds(payment: ReconciledPayment, view: ProviderPayment, cancels: UnsettledCancel[]): RefundRecord[] {
  const refundedAtProvider = view.totalAmount - view.balanceAmount;
  let missing = refundedAtProvider - payment.refundedAmount;
  const refunds: RefundRecord[] = [];
  for (const cancel of cancels) {
    if (cancel.amount > missing) continue;
    refunds.push({ refundKey: cancel.refundKey!, amount: cancel.amount, reason: cancel.refundReason ?? 'Refund', requestedByUs: true });
    missing -= cancel.amount;
  }
  if (missing > 0)
    refunds.push({ refundKey: `provider:${refundedAtProvider}`, amount: missing, reason: 'Refunded at the payment provider', requestedByUs: false });
  return refunds;
}
