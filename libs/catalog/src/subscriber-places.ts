import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/src/index.js';

/**
 * The port through which the subscriptions library tells the catalog how many live (ACTIVE, PAUSED,
 * PAST_DUE) subscriptions each SUBSCRIPTION listing has (docs/RULES.md §20). It registers it with
 * `SubscriberPlaces.registerCounts`; until then no subscription exists, so none is live.
 */
export interface LiveSubscriptionCounts {
  /** The live subscriptions of each listing, in the order of `listingIds`. */
  liveSubscriptions(ctx: RequestContext, listingIds: readonly string[]): Promise<number[]>;
}

/** `SubscriptionTerms.remainingSubscriptions`: places left under a plan's `subscriberLimit`, counted once per request for every listing asked. */
@Injectable()
export class SubscriberPlaces {
  private counts: LiveSubscriptionCounts | null = null;

  registerCounts(counts: LiveSubscriptionCounts): void {
    if (this.counts) throw new Error('Live subscription counts are registered already');
    this.counts = counts;
  }

  /** Null when the plan has no limit; never below 0 (a limit lowered under the live count leaves no place). */
  async remaining(ctx: RequestContext, listingId: string, subscriberLimit: number | null): Promise<number | null> {
    if (subscriberLimit === null) return null;
    const counts = this.counts;
    if (!counts) return subscriberLimit;
    const live = await ctx.loader<string, number>('catalog.live-subscriptions', (ids) => counts.liveSubscriptions(ctx, ids)).load(listingId);
    return Math.max(0, subscriberLimit - live);
  }
}
