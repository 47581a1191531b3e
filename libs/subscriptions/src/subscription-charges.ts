import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  ClockService,
  DureConfig,
  InvalidStateError,
  JobQueueService,
  PaymentFailedError,
  RequestContext,
  TransactionalConnection,
} from '../../common/src/index.js';
import { DeliveryOrders, NO_DELIVERY_DISCOUNT, type Order } from '../../commerce/src/index.js';
import { JournalEntryKind } from '../../ledger/src/index.js';
import { PartnerAgencyService, PartnerAgencyStatus } from '../../membership/src/index.js';
import { BillingCharges, BillingMethodService, PaymentPurpose, PaymentService, type Payment, type PaymentAllocation } from '../../payments/src/index.js';
import { BoxSubscription, SubscriptionEndReason, SubscriptionStatus } from './box-subscription.entity.js';
import { DeliveryDeadlines } from './delivery-deadlines.js';
import { SkipReason, resumeAt } from './delivery-schedule.js';
import { SubscriptionCycle, SubscriptionCycleStatus } from './subscription-cycle.entity.js';
import { SubscriptionPricing, totalDiscountOf, type DeliveryPrice } from './subscription-pricing.js';
import { SubscriptionPriceChanges } from './subscription-price-changes.js';
import { scheduleOf } from './subscription-reads.service.js';
import { SubscriptionCycleTransitions, SubscriptionTransitions } from './subscription-transitions.js';
import { SubscriptionEvents } from './subscription-events.js';

export const SUBSCRIPTION_CUTOFF_JOB = 'subscriptions.cutoff';
export const SUBSCRIPTION_RETRY_JOB = 'subscriptions.retry';
const DAY_MS = 24 * 3600_000;
/**
 * A charge in doubt makes its job fail and run again with the queue's backoff (capped at 10 minutes): this many
 * runs ride out a provider outage of several hours before the job is given up (its `onGiveUp` then records the
 * charge as in doubt and keeps the chain going, docs/RULES.md §20).
 */
export const CHARGE_JOB_ATTEMPTS = 60;

/** How a cutoff or retry job's run treats a charge: make it, or (the job given up) leave the one in doubt to the next retry. */
type ChargeMode = 'charge' | 'givenUp';

/** One delivery being charged: which, for how much, and when the rule says the charge happens. */
interface DeliveryCharge extends Pick<DeliveryPrice, 'quantity' | 'unitPrice' | 'amount' | 'discounts'> {
  index: number;
  shipDate: string;
  cutoffAt: Date;
  /** 1 for the charge at subscribe or at the cutoff; then one more per declined attempt (retries, the extra one). */
  attempt: number;
  /** The instant the charge stands for (a job's due time, §14); a charge after the cutoff gives a later dispatch deadline. */
  at: Date;
  afterCutoff: boolean;
}

/**
 * The provider could not say what became of the charge (docs/RULES.md §20): not an attempt. The job's
 * transaction rolls back and the queue runs it again with backoff; the same order id asks the provider first.
 */
export class ChargeInDoubtError extends Error {}

/**
 * Charging subscription deliveries with the billing key (docs/RULES.md §20): at subscribe, at each cutoff (a
 * job per subscription and delivery), and the dunning retries. Our order id is `<number>-<cycle index>-<attempt>`:
 * new per attempt and the same on every repeat of one, so a job run late or twice, or on two workers, charges
 * once, and an attempt in doubt is settled under its own id before any other. Each paid delivery becomes a
 * PAID cycle and its commerce Order in the transaction that books the capture.
 */
