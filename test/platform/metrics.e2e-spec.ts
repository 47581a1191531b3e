import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobQueueService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { PAY, RESERVE, bookableService, codeOf, seoulAt } from '../support/booking.js';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { METRICS_TOKEN, scrape } from '../support/metrics.js';
import { exited, serverProcessEnv, startServerProcess } from '../support/server-process.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const GRAPHQL_DURATION = 'dure_graphql_operation_duration_seconds_count';
const HTTP_DURATION = 'dure_http_request_duration_seconds_count';
const PROVIDER_CALLS = 'dure_payment_provider_calls_total';

describe('/metrics', () => {
  let t: TestApp;
  const server = () => t.app.getHttpServer();
  /** How much a sample grew while `work` ran (0 for one that did not exist before or after). */
  const growth = async (name: string, labels: Record<string, string>, work: () => Promise<unknown>): Promise<number> => {
    const before = (await scrape(server())).value(name, labels) ?? 0;
    await work();
    return ((await scrape(server())).value(name, labels) ?? 0) - before;
  };

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, METRICS_TOKEN });
  });
  afterAll(() => t.close());

  it('answers only the bearer of METRICS_TOKEN, in the Prometheus text format', async () => {
    expect((await request(server()).get('/metrics')).status).toBe(401);
    expect((await request(server()).get('/metrics').set('authorization', 'Bearer not-the-metrics-token')).status).toBe(401);
    const res = await request(server()).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE dure_http_request_duration_seconds histogram');
    expect(res.text).toContain('process_resident_memory_bytes');
  });

  it('does not exist without METRICS_TOKEN', async () => {
    const other = await createTestApp();
    try {
      const res = await request(other.app.getHttpServer()).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('dure_');
    } finally {
      await other.close();
    }
  });

  it('times GraphQL operations by operation name, type and outcome; unnamed ones as anonymous', async () => {
    // Signed in: an answer from the public response cache is given before GraphQL runs, and counts only as HTTP.
    const { token } = await signUp(t);
    const named = `query MetricsProbe { me { id } }`;
    const probe = { operation: 'MetricsProbe', type: 'query', outcome: 'ok' };
    expect(await growth(GRAPHQL_DURATION, probe, () => t.ok(named, {}, token))).toBe(1);
    expect(await growth(GRAPHQL_DURATION, probe, () => Promise.all([t.ok(named, {}, token), t.ok(named, {}, token)]))).toBe(2);
    expect(
      await growth(GRAPHQL_DURATION, { operation: 'anonymous', type: 'mutation', outcome: 'ok' }, () => t.ok(`mutation { logOut(refreshToken: "x") }`)),
    ).toBe(1);
    const signedOut = () => t.gql(`query Mine { reservation(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(await growth(GRAPHQL_DURATION, { operation: 'Mine', type: 'query', outcome: 'error' }, signedOut)).toBe(1);
    expect(await growth(GRAPHQL_DURATION, { operation: 'invalid', type: 'invalid', outcome: 'error' }, () => t.gql(`query Broken { nope }`))).toBe(1);
  });

  it('times HTTP requests by route pattern, never by raw URL', async () => {
    expect(await growth(HTTP_DURATION, { method: 'POST', route: '/graphql', status_code: '200' }, () => t.ok(`{ membershipTiers { code } }`))).toBe(1);
    expect(await growth(HTTP_DURATION, { method: 'GET', route: '/health', status_code: '200' }, () => request(server()).get('/health?probe=1'))).toBe(1);
    const webhook = { method: 'POST', route: '/webhooks/payments/:provider' };
    expect(await growth(HTTP_DURATION, webhook, () => request(server()).post('/webhooks/payments/nobody-9f2c').send({}))).toBe(1);
    expect(await growth(HTTP_DURATION, { method: 'GET', route: 'unmatched', status_code: '404' }, () => request(server()).get('/listings/4f7e1a'))).toBe(1);
    const { text } = await scrape(server());
    expect(text).not.toContain('nobody-9f2c');
    expect(text).not.toContain('4f7e1a');
    expect(text).not.toContain('probe=1');
  });

  it('reports both database pools', async () => {
    const metrics = await scrape(server());
    expect(metrics.value('dure_db_pool_max_connections', { pool: 'main' })).toBe(10);
    expect(metrics.value('dure_db_pool_max_connections', { pool: 'autonomous' })).toBe(4);
    expect(metrics.value('dure_db_pool_connections', { pool: 'main', state: 'idle' })).toBeGreaterThan(0);
    expect(metrics.value('dure_db_pool_connections', { pool: 'main', state: 'busy' })).toBeDefined();
    expect(metrics.value('dure_db_pool_waiting_requests', { pool: 'main' })).toBe(0);
  });

  describe('payment provider calls', () => {
    let operator: string;
    let agency: Agency;

    beforeAll(async () => {
      operator = await logInOperator(t);
      agency = await activePartnerAgency(t, operator);
    });

    const heldReservation = async (hour: number) => {
      const buyer = await signUp(t, '측정구매자');
      const listingId = await bookableService(t, agency);
      const held = await t.ok(RESERVE, { input: { listingId, startsAt: seoulAt(t, 2, hour), idempotencyKey: `metrics-${hour}` } }, buyer.token);
      return { id: held.reserve.id as string, buyer };
    };

    it('count by outcome: a payment confirmed is a success, a declined card is declined', async () => {
      const paid = await heldReservation(10);
      const confirm = { provider: 'simulated', call: 'confirm' };
      expect(
        await growth(PROVIDER_CALLS, { ...confirm, outcome: 'success' }, async () => {
          expect((await t.ok(PAY, { input: { id: paid.id, paymentKey: 'pk_metrics_ok' } }, paid.buyer.token)).payReservation.status).toBe('CONFIRMED');
        }),
      ).toBe(1);
      const declined = await heldReservation(11);
      expect(
        await growth(PROVIDER_CALLS, { ...confirm, outcome: 'declined' }, async () => {
          expect(codeOf(await t.gql(PAY, { input: { id: declined.id, paymentKey: 'sim_decline_metrics' } }, declined.buyer.token))).toBe('PAYMENT_FAILED');
        }),
      ).toBe(1);
      const metrics = await scrape(server());
      expect(metrics.value('dure_payment_provider_call_duration_seconds_count', confirm)).toBeGreaterThanOrEqual(2);
    });
  });

  describe('jobs', () => {
    const jobs = () => t.app.get(JobQueueService);
    const enqueue = (name: string, runAt: Date, maxAttempts = 1) => {
      const ctx = RequestContext.system();
      return t.app.get(TransactionalConnection).withTransaction(ctx, () => jobs().enqueue(ctx, name, {}, { runAt, maxAttempts }));
    };

    beforeAll(() => {
      jobs().register('test.metrics-fails', async () => {
        throw new Error('always fails');
      });
      jobs().register('test.metrics-works', async () => undefined);
    });

    it('count runs by job name and outcome: failures for good, retries and successes apart', async () => {
      const now = new Date(Date.now() - 1000);
      const failed = { name: 'test.metrics-fails', outcome: 'failed' };
      expect(await growth('dure_job_runs_total', failed, () => enqueue('test.metrics-fails', now).then(() => jobs().runDue()))).toBe(1);
      const retried = { name: 'test.metrics-fails', outcome: 'retry' };
      expect(await growth('dure_job_runs_total', retried, () => enqueue('test.metrics-fails', now, 3).then(() => jobs().runDue()))).toBe(1);
      const done = { name: 'test.metrics-works', outcome: 'done' };
      expect(await growth('dure_job_runs_total', done, () => enqueue('test.metrics-works', now).then(() => jobs().runDue()))).toBe(1);
      expect((await scrape(server())).value('dure_job_duration_seconds_count', { name: 'test.metrics-works' })).toBe(1);
    });

    it('report the queue depth by job name and state, counted when scraped', async () => {
      const depth = (state: string) => ({ name: 'test.metrics-depth', state });
      await enqueue('test.metrics-depth', new Date(Date.now() - 1000));
      await enqueue('test.metrics-depth', new Date(Date.now() - 1000));
      await enqueue('test.metrics-depth', new Date(Date.now() + 3600_000));
      let metrics = await scrape(server());
      expect(metrics.value('dure_job_queue_depth', depth('due'))).toBe(2);
      expect(metrics.value('dure_job_queue_depth', depth('scheduled'))).toBe(1);
      expect(metrics.value('dure_job_queue_depth', depth('active'))).toBe(0);
      jobs().register('test.metrics-depth', async () => undefined);
      await jobs().runDue();
      metrics = await scrape(server());
      expect(metrics.value('dure_job_queue_depth', depth('due'))).toBe(0);
      expect(metrics.value('dure_job_queue_depth', depth('scheduled'))).toBe(1);
    });
  });

  it('is served by a worker process on PORT, with the jobs it ran, and nothing else', async () => {
    const ready = (url: string) => request(url).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
    await t.app.get(DataSource).query(`UPDATE job SET run_at = now() - interval '1 second' WHERE name = 'jobs.prune' AND state = 'queued'`);
    const worker = await startServerProcess({ ...serverProcessEnv(t), METRICS_TOKEN }, { entry: 'dist/apps/worker/src/main.js', ready });
    try {
      // The worker runs the prune, due now, as it starts.
      let pruned: number | undefined;
      for (let waited = 0; waited < 10_000 && !pruned; waited += 100) {
        pruned = (await scrape(worker.url)).value('dure_job_runs_total', { name: 'jobs.prune', outcome: 'done' });
        if (!pruned) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(pruned).toBe(1);
      expect((await request(worker.url).get('/metrics')).status).toBe(401);
      expect((await request(worker.url).post('/graphql').send({ query: '{ __typename }' })).status).toBe(404);
    } finally {
      worker.process.kill('SIGTERM');
      expect(await exited(worker.process)).toBe(0);
    }
  });
});
