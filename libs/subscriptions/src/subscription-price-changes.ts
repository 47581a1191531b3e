import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ClockService, DureConfig, InvalidStateError, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import type { Listing } from '../../catalog/src/index.js';
import { BoxSubscription, LIVE_SUBSCRIPTION_STATUSES, SubscriptionEndReason, SubscriptionPriceChange } from './box-subscription.entity.js';
import type { DeliverySchedule } from './delivery-schedule.js';
import { SubscriptionCancellations } from './subscription-cancellations.js';
import { SubscriptionEvents } from './subscription-events.js';
import { scheduleOf } from './subscription-reads.service.js';
import { SubscriptionTransitions } from './subscription-transitions.js';

export const PRICE_CHANGE_DEADLINE_JOB = 'subscriptions.price-change-deadline';
const DAY_MS = 24 * 3600_000;

/** What a new listing price does to one live subscription. */
export interface PriceChangeOutcome {
  unitPrice: number;
  pendingPriceChange: SubscriptionPriceChange | null;
}

/**
 * docs/RULES.md §20 (정기결제 증액 동의): a decrease applies from the next delivery whose cutoff is ahead (every
 * delivery past its cutoff is already a cycle with its own price, so the subscription's price changes now); an
 * increase waits for consent, effective from the first delivery whose cutoff is at least `noticeDays` after
 * the notice, and `respondBy` is that cutoff. A newer change replaces a pending one (the notice restarts);
 * going back to the price paid now drops it.
 */
export function priceChangeOutcome(
  subscription: Pick<BoxSubscription, 'unitPrice' | 'lastShipDate'>,
  schedule: DeliverySchedule,
  newPrice: number,
  now: Date,
  noticeDays: number,
): PriceChangeOutcome {
  if (newPrice <= subscription.unitPrice) return { unitPrice: newPrice, pendingPriceChange: null };
  // A cutoff at or after the end of the notice is one strictly after the instant just before it.
  const noticeEnds = new Date(now.getTime() + noticeDays * DAY_MS - 1);
  const [effectiveShipDate] = schedule.openShipDates(noticeEnds, subscription.lastShipDate, 1);
  return {
    unitPrice: subscription.unitPrice,
    pendingPriceChange: {
      oldUnitPrice: subscription.unitPrice,
      newUnitPrice: newPrice,
      noticeSentAt: now,
      effectiveShipDate,
      respondBy: schedule.cutoffAt(effectiveShipDate),
      acceptedAt: null,
    },
  };
}

/** The pending change as stored in jsonb: its instants come back as strings. */
function respondByOf(change: SubscriptionPriceChange): Date {
  return new Date(change.respondBy);
}

/**
 * Listing price changes reaching live subscriptions, the buyer's acceptance, and the deadline at `respondBy`
 * (a job): accepted → the new price from that delivery on; not accepted → CANCELLED (PRICE_CHANGE_NOT_ACCEPTED)
 * before that charge.
 */
@Injectable()
export class SubscriptionPriceChanges {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly jobs: JobQueueService,
    private readonly transitions: SubscriptionTransitions,
    private readonly cancellations: SubscriptionCancellations,
    private readonly events: SubscriptionEvents,
  ) {
    jobs.register(PRICE_CHANGE_DEADLINE_JOB, (ctx, { subscriptionId }) => this.settleDeadline(ctx, subscriptionId as string));
  }

  /** In the listing update's transaction, the listing locked (listing before subscription, as at subscribe). */
  async listingPriceChanged(ctx: RequestContext, listing: Listing): Promise<void> {
    const live = await this.connection
      .getRepository(ctx, BoxSubscription)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where({ listingId: listing.id, status: In([...LIVE_SUBSCRIPTION_STATUSES]) })
      .orderBy('s.id')
      .getMany();
    const now = this.clock.now();
    for (const subscription of live) {
      const outcome = priceChangeOutcome(subscription, scheduleOf(subscription), listing.price, now, this.config.priceIncreaseNoticeDays);
      await this.connection.updateLocked(ctx, BoxSubscription, subscription, (row) => Object.assign(row, outcome, { updatedAt: now }));
      if (outcome.pendingPriceChange) {
        await this.events.publish(ctx, 'SubscriptionPriceIncreaseNoticed', { subscription, change: outcome.pendingPriceChange });
        const { respondBy } = outcome.pendingPriceChange;
        await this.jobs.enqueue(
          ctx,
          PRICE_CHANGE_DEADLINE_JOB,
          { subscriptionId: subscription.id },
          { runAt: respondBy, singletonKey: `${PRICE_CHANGE_DEADLINE_JOB}:${subscription.id}:${respondBy.toISOString()}` },
        );
      }
    }
  }

  /** The buyer's explicit consent, before `respondBy`; `subscription` locked. */
  async acceptLocked(ctx: RequestContext, subscription: BoxSubscription): Promise<BoxSubscription> {
    const change = subscription.pendingPriceChange;
    if (!change) throw new InvalidStateError('No price change is waiting for acceptance');
    const now = this.clock.now();
    if (respondByOf(change) <= now) throw new InvalidStateError('The time to accept this price change has passed');
    return this.connection.updateLocked(ctx, BoxSubscription, subscription, (row) => {
      row.pendingPriceChange = { ...change, acceptedAt: change.acceptedAt ?? now };
      row.updatedAt = now;
    });
  }

  /**
   * Settles a pending change whose `respondBy` has come, on a locked subscription: the deadline job's work, and
   * what the cutoff charge must call first so that at equal times the deadline comes before the charge.
   */
  async settleDueLocked(ctx: RequestContext, subscription: BoxSubscription): Promise<BoxSubscription> {
    const change = subscription.pendingPriceChange;
    const now = this.clock.now();
    if (!change || !LIVE_SUBSCRIPTION_STATUSES.includes(subscription.status) || respondByOf(change) > now) return subscription;
    if (!change.acceptedAt) {
      return this.cancellations.cancelLocked(ctx, subscription, SubscriptionEndReason.PRICE_CHANGE_NOT_ACCEPTED, { at: respondByOf(change) });
    }
    return this.connection.updateLocked(ctx, BoxSubscription, subscription, (row) => {
      row.unitPrice = change.newUnitPrice;
      row.pendingPriceChange = null;
      row.updatedAt = now;
    });
  }

  private async settleDeadline(ctx: RequestContext, subscriptionId: string): Promise<void> {
    await this.settleDueLocked(ctx, await this.transitions.lock(ctx, subscriptionId));
  }
}