@Injectable()
export class SubscriptionCharges {
  private readonly logger = new Logger(SubscriptionCharges.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly jobs: JobQueueService,
    private readonly billing: BillingCharges,
    private readonly deliveryOrders: DeliveryOrders,
    private readonly deadlines: DeliveryDeadlines,
    private readonly agencies: PartnerAgencyService,
    private readonly subscriptions: SubscriptionTransitions,
    private readonly cycles: SubscriptionCycleTransitions,
    private readonly priceChanges: SubscriptionPriceChanges,
    private readonly pricing: SubscriptionPricing,
    private readonly events: SubscriptionEvents,
    payments: PaymentService,
    billingMethods: BillingMethodService,
  ) {
    payments.registerPurpose(PaymentPurpose.SUBSCRIPTION, {
      onPaid: (ctx, payment) => this.lateCapture(ctx, payment),
      onRefunded: (ctx, payment, amount) => deliveryOrders.recordProviderRefund(ctx, payment, amount),
    });
    // docs/RULES.md §20: a job given up with its charge still in doubt leaves it to the next retry, and the chain goes on.
    jobs.register(SUBSCRIPTION_CUTOFF_JOB, (ctx, { subscriptionId, shipDate }) => this.reachCutoff(ctx, subscriptionId as string, shipDate as string), {
      onGiveUp: (ctx, { subscriptionId, shipDate }) => this.reachCutoff(ctx, subscriptionId as string, shipDate as string, 'givenUp'),
    });
    jobs.register(SUBSCRIPTION_RETRY_JOB, (ctx, { subscriptionId, retry }) => this.retryJob(ctx, subscriptionId as string, retry as number), {
      onGiveUp: (ctx, { subscriptionId, retry }) => this.retryJob(ctx, subscriptionId as string, retry as number, 'givenUp'),
    });
    // A live subscription's card stays until it is changed or the subscription ends.
    billingMethods.registerRemovalGuard((ctx, method) => this.assertUnused(ctx, method.id));
  }

  /**
   * `subscribe`'s first delivery, charged at once; `subscription` is inserted (ACTIVE) in the caller's
   * transaction. A decline or an unknown outcome → PAYMENT_FAILED, and the caller's rollback keeps nothing
   * (a capture found later has no subscription and is refunded in full).
   */
  async chargeFirst(ctx: RequestContext, subscription: BoxSubscription): Promise<void> {
    const schedule = scheduleOf(subscription);
    const charge = await this.deliveryCharge(
      ctx,
      subscription,
      1,
      subscription.firstShipDate,
      schedule.cutoffAt(subscription.firstShipDate),
      1,
      this.clock.now(),
    );
    const outcome = await this.attempt(ctx, subscription, { ...charge, afterCutoff: false });
    if (outcome.outcome === 'IN_DOUBT') throw new PaymentFailedError('The card company did not answer; nothing was charged. Try again');
    if (outcome.outcome === 'DECLINED') throw new PaymentFailedError(`The first box could not be charged: ${outcome.reason}`);
    await this.scheduleCutoff(ctx, subscription, schedule.shipDateAfter(subscription.firstShipDate));
  }

  /** Queues the cutoff job of the delivery shipping on `shipDate` (a singleton per subscription and delivery). */
  scheduleCutoff(ctx: RequestContext, subscription: BoxSubscription, shipDate: string): Promise<void> {
    return this.jobs.enqueue(
      ctx,
      SUBSCRIPTION_CUTOFF_JOB,
      { subscriptionId: subscription.id, shipDate },
      {
        runAt: scheduleOf(subscription).cutoffAt(shipDate),
        singletonKey: `${SUBSCRIPTION_CUTOFF_JOB}:${subscription.id}:${shipDate}`,
        maxAttempts: CHARGE_JOB_ATTEMPTS,
      },
    );
  }

