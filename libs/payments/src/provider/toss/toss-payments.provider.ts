import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PaymentProviderError,
  type CancelRequest,
  type ChargeBillingKeyRequest,
  type ConfirmRequest,
  type IssueBillingKeyRequest,
  type PaymentProvider,
  type ProviderBillingKey,
  type ProviderFailureKind,
  type ProviderPayment,
  type ProviderPaymentStatus,
} from '../payment-provider.js';
import { PaymentMethodKind } from '../../payment-method.js';
import { failureKindOf, isRetryable } from './toss-errors.js';

export interface TossPaymentsOptions {
  secretKey: string;
  /** `https://api.tosspayments.com`, or a fake server in tests. */
  baseUrl: string;
  /** Budget for one call of the port, every attempt and pause included. */
  timeoutMs: number;
  /** Attempts for transient failures, all with the same idempotency key (default 3). */
  maxAttempts?: number;
}

/** The fields we read from Toss's Payment object. */
interface TossPayment {
  paymentKey: string;
  orderId: string;
  status: ProviderPaymentStatus;
  totalAmount: number;
  balanceAmount: number;
  approvedAt: string | null;
  /** 카드, 계좌이체, 가상계좌, 간편결제, 휴대폰, 문화상품권… (English names in newer API versions). */
  method?: string | null;
  /** Set whenever a card funded the payment, easy pay included. */
  card?: object | null;
}

/** The fields we read from Toss's Billing object. */
interface TossBilling {
  billingKey: string;
  customerKey: string;
  card?: { number?: string } | null;
  cardNumber?: string | null;
}

interface TossCall {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, unknown>;
  /** Set on every POST: Toss then answers a repeat with the first result instead of acting again. */
  idempotencyKey?: string;
  /** A secret in the path (a billing key) that must not travel on in an error message, whatever Toss echoes. */
  secretInPath?: string;
}

const STATUSES: readonly ProviderPaymentStatus[] = [
  'READY',
  'IN_PROGRESS',
  'WAITING_FOR_DEPOSIT',
  'DONE',
  'CANCELED',
  'PARTIAL_CANCELED',
  'ABORTED',
  'EXPIRED',
];

/** Network errors raised before the request left this machine: Toss cannot have acted. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const IN_PROGRESS_CODE = 'IDEMPOTENT_REQUEST_PROCESSING';
const FIRST_PAUSE_MS = 100;

/**
 * Toss Payments API v1 (docs.tosspayments.com/reference). Transient failures are retried with the
 * same idempotency key within the time-out budget; once an attempt may have reached Toss, a later
 * "unavailable" cannot prove nothing happened, so the call then ends UNKNOWN.
 */
export class TossPaymentsProvider implements PaymentProvider {
  readonly name = 'toss';
  private readonly baseUrl: string;
  private readonly credentials: string;
  private readonly maxAttempts: number;

  constructor(private readonly options: TossPaymentsOptions) {
    if (!options.secretKey) throw new Error('TossPaymentsProvider needs a secret key');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.credentials = Buffer.from(`${options.secretKey}:`).toString('base64');
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  }

  async confirm(request: ConfirmRequest): Promise<ProviderPayment> {
    const { paymentKey, orderId, amount, idempotencyKey } = request;
    return this.payment({ operation: 'confirm', method: 'POST', path: '/v1/payments/confirm', body: { paymentKey, orderId, amount }, idempotencyKey });
  }

  async cancel(request: CancelRequest): Promise<ProviderPayment> {
    return this.payment({
      operation: 'cancel',
      method: 'POST',
      path: `/v1/payments/${encodeURIComponent(request.paymentKey)}/cancel`,
      body: { cancelReason: request.reason, cancelAmount: request.amount },
      idempotencyKey: request.idempotencyKey,
    });
  }

  async get(paymentKey: string): Promise<ProviderPayment> {
    return this.payment({ operation: 'get', method: 'GET', path: `/v1/payments/${encodeURIComponent(paymentKey)}` });
  }

  async getByOrderId(orderId: string): Promise<ProviderPayment> {
    return this.payment({ operation: 'getByOrderId', method: 'GET', path: `/v1/payments/orders/${encodeURIComponent(orderId)}` });
  }

  async issueBillingKey(request: IssueBillingKeyRequest): Promise<ProviderBillingKey> {
    const call: TossCall = {
      operation: 'issueBillingKey',
      method: 'POST',
      path: '/v1/billing/authorizations/issue',
      body: { authKey: request.authKey, customerKey: request.customerKey },
      // An authKey is single-use, so it names the issuing; hashed to stay within Toss's 300 characters.
      idempotencyKey: `billing-issue-${createHash('sha256').update(request.authKey).digest('hex')}`,
    };
    const billing = (await this.send(call)) as Partial<TossBilling> | null;
    if (typeof billing?.billingKey !== 'string' || typeof billing.customerKey !== 'string') throw this.invalidResponse(call);
    return { billingKey: billing.billingKey, customerKey: billing.customerKey, cardSummary: billing.card?.number ?? billing.cardNumber ?? null };
  }

  async chargeBillingKey(request: ChargeBillingKeyRequest): Promise<ProviderPayment> {
    const { customerKey, amount, orderId, orderName, idempotencyKey } = request;
    return this.payment({
      operation: 'chargeBillingKey',
      method: 'POST',
      path: `/v1/billing/${encodeURIComponent(request.billingKey)}`,
      body: { customerKey, amount, orderId, orderName },
      idempotencyKey,
      secretInPath: request.billingKey,
    });
  }

