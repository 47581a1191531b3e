import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import { FakeJsonServer, type JsonReply } from './fake-json-server.js';

/**
 * A small stand-in for the Toss Payments API v1 (docs.tosspayments.com/reference): Basic auth with
 * the secret key, payments and billing keys kept in memory, `Idempotency-Key` honoured on POSTs,
 * and errors as `{ code, message }`. Tests script failures per payment or billing key.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** Replaces the normal handling of the next request about one subject (payment key, billing key or authKey). */
export type ScriptStep =
  /** Answer this error without acting, as a failure in front of Toss's processing would. */
  | { status: number; code?: string; message?: string }
  /** Act normally but answer only after `delayMs` (the client has usually given up by then). */
  | { delayMs: number }
  /** Act normally, then drop the connection without answering. */
  | { drop: true };

export interface FakePayment {
  paymentKey: string;
  orderId: string;
  orderName: string;
  status: 'DONE' | 'PARTIAL_CANCELED' | 'CANCELED';
  totalAmount: number;
  balanceAmount: number;
  approvedAt: string;
  cancels: { cancelAmount: number; cancelReason: string; canceledAt: string }[];
}

interface Route {
  /** What scripts refer to. */
  subject: string;
  handle(body: any): JsonReply;
}

const MASKED_CARD = '43301234****123*';

/** Toss's timestamps: ISO 8601 in Korean time, e.g. `2024-02-13T12:18:14+09:00`. */
function kstNow(): string {
  return `${new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00`;
}

function error(status: number, code: string, message: string): JsonReply {
  return { status, body: { code, message } };
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0;
}

export class FakeTossServer extends FakeJsonServer {
  /** Every request in arrival order, whatever became of it. */
  readonly requests: RecordedRequest[] = [];
  /** What Toss actually did (`confirm pk`, `cancel pk 3000`, `charge pk`, `issue bk`); replays and scripted failures add nothing. */
  readonly actions: string[] = [];
  readonly payments = new Map<string, FakePayment>();
  private readonly billingKeys = new Map<string, string>();
  private readonly scripts = new Map<string, ScriptStep[]>();
  /** By `method path key`: the first body and, once answered, its reply (none while still processing). */
  private readonly idempotent = new Map<string, { body: string; reply?: JsonReply }>();
  private chargeCount = 0;

  private constructor(
    server: Server,
    url: string,
    private readonly secretKey: string,
  ) {
    super(server, url);
  }

  static start(secretKey: string): Promise<FakeTossServer> {
    return FakeJsonServer.listen((server, url) => new FakeTossServer(server, url, secretKey));
  }

  /** The next requests about `subject` follow these steps, one step per request. */
  script(subject: string, ...steps: ScriptStep[]): void {
    this.scripts.set(subject, [...(this.scripts.get(subject) ?? []), ...steps]);
  }

  /** Recorded requests to one path, e.g. `/v1/payments/confirm`. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** The card behind a billing key was cancelled or the key deleted: Toss no longer knows it. */
  revokeBillingKey(billingKey: string): void {
    this.billingKeys.delete(billingKey);
  }