  /**
   * The cutoff of the delivery shipping on `shipDate` (docs/RULES.md §20, §26): a retry due by then runs first;
   * then the delivery is skipped (the buyer's skip, a pause, PAST_DUE, a suspended agency) or charged. Nothing
   * when it was handled before (a late or second run) or the subscription ended. The next cutoff is queued.
   * `givenUp`: the job's runs are spent with a charge in doubt, which is left to the next retry instead.
   */
  async reachCutoff(ctx: RequestContext, subscriptionId: string, shipDate: string, mode: ChargeMode = 'charge'): Promise<void> {
    // docs/RULES.md §26: a price-change deadline at the same instant comes first (it may end the subscription).
    let subscription = await this.priceChanges.settleDueLocked(ctx, await this.subscriptions.lock(ctx, subscriptionId));
    const schedule = scheduleOf(subscription);
    // Only the delivery after the last one handled: a late or second run of an earlier one finds nothing to do.
    if (subscription.status === SubscriptionStatus.CANCELLED || shipDate !== schedule.shipDateAfter(subscription.lastShipDate)) return;
    const cutoffAt = schedule.cutoffAt(shipDate);
    // docs/RULES.md §20: at equal times retries run before cutoffs, whatever order the queue takes them in.
    if (subscription.status === SubscriptionStatus.PAST_DUE && subscription.nextRetryAt && subscription.nextRetryAt <= cutoffAt) {
      await this.retry(ctx, subscription, mode);
      subscription = await this.subscriptions.lock(ctx, subscriptionId);
      if (subscription.status === SubscriptionStatus.CANCELLED) return;
    }
    const index = (await this.lastIndex(ctx, subscription.id)) + 1;
    const skipReason = await this.skipReasonAt(ctx, subscription, shipDate, cutoffAt);
    if (skipReason) {
      await this.insertCycle(
        ctx,
        subscription,
        { ...(await this.deliveryCharge(ctx, subscription, index, shipDate, cutoffAt, 0, cutoffAt)), amount: 0, discounts: NO_DELIVERY_DISCOUNT },
        {
          status: SubscriptionCycleStatus.SKIPPED,
          skipReason,
        },
      );
    } else {
      const charge = await this.deliveryCharge(ctx, subscription, index, shipDate, cutoffAt, 1, cutoffAt);
      if (mode === 'givenUp') await this.fallPastDueInDoubt(ctx, subscription, charge);
      else await this.chargeAtCutoff(ctx, subscription, charge);
    }
    subscription = await this.connection.updateLocked(ctx, BoxSubscription, await this.subscriptions.lock(ctx, subscriptionId), (row) =>
      Object.assign(row, { lastShipDate: shipDate, updatedAt: this.clock.now() }),
    );
    await this.scheduleCutoff(ctx, subscription, schedule.shipDateAfter(shipDate));
  }

  /** The delivery charged at its cutoff: paid, or PAST_DUE when declined; a charge in doubt fails the job's run. */
  private async chargeAtCutoff(ctx: RequestContext, subscription: BoxSubscription, charge: DeliveryCharge): Promise<void> {
    const outcome = await this.attempt(ctx, subscription, charge);
    if (outcome.outcome === 'IN_DOUBT')
      throw new ChargeInDoubtError(`The charge of ${subscription.number} for ${charge.shipDate} is in doubt: ${outcome.reason}`);
    if (outcome.outcome === 'DECLINED') await this.fallPastDue(ctx, subscription, charge, outcome.payment);
  }

  /**
   * `changeSubscriptionBillingMethod` while PAST_DUE (docs/RULES.md §20): one extra attempt at once, outside the
   * schedule (the scheduled retries stay as they were). Answers whether it paid; an unknown outcome is left to
   * the next retry, which settles it first under the same order id.
   */
  async extraAttempt(ctx: RequestContext, subscription: BoxSubscription): Promise<boolean> {
    const cycle = await this.pastDueCycle(ctx, subscription.id);
    const outcome = await this.attempt(ctx, subscription, await this.retryCharge(ctx, subscription, cycle, this.clock.now()));
    if (outcome.outcome === 'DECLINED') await this.recordDecline(ctx, subscription, cycle, outcome.payment, false, this.clock.now());
    return outcome.outcome === 'PAID';
  }

  private async retryJob(ctx: RequestContext, subscriptionId: string, retry: number, mode: ChargeMode = 'charge'): Promise<void> {
    const subscription = await this.subscriptions.lock(ctx, subscriptionId);
    if (subscription.status !== SubscriptionStatus.PAST_DUE || !subscription.nextRetryAt || !subscription.pastDueSince) return;
    // Stale (paid by the extra attempt, or run already by a cutoff at the same time): only the retry now due runs.
    if (subscription.nextRetryAt.getTime() !== this.retryAt(subscription.pastDueSince, retry).getTime()) return;
    await this.retry(ctx, subscription, mode);
  }

