import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ClockService, JobQueueService, RequestContext, seoulDateOf } from '../../common/src/index.js';
import { endOfSeoulMonth, monthOf } from './settlement-month.js';
import { SETTLEMENT_MONTHLY_JOB, SettlementService } from './settlement.service.js';

/** While finalizing jobs of the month are still pending, the generation looks again this much later. */
const RETRY_MS = 10 * 60_000;

/**
 * The monthly settlement (docs/RULES.md §22, §26): a one-off job per month, due 01:00 KST on the 1st of the
 * next, that generates the month's statements and queues the next month's. It waits (queues itself again)
 * while a job due before the month's end has not run.
 */
@Injectable()
export class SettlementJob implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueueService,
    private readonly clock: ClockService,
    private readonly settlements: SettlementService,
  ) {
    jobs.register(SETTLEMENT_MONTHLY_JOB, (ctx, { month }) => this.run(ctx, String(month)));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedule(RequestContext.system('settlement-scheduler'), monthOf(seoulDateOf(this.clock.now())));
  }

  private async run(ctx: RequestContext, month: string): Promise<void> {
    if (await this.settlements.finalizingJobsPending(ctx, month)) {
      const runAt = new Date(this.clock.now().getTime() + RETRY_MS);
      await this.jobs.enqueue(ctx, SETTLEMENT_MONTHLY_JOB, { month }, { runAt, singletonKey: `${SETTLEMENT_MONTHLY_JOB}:${month}:${runAt.toISOString()}` });
      return;
    }
    await this.settlements.generateFor(ctx, month);
    await this.schedule(ctx, monthOf(seoulDateOf(endOfSeoulMonth(month))));
  }

  /** `month`'s generation, due 01:00 KST on the 1st after it; once per month (singleton key). */
  private schedule(ctx: RequestContext, month: string): Promise<void> {
    const runAt = new Date(endOfSeoulMonth(month).getTime() + 3600_000);
    return this.jobs.enqueue(ctx, SETTLEMENT_MONTHLY_JOB, { month }, { runAt, singletonKey: `${SETTLEMENT_MONTHLY_JOB}:${month}` });
  }
}
