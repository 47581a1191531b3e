import { DataSource } from 'typeorm';
import { codeOf, serverNow } from '../support/booking.js';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { ADDRESS, CHECKOUT, SET_CART_LINE, goodsListing } from '../support/commerce.js';
import { exited, gqlTo, serverProcessEnv, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const BUYERS = 20;
const LIMIT = 3;
const SAVE_COUPON = `mutation($input: SaveCouponInput!) { saveCoupon(input: $input) { id code usedCount } }`;
const APPLY = `mutation($code: String!) { applyCartCoupon(code: $code) { price { total } } }`;

/**
 * Two API processes on one database: the coupon row locked inside each checkout's transaction keeps a total
 * usage limit, whichever process a checkout reaches (docs/RULES.md §19; the bug of Vendure #4660).
 */
describe('checkouts racing for coupon uses through two server processes', () => {
  let t: TestApp;
  let servers: ServerProcess[];
  let operator: string;
  let agency: Agency;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    servers = await Promise.all([startServerProcess(serverProcessEnv(t)), startServerProcess(serverProcessEnv(t))]);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
  });
  afterAll(async () => {
    for (const server of servers ?? []) server.process.kill('SIGTERM');
    await Promise.all((servers ?? []).map((server) => exited(server.process)));
    await t.close();
  });

  /** GraphQL to server `i` (0 or 1). */
  const gql = (i: number, query: string, variables: Record<string, unknown>, token: string) => gqlTo(servers[i], query, variables, token);
  const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query<T>(query, params);

  it(`totalUsageLimit ${LIMIT} and ${BUYERS} concurrent checkouts by different buyers: exactly ${LIMIT} redemptions, the rest LIMIT_EXCEEDED`, async () => {
    const listingId = await goodsListing(t, agency, { stock: 100 });
    const now = serverNow(t).getTime();
    const input = {
      code: 'RACE-THREE',
      name: '선착순 3명',
      discountType: 'FIXED_AMOUNT',
      amount: 2_000,
      fundedBy: 'PLATFORM',
      scope: 'ALL',
      totalUsageLimit: LIMIT,
      startsAt: new Date(now - 86_400_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000).toISOString(),
    };
    const coupon = (await t.ok(SAVE_COUPON, { input }, operator)).saveCoupon;
    const buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => signUp(t, `쿠폰경쟁${i}`)));
    for (const buyer of buyers) {
      await t.ok(SET_CART_LINE, { listingId, quantity: 1 }, buyer.token);
      await t.ok(APPLY, { code: coupon.code }, buyer.token);
    }

    const results = await Promise.all(
      buyers.map((buyer, i) => gql(i % 2, CHECKOUT, { input: { shippingAddress: ADDRESS, idempotencyKey: `coupon-race-${i}` } }, buyer.token)),
    );
    const outcomes = results.map((res) => (res.errors ? codeOf(res) : res.data!.checkout.status));
    expect(outcomes.filter((outcome) => outcome === 'PENDING_PAYMENT')).toHaveLength(LIMIT);
    expect(outcomes.filter((outcome) => outcome === 'LIMIT_EXCEEDED')).toHaveLength(BUYERS - LIMIT);
    // Every winner got the discount: 12,000 − 2,000 + 3,000 shipping.
    expect(results.filter((res) => !res.errors).map((res) => res.data!.checkout.price.total)).toEqual(Array(LIMIT).fill(13_000));

    const [row] = await sql<Array<{ used_count: number; live: number }>>(
      `SELECT used_count, (SELECT count(*)::integer FROM coupon_redemption WHERE coupon_id = $1 AND released_at IS NULL) AS live FROM coupon WHERE id = $1`,
      [coupon.id],
    );
    expect(row).toEqual({ used_count: LIMIT, live: LIMIT });
  }, 120_000);
});