  /**
   * The scheduled retry now due; its failure schedules the next one, or after the last cancels (PAYMENT_FAILED).
   * `givenUp`: its charge stayed in doubt through every run of the job; not an attempt, it is left to the next retry.
   */
  private async retry(ctx: RequestContext, subscription: BoxSubscription, mode: ChargeMode): Promise<void> {
    const at = subscription.nextRetryAt!;
    const cycle = await this.pastDueCycle(ctx, subscription.id);
    if (mode === 'givenUp') return this.giveUpRetry(ctx, subscription, cycle, at);
    const outcome = await this.attempt(ctx, subscription, await this.retryCharge(ctx, subscription, cycle, at));
    if (outcome.outcome === 'IN_DOUBT') throw new ChargeInDoubtError(`The retry of ${subscription.number} is in doubt: ${outcome.reason}`);
    if (outcome.outcome === 'DECLINED') await this.recordDecline(ctx, subscription, cycle, outcome.payment, true, at);
  }

  /** The unpaid delivery again, at the price and discount of its cutoff (it is still the next paid delivery). */
  private async retryCharge(ctx: RequestContext, subscription: BoxSubscription, cycle: SubscriptionCycle, at: Date): Promise<DeliveryCharge> {
    const { index, shipDate, cutoffAt, quantity, unitPrice, amount } = cycle;
    const discounts = await this.pricing.discounts(ctx, subscription, { quantity, unitPrice, paidBefore: subscription.paidCycles });
    return { index, shipDate, cutoffAt, quantity, unitPrice, amount, discounts, attempt: cycle.attempts + 1, at, afterCutoff: true };
  }

  /**
   * One charge attempt under its own order id. Paid → the cycle is PAID with its order (in the booking of the
   * capture, whoever learns of it first); the caller records a decline.
   */
  private async attempt(
    ctx: RequestContext,
    subscription: BoxSubscription,
    charge: DeliveryCharge,
  ): Promise<{ outcome: 'PAID' } | { outcome: 'DECLINED'; reason: string; payment: Payment } | { outcome: 'IN_DOUBT'; reason: string }> {
    const result = await this.billing.charge(
      ctx,
      {
        billingMethodId: subscription.billingMethodId,
        amount: chargedAmountOf(charge),
        orderName: `${subscription.title} 정기배송 ${charge.index}회차`,
        orderId: chargeOrderId(subscription, charge.index, charge.attempt),
        purpose: PaymentPurpose.SUBSCRIPTION,
        referenceId: subscription.id,
      },
      (ctx, payment) => this.recordPaid(ctx, subscription, charge, payment),
    );
    if (result.outcome === 'PAID') return { outcome: 'PAID' };
    if (result.outcome === 'DECLINED') return { outcome: 'DECLINED', reason: result.reason, payment: result.payment };
    return { outcome: 'IN_DOUBT', reason: result.reason };
  }

  /** The capture's booking: the delivery's order, its cycle PAID, the subscription ACTIVE again if it was PAST_DUE. */
  private async recordPaid(ctx: RequestContext, subscription: BoxSubscription, charge: DeliveryCharge, payment: Payment): Promise<PaymentAllocation> {
    const dispatchDeadline = await this.deadlines.dispatchDeadline(ctx, charge.shipDate, charge.afterCutoff ? charge.at : null);
    const { order, line, credits } = await this.deliveryOrders.createPaid(ctx, {
      buyerId: subscription.buyerId,
      partnerAgencyId: subscription.partnerAgencyId,
      listingId: subscription.listingId,
      title: subscription.title,
      taxFree: subscription.taxFree,
      unitPrice: charge.unitPrice,
      quantity: charge.quantity,
      shippingFee: charge.amount - charge.unitPrice * charge.quantity,
      discounts: charge.discounts,
      shippingAddress: subscription.shippingAddress,
      b2b: subscription.b2b,
      payment,
      paidAt: charge.at,
      dispatchDeadline,
    });
    const existing = await this.connection.getRepository(ctx, SubscriptionCycle).findOneBy({ subscriptionId: subscription.id, index: charge.index });
    if (existing) await this.markRetryPaid(ctx, existing, charge, payment, order);
    else
      await this.insertCycle(ctx, subscription, charge, { status: SubscriptionCycleStatus.PAID, skipReason: null, paymentId: payment.id, orderId: order.id });
    const locked = await this.subscriptions.lock(ctx, subscription.id);
    const paidDelivery = locked.paidCycles + 1;
    const recover = (row: BoxSubscription) => Object.assign(row, { paidCycles: row.paidCycles + 1, failedAttempts: 0, pastDueSince: null, nextRetryAt: null });
    if (locked.status === SubscriptionStatus.PAST_DUE) await this.subscriptions.apply(ctx, locked, SubscriptionStatus.ACTIVE, recover);
    else await this.connection.updateLocked(ctx, BoxSubscription, locked, (row) => Object.assign(recover(row), { updatedAt: this.clock.now() }));
    await this.events.publish(ctx, 'SubscriptionCharged', {
      subscription: locked,
      shipDate: charge.shipDate,
      amount: payment.amount,
      chargeOrderId: payment.orderId,
      order,
      line,
      paidDelivery,
    });
    return { entryKind: JournalEntryKind.PAYMENT_CAPTURED, credits };
  }