  private async payment(call: TossCall): Promise<ProviderPayment> {
    const payment = (await this.send(call)) as Partial<TossPayment> | null;
    const valid =
      typeof payment?.paymentKey === 'string' &&
      typeof payment.orderId === 'string' &&
      STATUSES.includes(payment.status!) &&
      Number.isInteger(payment.totalAmount) &&
      Number.isInteger(payment.balanceAmount);
    if (!valid) throw this.invalidResponse(call);
    const { paymentKey, orderId, status, totalAmount, balanceAmount, approvedAt } = payment as TossPayment;
    return {
      paymentKey,
      orderId,
      status,
      totalAmount,
      balanceAmount,
      approvedAt: approvedAt ? new Date(approvedAt) : null,
      method: methodOf(payment as TossPayment),
    };
  }

  /** One call of the port: attempts and pauses, all within `timeoutMs` (a duration, not domain time). */
  private async send(call: TossCall): Promise<unknown> {
    const deadline = performance.now() + this.options.timeoutMs;
    let mayHaveActed = false;
    for (let attempt = 1; ; attempt++) {
      const attemptsLeft = this.maxAttempts - attempt + 1;
      try {
        return await this.attempt(call, Math.max(1, deadline - performance.now()) / attemptsLeft);
      } catch (error) {
        if (!(error instanceof PaymentProviderError)) throw error;
        mayHaveActed ||= error.kind === 'UNKNOWN';
        // While Toss still works on the first request, give it a fair share of the time left.
        const pause =
          error.providerCode === IN_PROGRESS_CODE
            ? (deadline - performance.now()) / attemptsLeft
            : Math.min(FIRST_PAUSE_MS * 2 ** (attempt - 1), this.options.timeoutMs / 10);
        if (!isRetryable(error.kind) || attemptsLeft === 1 || deadline - performance.now() <= pause) {
          throw mayHaveActed && error.kind === 'UNAVAILABLE'
            ? new PaymentProviderError('UNKNOWN', error.providerCode, `${error.message} (an earlier attempt may have been processed)`)
            : error;
        }
        await sleep(pause);
      }
    }
  }

  private async attempt(call: TossCall, timeoutMs: number): Promise<unknown> {
    const headers: Record<string, string> = { Authorization: `Basic ${this.credentials}`, 'Content-Type': 'application/json' };
    if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
    const signal = AbortSignal.timeout(Math.ceil(timeoutMs));
    let status: number;
    let text: string;
    try {
      const response = await fetch(this.baseUrl + call.path, { method: call.method, headers, body: call.body && JSON.stringify(call.body), signal });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw this.networkFailure(call, error, timeoutMs);
    }
    const data = parseJson(text);
    if (status >= 200 && status < 300) {
      if (data === undefined) throw this.invalidResponse(call);
      return data;
    }
    const body = (data ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof body.code === 'string' ? body.code : `HTTP_${status}`;
    const detail = typeof body.message === 'string' ? `: ${body.message}` : '';
    throw this.failure(call, failureKindOf(status, code, movesMoney(call)), code, `HTTP ${status} ${code}${detail}`);
  }

  private networkFailure(call: TossCall, error: unknown, timeoutMs: number): PaymentProviderError {
    if ((error as { name?: unknown }).name === 'TimeoutError') {
      return this.failure(call, unseenOutcome(call), 'TIMEOUT', `no answer within ${Math.round(timeoutMs)} ms`);
    }
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : 'NETWORK_ERROR';
    return this.failure(call, NOT_SENT_CODES.has(code) ? 'UNAVAILABLE' : unseenOutcome(call), code, `network error ${code}`);
  }

  private invalidResponse(call: TossCall): PaymentProviderError {
    return this.failure(call, unseenOutcome(call), 'INVALID_RESPONSE', 'unexpected response body');
  }

  private failure(call: TossCall, kind: ProviderFailureKind, code: string, detail: string): PaymentProviderError {
    // Toss's message is outside text: make sure our own credentials can never travel on in it.
    const secrets = [this.options.secretKey, this.credentials, call.secretInPath].filter((secret): secret is string => !!secret);
    const message = secrets.reduce((text, secret) => text.replaceAll(secret, '[secret]'), `Toss ${call.operation} failed: ${detail}`);
    return new PaymentProviderError(kind, code, message);
  }
}

/** Every POST we send confirms, cancels, charges or issues something; a GET only reads. */
function movesMoney(call: TossCall): boolean {
  return call.method === 'POST';
}

/** A failure that hides whether Toss acted: a read cannot have acted, so it was merely unavailable. */
function unseenOutcome(call: TossCall): ProviderFailureKind {
  return movesMoney(call) ? 'UNKNOWN' : 'UNAVAILABLE';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const TOSS_METHODS: Record<string, PaymentMethodKind> = {
  카드: PaymentMethodKind.CARD,
  CARD: PaymentMethodKind.CARD,
  계좌이체: PaymentMethodKind.TRANSFER,
  TRANSFER: PaymentMethodKind.TRANSFER,
  가상계좌: PaymentMethodKind.VIRTUAL_ACCOUNT,
  VIRTUAL_ACCOUNT: PaymentMethodKind.VIRTUAL_ACCOUNT,
  간편결제: PaymentMethodKind.EASY_PAY,
  EASY_PAY: PaymentMethodKind.EASY_PAY,
};

/** docs/RULES.md §23: CARD whenever a card funded it (Toss sets `card` for card-backed easy pay too). */
function methodOf(payment: Pick<TossPayment, 'method' | 'card'>): PaymentMethodKind | null {
  if (payment.card) return PaymentMethodKind.CARD;
  if (!payment.method) return null;
  return TOSS_METHODS[payment.method] ?? PaymentMethodKind.OTHER;
}
