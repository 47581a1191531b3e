import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ClockService } from '../clock/clock.service.js';
import { DureConfig } from '../config/dure-config.js';
import { RequestContext } from '../context/request-context.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { secondsSince } from '../metrics/metrics.js';
import { Job } from './job.entity.js';
import type { JobObserver, JobOutcome } from './job-observer.js';

export type JobHandler = (ctx: RequestContext, payload: Record<string, unknown>) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  /** While a job with this key is queued or running, enqueueing another is a no-op. */
  singletonKey?: string;
  maxAttempts?: number;
}

const LOCK_MS = 5 * 60_000;
const BATCH = 20;

/**
 * A PostgreSQL-backed job queue driven by the ClockService, so the test clock can make jobs due.
 * Jobs are enqueued in the caller's transaction (they exist only if the change that caused them commits)
 * and each runs in its own transaction together with being marked done.
 */
@Injectable()
export class JobQueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueueService.name);
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Map<string, number>();
  private readonly observers: JobObserver[] = [];
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
  ) {
    this.registerRecurring('jobs.prune', 24 * 3600_000, (ctx) => this.prune(ctx));
  }

  /** Libraries register their handlers in their module's constructor or onModuleInit. */
  register(name: string, handler: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`Job handler ${name} registered twice`);
    this.handlers.set(name, handler);
  }

  /** A sweep that runs every `everyMs` (from its last finish) on whichever process gets it first. */
  registerRecurring(name: string, everyMs: number, handler: JobHandler): void {
    this.register(name, handler);
    this.recurring.set(name, everyMs);
  }

  observe(observer: JobObserver): void {
    this.observers.push(observer);
  }

  async enqueue(ctx: RequestContext, name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    await this.connection
      .manager(ctx)
      .createQueryBuilder()
      .insert()
      .into(Job)
      .values({
        name,
        payload: payload as never,
        runAt: options.runAt ?? this.clock.now(),
        singletonKey: options.singletonKey ?? null,
        maxAttempts: options.maxAttempts ?? 5,
        repeatEveryMs: this.recurring.get(name) ?? null,
        createdAt: this.clock.now(),
      })
      .orIgnore()
      .execute();
  }

  async onApplicationBootstrap(): Promise<void> {
    const ctx = RequestContext.system('job-scheduler');
    for (const name of this.recurring.keys()) await this.enqueue(ctx, name, {}, { singletonKey: `recurring:${name}` });
    if (this.config.runJobs) this.schedulePoll(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }

  private schedulePoll(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.runDue()
        .catch((error) => this.logger.error({ err: error }, 'job poll failed'))
        .then(() => this.schedulePoll(this.config.jobPollIntervalMs));
    }, delayMs);
    this.timer.unref();
  }

  /** Claims and runs every job due now; returns how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const jobs = await this.claim();
      if (!jobs.length || this.stopped) return ran;
      for (const job of jobs) await this.execute(job);
      ran += jobs.length;
    }
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
      await this.waitForActive();
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

  private async waitForActive(): Promise<void> {
    const repo = this.connection.dataSource.getRepository(Job);
    while (await repo.exists({ where: { state: 'active' } })) await new Promise((r) => setTimeout(r, 20));
  }

  private async claim(): Promise<Job[]> {
    const now = this.clock.now();
    // A claim's lock is about the claiming process still being alive, so it runs on the real clock:
    // processes whose test clocks differ must still respect each other's claims.
    const wallNow = this.clock.wallClock();
    const names = [...this.handlers.keys()];
    if (!names.length) return [];
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows]: [Job[], number] = await this.connection.dataSource.query(
      `UPDATE job SET state = 'active', attempts = attempts + 1, locked_until = $3
        WHERE id IN (
          SELECT id FROM job
           WHERE name = ANY($4) AND (
                 (state = 'queued' AND run_at <= $1)
              OR (state = 'active' AND locked_until < $2))
           ORDER BY run_at, id
           LIMIT ${BATCH}
           FOR UPDATE SKIP LOCKED)
        RETURNING id, name, payload, attempts, max_attempts AS "maxAttempts", repeat_every_ms AS "repeatEveryMs",
                  singleton_key AS "singletonKey"`,
      [now, wallNow, new Date(wallNow.getTime() + LOCK_MS), names],
    );
    return rows;
  }

  private async execute(job: Job): Promise<void> {
    const ctx = RequestContext.system(`job:${job.name}:${job.id}`);
    const handler = this.handlers.get(job.name)!;
    const startedAt = performance.now();
    let outcome: JobOutcome = 'done';
    try {
      await this.connection.withTransaction(ctx, async () => {
        await handler(ctx, job.payload);
        await this.finish(ctx, job, 'done', null);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error, job: job.name, jobId: job.id, attempt: job.attempts }, 'job failed');
      const final = job.attempts >= job.maxAttempts;
      await this.connection.withTransaction(ctx, () => this.finish(ctx, job, final ? 'failed' : 'queued', message));
      outcome = final ? 'failed' : 'retry';
    }
    const seconds = secondsSince(startedAt);
    for (const observer of this.observers) observer.jobEnded(job.name, outcome, seconds);
  }

  private async finish(ctx: RequestContext, job: Job, state: 'done' | 'failed' | 'queued', error: string | null): Promise<void> {
    const now = this.clock.now();
    const retryAt = new Date(now.getTime() + Math.min(2 ** job.attempts * 1000, 10 * 60_000));
    await this.connection.manager(ctx).update(Job, { id: job.id }, {
      state,
      lastError: error,
      lockedUntil: null,
      finishedAt: state === 'queued' ? null : now,
      ...(state === 'queued' ? { runAt: retryAt } : {}),
    });
    if (state !== 'queued' && job.repeatEveryMs) {
      await this.enqueue(ctx, job.name, {}, {
        runAt: new Date(now.getTime() + job.repeatEveryMs),
        singletonKey: job.singletonKey ?? undefined,
      });
    }
  }
}
