import { Injectable } from '@nestjs/common';
import { DureConfig, JobQueueService, RequestContext } from '../../common/src/index.js';
import { DuesService } from './dues.service.js';
import { TierChangeService } from './tier-change.service.js';

/** Recurring: marks overdue invoices and hands each agency with due work to its own job. */
const DUES_SWEEP_JOB = 'membership.dues-sweep';
/** One agency's due work, in its own transaction; its singleton key keeps one queued per agency. */
export const DUES_AGENCY_JOB = 'membership.dues-agency';

/**
 * Drives dues by the clock (docs/RULES.md §5, §13): every DUES_SWEEP_INTERVAL_MINUTES (60) the sweep runs on
 * whichever process claims it. Each agency's work then runs as a separate job, so one failing agency
 * does not hold up the others. Issuing locks the agency row and the partial unique index on
 * (partner_agency_id, period_start) refuses a second invoice for a period, so sweeps and jobs running
 * on several processes at once never issue twice.
 */
@Injectable()
export class DuesScheduler {
  constructor(
    private readonly jobs: JobQueueService,
    config: DureConfig,
    private readonly dues: DuesService,
    private readonly tierChanges: TierChangeService,
  ) {
    jobs.registerRecurring(DUES_SWEEP_JOB, config.duesSweepIntervalMinutes * 60_000, (ctx) => this.sweep(ctx));
    jobs.register(DUES_AGENCY_JOB, (ctx, payload) => this.settleAgency(ctx, String(payload.partnerAgencyId)));
  }

  async sweep(ctx: RequestContext): Promise<void> {
    await this.dues.markOverdue(ctx);
    const agencies = new Set([
      ...(await this.tierChanges.agenciesWithDueChanges(ctx)),
      ...(await this.dues.agenciesDueForInvoice(ctx)),
      ...(await this.dues.agenciesPastGrace(ctx)),
    ]);
    for (const partnerAgencyId of agencies) {
      await this.jobs.enqueue(ctx, DUES_AGENCY_JOB, { partnerAgencyId }, { singletonKey: `${DUES_AGENCY_JOB}:${partnerAgencyId}` });
    }
  }

  /** In order: a downgrade taking effect, invoices due to be issued (and overdue at once if issued late), suspension. */
  async settleAgency(ctx: RequestContext, partnerAgencyId: string): Promise<void> {
    await this.tierChanges.applyScheduledChange(ctx, partnerAgencyId);
    await this.dues.issueDueInvoices(ctx, partnerAgencyId);
    await this.dues.markOverdue(ctx, partnerAgencyId);
    await this.dues.suspendIfPastGrace(ctx, partnerAgencyId);
  }
}
