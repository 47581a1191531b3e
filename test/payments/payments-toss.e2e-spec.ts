import request from 'supertest';
import { DataSource } from 'typeorm';
import { ClockService, JobQueueService, RequestContext } from '../../libs/common/src/index.js';
import { LedgerService } from '../../libs/ledger/src/index.js';
import { PaymentStatus, type Payment } from '../../libs/payments/src/index.js';
import { FakeTossServer } from '../support/fake-toss-server.js';
import { failureCodeOf, orderPurpose } from '../support/order-purpose.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'test_sk_dure_app_0123456789';

/** The whole server with PAYMENT_PROVIDER=toss, talking HTTP to a fake Toss API. */
describe('payments through Toss Payments', () => {
  let fake: FakeTossServer;
  let t: TestApp;
  let order: ReturnType<typeof orderPurpose>;

  beforeAll(async () => {
    fake = await FakeTossServer.start(SECRET);
    t = await createTestApp({
      DURE_TEST_CLOCK: '1',
      PAYMENT_PROVIDER: 'toss',
      TOSS_SECRET_KEY: SECRET,
      TOSS_API_BASE_URL: fake.url,
      PAYMENT_PROVIDER_TIMEOUT_MS: '600',
    });
    order = orderPurpose(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const entries = (payment: Payment) => t.app.get(LedgerService).entriesFor(RequestContext.system(), { type: 'payment', id: payment.id });
  const confirmActions = (paymentKey: string) => fake.actions.filter((action) => action === `confirm ${paymentKey}`);
  const runJobsFor = async (minutes: number) => {
    const clock = t.app.get(ClockService);
    await t.app.get(JobQueueService).runUntil(new Date(clock.now().getTime() + minutes * 60_000), (at) => clock.moveTo(at));
  };

  it('records the provider on the payment and confirms concurrent requests with one Toss charge', async () => {
    const payment = await order.newPayment(27_000);
    expect(payment.provider).toBe('toss');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => order.confirm(payment, 'tpk_concurrent')));
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(confirmActions('tpk_concurrent')).toHaveLength(1);
    const [sent] = fake.requestsTo('/v1/payments/confirm').filter((r) => r.body.paymentKey === 'tpk_concurrent');
    expect(sent.body).toEqual({ paymentKey: 'tpk_concurrent', orderId: payment.orderId, amount: 27_000 });
    expect(sent.headers['idempotency-key']).toMatch(new RegExp(`^confirm-${payment.id}-`));
    expect(await order.reload(payment)).toMatchObject({ status: PaymentStatus.PAID, paymentKey: 'tpk_concurrent' });
    expect(await entries(payment)).toHaveLength(1);
  });

  it('a Toss decline is PAYMENT_FAILED and the payment stays payable', async () => {
    const payment = await order.newPayment();
    fake.script('tpk_declined', { status: 403, code: 'REJECT_CARD_PAYMENT', message: '한도초과 혹은 잔액부족으로 결제에 실패했습니다.' });
    expect(await failureCodeOf(order.confirm(payment, 'tpk_declined'))).toBe('PAYMENT_FAILED');
    expect((await order.reload(payment)).status).toBe(PaymentStatus.READY);
  });

  it('a time-out leaves the outcome unknown until reconciliation reads the charge back from Toss', async () => {
    const payment = await order.newPayment(13_000);
    fake.script('tpk_slow', { delayMs: 1500 }, { delayMs: 1500 }, { delayMs: 1500 });
    expect(await failureCodeOf(order.confirm(payment, 'tpk_slow'))).toBe('PAYMENT_FAILED');
    expect((await order.reload(payment)).status).toBe(PaymentStatus.READY);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(confirmActions('tpk_slow')).toHaveLength(1);

    await runJobsFor(10);
    expect(await order.reload(payment)).toMatchObject({ status: PaymentStatus.PAID, paymentKey: 'tpk_slow' });
    expect(await entries(payment)).toHaveLength(1);
  });

  it('webhooks: hundreds of posts naming an order with new keys ask Toss nothing and queue nothing; those with the key of a confirm without outcome queue one reconciliation', async () => {
    const payment = await order.newPayment(9_000);
    fake.script('tpk_amplified', { delayMs: 1500 });
    expect(await failureCodeOf(order.confirm(payment, 'tpk_amplified'))).toBe('PAYMENT_FAILED');
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const requestsBefore = fake.requests.length;

    const post = (paymentKey: string) =>
      request(t.app.getHttpServer())
        .post('/webhooks/payments/toss')
        .send({ eventType: 'PAYMENT_STATUS_CHANGED', data: { paymentKey, orderId: payment.orderId, status: 'DONE' } });
    const keys = [...Array.from({ length: 400 }, (_, i) => `tpk_forged_${i}`), ...Array.from({ length: 100 }, () => 'tpk_amplified')];
    const answers: Array<{ status: number; received: boolean; paymentKey: string }> = [];
    for (let i = 0; i < keys.length; i += 100) {
      const batch = keys.slice(i, i + 100);
      const responses = await Promise.all(batch.map(post));
      answers.push(...responses.map((res, j) => ({ status: res.status, received: res.body.received, paymentKey: batch[j] })));
    }
    expect(answers.every((answer) => answer.status === 200 && answer.received === (answer.paymentKey === 'tpk_amplified'))).toBe(true);
    const [{ pending }] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS pending FROM job WHERE name = 'payments.reconcile' AND state IN ('queued', 'active') AND payload->>'paymentId' = $1`, [
        payment.id,
      ]);
    expect(pending).toBe(1);
    expect(fake.requests.length).toBe(requestsBefore);

    await t.app.get(JobQueueService).runDue();
    expect(await order.reload(payment)).toMatchObject({ status: PaymentStatus.PAID, paymentKey: 'tpk_amplified' });
    expect(fake.requests.slice(requestsBefore).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/payments/tpk_amplified']);
  });

  it('a key Toss already processed for this very order is read back and recorded, not charged again', async () => {
    const payment = await order.newPayment(7_000);
    await request(fake.url)
      .post('/v1/payments/confirm')
      .set('authorization', `Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`)
      .set('idempotency-key', 'an-expired-key')
      .send({ paymentKey: 'tpk_earlier', orderId: payment.orderId, amount: 7_000 });
    expect(await order.confirm(payment, 'tpk_earlier')).toMatchObject({ status: PaymentStatus.PAID });
    expect(confirmActions('tpk_earlier')).toHaveLength(1);
  });

  it('refunds send the amount and a per-refund idempotency key; a Toss-side cancel arrives by webhook', async () => {
    const payment = await order.newPayment(20_000);
    await order.confirm(payment, 'tpk_refund');
    await order.refund(payment, 5_000, 'cancel:line-1');
    await order.refund(payment, 5_000, 'cancel:line-1');
    const cancels = fake.requestsTo('/v1/payments/tpk_refund/cancel');
    expect(cancels).toHaveLength(1);
    expect(cancels[0].body).toEqual({ cancelReason: '고객 요청', cancelAmount: 5_000 });
    expect(cancels[0].headers['idempotency-key']).toMatch(new RegExp(`^refund-${payment.id}-`));

    const stored = fake.payments.get('tpk_refund')!;
    Object.assign(stored, { balanceAmount: stored.balanceAmount - 3_000, status: 'PARTIAL_CANCELED' });
    const notify = () =>
      request(t.app.getHttpServer())
        .post('/webhooks/payments/toss')
        .send({
          eventType: 'PAYMENT_STATUS_CHANGED',
          createdAt: '2026-11-23T10:00:00.000000',
          data: { paymentKey: 'tpk_refund', orderId: payment.orderId, status: 'PARTIAL_CANCELED' },
        });
    expect((await notify()).status).toBe(200);
    await t.app.get(JobQueueService).runDue();
    await notify();
    await t.app.get(JobQueueService).runDue();
    expect(await order.reload(payment)).toMatchObject({ status: PaymentStatus.PARTIALLY_REFUNDED, refundedAmount: 8_000 });
  });
});
