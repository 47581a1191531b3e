import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JobQueueService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { PAYMENT_PROVIDER, PaymentProviderError, type PaymentProvider } from '../../libs/payments/src/index.js';
import { CHARGE_JOB_ATTEMPTS, SUBSCRIPTION_CUTOFF_JOB, SubscriptionCharges } from '../../libs/subscriptions/src/index.js';
import { captureLogs } from '../support/billing.js';
import { activePartnerAgency, agencyMember, type Agency } from '../support/catalog.js';
import { ADDRESS } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';
import {
  ADVANCE_CLOCK,
  BOX_SUBSCRIPTION,
  CHANGE_BILLING_METHOD,
  advanceWeekly as advanceWeeklyOf,
  billingMethod,
  payDues as payDuesOf,
  subscribe,
  subscriptionListing,
} from '../support/subscriptions.js';

const DAY = 24 * 3600_000;

interface Cycle {
  index: number;
  shipDate: string;
  cutoffAt: string;
  status: string;
  skipReason: string | null;
  attempts: number;
  payment: { status: string; amount: number } | null;
  order: { id: string; status: string; price: { total: number }; dispatchDeadline: string; subscription: { id: string } } | null;
}

/** docs/RULES.md §20 subscribe, cutoff charges and dunning over GraphQL, on one test-clock timeline starting Thursday 2027-03-11. */
describe('subscription boxes: subscribe, cutoff charges, dunning', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  let weekly: string;
  let logs: ReturnType<typeof captureLogs>;
  const answers: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    // Thursday 2027-03-11 10:00 KST.
    await t.ok(ADVANCE_CLOCK, { to: '2027-03-11T01:00:00Z' }, operator);
    agency = await activePartnerAgency(t, operator, { name: '제철농장 협동조합' });
    weekly = await subscriptionListing(t, agency);
    logs = captureLogs();
  });
  afterAll(async () => {
    logs?.stop();
    await t.close();
  });

  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await t.gql(query, variables, token);
    answers.push(JSON.stringify(response));
    return response;
  };
  const advance = (to: string) => gql(ADVANCE_CLOCK, { to }, operator);
  const payDues = () => payDuesOf(t, agency);
  const advanceWeekly = (to: string) => advanceWeeklyOf(t, operator, [agency], to);
  const view = async (id: string, token: string) => {
    const response = await gql(BOX_SUBSCRIPTION, { id }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.boxSubscription;
  };
  const cyclesOf = async (id: string, token: string): Promise<Cycle[]> => [...(await view(id, token)).cycles.nodes].reverse();
  const newSubscriber = async (authKey?: string) => {
    const buyer = await signUp(t, '김구독');
    return { buyer, methodId: await billingMethod(t, buyer.token, authKey) };
  };
  const subscribed = async (authKey?: string) => {
    const { buyer, methodId } = await newSubscriber(authKey);
    const response = await subscribe(t, buyer.token, { listingId: weekly, billingMethodId: methodId });
    answers.push(JSON.stringify(response));
    expect(response.errors).toBeUndefined();
    return { buyer, methodId, subscription: response.data!.subscribe };
  };
  /** Payments our provider captured for the subscription (one per paid delivery, never more). */
  const capturedFor = async (subscriptionId: string): Promise<number> => {
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM payment WHERE reference_id = $1 AND purpose = 'SUBSCRIPTION' AND status = 'PAID'`, [subscriptionId]);
    return row.n;
  };

  it('RULES §20 example: subscribed Thursday 10:00 → the first box ships Tuesday, charged at once; the next is charged at Saturday 00:00', async () => {
    const { subscription, buyer } = await subscribed();
    expect(subscription).toMatchObject({ status: 'ACTIVE', quantity: 1, unitPrice: 25_000, shippingFee: 3_000, nextChargeAmount: 28_000, paidCycles: 1 });
    expect(subscription.number).toMatch(/^S270311-/);
    const [first] = subscription.cycles.nodes;
    expect(first).toMatchObject({ index: 1, shipDate: '2027-03-16', status: 'PAID', amount: 28_000, attempts: 1, payment: { status: 'PAID', amount: 28_000 } });
    // Paid at subscribe: the deadline of a delivery paid at its cutoff, the end of its ship date (§17).
    expect(first.order).toMatchObject({
      status: 'PAID',
      price: { total: 28_000 },
      dispatchDeadline: '2027-03-16T15:00:00.000Z',
      subscription: { id: subscription.id },
    });
    expect(subscription.upcomingDeliveries[0]).toEqual({
      shipDate: '2027-03-23',
      cutoffAt: '2027-03-19T15:00:00.000Z',
      skipped: false,
      skipReason: null,
      amount: 28_000,
    });

    await advance('2027-03-19T14:59:00Z');
    expect((await cyclesOf(subscription.id, buyer.token)).length).toBe(1);
    await advance('2027-03-19T15:00:00Z');
    const cycles = await cyclesOf(subscription.id, buyer.token);
    expect(cycles.map((cycle) => [cycle.index, cycle.shipDate, cycle.status])).toEqual([
      [1, '2027-03-16', 'PAID'],
      [2, '2027-03-23', 'PAID'],
    ]);
    expect(cycles[1].cutoffAt).toBe('2027-03-19T15:00:00.000Z');
    expect(cycles[1].order!.dispatchDeadline).toBe('2027-03-23T15:00:00.000Z');
    expect(await capturedFor(subscription.id)).toBe(2);
    const orders = await gql(`{ myOrders(first: 10) { nodes { id checkout { id } payment { amount } subscription { id } } } }`, {}, buyer.token);
    expect(orders.data!.myOrders.nodes).toHaveLength(2);
    for (const order of orders.data!.myOrders.nodes)
      expect(order).toMatchObject({ checkout: null, payment: { amount: 28_000 }, subscription: { id: subscription.id } });
  });

  it('three months of weekly cutoffs charge exactly once per delivery, though the clock jumps late and jobs run twice', async () => {
    const { subscription, buyer } = await subscribed();
    expect(subscription.cycles.nodes[0].shipDate).toBe('2027-03-30');
    // Late: one jump over three cutoffs, then week by week.
    await advance('2027-04-10T00:00:00Z');
    await payDues();
    await advanceWeekly('2027-06-20T00:00:00Z');
    // Every cutoff job of the past run again (a second worker, a redelivered job): nothing more is charged.
    const charges = t.app.get(SubscriptionCharges);
    const connection = t.app.get(TransactionalConnection);
    const before = await cyclesOf(subscription.id, buyer.token);
    for (const cycle of before) {
      const ctx = RequestContext.system();
      await connection.withTransaction(ctx, () => charges.reachCutoff(ctx, subscription.id, cycle.shipDate));
      await connection.withTransaction(ctx, () =>
        t.app.get(JobQueueService).enqueue(ctx, SUBSCRIPTION_CUTOFF_JOB, { subscriptionId: subscription.id, shipDate: cycle.shipDate }),
      );
    }
    await advance('2027-06-20T00:01:00Z');
    const cycles = await cyclesOf(subscription.id, buyer.token);
    expect(cycles).toHaveLength(before.length);
    // Subscribed at Sat 03-20 00:00 KST (the 03-23 cutoff no longer ahead): Tuesdays 03-30 … 06-22, whose cutoff Sat 06-19 00:00 KST has passed.
    expect(cycles.map((cycle) => cycle.shipDate)).toEqual(
      Array.from({ length: 13 }, (_, week) => new Date(Date.parse('2027-03-30') + week * 7 * DAY).toISOString().slice(0, 10)),
    );
    expect(cycles.every((cycle) => cycle.status === 'PAID' && cycle.attempts === 1)).toBe(true);
    expect(await capturedFor(subscription.id)).toBe(13);
    expect((await view(subscription.id, buyer.token)).paidCycles).toBe(13);
  });

  /** A fresh subscriber whose card is switched to `authKey`'s while ACTIVE (so the first charge, at subscribe, is paid). */
  const subscribedThenCardChanged = async (authKey: string) => {
    const { subscription, buyer } = await subscribed();
    const methodId = await billingMethod(t, buyer.token, authKey);
    const changed = await gql(CHANGE_BILLING_METHOD, { id: subscription.id, methodId }, buyer.token);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changeSubscriptionBillingMethod).toMatchObject({ status: 'ACTIVE', billingMethod: { id: methodId } });
    return { subscription, buyer, methodId };
  };
  /** The ship date of the subscription's next delivery and its cutoff, as upcomingDeliveries shows them. */
  const nextDelivery = (subscription: { upcomingDeliveries: Array<{ shipDate: string; cutoffAt: string }> }) => subscription.upcomingDeliveries[0];
  const at = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY).toISOString();

  it('a sim_chargefail2 card goes PAST_DUE at the cutoff, is declined at +1 day, recovers at +3 days; the box ships by 2 business days after', async () => {
    await payDues();
    const { subscription, buyer } = await subscribedThenCardChanged(`sim_chargefail2_${randomUUID()}`);
    const { shipDate, cutoffAt } = nextDelivery(subscription);
    await advance(cutoffAt);
    let seen = await view(subscription.id, buyer.token);
    expect(seen).toMatchObject({ status: 'PAST_DUE', pastDueSince: cutoffAt, failedAttempts: 1, nextRetryAt: at(cutoffAt, 1), cancellable: true });
    expect(seen.cycles.nodes[0]).toMatchObject({ shipDate, status: 'PAST_DUE', attempts: 1, nextRetryAt: at(cutoffAt, 1), order: null });

    await advance(at(cutoffAt, 1));
    seen = await view(subscription.id, buyer.token);
    expect(seen).toMatchObject({ status: 'PAST_DUE', failedAttempts: 2, nextRetryAt: at(cutoffAt, 3) });

    await advance(at(cutoffAt, 3));
    seen = await view(subscription.id, buyer.token);
    expect(seen).toMatchObject({ status: 'ACTIVE', failedAttempts: 0, pastDueSince: null, nextRetryAt: null, paidCycles: 2 });
    const recovered = seen.cycles.nodes[0];
    expect(recovered).toMatchObject({ shipDate, status: 'PAID', attempts: 3, nextRetryAt: null, payment: { status: 'PAID' } });
    // Paid by a retry: no earlier than the end of the 2nd business day after the retry's date (§17).
    expect(Date.parse(recovered.order.dispatchDeadline)).toBeGreaterThanOrEqual(Date.parse(at(cutoffAt, 5)));
    expect(await capturedFor(subscription.id)).toBe(2);
    // The buyer heard of each declined attempt with the next one, then of the charge (docs/RULES.md §30), once each.
    const notices = (await t.ok(`{ myNotifications(first: 20) { nodes { kind title body } } }`, {}, buyer.token)).myNotifications.nodes as Array<{
      kind: string;
      title: string;
      body: string;
    }>;
    const about = notices.filter((notice) => notice.kind.startsWith('SUBSCRIPTION_')).reverse();
    expect(about.map((notice) => notice.kind)).toEqual([
      'SUBSCRIPTION_CHARGED',
      'SUBSCRIPTION_CHARGE_FAILED',
      'SUBSCRIPTION_CHARGE_FAILED',
      'SUBSCRIPTION_CHARGED',
    ]);
    expect(about[1].title).toBe('정기배송 결제가 승인되지 않았어요');
    expect(about[1].body).toContain('다시 결제를 시도할게요');
    expect(about[3].title).toBe('정기배송 결제가 완료되었어요');
  });

  it('a sim_chargefail card is cancelled after the third retry (+7 days), skips the deliveries meanwhile and is never charged again', async () => {
    await payDues();
    const { subscription, buyer } = await subscribedThenCardChanged(`sim_chargefail_${randomUUID()}`);
    const { cutoffAt } = nextDelivery(subscription);
    await advance(cutoffAt);
    await advance(at(cutoffAt, 1));
    await advance(at(cutoffAt, 3));
    await payDues();
    // The next weekly cutoff falls on the third retry's instant: the retry runs first and cancels; nothing is charged.
    await advance(at(cutoffAt, 7));
    const seen = await view(subscription.id, buyer.token);
    expect(seen).toMatchObject({ status: 'CANCELLED', endReason: 'PAYMENT_FAILED', cancelledAt: at(cutoffAt, 7), nextChargeAmount: null, failedAttempts: 4 });
    const cycles = [...seen.cycles.nodes].reverse();
    expect(cycles.map((cycle: Cycle) => [cycle.status, cycle.skipReason, cycle.attempts])).toEqual([
      ['PAID', null, 1],
      ['FAILED', null, 4],
    ]);
    await advanceWeekly(at(cutoffAt, 30));
    expect((await view(subscription.id, buyer.token)).cycles.totalCount).toBe(2);
    expect(await capturedFor(subscription.id)).toBe(1);
    const [last] = (await t.ok(`{ myNotifications(first: 1) { nodes { kind title } } }`, {}, buyer.token)).myNotifications.nodes;
    expect(last).toEqual({ kind: 'SUBSCRIPTION_CHARGE_FAILED', title: '결제가 되지 않아 정기배송이 해지되었어요' });
  });

  it('changing the card while PAST_DUE retries at once; a good card recovers the subscription', async () => {
    await payDues();
    const { subscription, buyer } = await subscribedThenCardChanged(`sim_chargefail_${randomUUID()}`);
    await advance(nextDelivery(subscription).cutoffAt);
    const good = await billingMethod(t, buyer.token);
    const changed = await gql(CHANGE_BILLING_METHOD, { id: subscription.id, methodId: good }, buyer.token);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changeSubscriptionBillingMethod).toMatchObject({ status: 'ACTIVE', paidCycles: 2, failedAttempts: 0 });
    expect(changed.data!.changeSubscriptionBillingMethod.cycles.nodes[0]).toMatchObject({ status: 'PAID', attempts: 2 });
    expect(await capturedFor(subscription.id)).toBe(2);
  });

  it('a provider time-out at the cutoff is not an attempt: the job runs again, reconciles the same order id and charges once', async () => {
    await payDues();
    const { subscription, buyer } = await subscribed();
    const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    const charge = provider.chargeBillingKey.bind(provider);
    // The provider charges but its answer is lost on the way back.
    const lost = jest.spyOn(provider, 'chargeBillingKey').mockImplementationOnce(async (request) => {
      await charge(request);
      throw new PaymentProviderError('UNKNOWN', 'TIMEOUT', 'The payment provider did not answer in time');
    });
    const { cutoffAt } = nextDelivery(subscription);
    await advance(at(cutoffAt, 1 / 24));
    lost.mockRestore();
    const cycles = await cyclesOf(subscription.id, buyer.token);
    expect(cycles.map((cycle) => cycle.status)).toEqual(['PAID', 'PAID']);
    expect(cycles[1].attempts).toBe(1);
    expect(await capturedFor(subscription.id)).toBe(1 + 1);
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM simulated_provider_payment WHERE order_id LIKE $1`, [`${subscription.number}-%`]);
    expect(row.n).toBe(2);
  });

  it('a charge still in doubt through every run of the cutoff job: PAST_DUE, and the first retry settles it under its own order id; charged once, the chain goes on', async () => {
    await payDues();
    const { subscription, buyer } = await subscribed();
    const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    const [charge, ask] = [provider.chargeBillingKey.bind(provider), provider.getByOrderId.bind(provider)];
    const ours = (orderId: string) => orderId.startsWith(`${subscription.number}-`);
    const down = () => new PaymentProviderError('UNAVAILABLE', 'PROVIDER_ERROR', 'The payment provider is unavailable');
    let outage = true;
    // The provider charges the delivery but its answer is lost, and it answers nothing about that order until the outage ends.
    const charging = jest.spyOn(provider, 'chargeBillingKey').mockImplementation(async (request) => {
      const paid = await charge(request);
      if (outage && ours(request.orderId)) throw down();
      return paid;
    });
    const asking = jest.spyOn(provider, 'getByOrderId').mockImplementation(async (orderId) => {
      if (outage && ours(orderId)) throw down();
      return ask(orderId);
    });
    try {
      const [{ shipDate, cutoffAt }, following] = subscription.upcomingDeliveries;
      // CHARGE_JOB_ATTEMPTS runs with the queue's backoff take about 9 hours.
      await advance(at(cutoffAt, 0.5));
      const [job] = await t.app
        .get(DataSource)
        .query(`SELECT state, attempts FROM job WHERE singleton_key = $1`, [`${SUBSCRIPTION_CUTOFF_JOB}:${subscription.id}:${shipDate}`]);
      expect(job).toEqual({ state: 'failed', attempts: CHARGE_JOB_ATTEMPTS });
      let seen = await view(subscription.id, buyer.token);
      expect(seen).toMatchObject({ status: 'PAST_DUE', pastDueSince: cutoffAt, failedAttempts: 0, nextRetryAt: at(cutoffAt, 1), cancellable: true });
      expect(seen.cycles.nodes[0]).toMatchObject({ shipDate, status: 'PAST_DUE', attempts: 0, nextRetryAt: at(cutoffAt, 1), order: null });
      // The chain goes on: the next delivery is open and its cutoff job queued.
      expect(seen.upcomingDeliveries[0]).toMatchObject({ shipDate: following.shipDate });
      const [next] = await t.app
        .get(DataSource)
        .query(`SELECT state FROM job WHERE singleton_key = $1`, [`${SUBSCRIPTION_CUTOFF_JOB}:${subscription.id}:${following.shipDate}`]);
      expect(next).toEqual({ state: 'queued' });

      // The provider answers again: the first retry asks about the order id in doubt and books the capture it finds.
      outage = false;
      await advance(at(cutoffAt, 1));
      seen = await view(subscription.id, buyer.token);
      expect(seen).toMatchObject({ status: 'ACTIVE', paidCycles: 2, failedAttempts: 0, pastDueSince: null, nextRetryAt: null });
      expect(seen.cycles.nodes[0]).toMatchObject({ shipDate, status: 'PAID', attempts: 1, payment: { status: 'PAID', amount: 28_000 } });
      await payDues();
      await advance(following.cutoffAt);
      const cycles = await cyclesOf(subscription.id, buyer.token);
      expect(cycles.map((cycle) => [cycle.shipDate, cycle.status, cycle.attempts])).toEqual([
        [subscription.cycles.nodes[0].shipDate, 'PAID', 1],
        [shipDate, 'PAID', 1],
        [following.shipDate, 'PAID', 1],
      ]);
      // Exactly one charge per delivery at the provider, the one in doubt included.
      expect(await capturedFor(subscription.id)).toBe(3);
      const [row] = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM simulated_provider_payment WHERE order_id LIKE $1`, [`${subscription.number}-%`]);
      expect(row.n).toBe(3);
      await gql(`mutation($id: ID!) { cancelSubscription(subscriptionId: $id) { status } }`, { id: subscription.id }, buyer.token);
    } finally {
      charging.mockRestore();
      asking.mockRestore();
    }
  });

  it('a retry still in doubt through every run of its job is not an attempt: the next retry charges that order id, once', async () => {
    await payDues();
    const { subscription, buyer } = await subscribedThenCardChanged(`sim_chargefail1_${randomUUID()}`);
    const { shipDate, cutoffAt } = nextDelivery(subscription);
    await advance(cutoffAt);
    const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    const [charge, ask] = [provider.chargeBillingKey.bind(provider), provider.getByOrderId.bind(provider)];
    const inDoubt = `${subscription.number}-2-2`;
    const down = () => new PaymentProviderError('UNAVAILABLE', 'PROVIDER_ERROR', 'The payment provider is unavailable');
    let outage = true;
    // The first retry never reaches the provider, and the provider cannot say so.
    const charging = jest.spyOn(provider, 'chargeBillingKey').mockImplementation(async (request) => {
      if (outage && request.orderId === inDoubt) throw down();
      return charge(request);
    });
    const asking = jest.spyOn(provider, 'getByOrderId').mockImplementation(async (orderId) => {
      if (outage && orderId === inDoubt) throw down();
      return ask(orderId);
    });
    try {
      await advance(at(cutoffAt, 1.5));
      let seen = await view(subscription.id, buyer.token);
      expect(seen).toMatchObject({ status: 'PAST_DUE', pastDueSince: cutoffAt, failedAttempts: 1, nextRetryAt: at(cutoffAt, 3) });
      expect(seen.cycles.nodes[0]).toMatchObject({ shipDate, status: 'PAST_DUE', attempts: 1, nextRetryAt: at(cutoffAt, 3) });
      outage = false;
      await advance(at(cutoffAt, 3));
      seen = await view(subscription.id, buyer.token);
      expect(seen).toMatchObject({ status: 'ACTIVE', paidCycles: 2, failedAttempts: 0, nextRetryAt: null });
      expect(seen.cycles.nodes[0]).toMatchObject({ shipDate, status: 'PAID', attempts: 2, payment: { status: 'PAID', amount: 28_000 } });
      const charged: Array<{ order_id: string }> = await t.app
        .get(DataSource)
        .query(`SELECT order_id FROM simulated_provider_payment WHERE order_id LIKE $1 ORDER BY order_id`, [`${subscription.number}-%`]);
      expect(charged.map((row) => row.order_id)).toEqual([`${subscription.number}-1-1`, inDoubt]);
      await gql(`mutation($id: ID!) { cancelSubscription(subscriptionId: $id) { status } }`, { id: subscription.id }, buyer.token);
    } finally {
      charging.mockRestore();
      asking.mockRestore();
    }
  });

  it('a declined first charge is PAYMENT_FAILED and keeps nothing; the same idempotency key answers the same subscription, charged once', async () => {
    const { buyer, methodId } = await newSubscriber(`sim_chargefail_${randomUUID()}`);
    const declined = await subscribe(t, buyer.token, { listingId: weekly, billingMethodId: methodId });
    answers.push(JSON.stringify(declined));
    expect(declined.errors?.[0].extensions.code).toBe('PAYMENT_FAILED');
    expect((await gql(`{ mySubscriptions { totalCount } }`, {}, buyer.token)).data!.mySubscriptions.totalCount).toBe(0);

    const good = await billingMethod(t, buyer.token);
    const input = { listingId: weekly, billingMethodId: good, idempotencyKey: randomUUID() };
    const first = await subscribe(t, buyer.token, input);
    const again = await subscribe(t, buyer.token, input);
    expect(again.data!.subscribe.id).toBe(first.data!.subscribe.id);
    expect(await capturedFor(first.data!.subscribe.id)).toBe(1);
    expect((await subscribe(t, buyer.token, { ...input, quantity: 2 })).errors?.[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('subscriberLimit is counted under a lock on the listing: of two concurrent subscribers for the last place, one gets OUT_OF_STOCK', async () => {
    await payDues();
    const limited = await subscriptionListing(t, agency, { subscriberLimit: 1 });
    const [a, b] = [await newSubscriber(), await newSubscriber()];
    const results = await Promise.all([a, b].map(({ buyer, methodId }) => subscribe(t, buyer.token, { listingId: limited, billingMethodId: methodId })));
    expect(results.map((result) => result.errors?.[0].extensions.code ?? 'ok').sort()).toEqual(['OUT_OF_STOCK', 'ok']);
    const remaining = await gql(
      `query($id: ID!) { listing(id: $id) { subscription { subscriberLimit remainingSubscriptions } } }`,
      { id: limited },
      a.buyer.token,
    );
    expect(remaining.data!.listing.subscription).toEqual({ subscriberLimit: 1, remainingSubscriptions: 0 });
  });

  it("the listing's own agency may not subscribe (FORBIDDEN), and a live subscription's card cannot be removed", async () => {
    const method = await billingMethod(t, agency.owner.token);
    expect((await subscribe(t, agency.owner.token, { listingId: weekly, billingMethodId: method })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const { buyer, methodId } = await subscribed();
    const removed = await gql(`mutation($id: ID!) { removeBillingMethod(billingMethodId: $id) }`, { id: methodId }, buyer.token);
    expect(removed.errors?.[0].extensions.code).toBe('INVALID_STATE');
  });

  it("the agency's members read its subscriptions without the card, outsiders get NOT_FOUND; upcomingDeliveries takes 1 to 12", async () => {
    const { subscription, buyer } = await subscribed();
    const staff = await agencyMember(t, agency, 'STAFF');
    const outsider = await signUp(t, '남');
    const asStaff = await view(subscription.id, staff.token);
    expect(asStaff).toMatchObject({ id: subscription.id, billingMethod: null, shippingAddress: { recipientName: ADDRESS.recipientName } });
    expect((await view(subscription.id, buyer.token)).billingMethod).toMatchObject({ cardSummary: expect.any(String) });
    expect((await gql(BOX_SUBSCRIPTION, { id: subscription.id }, outsider.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const listed = await gql(
      `query($id: ID!) { partnerAgencySubscriptions(partnerAgencyId: $id, status: ACTIVE, first: 100) { nodes { id } } }`,
      { id: agency.id },
      staff.token,
    );
    expect(listed.data!.partnerAgencySubscriptions.nodes.map((node: { id: string }) => node.id)).toContain(subscription.id);
    const mine = await gql(`{ mySubscriptions { totalCount nodes { id } } }`, {}, buyer.token);
    expect(mine.data!.mySubscriptions).toEqual({ totalCount: 1, nodes: [{ id: subscription.id }] });
    const upcoming = (count: number) =>
      gql(
        `query($id: ID!, $count: Int) { boxSubscription(id: $id) { upcomingDeliveries(count: $count) { shipDate } } }`,
        { id: subscription.id, count },
        buyer.token,
      );
    expect((await upcoming(12)).data!.boxSubscription.upcomingDeliveries).toHaveLength(12);
    expect((await upcoming(13)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('no billing key appears in any answer or log', async () => {
    const keys: Array<{ sealed_billing_key: string }> = await t.app
      .get(DataSource)
      .query(`SELECT sealed_billing_key FROM billing_method WHERE sealed_billing_key IS NOT NULL`);
    expect(keys.length).toBeGreaterThan(0);
    const text = `${answers.join('\n')}\n${logs.text()}`;
    expect(text).not.toMatch(/sim_bk_/);
    for (const { sealed_billing_key } of keys) expect(text).not.toContain(sealed_billing_key);
  });
});
