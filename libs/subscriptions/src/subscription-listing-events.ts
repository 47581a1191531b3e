import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import type { Listing } from '../../catalog/src/index.js';
import type { PartnerAgency } from '../../membership/src/index.js';
import { BoxSubscription, LIVE_SUBSCRIPTION_STATUSES, SubscriptionEndReason } from './box-subscription.entity.js';
import { SubscriptionCancellations } from './subscription-cancellations.js';
import { SubscriptionTransitions } from './subscription-transitions.js';

export const LISTING_ENDED_JOB = 'subscriptions.listing-ended';
const MAX_ATTEMPTS = 5;

/**
 * The listing's and the agency's end (docs/RULES.md §20): an ARCHIVED listing or a WITHDRAWN agency ends every
 * live subscription (LISTING_ENDED); a HIDDEN listing keeps its subscribers (a SUSPENDED agency's deliveries are
 * skipped at their cutoff, SubscriptionCharges).
 */
@Injectable()
export class SubscriptionListingEvents {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly jobs: JobQueueService,
    private readonly transitions: SubscriptionTransitions,
    private readonly cancellations: SubscriptionCancellations,
  ) {
    jobs.register(LISTING_ENDED_JOB, (ctx, { subscriptionId }) => this.end(ctx, subscriptionId as string));
  }

  /** ListingService's archive hook, in the archive's transaction. */
  listingArchived(ctx: RequestContext, listing: Listing): Promise<void> {
    return this.scheduleEnd(ctx, { listingId: listing.id });
  }

  /** PartnerAgencyService's withdrawal hook: it must not lock rows of its own, so it only queues jobs. */
  agencyWithdrew(ctx: RequestContext, agency: PartnerAgency): Promise<void> {
    return this.scheduleEnd(ctx, { partnerAgencyId: agency.id });
  }

  /** A job per live subscription, each cancelling its one under its own lock. */
  private async scheduleEnd(ctx: RequestContext, where: { listingId: string } | { partnerAgencyId: string }): Promise<void> {
    const live = await this.connection
      .getRepository(ctx, BoxSubscription)
      .find({ select: { id: true }, where: { ...where, status: In([...LIVE_SUBSCRIPTION_STATUSES]) } });
    await this.jobs.enqueueMany(
      ctx,
      live.map(({ id }) => ({
        name: LISTING_ENDED_JOB,
        payload: { subscriptionId: id },
        options: { singletonKey: `${LISTING_ENDED_JOB}:${id}`, maxAttempts: MAX_ATTEMPTS },
      })),
    );
  }

  private async end(ctx: RequestContext, subscriptionId: string): Promise<void> {
    const subscription = await this.transitions.lock(ctx, subscriptionId);
    if (!LIVE_SUBSCRIPTION_STATUSES.includes(subscription.status)) return;
    await this.cancellations.cancelLocked(ctx, subscription, SubscriptionEndReason.LISTING_ENDED);
  }
}
