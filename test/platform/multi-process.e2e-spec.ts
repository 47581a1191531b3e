import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ADVANCE, PAY, RESERVE, bookableService, seoulAt } from '../support/booking.js';
import { activePartnerAgency, publishedListing, type Agency } from '../support/catalog.js';
import { exited, serverProcessEnv, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const BUYERS = 40;

/**
 * Two API processes on one database, both working the job queue: the database alone keeps bookings,
 * charges and jobs single (docs/RULES.md §8, §9), and each client's mutation rate limit.
 */
describe('several server processes on one database', () => {
  let t: TestApp;
  let servers: ServerProcess[];
  let operator: string;
  let agency: Agency;
  let buyers: Array<{ token: string }>;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    const env = {
      ...serverProcessEnv(t),
      DURE_TEST_CLOCK: '1',
      DURE_RUN_JOBS: 'true',
      DURE_JOB_POLL_INTERVAL_MS: '50',
      // Long enough that only the other processes' announcements can explain a fresh answer.
      PUBLIC_CACHE_TTL_MS: '600000',
      ...OPERATOR_ENV,
    };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => signUp(t, `구매자${i}`)));
  });
  afterAll(async () => {
    for (const server of servers ?? []) server.process.kill('SIGTERM');
    await Promise.all((servers ?? []).map((server) => exited(server.process)));
    await t.close();
  });

  /** GraphQL to server `i` (0 or 1). */
  const gql = async (i: number, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse<Record<string, any>>> => {
    const req = request(servers[i].url).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data, errors: res.body.errors };
  };
  const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query<T>(query, params);

  it('buyers racing for one seat through both processes: exactly one holds it', async () => {
    const listingId = await bookableService(t, agency);
    const startsAt = seoulAt(t, 3, 10);
    const results = await Promise.all(
      buyers.map((buyer, i) => gql(i % 2, RESERVE, { input: { listingId, startsAt, idempotencyKey: `mp-${i}` } }, buyer.token)),
    );
    expect(results.filter((r) => r.data?.reserve?.status === 'PENDING_PAYMENT')).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions.code === 'SLOT_UNAVAILABLE')).toHaveLength(BUYERS - 1);
  });

  it('payment confirmations of one reservation through both processes: one charge', async () => {
    const listingId = await bookableService(t, agency);
    const buyer = buyers[0];
    const held = await gql(0, RESERVE, { input: { listingId, startsAt: seoulAt(t, 3, 11), idempotencyKey: 'mp-pay' } }, buyer.token);
    const reservationId: string = held.data!.reserve.id;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gql(i % 2, PAY, { input: { id: reservationId, paymentKey: 'mp_pk_once' } }, buyer.token)),
    );
    expect(results.every((r) => r.data?.payReservation?.status === 'CONFIRMED')).toBe(true);
    const [{ orderId }] = await sql<Array<{ orderId: string }>>(`SELECT order_id AS "orderId" FROM payment WHERE reference_id = $1`, [reservationId]);
    expect(await sql(`SELECT * FROM simulated_provider_payment WHERE order_id = $1`, [orderId])).toHaveLength(1);
    expect(await sql(`SELECT * FROM payment_attempt WHERE payment_id = (SELECT id FROM payment WHERE order_id = $1)`, [orderId])).toHaveLength(1);
  });

  it('one client’s mutations through both processes: the default limit of 120 a minute holds across them', async () => {
    const client = await signUp(t, '다중요청');
    // A burst that straddles two windows may admit a few more (the earlier one weighs less as it goes on); start well inside one.
    if (Date.now() % 60_000 > 45_000) await sleep(60_000 - (Date.now() % 60_000) + 100);
    const results = await Promise.all(Array.from({ length: 130 }, (_, i) => gql(i % 2, `mutation { logOut(refreshToken: "none") }`, {}, client.token)));
    expect(results.filter((r) => r.data?.logOut === true)).toHaveLength(120);
    expect(results.filter((r) => r.status === 429 && r.errors?.[0].extensions.code === 'RATE_LIMITED')).toHaveLength(10);
  });

  it('log-ins racing for one email through both processes: no more than the limit of passwords is verified', async () => {
    const user = await signUp(t, '로그인');
    const logIn = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        gql(i % 2, logIn, { input: { email: user.email, password: i === 39 ? 'correct horse battery' : 'wrong password!' } }),
      ),
    );
    const codes = results.map((r) => r.errors?.[0].extensions.code ?? 'OK');
    // LOGIN_FAILURES_PER_EMAIL is 5 by default; a right password verified among them does not count.
    expect(codes.filter((code) => code === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(5);
    expect(codes.filter((code) => code !== 'RATE_LIMITED').length).toBeLessThanOrEqual(6);
  });

  it('jobs that fall due are run once, by whichever process claims them', async () => {
    const listingId = await bookableService(t, agency);
    const holds = await Promise.all(
      buyers
        .slice(0, 10)
        .map((buyer, i) => gql(i % 2, RESERVE, { input: { listingId, startsAt: seoulAt(t, 4 + i, 10), idempotencyKey: `mp-job-${i}` } }, buyer.token)),
    );
    const ids = holds.map((res) => res.data!.reserve.id as string);
    expect(ids).toHaveLength(10);
    const later = new Date(Date.now() + 30 * 60_000).toISOString();
    await Promise.all([gql(0, ADVANCE, { to: later }, operator), gql(1, ADVANCE, { to: later }, operator)]);
    for (let waited = 0; waited < 10_000; waited += 100) {
      const [{ open }] = await sql<Array<{ open: number }>>(`SELECT count(*)::int AS open FROM reservation WHERE id = ANY($1) AND status <> 'EXPIRED'`, [ids]);
      if (open === 0) break;
      await sleep(100);
    }
    const jobs = await sql<Array<{ state: string; attempts: number }>>(
      `SELECT state, attempts FROM job WHERE name = 'booking.hold-expiry' AND payload->>'reservationId' = ANY($1)`,
      [ids],
    );
    expect(jobs).toHaveLength(10);
    expect(jobs.every((job) => job.state === 'done' && job.attempts === 1)).toBe(true);
    const statuses = await sql<Array<{ status: string }>>(`SELECT status FROM reservation WHERE id = ANY($1)`, [ids]);
    expect(statuses.every((row) => row.status === 'EXPIRED')).toBe(true);
  });

  it('a write committed by one process reaches anonymous visitors of the others at once', async () => {
    const region = '전남 순천시';
    const query = `query($region: String) { listings(filter: { region: $region }) { nodes { title } } }`;
    const anonymous = (i: number) => request(servers[i].url).post('/graphql').set('content-type', 'application/json').send({ query, variables: { region } });
    const titles = (res: request.Response) => res.body.data.listings.nodes.map((node: { title: string }) => node.title);
    for (const i of [0, 1]) {
      expect(titles(await anonymous(i))).toEqual([]);
      expect((await anonymous(i)).headers['x-cache']).toBe('HIT');
    }
    await publishedListing(t, agency, { region, title: '순천만 생태 해설' });
    // NOTIFY reaches the other processes asynchronously, within milliseconds.
    await sleep(300);
    for (const i of [0, 1]) expect(titles(await anonymous(i))).toEqual(['순천만 생태 해설']);
  });
});
