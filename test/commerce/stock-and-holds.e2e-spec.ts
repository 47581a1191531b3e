import { DataSource } from 'typeorm';
import { ClockService } from '../../libs/common/src/index.js';
import { activePartnerAgency, type Agency, type User } from '../support/catalog.js';
import { advanceTo, codeOf, serverNow } from '../support/booking.js';
import { CHECKOUT_BY_ID, ORDER, PAY_CHECKOUT, SET_CART_LINE, checkout, goodsListing, stockOf } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const LISTED_ORDER = `id status partnerAgency { id organization { name } } buyer { id } checkout { id payment { status } }
  lines { title listing { id title goods { stock } } order { id } } payment { amount status }`;
const MY_ORDERS = `query($first: Int) { myOrders(first: $first) { totalCount edges { cursor } nodes { ${LISTED_ORDER} } } }`;
const AGENCY_ORDERS = `query($id: ID!, $first: Int, $overdueOnly: Boolean) {
  partnerAgencyOrders(partnerAgencyId: $id, first: $first, overdueOnly: $overdueOnly) { totalCount nodes { ${LISTED_ORDER} } }
}`;
// Lean enough per checkout for the operation cost limit at first: 20; myOrders covers the rest of an order.
const MY_CHECKOUTS = `query($first: Int) { myCheckouts(first: $first) { totalCount nodes { id status paymentRequest { amount }
  payment { status } orders { id partnerAgency { id } lines { listing { id } } } } } }`;
const SET_NON_BUSINESS_DAYS = `mutation($year: Int!, $days: [NonBusinessDayInput!]!) { setNonBusinessDays(year: $year, days: $days) { date } }`;

