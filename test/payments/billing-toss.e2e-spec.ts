import { ClockService, JobQueueService } from '../../libs/common/src/index.js';
import { PaymentStatus } from '../../libs/payments/src/index.js';
import { MY_BILLING_METHODS, REGISTER_BILLING_METHOD, captureLogs, newOrderId, subscriptionCharges } from '../support/billing.js';
import { FakeTossServer } from '../support/fake-toss-server.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const SECRET = 'test_sk_dure_billing_0123456789';

/** Toss 자동결제 through the whole server: billing-key issue, charges, time-outs and revoked keys (docs/RULES.md §20). */
describe('billing methods through Toss Payments', () => {
  let fake: FakeTossServer;
  let t: TestApp;
  let billing: ReturnType<typeof subscriptionCharges>;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    fake = await FakeTossServer.start(SECRET);
    t = await createTestApp({
      DURE_TEST_CLOCK: '1',
      PAYMENT_PROVIDER: 'toss',
      TOSS_SECRET_KEY: SECRET,
      TOSS_API_BASE_URL: fake.url,
      PAYMENT_PROVIDER_TIMEOUT_MS: '600',
    });
    billing = subscriptionCharges(t);
    logs = captureLogs();
  });
  afterAll(async () => {
    logs.stop();
    await t.close();
    await fake.close();
  });

  const registered = async (authKey: string) => {
    const buyer = await signUp(t);
    const { customerKey } = (await t.ok(`{ billingAuthRequest { customerKey } }`, {}, buyer.token)).billingAuthRequest;
    const method = (await t.ok(REGISTER_BILLING_METHOD, { authKey }, buyer.token)).registerBillingMethod;
    return { buyer, customerKey, method, billingKey: `bk_${authKey}` };
  };

  it('issues the billing key under the user’s customer key and keeps it sealed', async () => {
    const { customerKey, method, billingKey } = await registered('toss_auth_issue');
    expect(method).toMatchObject({ provider: 'toss', cardSummary: '43301234****123*', usable: true });
    const [issue] = fake.requestsTo('/v1/billing/authorizations/issue').filter((r) => r.body.authKey === 'toss_auth_issue');
    expect(issue.body).toEqual({ authKey: 'toss_auth_issue', customerKey });
    expect(await billing.sealedKeyOf(method.id)).not.toContain(billingKey);
  });

  it('charges with our order id and an idempotency key per payment; a card decline is DECLINED with the key kept out of its reason', async () => {
    const { customerKey, method, billingKey } = await registered('toss_auth_charge');
    const orderId = newOrderId();
    const paid = await billing.charge(method.id, orderId, 45_000);
    expect(paid).toMatchObject({ outcome: 'PAID', payment: { status: PaymentStatus.PAID, paymentKey: expect.stringMatching(/^pay_billing_/) } });
    const [sent] = fake.requestsTo(`/v1/billing/${billingKey}`);
    expect(sent.body).toEqual({ customerKey, amount: 45_000, orderId, orderName: '제철 꾸러미 1회차' });
    expect(sent.headers['idempotency-key']).toBe(`charge-${paid.payment.id}`);

    fake.script(billingKey, { status: 403, code: 'REJECT_CARD_PAYMENT', message: `한도초과 (${billingKey})` });
    const declined = await billing.charge(method.id, newOrderId());
    expect(declined).toMatchObject({ outcome: 'DECLINED', methodUnusable: false, payment: { status: PaymentStatus.FAILED } });
    expect(declined.outcome === 'DECLINED' && declined.reason).toContain('[secret]');
    expect(JSON.stringify(declined)).not.toContain(billingKey);
  });

  it('a time-out is IN_DOUBT, not an attempt; charging the same order id again reconciles it and charges once', async () => {
    const { method, billingKey } = await registered('toss_auth_slow');
    const orderId = newOrderId();
    fake.script(billingKey, { delayMs: 1500 }, { delayMs: 1500 }, { delayMs: 1500 });
    const inDoubt = await billing.charge(method.id, orderId);
    expect(inDoubt).toMatchObject({ outcome: 'IN_DOUBT', payment: { status: PaymentStatus.READY } });
    await new Promise((resolve) => setTimeout(resolve, 1600));

    const settled = await billing.charge(method.id, orderId);
    expect(settled).toMatchObject({ outcome: 'PAID', payment: { id: inDoubt.payment.id, status: PaymentStatus.PAID } });
    expect(fake.requestsTo(`/v1/payments/orders/${orderId}`)).toHaveLength(1);
    expect(fake.actions.filter((action) => action.startsWith('charge') && fake.payments.get(action.slice(7))?.orderId === orderId)).toHaveLength(1);
    expect(await billing.charge(method.id, orderId)).toMatchObject({ outcome: 'PAID' });
  });

  it('a charge lost to a time-out is booked by the reconciliation sweep through the purpose’s handler', async () => {
    const { method, billingKey } = await registered('toss_auth_swept');
    const orderId = newOrderId();
    fake.script(billingKey, { delayMs: 1500 }, { delayMs: 1500 }, { delayMs: 1500 });
    const inDoubt = await billing.charge(method.id, orderId);
    expect(inDoubt.outcome).toBe('IN_DOUBT');
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const clock = t.app.get(ClockService);
    await t.app.get(JobQueueService).runUntil(new Date(clock.now().getTime() + 10 * 60_000), (at) => clock.moveTo(at));
    expect(await billing.reconcile(orderId)).toMatchObject({ outcome: 'PAID', payment: { id: inDoubt.payment.id } });
  });

  it('a billing key Toss no longer knows turns the method unusable, and later charges do not call Toss', async () => {
    const { buyer, method, billingKey } = await registered('toss_auth_revoked');
    fake.revokeBillingKey(billingKey);
    expect(await billing.charge(method.id, newOrderId())).toMatchObject({ outcome: 'DECLINED', methodUnusable: true });
    expect((await t.ok(MY_BILLING_METHODS, {}, buyer.token)).myBillingMethods).toEqual([expect.objectContaining({ id: method.id, usable: false })]);
    const sentBefore = fake.requestsTo(`/v1/billing/${billingKey}`).length;
    expect(await billing.charge(method.id, newOrderId())).toMatchObject({ outcome: 'DECLINED', methodUnusable: true });
    expect(fake.requestsTo(`/v1/billing/${billingKey}`)).toHaveLength(sentBefore);
  });

  it('no billing key appears in any log', () => {
    const text = logs.text();
    expect(text).toContain('billing key charge failed');
    for (const authKey of ['toss_auth_issue', 'toss_auth_charge', 'toss_auth_slow', 'toss_auth_swept', 'toss_auth_revoked'])
      expect(text).not.toContain(`bk_${authKey}`);
  });
});
