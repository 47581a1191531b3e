import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CREATE_LINK, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { codeOf, serverNow } from '../support/booking.js';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { COUPON, SAVE_COUPON } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';
import { ADVANCE_CLOCK, advanceWeekly, billingMethod, payDues, subscribe, subscriptionListing } from '../support/subscriptions.js';

const DAY = 24 * 3600_000;
/** Long clock drives: a charge per subscription per week, each with its order. */
const DRIVE_TIMEOUT = 600_000;

const MONEY_FIELDS = `id status paidCycles nextChargeAmount marketCreator { id }
  coupon { code discount coupon { id } }
  upcomingDeliveries(count: 3) { shipDate cutoffAt amount }
  cycles(first: 50) { nodes { index shipDate status amount discount payment { amount }
    order { id status price { itemDiscount shippingFee shippingDiscount total } lines { id itemDiscount paidAmount commission { amount status } } } } }`;
const VIEW = `query($id: ID!) { boxSubscription(id: $id) { ${MONEY_FIELDS} } }`;
const CANCEL = `mutation($id: ID!) { cancelSubscription(subscriptionId: $id) { status } }`;
const SKIP = `mutation($id: ID!, $shipDate: Date!) { setSubscriptionDeliverySkipped(subscriptionId: $id, shipDate: $shipDate, skipped: true) {
  nextChargeAmount upcomingDeliveries(count: 3) { shipDate skipped amount } } }`;