describe('stock, holds and reads of goods orders (docs/RULES.md §14–§16)', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator, { tierCode: 'PREMIUM' });
  });
  afterAll(() => t.close());

  const buyerWith = async (lines: Array<[string, number]>): Promise<User> => {
    const buyer = await signUp(t);
    for (const [listingId, quantity] of lines) await t.ok(SET_CART_LINE, { listingId, quantity }, buyer.token);
    return buyer;
  };
  const checkedOut = async (buyer: User) => {
    const res = await checkout(t, buyer.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.checkout;
  };
  const minutesLater = (minutes: number) => new Date(serverNow(t).getTime() + minutes * 60_000).toISOString();

  it('50 concurrent checkouts of one unit against stock 5: exactly 5 hold stock, the rest OUT_OF_STOCK, stock never negative', async () => {
    const listingId = await goodsListing(t, agency, { stock: 5 });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => buyerWith([[listingId, 1]])));
    const results = await Promise.all(buyers.map((buyer) => checkout(t, buyer.token)));
    const outcomes = results.map((res) => (res.errors ? codeOf(res) : res.data!.checkout.status));
    expect(outcomes.filter((outcome) => outcome === 'PENDING_PAYMENT')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome === 'OUT_OF_STOCK')).toHaveLength(45);
    expect(await stockOf(t, listingId, agency.owner.token)).toBe(0);
    const held = await t.app
      .get(DataSource)
      .query(`SELECT sum(quantity)::integer AS units, count(*)::integer AS lines FROM order_line WHERE listing_id = $1`, [listingId]);
    expect(held).toEqual([{ units: 5, lines: 5 }]);
  }, 120_000);

  it('an expired hold gives its stock back: a checkout needing it before the job takes it, reads show EXPIRED, the job finishes the rest', async () => {
    const listingId = await goodsListing(t, agency, { stock: 2 });
    const first = await buyerWith([[listingId, 2]]);
    const held = await checkedOut(first);
    const second = await buyerWith([[listingId, 1]]);
    expect(codeOf(await checkout(t, second.token))).toBe('OUT_OF_STOCK');

    // Past the hold without running jobs: reads already say EXPIRED and the units can be bought.
    await t.app.get(ClockService).moveTo(new Date(minutesLater(16)));
    expect((await t.ok(CHECKOUT_BY_ID, { id: held.id }, first.token)).checkout).toMatchObject({ status: 'EXPIRED', paymentRequest: null });
    expect((await t.ok(ORDER, { id: held.orders[0].id }, first.token)).order.status).toBe('EXPIRED');
    expect(codeOf(await t.gql(PAY_CHECKOUT, { input: { id: held.id, paymentKey: 'pk_late' } }, first.token))).toBe('INVALID_STATE');
    const taken = await checkedOut(second);
    expect(await stockOf(t, listingId, agency.owner.token)).toBe(1);
    expect((await t.ok(CHECKOUT_BY_ID, { id: held.id }, operator)).checkout).toMatchObject({ status: 'EXPIRED', payment: { status: 'FAILED' } });

    // After the job: the second hold lapses too and its unit comes back.
    await advanceTo(t, operator, minutesLater(16));
    expect((await t.ok(CHECKOUT_BY_ID, { id: taken.id }, second.token)).checkout).toMatchObject({ status: 'EXPIRED', payment: { status: 'FAILED' } });
    expect(await stockOf(t, listingId, agency.owner.token)).toBe(2);
  });

  it('myOrders, partnerAgencyOrders and myCheckouts take the same number of statements for 1 and 20 orders', async () => {
    const listingId = await goodsListing(t, agency, { stock: 100 }, { title: '목록용 상품' });
    const buyer = await buyerWith([]);
    for (let i = 0; i < 20; i++) {
      await t.ok(SET_CART_LINE, { listingId, quantity: 1 }, buyer.token);
      const created = await checkedOut(buyer);
      await t.ok(PAY_CHECKOUT, { input: { id: created.id, paymentKey: `pk_list_${created.id}` } }, buyer.token);
    }
    const statements = async (document: string, variables: Record<string, unknown>, token: string) => {
      t.queries.count = 0;
      const data = await t.ok(document, variables, token);
      return { count: t.queries.count, data };
    };
    const listed = async (document: string, field: string, variables: Record<string, unknown>, token: string) => {
      const one = await statements(document, { ...variables, first: 1 }, token);
      const twenty = await statements(document, { ...variables, first: 20 }, token);
      expect(one.data[field].nodes).toHaveLength(1);
      expect(twenty.data[field].nodes).toHaveLength(20);
      expect(twenty.count).toBe(one.count);
      return twenty.data[field].nodes;
    };
    await listed(MY_ORDERS, 'myOrders', {}, buyer.token);
    const agencyOrders = await listed(AGENCY_ORDERS, 'partnerAgencyOrders', { id: agency.id }, agency.owner.token);
    expect(agencyOrders.every((order: { checkout: unknown; status: string }) => order.checkout === null && order.status === 'PAID')).toBe(true);
    const checkouts = await listed(MY_CHECKOUTS, 'myCheckouts', {}, buyer.token);
    expect(checkouts.every((paid: { status: string; payment: { status: string } }) => paid.status === 'PAID' && paid.payment.status === 'PAID')).toBe(true);
  }, 120_000);

  it('the dispatch deadline is the end of the N-th business day after the KST payment date, around a weekend and a holiday (§14 example)', async () => {
    // Friday 2027-03-12 15:00 KST; the agency and its listing are made then, so their dues stay current.
    await advanceTo(t, operator, '2027-03-12T06:00:00Z');
    await t.ok(SET_NON_BUSINESS_DAYS, { year: 2027, days: [] }, operator);
    const friday = await activePartnerAgency(t, operator, { name: '금요일 상점' });
    const jam = await goodsListing(t, friday, { stock: 10, dispatchBusinessDays: 1 }, { title: '딸기잼' });
    const kimchi = await goodsListing(t, friday, { stock: 10, dispatchBusinessDays: 3 }, { title: '김치' });
    const payOrder = async () => {
      const buyer = await buyerWith([
        [jam, 1],
        [kimchi, 1],
      ]);
      const created = await checkedOut(buyer);
      return (await t.ok(PAY_CHECKOUT, { input: { id: created.id, paymentKey: `pk_${created.id}` } }, buyer.token)).payCheckout.orders[0];
    };
    // N = 3, the largest of its lines: Mon 15, Tue 16, Wed 17 → 2027-03-18 00:00 KST.
    expect((await payOrder()).dispatchDeadline).toBe('2027-03-17T15:00:00.000Z');
    await t.ok(SET_NON_BUSINESS_DAYS, { year: 2027, days: [{ date: '2027-03-16', name: '임시공휴일' }] }, operator);
    expect((await payOrder()).dispatchDeadline).toBe('2027-03-18T15:00:00.000Z');

    const overdue = await t.ok(AGENCY_ORDERS, { id: friday.id, overdueOnly: true }, friday.owner.token);
    expect(overdue.partnerAgencyOrders.nodes).toEqual([]);
    await advanceTo(t, operator, '2027-03-18T00:00:00Z');
    expect((await t.ok(AGENCY_ORDERS, { id: friday.id, overdueOnly: true }, friday.owner.token)).partnerAgencyOrders.nodes).toHaveLength(1);
  });
});
