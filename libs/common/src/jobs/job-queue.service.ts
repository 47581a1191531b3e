import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClockService } from '../clock/clock.service.js';
import { DureConfig } from '../config/dure-config.js';
import { OperationDeadline } from '../context/operation-deadline.js';
import { RequestContext } from '../context/request-context.js';
import { AutonomousConnection } from '../database/autonomous-connection.js';
import { PostgresListener } from '../database/postgres-listener.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { secondsSince } from '../metrics/metrics.js';
import type { Page, PageArgs } from '../graphql/connection.js';
import { paginate } from '../graphql/paginate.js';
import { Job, type JobStatus } from './job.entity.js';
import type { JobObserver, JobOutcome } from './job-observer.js';

export type JobHandler = (ctx: RequestContext, payload: Record<string, unknown>) => Promise<void>;

/**
 * Runs in the transaction that records a job's last failed attempt, with that attempt's error: for a job whose
 * own rows must show the failure (a notification's delivery ends FAILED, never silently).
 */
export type JobGiveUpHandler = (ctx: RequestContext, payload: Record<string, unknown>, error: string) => Promise<void>;

export interface JobOptions {
  onGiveUp?: JobGiveUpHandler;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** While a job with this key is queued or running, enqueueing another is a no-op. */
  singletonKey?: string;
  maxAttempts?: number;
}

/** One job for `enqueueMany`. */
export interface JobToEnqueue {
  name: string;
  payload: Record<string, unknown>;
  options?: EnqueueOptions;
}

/** A job as the `job` table's INSERT takes it, the payload as JSON. */
interface QueuedJob {
  name: string;
  payload: string;
  runAt: Date;
  singletonKey: string | null;
  maxAttempts: number;
  repeatEveryMs: number | null;
}

/** Job-working processes LISTEN here; enqueueing a due job NOTIFYs it when its transaction commits. */
const JOB_DUE_CHANNEL = 'dure_job_due';

type ClaimedJob = Pick<Job, 'id' | 'name' | 'payload' | 'attempts' | 'maxAttempts' | 'repeatEveryMs' | 'singletonKey' | 'lastError'>;

/** The attempt no longer holds the job: its claim lapsed and another process took it. */
class ClaimLostError extends Error {}

/** The attempt ran longer than DURE_JOB_TIMEOUT_MS. */
class JobTimedOutError extends Error {
  constructor(jobName: string, timeoutMs: number) {
    super(`${jobName} ran longer than its time limit of ${timeoutMs} ms`);
  }
}

/**
 * A PostgreSQL-backed job queue driven by the ClockService, so the test clock can make jobs due.
 * Jobs are enqueued in the caller's transaction (they exist only if the change that caused them commits)
 * and each runs in its own transaction together with being marked done.
 *
 * Each job is claimed on its own, for `jobClaimMs` of real time, and a heartbeat moves the claim on while
 * it runs; a job whose process stopped is claimed again once its claim lapses. While it runs, the job's
 * transaction also holds a share lock on its row, which the claiming `FOR UPDATE SKIP LOCKED` skips: even
 * a job whose heartbeat could not reach the database is never started a second time beside itself.
 */