  private async markRetryPaid(ctx: RequestContext, cycle: SubscriptionCycle, charge: DeliveryCharge, payment: Payment, order: Order): Promise<void> {
    await this.cycles.apply(ctx, await this.cycles.lock(ctx, cycle.id), SubscriptionCycleStatus.PAID, (row) =>
      Object.assign(row, { attempts: charge.attempt, nextRetryAt: null, chargeOrderId: payment.orderId, paymentId: payment.id, orderId: order.id }),
    );
  }

  /** A cutoff charge declined: the cycle and the subscription PAST_DUE from the cutoff, the first retry queued. */
  private async fallPastDue(ctx: RequestContext, subscription: BoxSubscription, charge: DeliveryCharge, payment: Payment): Promise<void> {
    const nextRetryAt = this.retryAt(charge.at, 0);
    await this.insertCycle(ctx, subscription, charge, { status: SubscriptionCycleStatus.PAST_DUE, skipReason: null, paymentId: payment.id, nextRetryAt });
    const pastDue = await this.subscriptions.apply(ctx, await this.subscriptions.lock(ctx, subscription.id), SubscriptionStatus.PAST_DUE, (row) =>
      Object.assign(row, { pastDueSince: charge.at, failedAttempts: 1, nextRetryAt }),
    );
    await this.scheduleRetry(ctx, subscription.id, 0, nextRetryAt);
    await this.publishDecline(ctx, pastDue, charge.shipDate, payment, nextRetryAt);
  }

  /**
   * A cutoff charge still in doubt when its job was given up (docs/RULES.md §20): not an attempt, but the delivery
   * cannot wait, so it is PAST_DUE from its cutoff as a declined one is, with the first retry queued. Its cycle keeps
   * the attempt's order id with `attempts` 0, so the first retry charges that same order id again: BillingCharges
   * asks the provider about it first and books a capture found (or charges it once), so nothing is charged twice.
   */
  private async fallPastDueInDoubt(ctx: RequestContext, subscription: BoxSubscription, charge: DeliveryCharge): Promise<void> {
    const nextRetryAt = this.retryAt(charge.at, 0);
    await this.insertCycle(
      ctx,
      subscription,
      { ...charge, attempt: 0 },
      {
        status: SubscriptionCycleStatus.PAST_DUE,
        skipReason: null,
        chargeOrderId: chargeOrderId(subscription, charge.index, charge.attempt),
        nextRetryAt,
      },
    );
    await this.subscriptions.apply(ctx, await this.subscriptions.lock(ctx, subscription.id), SubscriptionStatus.PAST_DUE, (row) =>
      Object.assign(row, { pastDueSince: charge.at, failedAttempts: 0, nextRetryAt }),
    );
    await this.scheduleRetry(ctx, subscription.id, 0, nextRetryAt);
    this.logger.warn({ subscription: subscription.number, shipDate: charge.shipDate, nextRetryAt }, 'cutoff charge still in doubt; left to the first retry');
  }

