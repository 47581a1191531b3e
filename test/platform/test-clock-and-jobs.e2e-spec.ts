import { DataSource } from 'typeorm';
import { ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const ADVANCE = `mutation($to: DateTime!) { advanceTestClock(to: $to) }`;
const HOUR = 3600_000;

describe('test clock and job queue', () => {
  let t: TestApp;
  let operator: string;
  const ran: Array<{ payload: Record<string, unknown>; at: number }> = [];

  beforeAll(async () => {
    t = await createTestApp({ DURE_TEST_CLOCK: '1', ...OPERATOR_ENV });
    operator = await logInOperator(t);
    t.app.get(JobQueueService).register('test.record', async (_ctx, payload) => {
      ran.push({ payload, at: t.app.get(ClockService).now().getTime() });
      if (payload.fail) throw new Error('boom');
    });
  });
  afterAll(() => t.close());

  const enqueue = (payload: Record<string, unknown>, inMs: number, singletonKey?: string) => {
    const ctx = RequestContext.system();
    const runAt = new Date(t.app.get(ClockService).now().getTime() + inMs);
    return t.app.get(TransactionalConnection).withTransaction(ctx, () => t.app.get(JobQueueService).enqueue(ctx, 'test.record', payload, { runAt, singletonKey }));
  };

  it('refuses non-operators even when enabled', async () => {
    const buyer = await signUp(t);
    expect((await t.gql(ADVANCE, { to: new Date(Date.now() + HOUR).toISOString() }, buyer.token)).errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('runs each due job once, in time order, with the clock at its due time, and returns after they ran', async () => {
    ran.length = 0;
    const start = t.app.get(ClockService).now().getTime();
    await enqueue({ n: 2 }, 2 * HOUR);
    await enqueue({ n: 1 }, 1 * HOUR);
    await enqueue({ n: 3 }, 30 * HOUR);
    const to = new Date(start + 3 * HOUR);
    const res = await t.ok(ADVANCE, { to: to.toISOString() }, operator);
    expect(new Date(res.advanceTestClock).getTime()).toBeGreaterThanOrEqual(to.getTime());
    expect(ran.map((r) => r.payload.n)).toEqual([1, 2]);
    expect(ran[0].at - start).toBeGreaterThanOrEqual(HOUR);
    expect(ran[0].at - start).toBeLessThan(2 * HOUR);
    await t.ok(ADVANCE, { to: new Date(start + 3 * HOUR).toISOString() }, operator);
    expect(ran).toHaveLength(2);
  });

  it('never moves the clock back', async () => {
    const now = t.app.get(ClockService).now().getTime();
    const res = await t.ok(ADVANCE, { to: new Date(now - 10 * HOUR).toISOString() }, operator);
    expect(new Date(res.advanceTestClock).getTime()).toBeGreaterThanOrEqual(now);
  });

  it('keeps one queued job per singleton key', async () => {
    ran.length = 0;
    await enqueue({ n: 'a' }, HOUR, 'same');
    await enqueue({ n: 'b' }, HOUR, 'same');
    await t.ok(ADVANCE, { to: new Date(t.app.get(ClockService).now().getTime() + 2 * HOUR).toISOString() }, operator);
    expect(ran.map((r) => r.payload.n)).toEqual(['a']);
  });

  it('retries a failing job with back-off and marks it failed after its attempts', async () => {
    ran.length = 0;
    await enqueue({ fail: true }, 0);
    await t.ok(ADVANCE, { to: new Date(t.app.get(ClockService).now().getTime() + 24 * HOUR).toISOString() }, operator);
    expect(ran).toHaveLength(5);
    const [job] = await t.app.get(DataSource).query(`SELECT state, attempts, last_error FROM job WHERE payload->>'fail' = 'true'`);
    expect(job).toEqual({ state: 'failed', attempts: 5, last_error: 'boom' });
  });

  it('two pollers never run the same job twice (SKIP LOCKED)', async () => {
    ran.length = 0;
    for (let i = 0; i < 30; i++) await enqueue({ n: i }, 0);
    const queue = t.app.get(JobQueueService);
    await Promise.all([queue.runDue(), queue.runDue(), queue.runDue()]);
    expect(ran.map((r) => r.payload.n).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("a claim is held by the real clock: another process's later test clock does not take the job, a lapsed claim does", async () => {
    ran.length = 0;
    const sql = (query: string, params: unknown[]) => t.app.get(DataSource).query(query, params);
    await enqueue({ n: 'held' }, 0);
    await enqueue({ n: 'lapsed' }, 0);
    // As another process would leave them: claimed, one by a live process, one by a process that died.
    await sql(`UPDATE job SET state = 'active', attempts = 1, locked_until = now() + interval '5 minutes' WHERE payload->>'n' = 'held'`, []);
    await sql(`UPDATE job SET state = 'active', attempts = 1, locked_until = now() - interval '1 second' WHERE payload->>'n' = 'lapsed'`, []);
    const clock = t.app.get(ClockService);
    clock.moveTo(new Date(clock.now().getTime() + 10 * HOUR));
    await t.app.get(JobQueueService).runDue();
    const names = ran.map((r) => r.payload.n);
    expect(names).toContain('lapsed');
    expect(names).not.toContain('held');
    await sql(`DELETE FROM job WHERE payload->>'n' = 'held'`, []);
  });
});