@Injectable()
export class JobQueueService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueueService.name);
  private readonly handlers = new Map<string, JobHandler>();
  private readonly giveUpHandlers = new Map<string, JobGiveUpHandler>();
  private readonly recurring = new Map<string, number>();
  private readonly observers: JobObserver[] = [];
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  /** Woken while polling: look again as soon as this round ends. */
  private pollAgain = false;
  private stopped = false;
  /** Jobs queued in each open transaction (by its manager), written together before it commits. */
  private readonly queuedInTransaction = new WeakMap<EntityManager, QueuedJob[]>();

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly autonomous: AutonomousConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    listener: PostgresListener,
  ) {
    this.registerRecurring('jobs.prune', 24 * 3600_000, (ctx) => this.prune(ctx));
    // A lost or new connection may have missed notifications: look for due jobs then too.
    listener.subscribe(JOB_DUE_CHANNEL, { notified: () => this.wake(), resync: () => this.wake() });
  }

  /** Libraries register their handlers in their module's constructor or onModuleInit. */
  register(name: string, handler: JobHandler, options: JobOptions = {}): void {
    if (this.handlers.has(name)) throw new Error(`Job handler ${name} registered twice`);
    this.handlers.set(name, handler);
    if (options.onGiveUp) this.giveUpHandlers.set(name, options.onGiveUp);
  }

  /** A sweep that runs every `everyMs` (from its last finish) on whichever process gets it first. */
  registerRecurring(name: string, everyMs: number, handler: JobHandler): void {
    this.register(name, handler);
    this.recurring.set(name, everyMs);
  }

  observe(observer: JobObserver): void {
    this.observers.push(observer);
  }

  /** Queues a job; one due at once wakes the job-working processes when the transaction commits. */
  async enqueue(ctx: RequestContext, name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany(ctx, [{ name, payload, options }]);
  }

  /**
   * Queues several jobs, each as `enqueue` would (singletons, NOTIFY once any is due). In a transaction they
   * are written together just before it commits, with every other job it queued: one statement per
   * transaction however many of its steps queue jobs.
   */
  async enqueueMany(ctx: RequestContext, jobs: readonly JobToEnqueue[]): Promise<void> {
    if (!jobs.length) return;
    const now = this.clock.now();
    const rows = jobs.map(({ name, payload, options = {} }): QueuedJob => ({
      name,
      payload: JSON.stringify(payload),
      runAt: options.runAt ?? now,
      singletonKey: options.singletonKey ?? null,
      maxAttempts: options.maxAttempts ?? 5,
      repeatEveryMs: this.recurring.get(name) ?? null,
    }));
    const manager = ctx.manager;
    if (!manager) return this.insert(this.connection.manager(ctx), rows);
    const queued = this.queuedInTransaction.get(manager);
    if (queued) {
      queued.push(...rows);
      return;
    }
    this.queuedInTransaction.set(manager, rows);
    await this.connection.beforeCommit(ctx, () => this.writeQueued(manager));
  }

  /** Writes the jobs the transaction of `manager` queued so far: before it reads the queue or commits. */
  private async writeQueued(manager: EntityManager): Promise<void> {
    const rows = this.queuedInTransaction.get(manager);
    this.queuedInTransaction.delete(manager);
    if (rows?.length) await this.insert(manager, rows);
  }

  private async insert(manager: EntityManager, rows: readonly QueuedJob[]): Promise<void> {
    const column = <K extends keyof QueuedJob>(key: K) => rows.map((row) => row[key]);
    const now = this.clock.now();
    await manager.query(
      `WITH queued AS (
         INSERT INTO job (name, payload, run_at, singleton_key, max_attempts, repeat_every_ms, created_at)
         SELECT name, payload, run_at, singleton_key, max_attempts, repeat_every_ms, $7
           FROM unnest($1::text[], $2::jsonb[], $3::timestamptz[], $4::text[], $5::integer[], $6::integer[])
             AS queued (name, payload, run_at, singleton_key, max_attempts, repeat_every_ms)
         ON CONFLICT DO NOTHING
         RETURNING run_at)
       SELECT pg_notify('${JOB_DUE_CHANNEL}', '') WHERE EXISTS (SELECT 1 FROM queued WHERE run_at <= $7)`,
      [column('name'), column('payload'), column('runAt'), column('singletonKey'), column('maxAttempts'), column('repeatEveryMs'), now],
    );
  }

  /**
   * Whether a one-off job other than `except` is queued or running with a due time before `at`: work that
   * should land before a period closes (docs/RULES.md §26, finalizing jobs before the monthly settlement).
   */
  async hasOneOffJobsDueBefore(ctx: RequestContext, at: Date, except: string): Promise<boolean> {
    if (ctx.manager) await this.writeQueued(ctx.manager);
    return this.connection
      .getRepository(ctx, Job)
      .createQueryBuilder('job')
      .where(`job.state IN ('queued', 'active') AND job.repeatEveryMs IS NULL AND job.runAt < :at AND job.name <> :except`, { at, except })
      .getExists();
  }

  /** For operators: jobs, newest first, optionally of one status. */
  list(ctx: RequestContext, args: PageArgs & { status?: JobStatus | null }): Promise<Page<Job>> {
    const query = this.connection.getRepository(ctx, Job).createQueryBuilder('job');
    if (args.status) query.where('job.state = :status', { status: args.status });
    return paginate(query, args, [{ expression: 'job.id', direction: 'DESC', valueOf: (job) => job.id }]);
  }

  async onApplicationBootstrap(): Promise<void> {
    const ctx = RequestContext.system('job-scheduler');
    for (const name of this.recurring.keys()) await this.enqueue(ctx, name, {}, { singletonKey: `recurring:${name}` });
    this.wake();
  }

  /**
   * Stops claiming, then waits for the job under way to finish — before any module closes its database
   * connections (Nest runs every `beforeApplicationShutdown` before the first `onApplicationShutdown`).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }

  /** Looks for due jobs now, and then every poll interval (notifications may be missed). */
  private wake(): void {
    if (this.stopped || !this.config.runJobs) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.polling = this.runDue()
      .then(
        () => undefined,
        (error) => this.logger.error({ err: error }, 'job poll failed'),
      )
      .finally(() => {
        this.polling = undefined;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.wake();
        } else if (!this.stopped) {
          this.timer = setTimeout(() => this.wake(), this.config.jobPollIntervalMs);
          this.timer.unref();
        }
      });
  }

  /** Claims and runs jobs one at a time while any is due; returns how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    while (!this.stopped) {
      const job = await this.claim();
      if (!job) break;
      await this.execute(job);
      ran++;
    }
    return ran;
  }

  /**
   * For the test clock: steps the clock through every one-off job due up to `to` in time order,
   * running what is due at each step (recurring sweeps run at each step, not at every interval),
   * and waits for jobs other processes are running.
   */
  async runUntil(to: Date, moveClock: (at: Date) => void): Promise<void> {
    for (;;) {
      const next = await this.connection.dataSource
        .getRepository(Job)
        .createQueryBuilder('job')
        .select('MIN(job.runAt)', 'runAt')
        .where(`job.state = 'queued' AND job.repeatEveryMs IS NULL AND job.runAt <= :to`, { to })
        .getRawOne<{ runAt: Date | null }>();
      if (next?.runAt) moveClock(new Date(next.runAt));
      else moveClock(to);
      await this.runDue();
      await this.waitForRunning();
      if (!next?.runAt) return;
    }
  }

  /** Finished jobs are kept a week for inspection, then removed. */
  private async prune(ctx: RequestContext): Promise<void> {
    const before = new Date(this.clock.now().getTime() - 7 * 24 * 3600_000);
    await this.connection
      .manager(ctx)
      .createQueryBuilder()
      .delete()
      .from(Job)
      .where(`state IN ('done', 'failed') AND finished_at < :before`, { before })
      .execute();
  }

  /** Waits while other processes run jobs (claims that lapsed belong to stopped processes). */
  private async waitForRunning(): Promise<void> {
    const running = () =>
      this.connection.dataSource
        .getRepository(Job)
        .createQueryBuilder('job')
        .where(`job.state = 'active' AND job.lockedUntil >= :now`, { now: this.clock.wallClock() })
        .getExists();
    while (await running()) await new Promise((r) => setTimeout(r, 20));
  }

  /** The end of a claim made or renewed now: real time, see `claim`. */
  private claimedUntil(): Date {
    return new Date(this.clock.wallClock().getTime() + this.config.jobClaimMs);
  }

  /**
   * Takes the next due job, or one whose claim lapsed (its process stopped: that attempt is recorded as
   * its last error). Each claim counts as an attempt, and the attempt's number fences its writes.
   */
  private async claim(): Promise<ClaimedJob | undefined> {
    const names = [...this.handlers.keys()];
    if (!names.length) return undefined;
    // A claim is about the claiming process still being alive, so it runs on the real clock:
    // processes whose test clocks differ must still respect each other's claims.
    const wallNow = this.clock.wallClock();
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows]: [ClaimedJob[], number] = await this.connection.dataSource.query(
      `UPDATE job SET state = 'active', attempts = attempts + 1, locked_until = $3, started_at = $1,
              last_error = CASE WHEN state = 'active' THEN 'attempt ' || attempts || ' stopped: its process ended before finishing it' ELSE last_error END
        WHERE id = COALESCE(
          (SELECT id FROM job WHERE state = 'active' AND locked_until < $2 AND name = ANY($4)
            ORDER BY locked_until LIMIT 1 FOR UPDATE SKIP LOCKED),
          (SELECT id FROM job WHERE state = 'queued' AND run_at <= $1 AND name = ANY($4)
            ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED))
        RETURNING id, name, payload, attempts, max_attempts AS "maxAttempts", repeat_every_ms AS "repeatEveryMs",
                  singleton_key AS "singletonKey", last_error AS "lastError"`,
      [this.clock.now(), wallNow, this.claimedUntil(), names],
    );
    return rows[0];
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const requestId = `job:${job.name}:${job.id}`;
    const deadline = new OperationDeadline(this.config.jobTimeoutMs);
    const ctx = RequestContext.system(requestId, deadline);
    const handler = this.handlers.get(job.name)!;
    const startedAt = performance.now();
    let outcome: JobOutcome | null = 'done';
    const heartbeat = this.keepClaim(job);
    try {
      await this.connection.withTransaction(ctx, async () => {
        await this.holdClaim(ctx, job);
        // Attempts whose process stopped count too: a job that ends its process every time is given up.
        if (job.attempts > job.maxAttempts) {
          outcome = 'failed';
          return this.giveUp(ctx, job, `${job.lastError}; no attempts left`);
        }
        await this.withinTimeLimit(job, deadline, handler(ctx, job.payload));
        await this.finish(ctx, job, 'done');
      });
    } catch (error) {
      // The attempt's own context may be past its time, so the failure is recorded on a fresh one.
      outcome = await this.failed(RequestContext.system(requestId), job, error);
    } finally {
      await heartbeat.stop();
    }
    if (outcome === null) return;
    const seconds = secondsSince(startedAt);
    for (const observer of this.observers) observer.jobEnded(job.name, outcome, seconds);
  }

  /**
   * The handler's result, or a JobTimedOutError once the attempt outlived DURE_JOB_TIMEOUT_MS: its
   * transaction then rolls back, and the expired deadline refuses every statement the handler still
   * tries, so a handler that never returns neither keeps its claim for ever nor writes outside it.
   */
  private async withinTimeLimit(job: ClaimedJob, deadline: OperationDeadline, handling: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        deadline.expire();
        reject(new JobTimedOutError(job.name, this.config.jobTimeoutMs));
      }, this.config.jobTimeoutMs);
    });
    handling.catch(() => undefined);
    try {
      await Promise.race([handling, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Records a failed attempt; its outcome for observers, or null when the attempt was not this process's to record. */
  private async failed(ctx: RequestContext, job: ClaimedJob, error: unknown): Promise<JobOutcome | null> {
    if (error instanceof ClaimLostError) {
      this.logger.warn({ job: job.name, jobId: job.id, attempt: job.attempts }, 'job claim lapsed before the job started; another process runs it');
      return null;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error({ err: error, job: job.name, jobId: job.id, attempt: job.attempts }, 'job failed');
    const final = job.attempts >= job.maxAttempts;
    try {
      await this.connection.withTransaction(ctx, () => (final ? this.giveUp(ctx, job, message) : this.finish(ctx, job, 'queued', message)));
    } catch (recordError) {
      if (!(recordError instanceof ClaimLostError)) throw recordError;
      this.logger.warn({ job: job.name, jobId: job.id, attempt: job.attempts }, 'job claim lapsed; its failure is not recorded');
      return null;
    }
    return final ? 'failed' : 'retry';
  }

  /** The job is FAILED, and its give-up handler records that on its own rows in the same transaction. */
  private async giveUp(ctx: RequestContext, job: ClaimedJob, error: string): Promise<void> {
    await this.finish(ctx, job, 'failed', error);
    await this.giveUpHandlers.get(job.name)?.(ctx, job.payload, error);
  }

  /**
   * Locks the job's row for the attempt's transaction (FOR KEY SHARE: heartbeats may still update it,
   * claiming cannot), if the claim is still this attempt's.
   */
  private async holdClaim(ctx: RequestContext, job: ClaimedJob): Promise<void> {
    const held = await this.connection
      .manager(ctx)
      .query(`SELECT 1 FROM job WHERE id = $1 AND attempts = $2 AND state = 'active' FOR KEY SHARE`, [job.id, job.attempts]);
    if (!held.length) throw new ClaimLostError();
  }

  /** Moves the attempt's claim on every third of its length while the job runs. */
  private keepClaim(job: ClaimedJob): { stop(): Promise<void> } {
    let beat: Promise<void> | undefined;
    const timer = setInterval(() => {
      // Separate pool: a heartbeat must not wait behind handlers and requests holding every pooled connection.
      beat ??= this.autonomous
        .query(`UPDATE job SET locked_until = $3 WHERE id = $1 AND attempts = $2 AND state = 'active'`, [job.id, job.attempts, this.claimedUntil()])
        .then(
          () => undefined,
          (error) => this.logger.warn({ err: error, job: job.name, jobId: job.id }, 'could not extend a job claim'),
        )
        .finally(() => (beat = undefined));
    }, this.config.jobClaimMs / 3);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await beat;
      },
    };
  }

  /**
   * Records the attempt's outcome, if the job is still this attempt's. A job done after failed attempts
   * keeps the last error, for operators.
   */
  private async finish(ctx: RequestContext, job: ClaimedJob, state: 'done' | 'failed' | 'queued', error?: string): Promise<void> {
    // What the handler queued is written while this job still holds its singleton key, as it always was.
    if (ctx.manager) await this.writeQueued(ctx.manager);
    const now = this.clock.now();
    const retryAt = new Date(now.getTime() + Math.min(2 ** job.attempts * 1000, 10 * 60_000));
    const { affected } = await this.connection.manager(ctx).update(
      Job,
      { id: job.id, attempts: job.attempts, state: 'active' },
      {
        state,
        ...(error === undefined ? {} : { lastError: error }),
        lockedUntil: null,
        finishedAt: state === 'queued' ? null : now,
        ...(state === 'queued' ? { runAt: retryAt } : {}),
      },
    );
    if (!affected) throw new ClaimLostError();
    if (state !== 'queued' && job.repeatEveryMs) {
      await this.enqueue(
        ctx,
        job.name,
        {},
        {
          runAt: new Date(now.getTime() + job.repeatEveryMs),
          singletonKey: job.singletonKey ?? undefined,
        },
      );
    }
  }
}