  /** A retry (or the extra attempt) declined: one more failed attempt, and the dunning goes on (`advanceDunning`). */
  private async recordDecline(
    ctx: RequestContext,
    subscription: BoxSubscription,
    cycle: SubscriptionCycle,
    payment: Payment,
    scheduled: boolean,
    at: Date,
  ): Promise<void> {
    const attempted = { attempts: cycle.attempts + 1, chargeOrderId: payment.orderId, paymentId: payment.id };
    const after = await this.advanceDunning(ctx, subscription.id, cycle, attempted, { scheduled, failed: 1, at });
    await this.publishDecline(ctx, after.subscription, cycle.shipDate, payment, after.nextRetryAt);
  }

  /**
   * A scheduled retry whose charge stayed in doubt through every run of its job: not an attempt (the cycle keeps
   * its attempts and order id, so the next retry settles it first), but the schedule goes on; after the last retry
   * the subscription ends as after a declined one, and a capture found later is refunded as unclaimed.
   */
  private async giveUpRetry(ctx: RequestContext, subscription: BoxSubscription, cycle: SubscriptionCycle, at: Date): Promise<void> {
    const after = await this.advanceDunning(ctx, subscription.id, cycle, {}, { scheduled: true, failed: 0, at });
    this.logger.warn({ subscription: subscription.number, shipDate: cycle.shipDate, nextRetryAt: after.nextRetryAt }, 'retry charge still in doubt; given up');
    if (after.nextRetryAt) return;
    const inDoubt = await this.retryCharge(ctx, subscription, cycle, at);
    const charged = { orderId: chargeOrderId(subscription, cycle.index, inDoubt.attempt), amount: chargedAmountOf(inDoubt) };
    await this.publishDecline(ctx, after.subscription, cycle.shipDate, charged, null);
  }

  /**
   * A PAST_DUE delivery's attempt did not pay: `failed` more failed attempts and the cycle's `attempted` changes.
   * After a scheduled retry the next one is queued, or after the last the cycle is FAILED and the subscription
   * CANCELLED (PAYMENT_FAILED) at `at`; the extra attempt leaves the schedule as it was.
   */
  private async advanceDunning(
    ctx: RequestContext,
    subscriptionId: string,
    cycle: SubscriptionCycle,
    attempted: Partial<SubscriptionCycle>,
    { scheduled, failed, at }: { scheduled: boolean; failed: number; at: Date },
  ): Promise<{ subscription: BoxSubscription; nextRetryAt: Date | null }> {
    const locked = await this.subscriptions.lock(ctx, subscriptionId);
    const retryDays = this.config.subscriptionRetryDays;
    const retryDone = scheduled ? retryDays.findIndex((_, retry) => this.retryAt(locked.pastDueSince!, retry).getTime() === at.getTime()) : -1;
    const last = scheduled && retryDone === retryDays.length - 1;
    const nextRetryAt = last ? null : scheduled ? this.retryAt(locked.pastDueSince!, retryDone + 1) : locked.nextRetryAt;
    const cycleChanges = { ...attempted, nextRetryAt };
    const lockedCycle = await this.cycles.lock(ctx, cycle.id);
    if (last) await this.cycles.apply(ctx, lockedCycle, SubscriptionCycleStatus.FAILED, (row) => Object.assign(row, cycleChanges));
    else await this.connection.updateLocked(ctx, SubscriptionCycle, lockedCycle, (row) => Object.assign(row, cycleChanges, { updatedAt: this.clock.now() }));
    const changes = { failedAttempts: locked.failedAttempts + failed, nextRetryAt };
    if (last) {
      const cancelled = await this.subscriptions.apply(ctx, locked, SubscriptionStatus.CANCELLED, (row) =>
        Object.assign(row, changes, { endReason: SubscriptionEndReason.PAYMENT_FAILED, cancelledAt: at, pastDueSince: null, resumeOn: null }),
      );
      return { subscription: cancelled, nextRetryAt };
    }
    const stillPastDue = await this.connection.updateLocked(ctx, BoxSubscription, locked, (row) =>
      Object.assign(row, changes, { updatedAt: this.clock.now() }),
    );
    if (scheduled) await this.scheduleRetry(ctx, subscriptionId, retryDone + 1, nextRetryAt!);
    return { subscription: stillPastDue, nextRetryAt };
  }