  protected async serve(req: IncomingMessage): Promise<JsonReply | undefined> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url!, this.url).pathname;
    const method = req.method!;
    // Unreadable JSON ends in the 500 of the caller's catch: our client never sends any.
    const body = raw ? JSON.parse(raw) : {};
    this.requests.push({ method, path, headers: req.headers, body });

    const expected = `Basic ${Buffer.from(`${this.secretKey}:`).toString('base64')}`;
    if (req.headers.authorization !== expected) return error(401, 'UNAUTHORIZED_KEY', '인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.');
    const route = this.route(method, path, body);
    if (!route) return error(404, 'NOT_FOUND', '존재하지 않는 정보 입니다.');

    const key = method === 'POST' ? req.headers['idempotency-key'] : undefined;
    const slot = typeof key === 'string' ? `${method} ${path} ${key}` : undefined;
    const earlier = slot === undefined ? undefined : this.idempotent.get(slot);
    if (earlier) {
      if (!earlier.reply) return error(409, 'IDEMPOTENT_REQUEST_PROCESSING', '이전 멱등 요청이 처리중입니다.');
      // Real Toss replays the first answer even for another body; refusing shows a caller's mistake instead.
      if (earlier.body !== raw) return error(409, 'FAKE_IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another body');
      return earlier.reply;
    }

    const step = this.scripts.get(route.subject)?.shift();
    if (step && 'status' in step) return error(step.status, step.code ?? 'FAILED_INTERNAL_SYSTEM_PROCESSING', step.message ?? 'scripted failure');
    if (slot) this.idempotent.set(slot, { body: raw });
    const reply = route.handle(body);
    if (step && 'delayMs' in step && !(await this.delay(step.delayMs))) return undefined;
    if (slot) this.idempotent.set(slot, { body: raw, reply });
    return step && 'drop' in step ? undefined : reply;
  }

  private route(method: string, path: string, body: any): Route | undefined {
    const [, v1, resource, id, action, extra] = path.split('/').map(decodeURIComponent);
    if (v1 !== 'v1' || extra !== undefined) return undefined;
    if (resource === 'payments') {
      if (method === 'POST' && id === 'confirm' && action === undefined) return { subject: String(body.paymentKey), handle: (b) => this.confirm(b) };
      if (method === 'POST' && id && action === 'cancel') return { subject: id, handle: (b) => this.cancel(id, b) };
      if (method === 'GET' && id === 'orders' && action) return { subject: action, handle: () => this.readOrder(action) };
      if (method === 'GET' && id && action === undefined) return { subject: id, handle: () => this.read(id) };
    }
    if (resource === 'billing' && method === 'POST') {
      if (id === 'authorizations' && action === 'issue') return { subject: String(body.authKey), handle: (b) => this.issueBillingKey(b) };
      if (id && action === undefined) return { subject: id, handle: (b) => this.charge(id, b) };
    }
    return undefined;
  }

  private confirm(body: any): JsonReply {
    const { paymentKey, orderId, amount } = body;
    if (typeof paymentKey !== 'string' || typeof orderId !== 'string' || !isPositiveInteger(amount)) {
      return error(400, 'INVALID_REQUEST', '잘못된 요청입니다.');
    }
    if (this.payments.has(paymentKey)) return error(400, 'ALREADY_PROCESSED_PAYMENT', '이미 처리된 결제 입니다.');
    this.actions.push(`confirm ${paymentKey}`);
    return this.approve(paymentKey, orderId, '주문', amount);
  }

  private cancel(paymentKey: string, body: any): JsonReply {
    const payment = this.payments.get(paymentKey);
    if (!payment) return error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.');
    const { cancelReason, cancelAmount = payment.balanceAmount } = body;
    if (typeof cancelReason !== 'string' || !cancelReason) return error(400, 'INVALID_REQUEST', '잘못된 요청입니다.');
    if (payment.status === 'CANCELED') return error(400, 'ALREADY_CANCELED_PAYMENT', '이미 취소된 결제 입니다.');
    if (!isPositiveInteger(cancelAmount) || cancelAmount > payment.balanceAmount) {
      return error(403, 'NOT_CANCELABLE_AMOUNT', '취소 할 수 없는 금액 입니다.');
    }
    payment.balanceAmount -= cancelAmount;
    payment.status = payment.balanceAmount === 0 ? 'CANCELED' : 'PARTIAL_CANCELED';
    payment.cancels.push({ cancelAmount, cancelReason, canceledAt: kstNow() });
    this.actions.push(`cancel ${paymentKey} ${cancelAmount}`);
    return this.read(paymentKey);
  }

  private read(paymentKey: string): JsonReply {
    const payment = this.payments.get(paymentKey);
    if (!payment) return error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.');
    return {
      status: 200,
      body: { mId: 'tosspayments', version: '2022-11-16', currency: 'KRW', ...fundingOf(paymentKey), ...payment },
    };
  }

  private readOrder(orderId: string): JsonReply {
    const payment = [...this.payments.values()].find((candidate) => candidate.orderId === orderId);
    return payment ? this.read(payment.paymentKey) : error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.');
  }

  private issueBillingKey(body: any): JsonReply {
    const { authKey, customerKey } = body;
    if (typeof authKey !== 'string' || typeof customerKey !== 'string') return error(400, 'INVALID_REQUEST', '잘못된 요청입니다.');
    const billingKey = `bk_${authKey}`;
    this.billingKeys.set(billingKey, customerKey);
    this.actions.push(`issue ${billingKey}`);
    const card = { issuerCode: '61', acquirerCode: '31', number: MASKED_CARD, cardType: '신용', ownerType: '개인' };
    return {
      status: 200,
      body: { mId: 'tosspayments', customerKey, authenticatedAt: kstNow(), method: '카드', billingKey, card, cardCompany: '현대', cardNumber: MASKED_CARD },
    };
  }

  private charge(billingKey: string, body: any): JsonReply {
    const owner = this.billingKeys.get(billingKey);
    if (owner === undefined) return error(404, 'NOT_FOUND', '존재하지 않는 정보 입니다.');
    const { customerKey, amount, orderId, orderName } = body;
    if (customerKey !== owner) return error(400, 'NOT_MATCHES_CUSTOMER_KEY', '빌링 인증 고객키와 결제 요청 고객키가 일치하지 않습니다.');
    if (typeof orderId !== 'string' || typeof orderName !== 'string' || !isPositiveInteger(amount)) {
      return error(400, 'INVALID_REQUEST', '잘못된 요청입니다.');
    }
    if ([...this.payments.values()].some((payment) => payment.orderId === orderId)) {
      return error(400, 'DUPLICATED_ORDER_ID', '이미 승인 및 취소가 진행된 중복된 주문번호 입니다.');
    }
    const paymentKey = `pay_billing_${++this.chargeCount}`;
    this.actions.push(`charge ${paymentKey}`);
    return this.approve(paymentKey, orderId, orderName, amount);
  }

  private approve(paymentKey: string, orderId: string, orderName: string, amount: number): JsonReply {
    const approvedAt = kstNow();
    this.payments.set(paymentKey, { paymentKey, orderId, orderName, status: 'DONE', totalAmount: amount, balanceAmount: amount, approvedAt, cancels: [] });
    return this.read(paymentKey);
  }
}

/**
 * How Toss describes the funding: keys beginning `pk_transfer` are 계좌이체, `pk_easypay_balance` easy pay
 * from its balance, `pk_easypay_card` easy pay backed by a card (Toss then sets `card` too); others 카드.
 */
function fundingOf(paymentKey: string): Record<string, unknown> {
  const easyPay = { provider: '토스페이', amount: 0, discountAmount: 0 };
  if (paymentKey.startsWith('pk_transfer')) return { method: '계좌이체', transfer: { bankCode: '88', settlementStatus: 'COMPLETED' } };
  if (paymentKey.startsWith('pk_easypay_balance')) return { method: '간편결제', easyPay };
  if (paymentKey.startsWith('pk_easypay_card')) return { method: '간편결제', easyPay, card: { number: MASKED_CARD } };
  return { method: '카드', card: { number: MASKED_CARD } };
}
