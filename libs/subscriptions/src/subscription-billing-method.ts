import { Injectable } from '@nestjs/common';
import { ClockService, ForbiddenError, InvalidStateError, NotFoundError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { BillingMethodService } from '../../payments/src/index.js';
import { BoxSubscription, SubscriptionStatus } from './box-subscription.entity.js';
import { SubscriptionCharges } from './subscription-charges.js';
import { SubscriptionReads } from './subscription-reads.service.js';
import { SubscriptionTransitions } from './subscription-transitions.js';

/** `changeSubscriptionBillingMethod` (docs/RULES.md §20): the buyer's own usable card; while PAST_DUE one extra attempt at once. */
@Injectable()
export class SubscriptionBillingMethod {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly reads: SubscriptionReads,
    private readonly transitions: SubscriptionTransitions,
    private readonly billingMethods: BillingMethodService,
    private readonly charges: SubscriptionCharges,
  ) {}

  /**
   * The card changes whatever the extra attempt gives: a decline counts as a failed attempt and leaves the
   * scheduled retries as they were; an unknown outcome is settled by the next retry under the same order id.
   */
  change(ctx: RequestContext, subscriptionId: string, billingMethodId: string): Promise<BoxSubscription> {
    const user = ctx.requireUser();
    return this.connection.withTransaction(ctx, async () => {
      const seen = await this.reads.get(ctx, subscriptionId);
      if (seen.buyerId !== user.id) throw new ForbiddenError('Only the subscriber changes the card of a subscription');
      const subscription = await this.transitions.lock(ctx, seen.id);
      if (subscription.status === SubscriptionStatus.CANCELLED) throw new InvalidStateError('A CANCELLED subscription is never charged again');
      const method = await this.billingMethods.lockUsable(ctx, billingMethodId, user.id);
      const changed = await this.connection.updateLocked(ctx, BoxSubscription, subscription, (row) =>
        Object.assign(row, { billingMethodId: method.id, updatedAt: this.clock.now() }),
      );
      if (changed.status === SubscriptionStatus.PAST_DUE) await this.charges.extraAttempt(ctx, changed);
      const result = await this.connection.getRepository(ctx, BoxSubscription).findOneBy({ id: changed.id });
      if (!result) throw new NotFoundError('Subscription', subscriptionId);
      return result;
    });
  }
}
