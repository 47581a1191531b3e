import { DataSource } from 'typeorm';
import { codeOf } from '../support/booking.js';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { ADDRESS, CHECKOUT, PAY_CHECKOUT, SET_CART_LINE, goodsListing } from '../support/commerce.js';
import { exited, gqlTo, serverProcessEnv, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const BUYERS = 50;
const STOCK = 5;

/**
 * Two API processes on one database: the conditional stock statement alone keeps goods from being
 * oversold, whichever process a checkout reaches (docs/RULES.md §16).
 */
describe('checkouts racing for stock through two server processes', () => {
  let t: TestApp;
  let servers: ServerProcess[];
  let agency: Agency;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    servers = await Promise.all([startServerProcess(serverProcessEnv(t)), startServerProcess(serverProcessEnv(t))]);
    agency = await activePartnerAgency(t, await logInOperator(t));
  });
  afterAll(async () => {
    for (const server of servers ?? []) server.process.kill('SIGTERM');
    await Promise.all((servers ?? []).map((server) => exited(server.process)));
    await t.close();
  });

  /** GraphQL to server `i` (0 or 1). */
  const gql = (i: number, query: string, variables: Record<string, unknown>, token: string) => gqlTo(servers[i], query, variables, token);
  const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query<T>(query, params);

  it(`${BUYERS} checkouts of one unit against stock ${STOCK}: exactly ${STOCK} orders hold it, the rest OUT_OF_STOCK, stock never negative`, async () => {
    const listingId = await goodsListing(t, agency, { stock: STOCK });
    const buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => signUp(t, `재고경쟁${i}`)));
    await Promise.all(buyers.map((buyer) => t.ok(SET_CART_LINE, { listingId, quantity: 1 }, buyer.token)));

    const results = await Promise.all(
      buyers.map((buyer, i) => gql(i % 2, CHECKOUT, { input: { shippingAddress: ADDRESS, idempotencyKey: `processes-${i}` } }, buyer.token)),
    );
    const outcomes = results.map((res) => (res.errors ? codeOf(res) : res.data!.checkout.status));
    expect(outcomes.filter((outcome) => outcome === 'PENDING_PAYMENT')).toHaveLength(STOCK);
    expect(outcomes.filter((outcome) => outcome === 'OUT_OF_STOCK')).toHaveLength(BUYERS - STOCK);

    // The winners pay through the process that did not take their checkout.
    const won = results.map((res, i) => ({ res, i })).filter(({ res }) => !res.errors);
    const paid = await Promise.all(
      won.map(({ res, i }) => {
        const id = res.data!.checkout.id;
        return gql((i + 1) % 2, PAY_CHECKOUT, { input: { id, paymentKey: `pk_processes_${id}` } }, buyers[i].token);
      }),
    );
    expect(paid.map((res) => res.data?.payCheckout.status)).toEqual(Array(STOCK).fill('PAID'));

    const [{ stock }] = await sql<Array<{ stock: number }>>(`SELECT (goods->>'stock')::integer AS stock FROM listing WHERE id = $1`, [listingId]);
    expect(stock).toBe(0);
    const lines = await sql<Array<{ status: string; units: number }>>(
      `SELECT o.status, sum(l.quantity)::integer AS units FROM order_line l JOIN commerce_order o ON o.id = l.order_id WHERE l.listing_id = $1 GROUP BY o.status`,
      [listingId],
    );
    expect(lines).toEqual([{ status: 'PAID', units: STOCK }]);
  }, 120_000);
});
