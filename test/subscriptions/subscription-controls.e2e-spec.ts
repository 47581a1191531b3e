import { DataSource } from 'typeorm';
import { ClockService } from '../../libs/common/src/index.js';
import { ARCHIVE_LISTING, HIDE_LISTING, UPDATE_LISTING, activePartnerAgency, agencyMember, type Agency } from '../support/catalog.js';
import { REINSTATE, SUSPEND, WITHDRAW } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';
import {
  ADVANCE_CLOCK,
  BOX_SUBSCRIPTION,
  CHANGE_BILLING_METHOD,
  SUBSCRIPTION_FIELDS,
  advanceWeekly as advanceWeeklyOf,
  billingMethod,
  subscribe,
  subscriptionListing,
} from '../support/subscriptions.js';
const FIELDS = `${SUBSCRIPTION_FIELDS} pendingPriceChange { oldUnitPrice newUnitPrice noticeSentAt effectiveShipDate respondBy acceptedAt }`;
const SKIP = `mutation($id: ID!, $shipDate: Date!, $skipped: Boolean!) { setSubscriptionDeliverySkipped(subscriptionId: $id, shipDate: $shipDate, skipped: $skipped) { ${FIELDS} } }`;
const PAUSE = `mutation($id: ID!, $resumeOn: Date!) { pauseSubscription(subscriptionId: $id, resumeOn: $resumeOn) { ${FIELDS} } }`;
const RESUME = `mutation($id: ID!) { resumeSubscription(subscriptionId: $id) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateSubscriptionInput!) { updateSubscription(subscriptionId: $id, input: $input) { ${FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $reason: String) { cancelSubscription(subscriptionId: $id, reason: $reason) { ${FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptSubscriptionPriceChange(subscriptionId: $id) { ${FIELDS} } }`;
const VIEW = `query($id: ID!) { boxSubscription(id: $id) { ${FIELDS} } }`;
const FORECAST = `query($id: ID!) { boxSubscription(id: $id) { nextChargeAmount upcomingDeliveries(count: 12) { shipDate amount priceChangePending } } }`;

interface Cycle {
  index: number;
  shipDate: string;
  status: string;
  skipReason: string | null;
  amount: number;
  payment: { status: string; amount: number } | null;
}

/**
 * docs/RULES.md §20 buyer controls, cancellation, agency and listing events and price changes over GraphQL, on one
 * test-clock timeline from Thursday 2027-03-11 10:00 KST (WEEKLY boxes ship on Tuesdays; cutoffs Saturdays 00:00).
 */
