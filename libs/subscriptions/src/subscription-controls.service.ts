import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  ForbiddenError,
  InvalidStateError,
  JobQueueService,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
} from '../../common/src/index.js';
import { shippingAddressOf, type ShippingAddressInput } from '../../commerce/src/index.js';
import { ACTING_ROLES } from '../../identity/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import { BoxSubscription, SubscriptionEndReason, SubscriptionStatus } from './box-subscription.entity.js';
import { assertResumeOn, assertSkippable, resumeAt } from './delivery-schedule.js';
import { SubscriptionCancellations } from './subscription-cancellations.js';
import { SubscriptionPriceChanges } from './subscription-price-changes.js';
import { SubscriptionReads, buyerMayCancel, scheduleOf } from './subscription-reads.service.js';
import { SubscriptionTransitions } from './subscription-transitions.js';

export const RESUME_JOB = 'subscriptions.resume';
const MAX_REASON_LENGTH = 500;

/** `updateSubscription`'s changes; omitted ones stay. */
export interface SubscriptionChanges {
  quantity?: number | null;
  shippingAddress?: ShippingAddressInput | null;
}

/**
 * The buyer's controls of a subscription (docs/RULES.md §20): skip a delivery, pause until a day, resume,
 * change quantity or address, accept a price increase, cancel. Every change touches only deliveries whose
 * cutoff is ahead: a delivery past its cutoff is a cycle with its own quantity, price and order.
 */
