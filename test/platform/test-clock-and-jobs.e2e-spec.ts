import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AutonomousConnection, ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const ADVANCE = `mutation($to: DateTime!) { advanceTestClock(to: $to) }`;
const JOBS = `query($status: JobStatus) { jobs(status: $status, first: 10) { totalCount nodes {
  id name status attempts maxAttempts lastError payload runAt createdAt startedAt finishedAt claimedUntil } } }`;
const HOUR = 3600_000;
/** Short claims, so jobs can outlive them in a test. */
const CLAIM_MS = 1000;
/** Longer than every `test.slow` job here. */
const JOB_TIMEOUT_MS = 4 * CLAIM_MS;

/** Queues a job in a transaction of its own, due `inMs` from the app's clock. */
function enqueueOn(t: TestApp, name: string, payload: Record<string, unknown>, inMs = 0, singletonKey?: string): Promise<void> {
  const ctx = RequestContext.system();
  const runAt = new Date(t.app.get(ClockService).now().getTime() + inMs);
  return t.app.get(TransactionalConnection).withTransaction(ctx, () => t.app.get(JobQueueService).enqueue(ctx, name, payload, { runAt, singletonKey }));
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !(await condition()); await sleep(50)) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
  }
}

describe('test clock and job queue', () => {
  let t: TestApp;
  let operator: string;
  const ran: Array<{ payload: Record<string, unknown>; at: number }> = [];
  /** Starts of `test.slow` jobs, by payload `n`. */
  const slowStarts: unknown[] = [];
  const stuckRuns: unknown[] = [];
  let releaseHungJob: (() => void) | undefined;
  let hungJobLateWrite: string | undefined;

  beforeAll(async () => {
    t = await createTestApp({ DURE_TEST_CLOCK: '1', DURE_JOB_CLAIM_MS: String(CLAIM_MS), DURE_JOB_TIMEOUT_MS: String(JOB_TIMEOUT_MS), ...OPERATOR_ENV });
    operator = await logInOperator(t);
    const queue = t.app.get(JobQueueService);
    queue.register('test.record', async (_ctx, payload) => {
      ran.push({ payload, at: t.app.get(ClockService).now().getTime() });
      if (payload.fail) throw new Error('boom');
    });
    queue.register('test.slow', async (_ctx, payload) => {
      slowStarts.push(payload.n);
      await sleep(Number(payload.ms));
    });
    queue.register('test.stuck', async (_ctx, payload) => void stuckRuns.push(payload.n));
    queue.register('test.hang', async (ctx) => {
      await t.app.get(TransactionalConnection).manager(ctx).query(`INSERT INTO job_hang_probe VALUES ('before')`);
      await new Promise<void>((resolve) => (releaseHungJob = resolve));
      try {
        await t.app.get(TransactionalConnection).manager(ctx).query(`INSERT INTO job_hang_probe VALUES ('after')`);
        hungJobLateWrite = 'written';
      } catch (error) {
        hungJobLateWrite = (error as Error).constructor.name;
      }
    });
  });
  afterAll(() => t.close());

  const enqueue = (payload: Record<string, unknown>, inMs: number, singletonKey?: string) => enqueueOn(t, 'test.record', payload, inMs, singletonKey);
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> => t.app.get(DataSource).query(query, params);
  const jobOf = async (n: string) =>
    (
      await sql<{ state: string; attempts: number; lockedUntil: Date | null; lastError: string | null }>(
        `SELECT state, attempts, locked_until AS "lockedUntil", last_error AS "lastError" FROM job WHERE payload->>'n' = $1`,
        [n],
      )
    )[0];
  /** Another process's poller: looks for due jobs every 100 ms while `running` (this one's) goes on. */
  const pollWhile = async (running: Promise<unknown>) => {
    let over = false;
    void running.finally(() => (over = true));
    while (!over) {
      await t.app.get(JobQueueService).runDue();
      await sleep(100);
    }
    await running;
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
    const { jobs } = await t.ok(JOBS, { status: 'FAILED' }, operator);
    expect(jobs.totalCount).toBe(1);
    expect(jobs.nodes[0]).toMatchObject({
      name: 'test.record',
      status: 'FAILED',
      attempts: 5,
      maxAttempts: 5,
      lastError: 'boom',
      payload: '{"fail":true}',
      claimedUntil: null,
    });
    for (const field of ['runAt', 'createdAt', 'startedAt', 'finishedAt']) expect(Date.parse(jobs.nodes[0][field])).not.toBeNaN();
  });

  it('ends an attempt that outlives DURE_JOB_TIMEOUT_MS: rolled back, retried later, and refused the database afterwards', async () => {
    await sql(`CREATE TABLE job_hang_probe (step text)`);
    await enqueueOn(t, 'test.hang', { n: 'hang' });
    const started = Date.now();
    await t.app.get(JobQueueService).runDue();
    expect(Date.now() - started).toBeGreaterThanOrEqual(JOB_TIMEOUT_MS);
    expect(await jobOf('hang')).toMatchObject({
      state: 'queued',
      attempts: 1,
      lockedUntil: null,
      lastError: `test.hang ran longer than its time limit of ${JOB_TIMEOUT_MS} ms`,
    });
    releaseHungJob!();
    await until(() => hungJobLateWrite !== undefined, 'the hung handler went on');
    expect(hungJobLateWrite).toBe('LimitExceededError');
    expect(await sql(`SELECT step FROM job_hang_probe`)).toEqual([]);
    // Not retried by the later tests' clock moves.
    await sql(`UPDATE job SET state = 'done' WHERE payload->>'n' = 'hang'`);
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

  it('gives each job its own claim: jobs queued together, each slower than a claim, run once each', async () => {
    slowStarts.length = 0;
    for (const n of ['a', 'b', 'c']) await enqueueOn(t, 'test.slow', { n, ms: 1.5 * CLAIM_MS });
    await pollWhile(t.app.get(JobQueueService).runDue());
    expect(slowStarts.sort()).toEqual(['a', 'b', 'c']);
    for (const n of ['a', 'b', 'c']) expect(await jobOf(n)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('a job slower than its claim keeps it by its heartbeat and is not run again', async () => {
    slowStarts.length = 0;
    await enqueueOn(t, 'test.slow', { n: 'long', ms: 3 * CLAIM_MS });
    const running = t.app.get(JobQueueService).runDue();
    await until(() => slowStarts.includes('long'), 'the job started');
    const claimed = (await jobOf('long')).lockedUntil!.getTime();
    await sleep(1.5 * CLAIM_MS);
    const renewed = (await jobOf('long')).lockedUntil!.getTime();
    expect(renewed).toBeGreaterThan(claimed);
    expect(renewed).toBeGreaterThan(Date.now());
    await pollWhile(running);
    expect(slowStarts).toEqual(['long']);
    expect(await jobOf('long')).toMatchObject({ state: 'done', attempts: 1, lockedUntil: null });
  });

  it('a job whose claim lapses while it runs (its heartbeat cannot reach the database) is not started again beside itself', async () => {
    slowStarts.length = 0;
    const heartbeats = jest.spyOn(t.app.get(AutonomousConnection), 'query').mockRejectedValue(new Error('database unreachable'));
    try {
      await enqueueOn(t, 'test.slow', { n: 'stalled', ms: 2.5 * CLAIM_MS });
      const running = t.app.get(JobQueueService).runDue();
      await until(() => slowStarts.includes('stalled'), 'the job started');
      await sleep(1.5 * CLAIM_MS);
      expect((await jobOf('stalled')).lockedUntil!.getTime()).toBeLessThan(Date.now());
      await pollWhile(running);
      expect(heartbeats).toHaveBeenCalled();
    } finally {
      heartbeats.mockRestore();
    }
    expect(slowStarts).toEqual(['stalled']);
    expect(await jobOf('stalled')).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('a job whose process died is run again once its claim lapses, once, and operators see why', async () => {
    stuckRuns.length = 0;
    // Due now by the other process's clock, which tests have not moved.
    await enqueueOn(t, 'test.stuck', { n: 'orphan' }, Date.now() - t.app.get(ClockService).now().getTime());
    const worker = spawn(process.execPath, ['test/support/job-worker-process.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: t.config.databaseUrl!,
        JWT_SECRET: t.config.jwtSecret,
        DURE_DEMO_DATA: 'false',
        DURE_JOB_CLAIM_MS: String(2 * CLAIM_MS),
        LOG_LEVEL: 'fatal',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    worker.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await until(() => output.includes('running job:test.stuck'), 'the other process started the job', 30_000);
      const claimed = (await jobOf('orphan')).lockedUntil!.getTime();
      await until(async () => (await jobOf('orphan')).lockedUntil!.getTime() > claimed, 'the other process renewed its claim');
    } finally {
      worker.kill('SIGKILL');
    }
    await once(worker, 'exit');
    const queue = t.app.get(JobQueueService);
    await queue.runDue();
    expect(stuckRuns).toEqual([]);
    await until(async () => (await queue.runDue(), stuckRuns.length > 0), 'the job ran again');
    await queue.runDue();
    expect(stuckRuns).toEqual(['orphan']);
    const { jobs } = await t.ok(JOBS, { status: 'DONE' }, operator);
    expect(jobs.nodes.find((job: { payload: string }) => job.payload === '{"n":"orphan"}')).toMatchObject({
      status: 'DONE',
      attempts: 2,
      lastError: 'attempt 1 stopped: its process ended before finishing it',
    });
  });

  it('gives a job up when its process died on its last attempt, without running it again', async () => {
    stuckRuns.length = 0;
    const ctx = RequestContext.system();
    await t.app.get(JobQueueService).enqueue(ctx, 'test.stuck', { n: 'last' }, { runAt: t.app.get(ClockService).now(), maxAttempts: 1 });
    // As a process that died running it would leave it.
    await sql(`UPDATE job SET state = 'active', attempts = 1, locked_until = now() - interval '1 second' WHERE payload->>'n' = 'last'`);
    await t.app.get(JobQueueService).runDue();
    expect(stuckRuns).toEqual([]);
    expect(await jobOf('last')).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: 'attempt 1 stopped: its process ended before finishing it; no attempts left',
    });
  });
});

describe('job-working process', () => {
  let t: TestApp;
  const ran: number[] = [];

  beforeAll(async () => {
    // Polling alone would find a job only minutes later.
    t = await createTestApp({ DURE_RUN_JOBS: 'true', DURE_JOB_POLL_INTERVAL_MS: String(10 * 60_000) });
    t.app.get(JobQueueService).register('test.wake', async () => void ran.push(Date.now()));
  });
  afterAll(() => t.close());

  it('is woken by a job queued for now when its transaction commits, not before', async () => {
    const ctx = RequestContext.system();
    let committed = 0;
    await t.app.get(TransactionalConnection).withTransaction(ctx, async () => {
      await t.app.get(JobQueueService).enqueue(ctx, 'test.wake', {});
      await sleep(300);
      expect(ran).toEqual([]);
      committed = Date.now();
    });
    await until(() => ran.length > 0, 'the job ran', 5000);
    expect(ran[0] - committed).toBeLessThan(1000);
  });
});
