import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { exited, gqlTo, serverProcessEnv, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { ADVANCE_CLOCK, billingMethod, payDues, subscribe, subscriptionListing } from '../support/subscriptions.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const DAY = 24 * 3600_000;
const SUBSCRIBERS = 6;

/**
 * Two server processes on one database, both working the job queue (docs/RULES.md §20, §26): every cutoff
 * job is claimed by one of them, and each delivery is charged exactly once.
 */
describe('subscription cutoffs worked by two processes', () => {
  let t: TestApp;
  let servers: ServerProcess[];
  let operator: string;
  let agency: Agency;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    const env = { ...serverProcessEnv(t), DURE_TEST_CLOCK: '1', DURE_RUN_JOBS: 'true', DURE_JOB_POLL_INTERVAL_MS: '50', ...OPERATOR_ENV };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator, { name: '두레농장 협동조합' });
  });
  afterAll(async () => {
    for (const server of servers ?? []) server.process.kill('SIGTERM');
    await Promise.all((servers ?? []).map((server) => exited(server.process)));
    await t.close();
  });

  const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query<T>(query, params);

  it('six weekly cutoffs of several subscriptions, with both processes advancing their clocks together: one charge per delivery', async () => {
    const listingId = await subscriptionListing(t, agency);
    const ids: string[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const buyer = await signUp(t, `구독자${i}`);
      const response = await subscribe(t, buyer.token, { listingId, billingMethodId: await billingMethod(t, buyer.token) });
      expect(response.errors).toBeUndefined();
      ids.push(response.data!.subscribe.id);
    }
    const start = Date.now();
    for (let week = 1; week <= 6; week++) {
      const to = new Date(start + week * 7 * DAY).toISOString();
      const answers = await Promise.all(servers.map((server) => gqlTo(server, ADVANCE_CLOCK, { to }, operator)));
      for (const answer of answers) expect(answer.errors).toBeUndefined();
      await payDues(t, agency);
    }
    // Jobs a process claimed while the other advanced finish on their own.
    for (let waited = 0; waited < 10_000; waited += 100) {
      const [{ busy }] = await sql<Array<{ busy: number }>>(`SELECT count(*)::int AS busy FROM job WHERE name = 'subscriptions.cutoff' AND state = 'active'`);
      if (busy === 0) break;
      await sleep(100);
    }
    const cycles = await sql<Array<{ subscription_id: string; n: number; paid: number; ship_dates: number }>>(
      `SELECT subscription_id, count(*)::int AS n, count(*) FILTER (WHERE status = 'PAID')::int AS paid, count(DISTINCT ship_date)::int AS ship_dates
         FROM subscription_cycle WHERE subscription_id = ANY($1) GROUP BY subscription_id`,
      [ids],
    );
    expect(cycles).toHaveLength(SUBSCRIBERS);
    // The first delivery at subscribe and one per weekly cutoff passed: 6 or 7 depending on the weekday today.
    for (const row of cycles) {
      expect(row.n).toBeGreaterThanOrEqual(6);
      expect(row.paid).toBe(row.n);
      expect(row.ship_dates).toBe(row.n);
    }
    const [charged] = await sql<Array<{ payments: number; orders: number }>>(
      `SELECT (SELECT count(*)::int FROM payment WHERE reference_id = ANY($1::uuid[]) AND status = 'PAID') AS payments,
              (SELECT count(*)::int FROM commerce_order WHERE payment_id IN (SELECT id FROM payment WHERE reference_id = ANY($1::uuid[]))) AS orders`,
      [ids],
    );
    const total = cycles.reduce((sum, row) => sum + row.n, 0);
    expect(charged).toEqual({ payments: total, orders: total });
  });
});