@Injectable()
export class SubscriptionControls {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly jobs: JobQueueService,
    private readonly agencies: PartnerAgencyService,
    private readonly reads: SubscriptionReads,
    private readonly transitions: SubscriptionTransitions,
    private readonly cancellations: SubscriptionCancellations,
    private readonly priceChanges: SubscriptionPriceChanges,
  ) {
    jobs.register(RESUME_JOB, (ctx, { subscriptionId, resumeOn }) => this.resumeOnTheDay(ctx, subscriptionId as string, resumeOn as string));
  }

  /** ACTIVE only; a ship date of the plan after the last delivery whose cutoff is ahead (no limit on how many). */
  async setDeliverySkipped(ctx: RequestContext, id: string, shipDate: string, skipped: boolean): Promise<BoxSubscription> {
    const subscription = await this.lockForBuyer(ctx, id);
    this.assertStatus(subscription, SubscriptionStatus.ACTIVE, 'skip or restore a delivery');
    assertSkippable(scheduleOf(subscription), shipDate, this.clock.now(), subscription.lastShipDate);
    const others = subscription.skippedShipDates.filter((date) => date !== shipDate);
    return this.update(ctx, subscription, { skippedShipDates: skipped ? [...others, shipDate].sort() : others });
  }

  /** ACTIVE → PAUSED until 00:00 KST on `resumeOn` (after today, at most SUBSCRIPTION_MAX_PAUSE_DAYS ahead), when a job resumes it. */
  async pause(ctx: RequestContext, id: string, resumeOn: string): Promise<BoxSubscription> {
    const subscription = await this.lockForBuyer(ctx, id);
    this.assertStatus(subscription, SubscriptionStatus.ACTIVE, 'be paused');
    assertResumeOn(this.clock.today(), resumeOn, this.config.subscriptionMaxPauseDays);
    // The day is in the key: a job of an earlier pause, still queued, must not stop this one being scheduled.
    await this.jobs.enqueue(ctx, RESUME_JOB, { subscriptionId: id, resumeOn }, { runAt: resumeAt(resumeOn), singletonKey: `${RESUME_JOB}:${id}:${resumeOn}` });
    return this.transitions.apply(ctx, subscription, SubscriptionStatus.PAUSED, (row) => {
      row.resumeOn = resumeOn;
    });
  }

  /** PAUSED → ACTIVE before `resumeOn`: deliveries whose cutoff is ahead are charged again (the buyer's own skips stay). */
  async resume(ctx: RequestContext, id: string): Promise<BoxSubscription> {
    const subscription = await this.lockForBuyer(ctx, id);
    this.assertStatus(subscription, SubscriptionStatus.PAUSED, 'be resumed');
    return this.resumeLocked(ctx, subscription);
  }

  /** Quantity (1–99) and address for every delivery whose cutoff is ahead; ACTIVE, PAUSED or PAST_DUE. */
  async change(ctx: RequestContext, id: string, changes: SubscriptionChanges): Promise<BoxSubscription> {
    const subscription = await this.lockForBuyer(ctx, id);
    if (subscription.status === SubscriptionStatus.CANCELLED) throw new InvalidStateError('A cancelled subscription cannot be changed');
    return this.update(ctx, subscription, {
      ...(changes.quantity != null && { quantity: changes.quantity }),
      ...(changes.shippingAddress && { shippingAddress: shippingAddressOf(changes.shippingAddress) }),
    });
  }

  async acceptPriceChange(ctx: RequestContext, id: string): Promise<BoxSubscription> {
    const subscription = await this.lockForBuyer(ctx, id);
    return this.priceChanges.acceptLocked(ctx, subscription);
  }

  /**
   * One call, no retention step (docs/RULES.md §20). The buyer when `cancellable` (else INVALID_STATE); the
   * agency's OWNER or MANAGER and operators always.
   */
  async cancel(ctx: RequestContext, id: string, reason: string | null): Promise<BoxSubscription> {
    const note = reason?.trim() || null;
    if (note && note.length > MAX_REASON_LENGTH) throw BadUserInputError.field('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
    const subscription = await this.lockReadable(ctx, id);
    const endReason = await this.cancellerOf(ctx, subscription);
    if (subscription.status === SubscriptionStatus.CANCELLED) throw new InvalidStateError('The subscription is already cancelled');
    if (endReason === SubscriptionEndReason.BUYER_CANCELLED && !buyerMayCancel(subscription, this.clock.now(), this.config.withdrawalDays)) {
      throw new InvalidStateError(`The subscription can be cancelled after ${subscription.minimumCycles} paid deliveries (${subscription.paidCycles} so far)`);
    }
    return this.cancellations.cancelLocked(ctx, subscription, endReason, { note });
  }

  private async cancellerOf(ctx: RequestContext, subscription: BoxSubscription): Promise<SubscriptionEndReason> {
    if (ctx.user!.id === subscription.buyerId) return SubscriptionEndReason.BUYER_CANCELLED;
    if (ctx.isOperator) return SubscriptionEndReason.OPERATOR_CANCELLED;
    const role = await this.agencies.memberRole(ctx, subscription.partnerAgencyId);
    if (role && ACTING_ROLES.includes(role)) return SubscriptionEndReason.AGENCY_CANCELLED;
    throw new ForbiddenError('Only the buyer, the agency’s owners and managers, and operators may cancel a subscription');
  }

  private async resumeOnTheDay(ctx: RequestContext, id: string, resumeOn: string): Promise<void> {
    const subscription = await this.transitions.lock(ctx, id);
    if (subscription.status === SubscriptionStatus.PAUSED && subscription.resumeOn === resumeOn) await this.resumeLocked(ctx, subscription);
  }

  private resumeLocked(ctx: RequestContext, subscription: BoxSubscription): Promise<BoxSubscription> {
    return this.transitions.apply(ctx, subscription, SubscriptionStatus.ACTIVE, (row) => {
      row.resumeOn = null;
    });
  }

  private update(ctx: RequestContext, subscription: BoxSubscription, changes: Partial<BoxSubscription>): Promise<BoxSubscription> {
    return this.connection.updateLocked(ctx, BoxSubscription, subscription, (row) => Object.assign(row, changes, { updatedAt: this.clock.now() }));
  }

  private assertStatus(subscription: BoxSubscription, status: SubscriptionStatus, doing: string): void {
    if (subscription.status !== status) throw new InvalidStateError(`Only an ${status} subscription can ${doing}; this one is ${subscription.status}`);
  }

  /** Locked; NOT_FOUND for those who may not read it (docs/RULES.md §25). */
  private async lockReadable(ctx: RequestContext, id: string): Promise<BoxSubscription> {
    ctx.requireUser();
    const subscription = await this.reads.load(ctx, id);
    if (!subscription || !(await this.reads.mayRead(ctx, subscription))) throw new NotFoundError('Subscription', id);
    return this.transitions.lock(ctx, id);
  }

  /** The buyer's controls: others who may read it are FORBIDDEN. */
  private async lockForBuyer(ctx: RequestContext, id: string): Promise<BoxSubscription> {
    const subscription = await this.lockReadable(ctx, id);
    if (subscription.buyerId !== ctx.user!.id) throw new ForbiddenError('Only the subscriber may change the subscription');
    return subscription;
  }
}
