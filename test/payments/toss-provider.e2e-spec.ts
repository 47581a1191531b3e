import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaymentProviderError } from '../../libs/payments/src/provider/payment-provider.js';
import { TossPaymentsProvider, type TossPaymentsOptions } from '../../libs/payments/src/provider/toss/toss-payments.provider.js';
import { FakeTossServer } from '../support/fake-toss-server.js';

const SECRET = 'test_sk_dure_fake_0123456789';
const BASIC = `Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`;

async function failureOf(call: Promise<unknown>): Promise<PaymentProviderError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(PaymentProviderError);
    return error as PaymentProviderError;
  }
  throw new Error('the call succeeded');
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Toss Payments provider against a fake Toss API', () => {
  let fake: FakeTossServer;
  let toss: TossPaymentsProvider;
  const provider = (options: Partial<TossPaymentsOptions> = {}) =>
    new TossPaymentsProvider({ secretKey: SECRET, baseUrl: fake.url, timeoutMs: 2000, ...options });
  const confirmsOf = (paymentKey: string) => fake.requestsTo('/v1/payments/confirm').filter((r) => r.body.paymentKey === paymentKey);
  const confirm = (paymentKey: string, amount = 15000, on = toss) =>
    on.confirm({ paymentKey, orderId: `order-${paymentKey}`, amount, idempotencyKey: `confirm-${paymentKey}` });

  beforeAll(async () => {
    fake = await FakeTossServer.start(SECRET);
    toss = provider();
  });
  afterAll(() => fake.close());

  it('confirms a payment and maps the Payment object, approvedAt read with its +09:00 offset', async () => {
    const payment = await confirm('pk_ok');
    const approvedAt = fake.payments.get('pk_ok')!.approvedAt;
    expect(approvedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/);
    expect(payment).toEqual({
      paymentKey: 'pk_ok',
      orderId: 'order-pk_ok',
      status: 'DONE',
      totalAmount: 15000,
      balanceAmount: 15000,
      approvedAt: new Date(approvedAt),
      method: 'CARD',
    });
    // Read as Korean time, the instant is now; ignoring the offset would put it nine hours off.
    expect(Math.abs(payment.approvedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(toss.name).toBe('toss');
  });

  it.each([
    ['pk_transfer_1', 'TRANSFER'],
    ['pk_easypay_balance_1', 'EASY_PAY'],
    ['pk_easypay_card_1', 'CARD'],
  ])('maps how %s was funded to %s (a card behind easy pay is CARD, docs/RULES.md §23)', async (paymentKey, method) => {
    expect((await confirm(paymentKey)).method).toBe(method);
  });

  it('sends Basic auth with the secret key, JSON, and the idempotency key on POSTs only', async () => {
    await confirm('pk_headers', 5000);
    const [sent] = confirmsOf('pk_headers');
    expect(sent.method).toBe('POST');
    expect(sent.headers.authorization).toBe(BASIC);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['idempotency-key']).toBe('confirm-pk_headers');
    expect(sent.body).toEqual({ paymentKey: 'pk_headers', orderId: 'order-pk_headers', amount: 5000 });
    await toss.get('pk_headers');
    const [read] = fake.requestsTo('/v1/payments/pk_headers');
    expect(read.method).toBe('GET');
    expect(read.headers.authorization).toBe(BASIC);
    expect(read.headers['idempotency-key']).toBeUndefined();
  });

  it('reports a card refusal as DECLINED with the Toss code, without retrying', async () => {
    fake.script('pk_declined', { status: 403, code: 'REJECT_CARD_PAYMENT', message: '한도초과 혹은 잔액부족으로 결제에 실패했습니다.' });
    const failure = await failureOf(confirm('pk_declined'));
    expect(failure).toMatchObject({ kind: 'DECLINED', providerCode: 'REJECT_CARD_PAYMENT' });
    expect(failure.message).toContain('한도초과');
    expect(confirmsOf('pk_declined')).toHaveLength(1);
    expect(fake.payments.has('pk_declined')).toBe(false);
  });

  it('retries two 500s with the same idempotency key and charges once', async () => {
    fake.script('pk_flaky', { status: 500 }, { status: 500 });
    const payment = await confirm('pk_flaky');
    expect(payment.status).toBe('DONE');
    const sent = confirmsOf('pk_flaky');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.headers['idempotency-key']))).toEqual(new Set(['confirm-pk_flaky']));
    expect(fake.actions.filter((a) => a === 'confirm pk_flaky')).toHaveLength(1);
  });

  it('retries a 429', async () => {
    fake.script('pk_busy', { status: 429, code: 'TOO_MANY_REQUESTS' });
    expect((await confirm('pk_busy')).status).toBe('DONE');
    expect(confirmsOf('pk_busy')).toHaveLength(2);
  });

  it('gives up after the last attempt with the last failure', async () => {
    fake.script('pk_down', { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const failure = await failureOf(confirm('pk_down'));
    expect(failure).toMatchObject({ kind: 'UNAVAILABLE', providerCode: 'FAILED_INTERNAL_SYSTEM_PROCESSING' });
    expect(confirmsOf('pk_down')).toHaveLength(3);
    expect(fake.payments.has('pk_down')).toBe(false);
  });

  it('stays UNKNOWN when an attempt may have been processed, even if later attempts are merely unavailable', async () => {
    fake.script('pk_murky', { status: 500, code: 'SOMETHING_NEW' }, { status: 503, code: 'PROVIDER_ERROR' }, { status: 503, code: 'PROVIDER_ERROR' });
    const failure = await failureOf(confirm('pk_murky'));
    expect(failure).toMatchObject({ kind: 'UNKNOWN', providerCode: 'PROVIDER_ERROR' });
  });

  it('times out as UNKNOWN after retrying within the budget; Toss did charge, and the same key later returns that charge', async () => {
    fake.script('pk_slow', { delayMs: 1000 });
    const started = Date.now();
    const failure = await failureOf(confirm('pk_slow', 15000, provider({ timeoutMs: 600 })));
    expect(Date.now() - started).toBeLessThan(900);
    expect(failure.kind).toBe('UNKNOWN');
    expect(['TIMEOUT', 'IDEMPOTENT_REQUEST_PROCESSING']).toContain(failure.providerCode);
    const sent = confirmsOf('pk_slow');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((r) => r.headers['idempotency-key']))).toEqual(new Set(['confirm-pk_slow']));

    expect(await toss.get('pk_slow')).toMatchObject({ status: 'DONE', totalAmount: 15000 });
    // Repeating while Toss is still on the first request waits for it instead of charging again.
    const repeated = await confirm('pk_slow', 15000, provider({ timeoutMs: 3000 }));
    expect(repeated).toMatchObject({ paymentKey: 'pk_slow', status: 'DONE' });
    expect(fake.actions.filter((a) => a === 'confirm pk_slow')).toHaveLength(1);
  });

  it('recovers from a connection dropped after Toss acted by repeating with the same key', async () => {
    fake.script('pk_dropped', { drop: true });
    expect((await confirm('pk_dropped')).status).toBe('DONE');
    expect(confirmsOf('pk_dropped')).toHaveLength(2);
    expect(fake.actions.filter((a) => a === 'confirm pk_dropped')).toHaveLength(1);

    fake.script('pk_dropped_once', { drop: true });
    const failure = await failureOf(confirm('pk_dropped_once', 15000, provider({ maxAttempts: 1 })));
    expect(failure.kind).toBe('UNKNOWN');
    expect(fake.payments.get('pk_dropped_once')!.status).toBe('DONE');
  });

  it('reports a refused connection as UNAVAILABLE: nothing was sent', async () => {
    const offline = new TossPaymentsProvider({ secretKey: SECRET, baseUrl: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 2000 });
    const failure = await failureOf(confirm('pk_offline', 15000, offline));
    expect(failure).toMatchObject({ kind: 'UNAVAILABLE', providerCode: 'ECONNREFUSED' });
  });

  it('cancels partly, then fully: PARTIAL_CANCELED, then CANCELED with nothing left', async () => {
    await confirm('pk_refund', 10000);
    const partial = await toss.cancel({ paymentKey: 'pk_refund', amount: 3000, reason: '부분 환불', idempotencyKey: 'refund-1' });
    expect(partial).toMatchObject({ status: 'PARTIAL_CANCELED', totalAmount: 10000, balanceAmount: 7000 });
    const full = await toss.cancel({ paymentKey: 'pk_refund', amount: 7000, reason: '전액 환불', idempotencyKey: 'refund-2' });
    expect(full).toMatchObject({ status: 'CANCELED', totalAmount: 10000, balanceAmount: 0 });
    const [first] = fake.requestsTo('/v1/payments/pk_refund/cancel');
    expect(first.body).toEqual({ cancelReason: '부분 환불', cancelAmount: 3000 });
    expect(first.headers['idempotency-key']).toBe('refund-1');
  });

  it('refuses to cancel more than the balance as INVALID_REQUEST, without retrying', async () => {
    await confirm('pk_over', 10000);
    const failure = await failureOf(toss.cancel({ paymentKey: 'pk_over', amount: 10001, reason: '과다 환불', idempotencyKey: 'over-1' }));
    expect(failure).toMatchObject({ kind: 'INVALID_REQUEST', providerCode: 'NOT_CANCELABLE_AMOUNT' });
    expect(fake.requestsTo('/v1/payments/pk_over/cancel')).toHaveLength(1);
    expect(fake.payments.get('pk_over')!.balanceAmount).toBe(10000);
  });

  it('refunds once when the same cancel is repeated with the same key', async () => {
    await confirm('pk_twice', 10000);
    const cancel = { paymentKey: 'pk_twice', amount: 4000, reason: '환불', idempotencyKey: 'refund-twice' };
    const first = await toss.cancel(cancel);
    const second = await toss.cancel(cancel);
    expect(second).toEqual(first);
    expect(second).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 6000 });
    expect(fake.requestsTo('/v1/payments/pk_twice/cancel')).toHaveLength(2);
    expect(fake.actions.filter((a) => a.startsWith('cancel pk_twice'))).toEqual(['cancel pk_twice 4000']);
  });

  it('reports an unknown payment as NOT_FOUND, and a failing read as UNAVAILABLE', async () => {
    expect(await failureOf(toss.get('pk_nobody'))).toMatchObject({ kind: 'NOT_FOUND', providerCode: 'NOT_FOUND_PAYMENT' });
    expect(await failureOf(toss.cancel({ paymentKey: 'pk_nobody', amount: 1, reason: 'x', idempotencyKey: 'nobody' }))).toMatchObject({
      kind: 'NOT_FOUND',
    });
    fake.script('pk_unreadable', { status: 502, code: 'BAD_GATEWAY' }, { status: 502, code: 'BAD_GATEWAY' }, { status: 502, code: 'BAD_GATEWAY' });
    expect(await failureOf(toss.get('pk_unreadable'))).toMatchObject({ kind: 'UNAVAILABLE', providerCode: 'BAD_GATEWAY' });
  });

  it('issues a billing key (idempotently, keyed by the authKey) and charges it', async () => {
    const issue = { authKey: 'auth_abc', customerKey: 'customer-1' };
    const billing = await toss.issueBillingKey(issue);
    expect(billing).toEqual({ billingKey: 'bk_auth_abc', customerKey: 'customer-1', cardSummary: '43301234****123*' });
    expect(await toss.issueBillingKey(issue)).toEqual(billing);
    const issued = fake.requestsTo('/v1/billing/authorizations/issue');
    expect(issued.map((r) => r.body)).toEqual([issue, issue]);
    expect(issued[0].headers['idempotency-key']).toMatch(/^billing-issue-[0-9a-f]{64}$/);
    expect(issued[1].headers['idempotency-key']).toBe(issued[0].headers['idempotency-key']);
    expect(fake.actions.filter((a) => a === 'issue bk_auth_abc')).toHaveLength(1);

    const charge = {
      billingKey: billing.billingKey,
      customerKey: 'customer-1',
      orderId: 'sub-1',
      amount: 9900,
      orderName: '월 구독',
      idempotencyKey: 'charge-sub-1',
    };
    const payment = await toss.chargeBillingKey(charge);
    expect(payment).toMatchObject({ orderId: 'sub-1', status: 'DONE', totalAmount: 9900, balanceAmount: 9900, approvedAt: expect.any(Date) });
    expect(await toss.get(payment.paymentKey)).toEqual(payment);
    const [sent] = fake.requestsTo('/v1/billing/bk_auth_abc');
    expect(sent.body).toEqual({ customerKey: 'customer-1', amount: 9900, orderId: 'sub-1', orderName: '월 구독' });
    expect(sent.headers['idempotency-key']).toBe('charge-sub-1');

    const stranger = await failureOf(toss.chargeBillingKey({ ...charge, customerKey: 'customer-2', orderId: 'sub-2', idempotencyKey: 'charge-sub-2' }));
    expect(stranger).toMatchObject({ kind: 'INVALID_REQUEST', providerCode: 'NOT_MATCHES_CUSTOMER_KEY' });
  });

  it('never lets the secret key into an error', async () => {
    const wrongSecret = 'test_sk_wrong_key_987654321';
    const unauthorized = await failureOf(confirm('pk_auth', 15000, new TossPaymentsProvider({ secretKey: wrongSecret, baseUrl: fake.url, timeoutMs: 2000 })));
    expect(unauthorized).toMatchObject({ kind: 'INVALID_REQUEST', providerCode: 'UNAUTHORIZED_KEY' });

    fake.script('pk_echo', { status: 400, code: 'INVALID_REQUEST', message: `bad header Authorization: ${BASIC} (${SECRET})` });
    const echoed = await failureOf(confirm('pk_echo'));
    expect(echoed.message).toContain('[secret]');

    const offline = new TossPaymentsProvider({ secretKey: SECRET, baseUrl: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 2000 });
    const unreachable = await failureOf(confirm('pk_offline_secret', 15000, offline));
    for (const failure of [unauthorized, echoed, unreachable]) {
      const text = `${failure.message} ${failure.providerCode} ${failure.stack} ${JSON.stringify(failure)}`;
      for (const secret of [SECRET, wrongSecret, BASIC.slice(6), Buffer.from(`${wrongSecret}:`).toString('base64')]) expect(text).not.toContain(secret);
    }
  });
});
