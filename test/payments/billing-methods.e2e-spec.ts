import { DataSource } from 'typeorm';
import { RequestContext } from '../../libs/common/src/index.js';
import { LedgerService } from '../../libs/ledger/src/index.js';
import { BillingMethodService, PaymentStatus } from '../../libs/payments/src/index.js';
import { BillingKeyCipher } from '../../libs/payments/src/billing-key-cipher.js';
import { InvalidStateError } from '../../libs/common/src/index.js';
import { MY_BILLING_METHODS, REGISTER_BILLING_METHOD, captureLogs, newOrderId, subscriptionCharges } from '../support/billing.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

/** docs/RULES.md §20 billing methods and billing-key charges, with the simulated provider. */
describe('billing methods and charges (simulated provider)', () => {
  let t: TestApp;
  let billing: ReturnType<typeof subscriptionCharges>;
  let logs: ReturnType<typeof captureLogs>;
  const answers: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    billing = subscriptionCharges(t);
    logs = captureLogs();
  });
  afterAll(async () => {
    logs.stop();
    await t.close();
  });

  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await t.gql(query, variables, token);
    answers.push(JSON.stringify(response));
    return response;
  };
  const register = async (token: string, authKey: string) => {
    const response = await gql(REGISTER_BILLING_METHOD, { authKey }, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.registerBillingMethod as { id: string; provider: string; cardSummary: string; usable: boolean };
  };
  const plainKeyOf = async (id: string) => t.app.get(BillingKeyCipher).open((await billing.sealedKeyOf(id))!, id);

  it('gives each user a random customer key, the same on every call', async () => {
    const [a, b] = [await signUp(t), await signUp(t)];
    const keyOf = async (token: string) => (await gql(`{ billingAuthRequest { customerKey } }`, {}, token)).data!.billingAuthRequest.customerKey;
    const first = await keyOf(a.token);
    expect(first).toMatch(/^cus_[\w-]{32}$/);
    expect(await keyOf(a.token)).toBe(first);
    expect(await keyOf(b.token)).not.toBe(first);
    expect(first).not.toContain(a.id);
    expect((await gql(`{ billingAuthRequest { customerKey } }`, {})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('registers a method from an authKey once, lists it for its owner only, and refuses sim_decline and blank keys', async () => {
    const [buyer, other] = [await signUp(t), await signUp(t)];
    const method = await register(buyer.token, 'auth_weekly_box');
    expect(method).toMatchObject({ provider: 'simulated', cardSummary: '4330-12**-****-123*', usable: true });
    expect((await register(buyer.token, 'auth_weekly_box')).id).toBe(method.id);
    expect((await gql(MY_BILLING_METHODS, {}, buyer.token)).data!.myBillingMethods.map((m: { id: string }) => m.id)).toEqual([method.id]);
    expect((await gql(MY_BILLING_METHODS, {}, other.token)).data!.myBillingMethods).toEqual([]);

    const declined = await gql(REGISTER_BILLING_METHOD, { authKey: 'sim_decline_card' }, other.token);
    expect(declined.errors?.[0].extensions.code).toBe('PAYMENT_FAILED');
    const blank = await gql(REGISTER_BILLING_METHOD, { authKey: ' ' }, other.token);
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'authKey' }] });
    expect((await gql(MY_BILLING_METHODS, {}, other.token)).data!.myBillingMethods).toEqual([]);

    const sealed = (await billing.sealedKeyOf(method.id))!;
    const plain = await plainKeyOf(method.id);
    expect(plain).toMatch(/^sim_bk_/);
    expect(sealed).not.toContain(plain);
  });

  it('removes only its owner’s method, unless a registered guard refuses, and erases the sealed key', async () => {
    const [buyer, other] = [await signUp(t), await signUp(t)];
    const method = await register(buyer.token, 'auth_to_remove');
    const REMOVE = `mutation($id: ID!) { removeBillingMethod(billingMethodId: $id) }`;
    expect((await gql(REMOVE, { id: method.id }, other.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');

    let inUse = true;
    t.app.get(BillingMethodService).registerRemovalGuard(async () => {
      if (inUse) throw new InvalidStateError('A live subscription uses this billing method');
    });
    expect((await gql(REMOVE, { id: method.id }, buyer.token)).errors?.[0].extensions.code).toBe('INVALID_STATE');
    expect(await billing.sealedKeyOf(method.id)).not.toBeNull();
    inUse = false;
    expect((await gql(REMOVE, { id: method.id }, buyer.token)).data).toEqual({ removeBillingMethod: true });
    expect(await billing.sealedKeyOf(method.id)).toBeNull();
    expect((await gql(MY_BILLING_METHODS, {}, buyer.token)).data!.myBillingMethods).toEqual([]);
    expect((await gql(REMOVE, { id: method.id }, buyer.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');

    const charge = await billing.charge(method.id, newOrderId());
    expect(charge).toMatchObject({ outcome: 'DECLINED', methodUnusable: true });
  });

  it('charges a billing key once per order id and books the capture', async () => {
    const buyer = await signUp(t);
    const method = await register(buyer.token, 'auth_good_card');
    const orderId = newOrderId();
    const paid = await billing.charge(method.id, orderId, 32_000);
    expect(paid).toMatchObject({ outcome: 'PAID', payment: { status: PaymentStatus.PAID, amount: 32_000, orderId, purpose: 'SUBSCRIPTION' } });
    const again = await billing.charge(method.id, orderId, 32_000);
    expect(again).toMatchObject({ outcome: 'PAID', payment: { id: paid.payment.id } });
    const charged = await t.app.get(DataSource).query(`SELECT * FROM simulated_provider_payment WHERE order_id = $1`, [orderId]);
    expect(charged).toHaveLength(1);
    expect(await t.app.get(LedgerService).entriesFor(RequestContext.system(), { type: 'payment', id: paid.payment.id })).toHaveLength(1);
    expect(await billing.reconcile(orderId)).toMatchObject({ outcome: 'PAID' });
    expect(await billing.reconcile(newOrderId())).toBeNull();
  });

  it('sim_chargefail2 declines the first two attempts and accepts the third; sim_chargefail declines every one', async () => {
    const buyer = await signUp(t);
    const twice = await register(buyer.token, 'sim_chargefail2_card');
    const [first, second, third] = [newOrderId(), newOrderId(), newOrderId()];
    expect(await billing.charge(twice.id, first)).toMatchObject({ outcome: 'DECLINED', methodUnusable: false, payment: { status: PaymentStatus.FAILED } });
    expect(await billing.charge(twice.id, second)).toMatchObject({ outcome: 'DECLINED' });
    expect(await billing.charge(twice.id, first)).toMatchObject({ outcome: 'DECLINED' });
    expect(await billing.charge(twice.id, third)).toMatchObject({ outcome: 'PAID' });
    expect(await billing.charge(twice.id, newOrderId())).toMatchObject({ outcome: 'PAID' });

    const always = await register(buyer.token, 'sim_chargefail_card');
    for (let attempt = 0; attempt < 4; attempt++) expect(await billing.charge(always.id, newOrderId())).toMatchObject({ outcome: 'DECLINED' });
    expect((await gql(MY_BILLING_METHODS, {}, buyer.token)).data!.myBillingMethods.every((m: { usable: boolean }) => m.usable)).toBe(true);
  });

  it('never lets a billing key into an answer, an error or a log', async () => {
    const keys = await t.app.get(DataSource).query(`SELECT id FROM billing_method WHERE sealed_billing_key IS NOT NULL`);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const text = `${answers.join('\n')}\n${logs.text()}`;
    expect(logs.text()).toContain('billing key charge failed');
    for (const { id } of keys) expect(text).not.toContain(await plainKeyOf(id));
  });
});
