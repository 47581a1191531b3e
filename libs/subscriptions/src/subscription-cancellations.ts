import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { OrderEvents, OrderStatus, SubscriptionCoupons, type Order } from '../../commerce/src/index.js';
import { BoxSubscription, SubscriptionEndReason, SubscriptionStatus } from './box-subscription.entity.js';
import { SubscriptionCycle, SubscriptionCycleStatus } from './subscription-cycle.entity.js';
import { SubscriptionCycleTransitions, SubscriptionTransitions } from './subscription-transitions.js';

/**
 * Ending a live subscription (docs/RULES.md §20): it stops further charges only (paid, unshipped orders follow
 * §18); a delivery still PAST_DUE becomes FAILED, and a pending pause, retry or price change goes with it. Its
 * coupon's use goes back once it is CANCELLED and every delivery order it paid was cancelled before shipment
 * (§19, read in docs/RULES.md): at the cancellation, or when the last such order is cancelled after it.
 */
@Injectable()
export class SubscriptionCancellations {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly transitions: SubscriptionTransitions,
    private readonly cycleTransitions: SubscriptionCycleTransitions,
    private readonly coupons: SubscriptionCoupons,
    orderEvents: OrderEvents,
  ) {
    orderEvents.inTransaction('OrderEnded', (ctx, { order }) => this.deliveryOrderEnded(ctx, order));
  }

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
    const cancelled = await this.transitions.apply(ctx, subscription, SubscriptionStatus.CANCELLED, (row) => {
      row.cancelledAt = at;
      row.endReason = endReason;
      row.cancellationNote = note;
      row.resumeOn = null;
      row.pastDueSince = null;
      row.nextRetryAt = null;
      row.pendingPriceChange = null;
    });
    await this.releaseCouponIfNothingShipped(ctx, cancelled);
    return cancelled;
  }

  /** A delivery order cancelled in full after its subscription ended may give the coupon's use back. */
  private async deliveryOrderEnded(ctx: RequestContext, order: Order): Promise<void> {
    if (order.status !== OrderStatus.CANCELLED || order.checkoutId) return;
    const cycle = await this.connection.getRepository(ctx, SubscriptionCycle).findOneBy({ orderId: order.id });
    if (!cycle) return;
    const subscription = await this.transitions.lock(ctx, cycle.subscriptionId);
    if (subscription.status === SubscriptionStatus.CANCELLED) await this.releaseCouponIfNothingShipped(ctx, subscription);
  }

  private async releaseCouponIfNothingShipped(ctx: RequestContext, subscription: BoxSubscription): Promise<void> {
    if (!subscription.couponId) return;
    const paid = await this.connection.getRepository(ctx, SubscriptionCycle).find({ select: { orderId: true }, where: { subscriptionId: subscription.id } });
    await this.coupons.releaseIfAllCancelled(
      ctx,
      subscription.id,
      paid.flatMap((cycle) => (cycle.orderId ? [cycle.orderId] : [])),
    );
  }
}
