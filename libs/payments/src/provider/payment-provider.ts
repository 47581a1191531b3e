import type { PaymentMethodKind } from '../payment-method.js';

/**
 * The port every payment provider implements. Amounts are integer KRW. Every call that moves money
 * carries an idempotency key derived from our own payment (or refund) id, so repeating it after a crash
 * or time-out returns the first result instead of charging or refunding again.
 */
export interface PaymentProvider {
  /** `simulated` or `toss`; stored on each payment. */
  readonly name: string;
  confirm(request: ConfirmRequest): Promise<ProviderPayment>;
  cancel(request: CancelRequest): Promise<ProviderPayment>;
  /** The provider's current view of one payment (used for reconciliation and to verify webhooks). */
  get(paymentKey: string): Promise<ProviderPayment>;
  /** The payment made for our order id; how a charge whose answer was lost is found (NOT_FOUND: none). */
  getByOrderId(orderId: string): Promise<ProviderPayment>;
  issueBillingKey(request: IssueBillingKeyRequest): Promise<ProviderBillingKey>;
  chargeBillingKey(request: ChargeBillingKeyRequest): Promise<ProviderPayment>;
}

/** Nest injection token for the configured provider. */
export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

export interface ConfirmRequest {
  paymentKey: string;
  orderId: string;
  amount: number;
  idempotencyKey: string;
}

export interface CancelRequest {
  paymentKey: string;
  /** Won to give back; the provider refuses more than the payment's remaining balance. */
  amount: number;
  reason: string;
  idempotencyKey: string;
}

export interface IssueBillingKeyRequest {
  authKey: string;
  customerKey: string;
}

export interface ChargeBillingKeyRequest {
  billingKey: string;
  customerKey: string;
  orderId: string;
  amount: number;
  orderName: string;
  idempotencyKey: string;
}

/** Toss Payments' payment statuses; the simulated provider uses the same words. */
export type ProviderPaymentStatus = 'READY' | 'IN_PROGRESS' | 'WAITING_FOR_DEPOSIT' | 'DONE' | 'CANCELED' | 'PARTIAL_CANCELED' | 'ABORTED' | 'EXPIRED';

export interface ProviderPayment {
  paymentKey: string;
  orderId: string;
  status: ProviderPaymentStatus;
  totalAmount: number;
  /** What is still captured: totalAmount minus everything cancelled so far. */
  balanceAmount: number;
  approvedAt: Date | null;
  /** How it was paid (docs/RULES.md §23); null while the provider does not say. */
  method: PaymentMethodKind | null;
}

export interface ProviderBillingKey {
  billingKey: string;
  customerKey: string;
  /** A masked card number or similar, safe to show. */
  cardSummary: string | null;
}

/**
 * Why a provider call did not succeed, in our words:
 * - DECLINED: the provider refused (card declined, limit, invalid card…); nothing was charged; the buyer
 *   may try again with another payment method.
 * - UNAVAILABLE: the provider could not be reached or failed before acting; nothing was charged; safe to retry.
 * - UNKNOWN: the request may have been acted on (time-out, dropped connection, 5xx after sending);
 *   reconcile by `get` or repeat with the same idempotency key.
 * - INVALID_REQUEST: the provider says our request is wrong (amount mismatch, refund beyond balance,
 *   already processed differently); a programming or data error, not retryable as it is.
 * - NOT_FOUND: the provider has no such payment (or billing key: it is unknown or revoked).
 */
export type ProviderFailureKind = 'DECLINED' | 'UNAVAILABLE' | 'UNKNOWN' | 'INVALID_REQUEST' | 'NOT_FOUND';

export class PaymentProviderError extends Error {
  constructor(
    readonly kind: ProviderFailureKind,
    /** The provider's own error code (e.g. Toss `REJECT_CARD_PAYMENT`), for logs and attempts. */
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}

/** The provider's answer, or null when it has no such thing; any other failure is thrown. */
export async function unlessNotFound<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof PaymentProviderError && error.kind === 'NOT_FOUND') return null;
    throw error;
  }
}
