import { DataSource } from 'typeorm';
import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { Order, OrderEvents, OrderLine, type OrderEventMap } from '../../libs/commerce/src/index.js';
import { CREATE_LINK, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { activePartnerAgency, type Agency, type User } from '../support/catalog.js';
import { PAY_CHECKOUT, SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const ADD_TO_MARKET = `mutation($id: ID!) { addToMarket(listingId: $id) { id } }`;
const LINE_COMMISSION = `lines { id listing { id } paidAmount marketCreator { id } commission { id status baseAmount rateBps amount reversedAmount approvedAt } }`;
const ORDER_COMMISSIONS = `query($id: ID!) { order(id: $id) { id partnerAgency { id } ${LINE_COMMISSION} } }`;
const LINKS = `{ me { marketCreator { referralLinks { id clicks conversions } } } }`;
const CREATOR_COMMISSIONS = `query($id: ID!) { marketCreator(id: $id) {
  commissions(first: 20) { nodes { id status amount listing { id } reservation { id } orderLine { id order { id } } } }
} }`;
const TRIAL_BALANCE = `{ ledgerTrialBalance { total balanced } }`;
const BALANCE = `query($kind: LedgerAccountKind!, $ownerId: ID) { ledgerAccountBalance(kind: $kind, ownerId: $ownerId) { balance } }`;

type Creator = User & { creatorId: string };
type Line = { id: string; listing: { id: string }; marketCreator: { id: string } | null; commission: Record<string, unknown> | null };
type PaidOrder = { id: string; partnerAgency: { id: string }; lines: Line[] };

/**
 * Commissions on goods order lines over HTTP (docs/RULES.md §21): each line attributed on its own at payment,
 * one conversion per checkout per link; then commerce's later events (refunds, confirmation, cancellation or
 * return), published through OrderEvents in a transaction as the commerce services publish them.
 */
describe('affiliate: commissions on goods order lines', () => {
  let t: TestApp;
  let operator: string;
  let sunny: Agency;
  let farm: Agency;
  /** sunny, 12,000, 10 % */
  let rice: string;
  /** sunny, 8,000, 15 % */
  let tofu: string;
  /** farm, 20,000, 5 % */
  let honey: string;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    sunny = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    farm = await activePartnerAgency(t, operator, { name: '들녘 영농조합' });
    rice = await goodsListing(t, sunny, { stock: 100 }, { title: '유기농 현미 5kg', price: 12_000, commissionRateBps: 1_000 });
    tofu = await goodsListing(t, sunny, { stock: 100 }, { title: '손두부', price: 8_000, commissionRateBps: 1_500 });
    honey = await goodsListing(t, farm, { stock: 100 }, { title: '아카시아 꿀', price: 20_000, commissionRateBps: 500 });
  });
  afterAll(() => t.close());

  async function marketCreator(): Promise<Creator> {
    const user = await signUp(t, '큐레이터');
    return { ...user, creatorId: (await becomeMarketCreator(t, user.token)).id };
  }
  const link = async (creator: Creator, listingId?: string): Promise<{ id: string; code: string }> =>
    (await t.ok(CREATE_LINK, { input: listingId ? { listingId } : {} }, creator.token)).createReferralLink;
  const conversions = async (creator: Creator) =>
    Object.fromEntries(
      (await t.ok(LINKS, {}, creator.token)).me.marketCreator.referralLinks.map((l: { id: string; conversions: number }) => [l.id, l.conversions]),
    );

  /** rice ×2, tofu ×1, honey ×1: two agencies, three lines; checked out with `attributionToken` and paid. */
  async function boughtWith(buyer: User, attributionToken: string | null, lines: Array<[string, number]> = defaultCart()): Promise<PaidOrder[]> {
    for (const [listingId, quantity] of lines) await t.ok(SET_CART_LINE, { listingId, quantity }, buyer.token);
    const res = await checkout(t, buyer.token, { attributionToken });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const created = res.data!.checkout;
    await t.ok(PAY_CHECKOUT, { input: { id: created.id, paymentKey: `pk_${created.id}` } }, buyer.token);
    const orders = await Promise.all(created.orders.map(async (order: { id: string }) => (await t.ok(ORDER_COMMISSIONS, { id: order.id }, buyer.token)).order));
    return orders.sort((a: PaidOrder, b: PaidOrder) => (a.partnerAgency.id === sunny.id ? -1 : b.partnerAgency.id === sunny.id ? 1 : 0));
  }
  const defaultCart = (): Array<[string, number]> => [
    [rice, 2],
    [tofu, 1],
    [honey, 1],
  ];
  const lineOf = (orders: PaidOrder[], listingId: string): Line => orders.flatMap((order) => order.lines).find((line) => line.listing.id === listingId)!;

  const balanceOf = async (kind: string, ownerId: string) => (await t.ok(BALANCE, { kind, ownerId }, operator)).ledgerAccountBalance.balance as number;
  const trialBalance = async () => (await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance;

  it('a market link over two agencies: a PENDING commission per covered line at its own rate, none for the uncovered line, one conversion', async () => {
    const creator = await marketCreator();
    await t.ok(ADD_TO_MARKET, { id: rice }, creator.token);
    await t.ok(ADD_TO_MARKET, { id: honey }, creator.token);
    const marketLink = await link(creator);
    const { token } = await trackClick(t, marketLink.code);
    const buyer = await signUp(t, '김구매');

    const [sunnyOrder, farmOrder] = await boughtWith(buyer, token);
    expect(lineOf([sunnyOrder], rice)).toMatchObject({
      marketCreator: { id: creator.creatorId },
      commission: { status: 'PENDING', baseAmount: 24_000, rateBps: 1_000, amount: 2_400, reversedAmount: 0, approvedAt: null },
    });
    // The market does not hold tofu: a market link covers only the market's listings.
    expect(lineOf([sunnyOrder], tofu)).toMatchObject({ marketCreator: null, commission: null });
    expect(lineOf([farmOrder], honey)).toMatchObject({
      marketCreator: { id: creator.creatorId },
      commission: { status: 'PENDING', baseAmount: 20_000, rateBps: 500, amount: 1_000 },
    });
    // Two orders, two attributed lines, one checkout: one conversion.
    expect(await conversions(creator)).toEqual({ [marketLink.id]: 1 });

    // The agency's members see their order's commissions; the market creator sees its commissions but never the order lines.
    const seenBySunny = (await t.ok(ORDER_COMMISSIONS, { id: sunnyOrder.id }, sunny.owner.token)).order;
    expect(lineOf([seenBySunny], rice).commission).toMatchObject({ amount: 2_400 });
    const ofCreator = async (token: string) => (await t.ok(CREATOR_COMMISSIONS, { id: creator.creatorId }, token)).marketCreator.commissions.nodes;
    expect(await ofCreator(creator.token)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ amount: 2_400, listing: { id: rice }, reservation: null, orderLine: null }),
        expect.objectContaining({ amount: 1_000, listing: { id: honey }, reservation: null, orderLine: null }),
      ]),
    );
    expect(await ofCreator(operator)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ amount: 2_400, orderLine: { id: lineOf([sunnyOrder], rice).id, order: { id: sunnyOrder.id } } }),
        expect.objectContaining({ amount: 1_000, orderLine: { id: lineOf([farmOrder], honey).id, order: { id: farmOrder.id } } }),
      ]),
    );
  });

  it("attributes each line on its own: the token's click where it covers the line, else the buyer's newest remembered click covering it", async () => {
    const viaMarket = await marketCreator();
    await t.ok(ADD_TO_MARKET, { id: rice }, viaMarket.token);
    await t.ok(ADD_TO_MARKET, { id: honey }, viaMarket.token);
    const marketLink = await link(viaMarket);
    const viaTofu = await marketCreator();
    const tofuLink = await link(viaTofu, tofu);
    const buyer = await signUp(t);
    await trackClick(t, tofuLink.code, { token: buyer.token });
    const { token } = await trackClick(t, marketLink.code, { userAgent: 'Other/1.0' });

    const orders = await boughtWith(buyer, token);
    expect([rice, tofu, honey].map((listingId) => lineOf(orders, listingId).commission)).toEqual([
      expect.objectContaining({ amount: 2_400 }),
      expect.objectContaining({ amount: 1_200, rateBps: 1_500, baseAmount: 8_000 }),
      expect.objectContaining({ amount: 1_000 }),
    ]);
    expect([rice, tofu, honey].map((listingId) => lineOf(orders, listingId).marketCreator?.id)).toEqual([
      viaMarket.creatorId,
      viaTofu.creatorId,
      viaMarket.creatorId,
    ]);
    expect(await conversions(viaMarket)).toEqual({ [marketLink.id]: 1 });
    expect(await conversions(viaTofu)).toEqual({ [tofuLink.id]: 1 });

    // A second checkout by the same buyer is a second conversion.
    await boughtWith(buyer, token, [[honey, 1]]);
    expect(await conversions(viaMarket)).toEqual({ [marketLink.id]: 2 });
  });

  it("earns nothing on the market creator's own purchase (self-referral) and counts no conversion", async () => {
    const creator = await marketCreator();
    const riceLink = await link(creator, rice);
    const { token } = await trackClick(t, riceLink.code, { token: creator.token });
    const orders = await boughtWith(creator, token, [[rice, 1]]);
    expect(lineOf(orders, rice)).toMatchObject({ marketCreator: null, commission: null });
    expect(await conversions(creator)).toEqual({ [riceLink.id]: 0 });
  });

  it('resolves the commission fields with a constant number of statements whatever the page size', async () => {
    const creator = await marketCreator();
    const riceLink = await link(creator, rice);
    const { token } = await trackClick(t, riceLink.code);
    const buyer = await signUp(t);
    for (let i = 0; i < 4; i++) await boughtWith(buyer, token, [[rice, 1]]);
    const statements = async (document: string, variables: Record<string, unknown>, caller: string) => {
      t.queries.count = 0;
      const data = await t.ok(document, variables, caller);
      return { count: t.queries.count, data };
    };
    const MY_ORDERS = `query($first: Int) { myOrders(first: $first) { nodes { lines { marketCreator { id } commission { amount orderLine { id } } } } } }`;
    const [one, four] = [await statements(MY_ORDERS, { first: 1 }, buyer.token), await statements(MY_ORDERS, { first: 4 }, buyer.token)];
    expect(four.data.myOrders.nodes.map((order: { lines: Line[] }) => order.lines[0].commission)).toEqual(
      Array(4).fill({ amount: 1_200, orderLine: expect.objectContaining({ id: expect.any(String) }) }),
    );
    expect(four.count).toBe(one.count);
    const COMMISSIONS = `query($id: ID!, $first: Int) { marketCreator(id: $id) { commissions(first: $first) { nodes { orderLine { id order { id } } } } } }`;
    const [op1, op4] = [
      await statements(COMMISSIONS, { id: creator.creatorId, first: 1 }, operator),
      await statements(COMMISSIONS, { id: creator.creatorId, first: 4 }, operator),
    ];
    expect(op4.data.marketCreator.commissions.nodes.every((node: { orderLine: unknown }) => node.orderLine !== null)).toBe(true);
    expect(op4.count).toBe(op1.count);
  });

  describe("commerce's later events, in the transaction that publishes them", () => {
    let creator: Creator;
    let sunnyOrder: PaidOrder;
    let farmOrder: PaidOrder;

    beforeAll(async () => {
      creator = await marketCreator();
      await t.ok(ADD_TO_MARKET, { id: rice }, creator.token);
      await t.ok(ADD_TO_MARKET, { id: tofu }, creator.token);
      await t.ok(ADD_TO_MARKET, { id: honey }, creator.token);
      const { token } = await trackClick(t, (await link(creator)).code);
      [sunnyOrder, farmOrder] = await boughtWith(await signUp(t), token);
    });

    /** Publishes `type` for the order as commerce would, with its lines as stored and `refunded` won (total so far) on the lines named. */
    async function publish(type: keyof OrderEventMap, order: PaidOrder, refunded: Record<string, number> = {}): Promise<void> {
      const dataSource = t.app.get(DataSource);
      const stored = await dataSource.getRepository(Order).findOneByOrFail({ id: order.id });
      const lines = await dataSource.getRepository(OrderLine).find({ where: { orderId: order.id }, order: { position: 'ASC' } });
      for (const line of lines) line.refundedAmount = refunded[line.listingId] ?? 0;
      const events = t.app.get(OrderEvents);
      const ctx = RequestContext.system();
      await t.app.get(TransactionalConnection).withTransaction(ctx, async () => {
        if (type === 'OrderLinesRefunded') {
          const refunds = lines.filter((line) => line.listingId in refunded).map((line) => ({ line, amount: line.refundedAmount }));
          await events.publish(ctx, type, { order: stored, refunds });
        } else if (type === 'OrderConfirmed' || type === 'OrderEnded') {
          await events.publish(ctx, type, { order: stored, lines });
        }
      });
    }
    const commissionsOf = async (order: PaidOrder) =>
      (await t.ok(ORDER_COMMISSIONS, { id: order.id }, operator)).order.lines.map((line: Line) => line.commission);
    const creatorPayable = () => balanceOf('MARKET_CREATOR_PAYABLE', creator.creatorId);

    it('reverses in proportion to each refund from the line’s total refunded, and a rolled-back publish leaves nothing', async () => {
      // rice 24,000 → 2,400; tofu 8,000 → 1,200. One unit of rice back (12,000) and 3,333 of tofu.
      await publish('OrderLinesRefunded', sunnyOrder, { [rice]: 12_000, [tofu]: 3_333 });
      expect(await commissionsOf(sunnyOrder)).toEqual([
        expect.objectContaining({ status: 'PENDING', amount: 2_400, reversedAmount: 1_200 }),
        expect.objectContaining({ status: 'PENDING', amount: 1_200, reversedAmount: 499 }),
      ]);
      // The same totals again (a redelivered event) take nothing more.
      await publish('OrderLinesRefunded', sunnyOrder, { [rice]: 12_000 });
      expect((await commissionsOf(sunnyOrder))[0]).toMatchObject({ reversedAmount: 1_200 });
      expect(await creatorPayable()).toBe(0);

      const ctx = RequestContext.system();
      const [line] = await t.app
        .get(DataSource)
        .getRepository(OrderLine)
        .find({ where: { orderId: sunnyOrder.id }, order: { position: 'ASC' } });
      const order = await t.app.get(DataSource).getRepository(Order).findOneByOrFail({ id: sunnyOrder.id });
      await expect(
        t.app.get(TransactionalConnection).withTransaction(ctx, async () => {
          await t.app
            .get(OrderEvents)
            .publish(ctx, 'OrderLinesRefunded', { order, refunds: [{ line: Object.assign(line, { refundedAmount: 24_000 }), amount: 12_000 }] });
          throw new Error('the refund failed after the commission changed');
        }),
      ).rejects.toThrow('the refund failed');
      expect((await commissionsOf(sunnyOrder))[0]).toMatchObject({ status: 'PENDING', reversedAmount: 1_200 });
    });

    it('approves what remains at confirmation, moving it from the agency’s payable to the creator’s', async () => {
      const agencyBefore = await balanceOf('PARTNER_AGENCY_PAYABLE', sunny.id);
      await publish('OrderConfirmed', sunnyOrder, { [rice]: 12_000, [tofu]: 3_333 });
      expect(await commissionsOf(sunnyOrder)).toEqual([
        expect.objectContaining({ status: 'APPROVED', reversedAmount: 1_200, approvedAt: expect.any(String) }),
        expect.objectContaining({ status: 'APPROVED', reversedAmount: 499 }),
      ]);
      expect(await creatorPayable()).toBe(1_200 + 701);
      expect(await balanceOf('PARTNER_AGENCY_PAYABLE', sunny.id)).toBe(agencyBefore - 1_901);
      expect(await trialBalance()).toEqual({ total: 0, balanced: true });
    });

    it('after confirmation, a refund unbooks its share and the order’s end reverses what remains of every line', async () => {
      await publish('OrderLinesRefunded', sunnyOrder, { [rice]: 18_000 });
      expect((await commissionsOf(sunnyOrder))[0]).toMatchObject({ status: 'APPROVED', reversedAmount: 1_800 });
      expect(await creatorPayable()).toBe(600 + 701);

      // RETURNED with a return-shipping deduction: the lines were not refunded in full, yet nothing of the sale remains.
      await publish('OrderEnded', sunnyOrder, { [rice]: 21_000, [tofu]: 5_000 });
      expect(await commissionsOf(sunnyOrder)).toEqual([
        expect.objectContaining({ status: 'REVERSED', amount: 2_400, reversedAmount: 2_400 }),
        expect.objectContaining({ status: 'REVERSED', amount: 1_200, reversedAmount: 1_200 }),
      ]);
      expect(await creatorPayable()).toBe(0);
      expect(await trialBalance()).toEqual({ total: 0, balanced: true });
    });

    it('an order cancelled before shipment reverses its PENDING commissions without touching the ledger', async () => {
      await publish('OrderEnded', farmOrder, { [honey]: 20_000 });
      expect(await commissionsOf(farmOrder)).toEqual([expect.objectContaining({ status: 'REVERSED', amount: 1_000, reversedAmount: 1_000 })]);
      const entries = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM journal_entry WHERE reference_type = 'commission' AND reference_id = $1`, [
          (lineOf([farmOrder], honey).commission as { id: string }).id,
        ]);
      expect(entries).toEqual([{ n: 0 }]);
      // Confirming afterwards changes nothing.
      await publish('OrderConfirmed', farmOrder);
      expect((await commissionsOf(farmOrder))[0]).toMatchObject({ status: 'REVERSED' });
      expect(await trialBalance()).toEqual({ total: 0, balanced: true });
    });
  });
});