  /** The buyer hears of each declined attempt once (its order id), with the next attempt or the end (docs/RULES.md §30). */
  private publishDecline(
    ctx: RequestContext,
    subscription: BoxSubscription,
    shipDate: string,
    payment: Pick<Payment, 'orderId' | 'amount'>,
    nextRetryAt: Date | null,
  ): Promise<void> {
    return this.events.publish(ctx, 'SubscriptionChargeFailed', {
      subscription,
      shipDate,
      amount: payment.amount,
      chargeOrderId: payment.orderId,
      nextRetryAt,
    });
  }

  /** When retry `retry` (0-based) of a delivery PAST_DUE since `pastDueSince` is due (SUBSCRIPTION_RETRY_DAYS, docs/RULES.md §27). */
  private retryAt(pastDueSince: Date, retry: number): Date {
    return new Date(pastDueSince.getTime() + this.config.subscriptionRetryDays[retry] * DAY_MS);
  }

  private scheduleRetry(ctx: RequestContext, subscriptionId: string, retry: number, runAt: Date): Promise<void> {
    return this.jobs.enqueue(
      ctx,
      SUBSCRIPTION_RETRY_JOB,
      { subscriptionId, retry },
      { runAt, singletonKey: `${SUBSCRIPTION_RETRY_JOB}:${subscriptionId}:${runAt.toISOString()}`, maxAttempts: CHARGE_JOB_ATTEMPTS },
    );
  }

  /** Why the delivery is not charged at its cutoff, or null to charge it (docs/RULES.md §20). */
  private async skipReasonAt(ctx: RequestContext, subscription: BoxSubscription, shipDate: string, cutoffAt: Date): Promise<SkipReason | null> {
    if (subscription.skippedShipDates.includes(shipDate)) return SkipReason.BUYER;
    if (subscription.status === SubscriptionStatus.PAUSED && subscription.resumeOn && cutoffAt < resumeAt(subscription.resumeOn)) return SkipReason.PAUSED;
    if (subscription.status === SubscriptionStatus.PAST_DUE) return SkipReason.PAST_DUE;
    const agency = await this.agencies.load(ctx, subscription.partnerAgencyId);
    return agency?.status === PartnerAgencyStatus.ACTIVE ? null : SkipReason.PARTNER_UNAVAILABLE;
  }

  /** The next paid delivery as the subscription stands (`subscription` read in this transaction). */
  private async deliveryCharge(
    ctx: RequestContext,
    subscription: BoxSubscription,
    index: number,
    shipDate: string,
    cutoffAt: Date,
    attempt: number,
    at: Date,
  ): Promise<DeliveryCharge> {
    const { quantity, unitPrice, amount, discounts } = await this.pricing.price(ctx, subscription, { shipDate, paidBefore: subscription.paidCycles });
    return { index, shipDate, cutoffAt, quantity, unitPrice, amount, discounts, attempt, at, afterCutoff: false };
  }