describe('subscription boxes: skip, pause, resume, changes, cancellation, agency and listing events, price changes', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  let weekly: string;
  /** minimumCycles 12: the buyer may not cancel after the withdrawal days until then. */
  let committed: string;
  const agencies: Agency[] = [];
  const early: Record<string, { buyer: { token: string }; subscription: { id: string } }> = {};

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await t.ok(ADVANCE_CLOCK, { to: '2027-03-11T01:00:00Z' }, operator);
    agency = await activePartnerAgency(t, operator, { name: '제철농장 협동조합' });
    agencies.push(agency);
    weekly = await subscriptionListing(t, agency);
    committed = await subscriptionListing(t, agency, { minimumCycles: 12 });
  });
  afterAll(() => t.close());

  const advance = (to: string) => t.ok(ADVANCE_CLOCK, { to }, operator);
  /** Week by week to `to`, every agency paying its dues on the way (else its deliveries are skipped). */
  const advanceWeekly = (to: string) => advanceWeeklyOf(t, operator, agencies, to);
  /** Runs the jobs due now (those a mutation just queued). */
  const runDueJobs = () => advance(new Date(t.app.get(ClockService).now().getTime() + 1000).toISOString());
  const view = async (id: string, token: string) => (await t.ok(VIEW, { id }, token)).boxSubscription;
  const cyclesOf = async (id: string, token: string): Promise<Cycle[]> =>
    [...(await t.ok(BOX_SUBSCRIPTION, { id }, token)).boxSubscription.cycles.nodes].reverse();
  /** `upcomingDeliveries` of these ship dates: [shipDate, amount, priceChangePending]. */
  const forecastOf = async (id: string, token: string, ...shipDates: string[]) => {
    const { upcomingDeliveries } = (await t.ok(FORECAST, { id }, token)).boxSubscription;
    return (upcomingDeliveries as Array<{ shipDate: string; amount: number; priceChangePending: boolean }>)
      .filter((delivery) => shipDates.includes(delivery.shipDate))
      .map((delivery) => [delivery.shipDate, delivery.amount, delivery.priceChangePending]);
  };
  const codeOf = (response: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => response.errors?.[0]?.extensions?.code;
  const subscribed = async (listingId = weekly) => {
    const buyer = await signUp(t, '김구독');
    const billingMethodId = await billingMethod(t, buyer.token);
    const response = await subscribe(t, buyer.token, { listingId, billingMethodId });
    expect(response.errors).toBeUndefined();
    return { buyer, subscription: response.data!.subscribe as { id: string; cycles: { nodes: Cycle[] } } };
  };
  const paidCaptures = async (subscriptionId: string): Promise<number> => {
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM payment WHERE reference_id = $1 AND purpose = 'SUBSCRIPTION' AND status = 'PAID'`, [subscriptionId]);
    return row.n;
  };

  it('within 7 days of subscribing the buyer may cancel in one call, whatever the minimum cycles; it stops further charges only', async () => {
    const { buyer, subscription } = await subscribed(committed);
    expect((await view(subscription.id, buyer.token)).cancellable).toBe(true);
    const cancelled = (await t.ok(CANCEL, { id: subscription.id, reason: '  마음이 바뀌었어요 ' }, buyer.token)).cancelSubscription;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', endReason: 'BUYER_CANCELLED', cancellable: false, nextChargeAmount: null, upcomingDeliveries: [] });
    expect(cancelled.cancelledAt).toMatch(/^2027-03-11T01:00/);
    expect(codeOf(await t.gql(CANCEL, { id: subscription.id }, buyer.token))).toBe('INVALID_STATE');
    // The first box, paid, still ships (§18 governs it).
    expect((await cyclesOf(subscription.id, buyer.token)).map((cycle) => cycle.status)).toEqual(['PAID']);
    for (const name of ['g', 'h', 'p']) early[name] = await subscribed(committed);
  });

  it('skip and pause never charge; pause limits; a change after the cutoff belongs to the next delivery; the resume job at 00:00 KST', async () => {
    const a = await subscribed();
    const skipped = (await t.ok(SKIP, { id: a.subscription.id, shipDate: '2027-03-23', skipped: true }, a.buyer.token)).setSubscriptionDeliverySkipped;
    expect(skipped.upcomingDeliveries.map((delivery: { shipDate: string; skipReason: string | null }) => [delivery.shipDate, delivery.skipReason])).toEqual([
      ['2027-03-23', 'BUYER'],
      ['2027-03-30', null],
      ['2027-04-06', null],
    ]);
    // The first box was charged at subscribe: a cycle, not an open delivery.
    expect(codeOf(await t.gql(SKIP, { id: a.subscription.id, shipDate: '2027-03-16', skipped: true }, a.buyer.token))).toBe('INVALID_STATE');
    expect(codeOf(await t.gql(SKIP, { id: a.subscription.id, shipDate: '2027-03-24', skipped: true }, a.buyer.token))).toBe('BAD_USER_INPUT');

    const b = await subscribed();
    const paused = (await t.ok(PAUSE, { id: b.subscription.id, resumeOn: '2027-04-01' }, b.buyer.token)).pauseSubscription;
    expect(paused).toMatchObject({ status: 'PAUSED', resumeOn: '2027-04-01' });
    expect(paused.upcomingDeliveries.map((delivery: { skipReason: string | null }) => delivery.skipReason)).toEqual(['PAUSED', 'PAUSED', null]);

    const c = await subscribed();
    for (const resumeOn of ['2027-03-11', '2027-06-10']) {
      expect(codeOf(await t.gql(PAUSE, { id: c.subscription.id, resumeOn }, c.buyer.token))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await t.gql(RESUME, { id: c.subscription.id }, c.buyer.token))).toBe('INVALID_STATE');
    await t.ok(PAUSE, { id: c.subscription.id, resumeOn: '2027-06-09' }, c.buyer.token);
    expect(codeOf(await t.gql(PAUSE, { id: c.subscription.id, resumeOn: '2027-05-01' }, c.buyer.token))).toBe('INVALID_STATE');
    expect(codeOf(await t.gql(SKIP, { id: c.subscription.id, shipDate: '2027-03-23', skipped: true }, c.buyer.token))).toBe('INVALID_STATE');
    expect(codeOf(await t.gql(UPDATE, { id: c.subscription.id, input: { quantity: 100 } }, c.buyer.token))).toBe('BAD_USER_INPUT');

    const d = await subscribed();
    // Saturday 03-20 10:00 KST: the 03-23 delivery reached its cutoff.
    await advanceWeekly('2027-03-20T01:00:00Z');
    expect((await cyclesOf(a.subscription.id, a.buyer.token)).map((cycle) => [cycle.shipDate, cycle.status, cycle.skipReason, cycle.payment])).toEqual([
      ['2027-03-16', 'PAID', null, { status: 'PAID', amount: 28_000 }],
      ['2027-03-23', 'SKIPPED', 'BUYER', null],
    ]);
    expect((await cyclesOf(b.subscription.id, b.buyer.token)).map((cycle) => [cycle.status, cycle.skipReason])).toEqual([
      ['PAID', null],
      ['SKIPPED', 'PAUSED'],
    ]);
    expect(codeOf(await t.gql(SKIP, { id: a.subscription.id, shipDate: '2027-03-23', skipped: false }, a.buyer.token))).toBe('INVALID_STATE');

    const address = { recipientName: '박새집', phone: '01055556666', postalCode: '04524', address1: '서울특별시 중구 세종대로 110', address2: '2층' };
    const changed = (await t.ok(UPDATE, { id: d.subscription.id, input: { quantity: 2, shippingAddress: address } }, d.buyer.token)).updateSubscription;
    expect(changed).toMatchObject({ quantity: 2, nextChargeAmount: 53_000, shippingAddress: { recipientName: '박새집' } });
    expect(changed.upcomingDeliveries[0]).toMatchObject({ shipDate: '2027-03-30', amount: 53_000 });
    await advanceWeekly('2027-03-27T01:00:00Z');
    // The 03-23 delivery had reached its cutoff before the change: charged for one box; the next for two.
    expect((await cyclesOf(d.subscription.id, d.buyer.token)).map((cycle) => [cycle.shipDate, cycle.amount])).toEqual([
      ['2027-03-16', 28_000],
      ['2027-03-23', 28_000],
      ['2027-03-30', 53_000],
    ]);

    await advance('2027-03-31T14:59:00Z');
    expect((await view(b.subscription.id, b.buyer.token)).status).toBe('PAUSED');
    await advance('2027-03-31T15:00:00Z');
    expect(await view(b.subscription.id, b.buyer.token)).toMatchObject({ status: 'ACTIVE', resumeOn: null });
    await advanceWeekly('2027-04-03T01:00:00Z');
    expect((await cyclesOf(b.subscription.id, b.buyer.token)).map((cycle) => [cycle.shipDate, cycle.status, cycle.skipReason])).toEqual([
      ['2027-03-16', 'PAID', null],
      ['2027-03-23', 'SKIPPED', 'PAUSED'],
      ['2027-03-30', 'SKIPPED', 'PAUSED'],
      ['2027-04-06', 'PAID', null],
    ]);
    expect(await paidCaptures(b.subscription.id)).toBe(2);
    expect(await paidCaptures(a.subscription.id)).toBe(3);
    expect(await paidCaptures(c.subscription.id)).toBe(1);
  });

  it('resumeSubscription before resumeOn makes the paused deliveries chargeable again (the buyer’s own skips stay)', async () => {
    const e = await subscribed();
    expect(e.subscription.cycles.nodes[0].shipDate).toBe('2027-04-13');
    await t.ok(SKIP, { id: e.subscription.id, shipDate: '2027-04-27', skipped: true }, e.buyer.token);
    const paused = (await t.ok(PAUSE, { id: e.subscription.id, resumeOn: '2027-04-30' }, e.buyer.token)).pauseSubscription;
    // 05-04's cutoff (05-01 00:00) is not before 00:00 on 04-30: charged.
    expect(paused.upcomingDeliveries.map((delivery: { skipReason: string | null }) => delivery.skipReason)).toEqual(['PAUSED', 'BUYER', null]);
    const resumed = (await t.ok(RESUME, { id: e.subscription.id }, e.buyer.token)).resumeSubscription;
    expect(resumed).toMatchObject({ status: 'ACTIVE', resumeOn: null });
    expect(resumed.upcomingDeliveries.map((delivery: { skipReason: string | null }) => delivery.skipReason)).toEqual([null, 'BUYER', null]);
    expect(codeOf(await t.gql(RESUME, { id: e.subscription.id }, e.buyer.token))).toBe('INVALID_STATE');
    await t.ok(PAUSE, { id: e.subscription.id, resumeOn: '2027-05-12' }, e.buyer.token);
    early.e = e;
    await advanceWeekly('2027-04-17T01:00:00Z');
    expect((await cyclesOf(e.subscription.id, e.buyer.token)).map((cycle) => [cycle.shipDate, cycle.status, cycle.skipReason])).toEqual([
      ['2027-04-13', 'PAID', null],
      ['2027-04-20', 'SKIPPED', 'PAUSED'],
    ]);
    expect((await view(e.subscription.id, e.buyer.token)).status).toBe('PAUSED');
  });

  it('after the withdrawal days: minimum cycles bind the buyer, PAST_DUE frees them; the agency’s owner and operators always may cancel', async () => {
    const { g, h, p } = early;
    const bound = await view(g.subscription.id, g.buyer.token);
    expect(bound).toMatchObject({ minimumCycles: 12, cancellable: false });
    expect(bound.paidCycles).toBeLessThan(12);
    expect(codeOf(await t.gql(CANCEL, { id: g.subscription.id }, g.buyer.token))).toBe('INVALID_STATE');
    const staff = await agencyMember(t, agency, 'STAFF');
    expect(codeOf(await t.gql(CANCEL, { id: g.subscription.id }, staff.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CANCEL, { id: g.subscription.id }, (await signUp(t, '남남')).token))).toBe('NOT_FOUND');
    expect((await t.ok(CANCEL, { id: g.subscription.id, reason: '산지 작황 부진' }, agency.owner.token)).cancelSubscription).toMatchObject({
      status: 'CANCELLED',
      endReason: 'AGENCY_CANCELLED',
    });
    expect((await t.ok(CANCEL, { id: h.subscription.id }, operator)).cancelSubscription).toMatchObject({
      status: 'CANCELLED',
      endReason: 'OPERATOR_CANCELLED',
    });

    const declining = await billingMethod(t, p.buyer.token, `sim_chargefail_${Date.now()}`);
    await t.ok(CHANGE_BILLING_METHOD, { id: p.subscription.id, methodId: declining }, p.buyer.token);
    await advanceWeekly('2027-04-24T01:00:00Z');
    expect(await view(p.subscription.id, p.buyer.token)).toMatchObject({ status: 'PAST_DUE', cancellable: true });
    const cancelled = (await t.ok(CANCEL, { id: p.subscription.id }, p.buyer.token)).cancelSubscription;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', endReason: 'BUYER_CANCELLED', pastDueSince: null, nextRetryAt: null });
    expect((await cyclesOf(p.subscription.id, p.buyer.token)).at(-1)).toMatchObject({ shipDate: '2027-04-27', status: 'FAILED' });
    const capturesThen = await paidCaptures(p.subscription.id);
    await advanceWeekly('2027-05-01T01:00:00Z');
    expect(await paidCaptures(p.subscription.id)).toBe(capturesThen);
    expect((await cyclesOf(p.subscription.id, p.buyer.token)).at(-1)).toMatchObject({ shipDate: '2027-04-27', status: 'FAILED' });
  });

  it('a SUSPENDED agency’s deliveries are skipped; HIDDEN keeps subscribers; ARCHIVED or a WITHDRAWN agency ends every live subscription', async () => {
    const farm = await activePartnerAgency(t, operator, { name: '산골농장 협동조합' });
    const leaving = await activePartnerAgency(t, operator, { name: '바닷가 어촌계' });
    agencies.push(farm, leaving);
    const [hidden, kept, withdrawn] = [await subscriptionListing(t, farm), await subscriptionListing(t, farm), await subscriptionListing(t, leaving)];
    const [s1, s2, s3] = [await subscribed(hidden), await subscribed(kept), await subscribed(withdrawn)];
    expect(s1.subscription.cycles.nodes[0].shipDate).toBe('2027-05-11');

    // The job of the first pause (04-30) found the later one still running.
    expect(await view(early.e.subscription.id, early.e.buyer.token)).toMatchObject({ status: 'PAUSED', resumeOn: '2027-05-12' });

    await t.ok(SUSPEND, { id: farm.id, reason: '위생 점검' }, operator);
    await t.ok(HIDE_LISTING, { id: hidden }, farm.owner.token);
    await advanceWeekly('2027-05-15T01:00:00Z');
    for (const { subscription, buyer } of [s1, s2]) {
      expect((await cyclesOf(subscription.id, buyer.token)).at(-1)).toMatchObject({
        shipDate: '2027-05-18',
        status: 'SKIPPED',
        skipReason: 'PARTNER_UNAVAILABLE',
      });
      expect((await view(subscription.id, buyer.token)).status).toBe('ACTIVE');
    }
    await t.ok(REINSTATE, { id: farm.id }, operator);
    await advanceWeekly('2027-05-22T01:00:00Z');
    expect((await cyclesOf(s1.subscription.id, s1.buyer.token)).at(-1)).toMatchObject({ shipDate: '2027-05-25', status: 'PAID' });
    expect((await view(early.e.subscription.id, early.e.buyer.token)).status).toBe('ACTIVE');

    await t.ok(ARCHIVE_LISTING, { id: hidden }, farm.owner.token);
    await t.ok(WITHDRAW, { id: leaving.id, reason: '사업 종료' }, leaving.owner.token);
    await runDueJobs();
    expect(await view(s1.subscription.id, s1.buyer.token)).toMatchObject({ status: 'CANCELLED', endReason: 'LISTING_ENDED' });
    expect(await view(s3.subscription.id, s3.buyer.token)).toMatchObject({ status: 'CANCELLED', endReason: 'LISTING_ENDED' });
    expect((await view(s2.subscription.id, s2.buyer.token)).status).toBe('ACTIVE');
    await t.ok(CANCEL, { id: s2.subscription.id }, s2.buyer.token);
  });

  it('price changes: a decrease applies at the next open cutoff; an increase needs consent 30 days ahead, else the subscription ends before that charge', async () => {
    const boxes = await subscriptionListing(t, agency);
    const [q1, q2] = [await subscribed(boxes), await subscribed(boxes)];
    expect(q1.subscription.cycles.nodes[0]).toMatchObject({ shipDate: '2027-06-01', amount: 28_000 });
    await t.ok(UPDATE_LISTING, { id: boxes, input: { price: 20_000 } }, agency.owner.token);
    expect(await view(q1.subscription.id, q1.buyer.token)).toMatchObject({ unitPrice: 20_000, nextChargeAmount: 23_000, pendingPriceChange: null });
    // Saturday 06-05 00:00 KST: the 06-08 delivery, the next open one, is charged the lower price.
    await advanceWeekly('2027-06-05T01:00:00Z');
    expect((await cyclesOf(q1.subscription.id, q1.buyer.token)).map((cycle) => [cycle.shipDate, cycle.amount])).toEqual([
      ['2027-06-01', 28_000],
      ['2027-06-08', 23_000],
    ]);

    await t.ok(UPDATE_LISTING, { id: boxes, input: { price: 30_000 } }, agency.owner.token);
    // + 30 days = Mon 07-05 10:00: the first cutoff at or after it is Sat 07-10 00:00, for Tue 07-13.
    expect((await view(q1.subscription.id, q1.buyer.token)).pendingPriceChange).toEqual({
      oldUnitPrice: 20_000,
      newUnitPrice: 30_000,
      noticeSentAt: expect.stringMatching(/^2027-06-05T01:00/),
      effectiveShipDate: '2027-07-13',
      respondBy: '2027-07-09T15:00:00.000Z',
      acceptedAt: null,
    });
    // The buyer is asked for consent, with the new price, its first delivery and the deadline (docs/RULES.md §30).
    const [consent] = (await t.ok(`{ myNotifications(first: 1) { nodes { kind title body } } }`, {}, q1.buyer.token)).myNotifications.nodes;
    expect(consent).toMatchObject({ kind: 'SUBSCRIPTION_PRICE_INCREASE', title: '정기배송 가격 변경에 동의가 필요해요' });
    expect(consent.body).toContain('20,000원에서 30,000원으로');
    expect(consent.body).toContain('7월 13일 발송분부터');
    // The forecast charges what the rules would (docs/RULES.md §20): the new price from 07-13, pending until accepted.
    expect(await forecastOf(q2.subscription.id, q2.buyer.token, '2027-07-06', '2027-07-13', '2027-07-20')).toEqual([
      ['2027-07-06', 23_000, false],
      ['2027-07-13', 33_000, true],
      ['2027-07-20', 33_000, true],
    ]);
    await advanceWeekly('2027-06-12T01:00:00Z');
    // A newer change replaces the pending one and restarts the notice: 06-12 + 30 days → cutoff 07-17, ship 07-20.
    await t.ok(UPDATE_LISTING, { id: boxes, input: { price: 32_000 } }, agency.owner.token);
    expect((await view(q1.subscription.id, q1.buyer.token)).pendingPriceChange).toMatchObject({
      newUnitPrice: 32_000,
      noticeSentAt: expect.stringMatching(/^2027-06-12T01:00/),
      effectiveShipDate: '2027-07-20',
      respondBy: '2027-07-16T15:00:00.000Z',
    });
    expect(codeOf(await t.gql(ACCEPT, { id: q1.subscription.id }, q2.buyer.token))).toBe('NOT_FOUND');
    const accepted = (await t.ok(ACCEPT, { id: q1.subscription.id }, q1.buyer.token)).acceptSubscriptionPriceChange;
    expect(accepted.pendingPriceChange.acceptedAt).toMatch(/^2027-06-12T01:00/);
    expect(accepted.unitPrice).toBe(20_000);
    expect(await forecastOf(q1.subscription.id, q1.buyer.token, '2027-07-13', '2027-07-20')).toEqual([
      ['2027-07-13', 23_000, false],
      ['2027-07-20', 35_000, false],
    ]);
    expect(await forecastOf(q2.subscription.id, q2.buyer.token, '2027-07-13', '2027-07-20')).toEqual([
      ['2027-07-13', 23_000, false],
      ['2027-07-20', 35_000, true],
    ]);

    await advanceWeekly('2027-07-17T01:00:00Z');
    expect((await cyclesOf(q1.subscription.id, q1.buyer.token)).slice(-2).map((cycle) => [cycle.shipDate, cycle.amount])).toEqual([
      ['2027-07-13', 23_000],
      ['2027-07-20', 35_000],
    ]);
    expect(await view(q1.subscription.id, q1.buyer.token)).toMatchObject({ unitPrice: 32_000, pendingPriceChange: null, status: 'ACTIVE' });
    const q2View = await view(q2.subscription.id, q2.buyer.token);
    expect(q2View).toMatchObject({ status: 'CANCELLED', endReason: 'PRICE_CHANGE_NOT_ACCEPTED', cancelledAt: '2027-07-16T15:00:00.000Z' });
    expect(q2View.cycles.nodes[0]).toMatchObject({ shipDate: '2027-07-13', amount: 23_000 });
    expect(codeOf(await t.gql(ACCEPT, { id: q2.subscription.id }, q2.buyer.token))).toBe('INVALID_STATE');
  });
});
