import { Injectable, Logger } from '@nestjs/common';
import { ClockService } from '../clock/clock.service.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import type { JobObserver, JobOutcome } from '../jobs/job-observer.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { Metrics } from './metrics.js';

const DEPTH_STATES = ['due', 'scheduled', 'active'] as const;

/**
 * Job runs by name and outcome as they end in this process, and the depth of the shared queue by
 * name, counted at each scrape in one statement (so any process reports the whole queue): `due`
 * (waiting to be claimed: a growing number means workers fall behind), `scheduled` (not yet due) and
 * `active` (claimed, running or abandoned by a dead process until its lock expires).
 */
@Injectable()
export class JobMetrics implements JobObserver {
  private readonly logger = new Logger(JobMetrics.name);
  private readonly runs;
  private readonly duration;
  /** Names reported before, so a queue that emptied shows 0 rather than vanishing. */
  private readonly namesSeen = new Set<string>();

  constructor(metrics: Metrics, jobs: JobQueueService, connection: TransactionalConnection, clock: ClockService) {
    this.runs = metrics.counter({
      name: 'dure_job_runs_total',
      help: 'Job runs that ended in this process, by job name and outcome (done; retry: failed with attempts left; failed: for good).',
      labelNames: ['name', 'outcome'] as const,
    });
    this.duration = metrics.histogram({
      name: 'dure_job_duration_seconds',
      help: 'Job runs by job name, from start to its outcome committed.',
      labelNames: ['name'] as const,
    });
    const namesSeen = this.namesSeen;
    const logger = this.logger;
    metrics.gauge({
      name: 'dure_job_queue_depth',
      help: 'Jobs in the queue (all processes) by job name and state: due, scheduled (not yet due) or active.',
      labelNames: ['name', 'state'] as const,
      async collect() {
        this.reset();
        try {
          const rows: Array<{ name: string; state: (typeof DEPTH_STATES)[number]; jobs: number }> = await connection.dataSource.query(
            `SELECT name, CASE WHEN state = 'active' THEN 'active' WHEN run_at <= $1 THEN 'due' ELSE 'scheduled' END AS state, count(*)::int AS jobs
               FROM job WHERE state IN ('queued', 'active') GROUP BY 1, 2`,
            [clock.now()],
          );
          for (const row of rows) namesSeen.add(row.name);
          for (const name of namesSeen) for (const state of DEPTH_STATES) this.set({ name, state }, 0);
          for (const row of rows) this.set({ name: row.name, state: row.state }, row.jobs);
        } catch (error) {
          // The rest of the scrape is still worth having; the missing depth says the database did not answer.
          logger.warn({ err: error }, 'could not count the job queue for metrics');
        }
      },
    });
    jobs.observe(this);
  }

  jobEnded(name: string, outcome: JobOutcome, seconds: number): void {
    this.runs.inc({ name, outcome });
    this.duration.observe({ name }, seconds);
  }
}