  private async insertCycle(
    ctx: RequestContext,
    subscription: BoxSubscription,
    charge: DeliveryCharge,
    outcome: Pick<SubscriptionCycle, 'status' | 'skipReason'> & Partial<Pick<SubscriptionCycle, 'paymentId' | 'orderId' | 'nextRetryAt' | 'chargeOrderId'>>,
  ): Promise<void> {
    const now = this.clock.now();
    const repo = this.connection.getRepository(ctx, SubscriptionCycle);
    await repo.insert(
      repo.create({
        id: randomUUID(),
        subscriptionId: subscription.id,
        index: charge.index,
        shipDate: charge.shipDate,
        cutoffAt: charge.cutoffAt,
        amount: charge.amount,
        discount: totalDiscountOf(charge.discounts),
        quantity: charge.quantity,
        unitPrice: charge.unitPrice,
        attempts: charge.attempt,
        chargeOrderId: charge.attempt ? chargeOrderId(subscription, charge.index, charge.attempt) : null,
        paymentId: null,
        orderId: null,
        nextRetryAt: null,
        ...outcome,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  private async lastIndex(ctx: RequestContext, subscriptionId: string): Promise<number> {
    const row = await this.connection
      .getRepository(ctx, SubscriptionCycle)
      .createQueryBuilder('c')
      .select('MAX(c.index)', 'last')
      .where('c.subscription_id = :subscriptionId', { subscriptionId })
      .getRawOne<{ last: number | null }>();
    return Number(row?.last ?? 0);
  }

  private async pastDueCycle(ctx: RequestContext, subscriptionId: string): Promise<SubscriptionCycle> {
    const cycle = await this.connection.getRepository(ctx, SubscriptionCycle).findOneBy({ subscriptionId, status: SubscriptionCycleStatus.PAST_DUE });
    if (!cycle) throw new Error(`PAST_DUE subscription ${subscriptionId} has no PAST_DUE cycle`);
    return cycle;
  }

  /**
   * A capture that reconciliation or a webhook found before our own charge call booked it (its answer was lost):
   * booked as that attempt's delivery if it is still the one awaiting payment; else refused (refunded in full).
   */
  private async lateCapture(ctx: RequestContext, payment: Payment): Promise<PaymentAllocation | null> {
    const attemptOf = /-(\d+)-(\d+)$/.exec(payment.orderId);
    const subscription = attemptOf ? await this.connection.getRepository(ctx, BoxSubscription).findOneBy({ id: payment.referenceId }) : null;
    if (!attemptOf || !subscription || subscription.status === SubscriptionStatus.CANCELLED) return null;
    const locked = await this.subscriptions.lock(ctx, subscription.id);
    const [index, attempt] = [Number(attemptOf[1]), Number(attemptOf[2])];
    const cycle = await this.connection.getRepository(ctx, SubscriptionCycle).findOneBy({ subscriptionId: locked.id, index });
    if (cycle) {
      if (cycle.status !== SubscriptionCycleStatus.PAST_DUE || cycle.attempts + 1 !== attempt) return null;
      return this.recordPaid(ctx, locked, await this.retryCharge(ctx, locked, cycle, this.clock.now()), payment);
    }
    if (index !== (await this.lastIndex(ctx, locked.id)) + 1 || attempt !== 1) return null;
    const schedule = scheduleOf(locked);
    const shipDate = schedule.shipDateAfter(locked.lastShipDate);
    const cutoffAt = schedule.cutoffAt(shipDate);
    const charge = await this.deliveryCharge(ctx, locked, index, shipDate, cutoffAt, 1, cutoffAt);
    if (payment.amount !== chargedAmountOf(charge)) return null;
    const allocation = await this.recordPaid(ctx, locked, charge, payment);
    const moved = await this.connection.updateLocked(ctx, BoxSubscription, await this.subscriptions.lock(ctx, locked.id), (row) =>
      Object.assign(row, { lastShipDate: shipDate, updatedAt: this.clock.now() }),
    );
    // The cutoff job of this delivery, when it runs again, finds it handled: the chain goes on from here.
    await this.scheduleCutoff(ctx, moved, schedule.shipDateAfter(shipDate));
    return allocation;
  }

  /** docs/RULES.md §20: `removeBillingMethod` is refused while a live subscription uses the method. */
  private async assertUnused(ctx: RequestContext, billingMethodId: string): Promise<void> {
    const live = await this.connection
      .getRepository(ctx, BoxSubscription)
      .createQueryBuilder('s')
      .where('s.billing_method_id = :billingMethodId AND s.status <> :cancelled', { billingMethodId, cancelled: SubscriptionStatus.CANCELLED })
      .getExists();
    if (live) throw new InvalidStateError('A live subscription is charged with this card; change its card or cancel it first');
  }
}

/** Our order id of one attempt: the subscription's number, the cycle's index, the attempt (docs/RULES.md §20). */
export function chargeOrderId(subscription: Pick<BoxSubscription, 'number'>, index: number, attempt: number): string {
  return `${subscription.number}-${index}-${attempt}`;
}

/** What the buyer is charged for the delivery: its amount less the coupon's discounts. */
function chargedAmountOf(charge: DeliveryCharge): number {
  return charge.amount - totalDiscountOf(charge.discounts);
}
