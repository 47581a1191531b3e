import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { BoxSubscription, SubscriptionEndReason, SubscriptionStatus } from './box-subscription.entity.js';
import { SubscriptionCycle, SubscriptionCycleStatus } from './subscription-cycle.entity.js';
import { SubscriptionCycleTransitions, SubscriptionTransitions } from './subscription-transitions.js';

/**
 * Ending a live subscription (docs/RULES.md §20): it stops further charges only (paid, unshipped orders follow
 * §18); a delivery still PAST_DUE becomes FAILED, and a pending pause, retry or price change goes with it.
 */
@Injectable()
export class SubscriptionCancellations {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly transitions: SubscriptionTransitions,
    private readonly cycleTransitions: SubscriptionCycleTransitions,
  ) {}

  /** `subscription` must be locked in this transaction and live; a job records it at its due time `at` (docs/RULES.md §26). */
  async cancelLocked(
    ctx: RequestContext,
    subscription: BoxSubscription,
    endReason: SubscriptionEndReason,
    { note = null, at = this.clock.now() }: { note?: string | null; at?: Date } = {},
  ): Promise<BoxSubscription> {
    if (subscription.status === SubscriptionStatus.PAST_DUE) {
      const unpaid = await this.connection
        .getRepository(ctx, SubscriptionCycle)
        .findOneBy({ subscriptionId: subscription.id, status: SubscriptionCycleStatus.PAST_DUE });
      if (unpaid) await this.cycleTransitions.transition(ctx, unpaid.id, SubscriptionCycleStatus.FAILED, (cycle) => (cycle.nextRetryAt = null));
    }
    return this.transitions.apply(ctx, subscription, SubscriptionStatus.CANCELLED, (row) => {
      row.cancelledAt = at;
      row.endReason = endReason;
      row.cancellationNote = note;
      row.resumeOn = null;
      row.pastDueSince = null;
      row.nextRetryAt = null;
      row.pendingPriceChange = null;
    });
  }
}