const CANCEL_ORDER = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }`;
const SUSPEND_CREATOR = `mutation($id: ID!) { suspendMarketCreator(marketCreatorId: $id, reason: "점검") { status } }`;
const REINSTATE_CREATOR = `mutation($id: ID!) { reinstateMarketCreator(marketCreatorId: $id) { status } }`;

interface MoneyCycle {
  index: number;
  shipDate: string;
  status: string;
  amount: number;
  discount: number;
  payment: { amount: number } | null;
  order: {
    id: string;
    status: string;
    price: { itemDiscount: number; shippingFee: number; shippingDiscount: number; total: number };
    lines: Array<{ id: string; itemDiscount: number; paidAmount: number; commission: { amount: number; status: string } | null }>;
  } | null;
}

/**
 * docs/RULES.md §19 (a coupon given at subscribe) and §21 (a subscription's commission) over GraphQL, on one
 * test-clock timeline starting Thursday 2027-03-11 10:00 KST.
 */
describe('subscription boxes: coupons and commissions', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  let farm: Agency;
  let weekly: string;
  let codes = 0;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await t.ok(ADVANCE_CLOCK, { to: '2027-03-11T01:00:00Z' }, operator);
    agency = await activePartnerAgency(t, operator, { name: '제철농장 협동조합' });
    farm = await activePartnerAgency(t, operator, { name: '들녘 영농조합' });
    weekly = await subscriptionListing(t, agency);
  });
  afterAll(() => t.close());

  const view = async (id: string, token: string) => (await t.ok(VIEW, { id }, token)).boxSubscription;
  const cyclesOf = async (id: string, token: string): Promise<MoneyCycle[]> => [...(await view(id, token)).cycles.nodes].reverse();
  const newSubscriber = async (name = '김구독') => {
    const buyer = await signUp(t, name);
    return { buyer, methodId: await billingMethod(t, buyer.token) };
  };
  const subscribed = async (token: string, input: { billingMethodId: string } & Record<string, unknown>) => {
    const response = await subscribe(t, token, { listingId: weekly, ...input });
    expect(response.errors).toBeUndefined();
    return view(response.data!.subscribe.id, token);
  };
  const inDays = (days: number) => new Date(serverNow(t).getTime() + days * DAY).toISOString();
  const saveCoupon = async (overrides: Record<string, unknown> = {}, token = operator) =>
    (
      await t.ok(
        SAVE_COUPON,
        {
          input: {
            code: `SUB-${process.pid % 1000}-${codes++}`,
            name: '꾸러미 첫 달 할인',
            discountType: 'FIXED_AMOUNT',
            amount: 5_000,
            fundedBy: 'PLATFORM',
            scope: 'ALL',
            appliesToSubscriptions: true,
            startsAt: inDays(-1),
            endsAt: inDays(30),
            ...overrides,
          },
        },
        token,
      )
    ).saveCoupon as { id: string; code: string };
  const usedCount = async (id: string): Promise<number> => (await t.ok(COUPON, { id }, operator)).coupon.usedCount;
  const column = async (sql: string, id: string) => Object.values((await t.app.get(DataSource).query(sql, [id]))[0])[0];

  describe('commission (RULES §21)', () => {
    it(
      "the token's creator is kept at subscribe; paid deliveries 1–12 earn while it is ACTIVE, one paid while suspended earns nothing but counts",
      async () => {
        const creatorUser = await signUp(t, '마을살림');
        const creator = await becomeMarketCreator(t, creatorUser.token);
        const link = (await t.ok(CREATE_LINK, { input: { listingId: weekly } }, creatorUser.token)).createReferralLink;
        const { buyer, methodId } = await newSubscriber();
        const { token } = await trackClick(t, link.code, { userAgent: randomUUID() });
        const subscription = await subscribed(buyer.token, { billingMethodId: methodId, attributionToken: token });
        expect(subscription.marketCreator).toEqual({ id: creator.id });
        // The listing's 1,000 bps of the line's 25,000 (shipping earns nothing), PENDING at payment.
        expect(subscription.cycles.nodes[0].order.lines[0].commission).toEqual({ amount: 2_500, status: 'PENDING' });
        expect(await column('SELECT conversions FROM referral_link WHERE id = $1', link.id)).toBe(1);

        // The creator's own subscription through its own link earns nothing (self-referral).
        const own = await billingMethod(t, creatorUser.token);
        const selfReferred = await subscribed(creatorUser.token, { billingMethodId: own, attributionToken: token });
        expect(selfReferred.marketCreator).toBeNull();
        expect(selfReferred.cycles.nodes[0].order.lines[0].commission).toBeNull();
        await t.ok(CANCEL, { id: selfReferred.id }, creatorUser.token);

        // No token: the buyer's newest remembered click covering the listing decides.
        const remembering = await newSubscriber('박기억');
        await trackClick(t, link.code, { token: remembering.buyer.token, userAgent: randomUUID() });
        const remembered = await subscribed(remembering.buyer.token, { billingMethodId: remembering.methodId });
        expect(remembered.marketCreator).toEqual({ id: creator.id });
        await t.ok(CANCEL, { id: remembered.id }, remembering.buyer.token);

        // Delivery 2 is charged at Sat 03-20 00:00 KST; delivery 3 (03-27 00:00 KST) while the creator is suspended.
        await advanceWeekly(t, operator, [agency], '2027-03-20T00:00:00Z');
        await t.ok(SUSPEND_CREATOR, { id: creator.id }, operator);
        await advanceWeekly(t, operator, [agency], '2027-03-27T00:00:00Z');
        await t.ok(REINSTATE_CREATOR, { id: creator.id }, operator);
        // Delivery 14's cutoff is Sat 06-12 00:00 KST.
        await advanceWeekly(t, operator, [agency], '2027-06-12T00:00:00Z');
        const cycles = await cyclesOf(subscription.id, buyer.token);
        expect(cycles).toHaveLength(14);
        expect(cycles.every((cycle) => cycle.status === 'PAID')).toBe(true);
        const earning = cycles.map((cycle) => [cycle.index, cycle.order!.lines[0].commission?.amount ?? null]);
        expect(earning).toEqual(cycles.map(({ index }) => [index, index === 3 || index > 12 ? null : 2_500]));
        // One conversion per subscription (this one and the remembered click's), none per delivery.
        expect(await column('SELECT conversions FROM referral_link WHERE id = $1', link.id)).toBe(2);

        // From there the line's commission follows its order as a goods line's does: a cancellation reverses it.
        const twelfth = cycles[11].order!;
        await t.ok(CANCEL_ORDER, { input: { orderId: twelfth.id } }, buyer.token);
        expect((await cyclesOf(subscription.id, buyer.token))[11].order!.lines[0].commission).toEqual({ amount: 2_500, status: 'REVERSED' });
        await t.ok(CANCEL, { id: subscription.id }, buyer.token);
      },
      DRIVE_TIMEOUT,
    );
  });

  describe('a coupon given at subscribe (RULES §19)', () => {
    it(
      'discounts the first subscriptionCycles paid deliveries, also after the coupon ended, then the full price; the platform funds it on the line',
      async () => {
        const coupon = await saveCoupon({ subscriptionCycles: 2, endsAt: inDays(2) });
        const { buyer, methodId } = await newSubscriber();
        const subscription = await subscribed(buyer.token, { billingMethodId: methodId, couponCode: coupon.code.toLowerCase() });
        const [first] = subscription.cycles.nodes as MoneyCycle[];
        expect(first).toMatchObject({ index: 1, amount: 28_000, discount: 5_000, payment: { amount: 23_000 } });
        expect(first.order!.price).toEqual({ itemDiscount: 5_000, shippingFee: 3_000, shippingDiscount: 0, total: 23_000 });
        expect(first.order!.lines[0]).toMatchObject({ itemDiscount: 5_000, paidAmount: 20_000 });
        expect(await column('SELECT platform_discount::int FROM order_line WHERE id = $1', first.order!.lines[0].id)).toBe(5_000);
        expect(subscription.coupon).toEqual({ code: coupon.code, discount: 5_000, coupon: { id: coupon.id } });
        expect(subscription.nextChargeAmount).toBe(23_000);
        expect(subscription.upcomingDeliveries.map((delivery: { amount: number }) => delivery.amount)).toEqual([23_000, 28_000, 28_000]);
        expect(await usedCount(coupon.id)).toBe(1);

        // The coupon ends before the second delivery's cutoff: that delivery is still discounted, the third is not.
        await advanceWeekly(t, operator, [agency], subscription.upcomingDeliveries[1].cutoffAt);
        const cycles = await cyclesOf(subscription.id, buyer.token);
        expect(cycles.map((cycle) => [cycle.index, cycle.status, cycle.discount, cycle.payment!.amount])).toEqual([
          [1, 'PAID', 5_000, 23_000],
          [2, 'PAID', 5_000, 23_000],
          [3, 'PAID', 0, 28_000],
        ]);
        const after = await view(subscription.id, buyer.token);
        expect(after).toMatchObject({ nextChargeAmount: 28_000, coupon: { code: coupon.code, discount: 0 } });
        expect(await usedCount(coupon.id)).toBe(1);
        await t.ok(CANCEL, { id: subscription.id }, buyer.token);
      },
      DRIVE_TIMEOUT,
    );

    it("an agency's FREE_SHIPPING coupon waives that delivery's fee up to maxDiscount, funded by the agency", async () => {
      const coupon = await saveCoupon(
        { discountType: 'FREE_SHIPPING', amount: null, maxDiscount: 2_000, fundedBy: 'PARTNER_AGENCY', partnerAgencyId: agency.id },
        agency.owner.token,
      );
      const { buyer, methodId } = await newSubscriber();
      const subscription = await subscribed(buyer.token, { billingMethodId: methodId, couponCode: coupon.code, quantity: 2 });
      const [first] = subscription.cycles.nodes as MoneyCycle[];
      expect(first).toMatchObject({ amount: 53_000, discount: 2_000, payment: { amount: 51_000 } });
      expect(first.order!.price).toEqual({ itemDiscount: 0, shippingFee: 3_000, shippingDiscount: 2_000, total: 51_000 });
      expect(await column('SELECT platform_shipping_discount::int FROM commerce_order WHERE id = $1', first.order!.id)).toBe(0);
      // subscriptionCycles 1: the next delivery pays the fee.
      expect(subscription).toMatchObject({ nextChargeAmount: 53_000, coupon: { discount: 0 } });
      await t.ok(CANCEL, { id: subscription.id }, buyer.token);
    });

    it(
      'upcoming amounts are what each cutoff charges: a skipped delivery uses no discounted cycle and shows what it would cost unskipped',
      async () => {
        const coupon = await saveCoupon({ subscriptionCycles: 2 });
        const { buyer, methodId } = await newSubscriber();
        const subscription = await subscribed(buyer.token, { billingMethodId: methodId, couponCode: coupon.code });
        const [skippedOne, next, after] = subscription.upcomingDeliveries as Array<{ shipDate: string; cutoffAt: string }>;
        const skipped = (await t.ok(SKIP, { id: subscription.id, shipDate: skippedOne.shipDate }, buyer.token)).setSubscriptionDeliverySkipped;
        // Delivery 1 used the first discounted cycle at subscribe; the second goes to the next delivery charged.
        expect(skipped.upcomingDeliveries).toEqual([
          { shipDate: skippedOne.shipDate, skipped: true, amount: 23_000 },
          { shipDate: next.shipDate, skipped: false, amount: 23_000 },
          { shipDate: after.shipDate, skipped: false, amount: 28_000 },
        ]);
        expect(skipped.nextChargeAmount).toBe(23_000);
        await advanceWeekly(t, operator, [agency], after.cutoffAt);
        const cycles = await cyclesOf(subscription.id, buyer.token);
        expect(cycles.map((cycle) => [cycle.shipDate, cycle.status, cycle.payment?.amount ?? null])).toEqual([
          [cycles[0].shipDate, 'PAID', 23_000],
          [skippedOne.shipDate, 'SKIPPED', null],
          [next.shipDate, 'PAID', 23_000],
          [after.shipDate, 'PAID', 28_000],
        ]);
        await t.ok(CANCEL, { id: subscription.id }, buyer.token);
      },
      DRIVE_TIMEOUT,
    );

    it('is refused, nothing kept, when it is not for subscriptions, unknown, not valid now, out of scope, of another agency or below its minimum', async () => {
      const { buyer, methodId } = await newSubscriber();
      const refusals = [
        (await saveCoupon({ appliesToSubscriptions: false })).code,
        'NO-SUCH-CODE',
        (await saveCoupon({ startsAt: inDays(1) })).code,
        (await saveCoupon({ scope: 'LISTINGS', listingIds: [await subscriptionListing(t, agency)] })).code,
        (await saveCoupon({ fundedBy: 'PARTNER_AGENCY', partnerAgencyId: farm.id }, farm.owner.token)).code,
        (await saveCoupon({ minOrderAmount: 30_000 })).code,
      ];
      for (const couponCode of refusals) {
        const response = await subscribe(t, buyer.token, { listingId: weekly, billingMethodId: methodId, couponCode });
        expect([couponCode, codeOf(response)]).toEqual([couponCode, 'BAD_USER_INPUT']);
      }
      const mine = await t.ok(`{ mySubscriptions(first: 10) { totalCount } }`, {}, buyer.token);
      expect(mine.mySubscriptions.totalCount).toBe(0);
    });

    it('totalUsageLimit 1 and four concurrent subscribers on two boxes: one redemption, the others LIMIT_EXCEEDED', async () => {
      const coupon = await saveCoupon({ totalUsageLimit: 1 });
      const other = await subscriptionListing(t, agency);
      const subscribers = await Promise.all([1, 2, 3, 4].map((n) => newSubscriber(`동시${n}`)));
      const responses = await Promise.all(
        subscribers.map(({ buyer, methodId }, i) =>
          subscribe(t, buyer.token, { listingId: i % 2 ? other : weekly, billingMethodId: methodId, couponCode: coupon.code }),
        ),
      );
      expect(responses.filter((response) => !response.errors)).toHaveLength(1);
      expect(responses.flatMap((response) => (response.errors ? [codeOf(response)] : []))).toEqual(['LIMIT_EXCEEDED', 'LIMIT_EXCEEDED', 'LIMIT_EXCEEDED']);
      expect(await usedCount(coupon.id)).toBe(1);
      const winner = responses.findIndex((response) => !response.errors);
      await t.ok(CANCEL, { id: responses[winner].data!.subscribe.id }, subscribers[winner].buyer.token);
    });

    it('its use goes back once the subscription is cancelled and every delivery order of it was cancelled before shipment, in either order', async () => {
      await payDues(t, agency);
      const coupon = await saveCoupon({ perUserLimit: 5 });
      const { buyer, methodId } = await newSubscriber();
      const orderOf = (subscription: { cycles: { nodes: MoneyCycle[] } }) => subscription.cycles.nodes[0].order!.id;

      // Cancelled first (청약철회), its box still unshipped: kept until that order is cancelled too.
      const first = await subscribed(buyer.token, { billingMethodId: methodId, couponCode: coupon.code });
      await t.ok(CANCEL, { id: first.id }, buyer.token);
      expect(await usedCount(coupon.id)).toBe(1);
      await t.ok(CANCEL_ORDER, { input: { orderId: orderOf(first) } }, buyer.token);
      expect(await usedCount(coupon.id)).toBe(0);

      // The order cancelled while the subscription lives: kept (later deliveries may still use it) until it ends.
      const second = await subscribed(buyer.token, { billingMethodId: methodId, couponCode: coupon.code });
      await t.ok(CANCEL_ORDER, { input: { orderId: orderOf(second) } }, buyer.token);
      expect(await usedCount(coupon.id)).toBe(1);
      await t.ok(CANCEL, { id: second.id }, buyer.token);
      expect(await usedCount(coupon.id)).toBe(0);
    });
  });
});
