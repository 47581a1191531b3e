import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  ClockService,
  DureConfig,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  newestFirst,
  paginate,
  type Page,
  type PageArgs,
} from '../../common/src/index.js';
import { CommerceAccess, SubscriptionCoupons, type AppliedCoupon, type Order, type ShippingAddress } from '../../commerce/src/index.js';
import { B2BPurchases, PartnerAgencyService } from '../../membership/src/index.js';
import { BoxSubscription, LIVE_SUBSCRIPTION_STATUSES, SubscriptionStatus, shipPlanOf } from './box-subscription.entity.js';
import { DeliverySchedule, upcomingDeliveries, type PlannedDelivery } from './delivery-schedule.js';
import { SubscriptionCycle } from './subscription-cycle.entity.js';
import { SubscriptionPricing, totalDiscountOf, type DeliveryPrice } from './subscription-pricing.js';

/** `upcomingDeliveries(count)`: default 4, at most 12 (docs/RULES.md §20). */
export const DEFAULT_UPCOMING_DELIVERIES = 4;
export const MAX_UPCOMING_DELIVERIES = 12;
const DAY_MS = 24 * 3600_000;

/** An open delivery with what it will cost. */
export interface UpcomingDeliveryView extends PlannedDelivery {
  amount: number;
  priceChangePending: boolean;
}

/** The schedule a subscription follows: its plan copied at subscribe, from its first delivery. */
export function scheduleOf(subscription: BoxSubscription): DeliverySchedule {
  return DeliverySchedule.startingOn(shipPlanOf(subscription), subscription.firstShipDate);
}

/**
 * Whether the buyer may cancel now (docs/RULES.md §20): `paidCycles` ≥ `minimumCycles`, within the withdrawal
 * days of `startedAt` (청약철회), or while PAST_DUE; never once CANCELLED.
 */
export function buyerMayCancel(subscription: BoxSubscription, now: Date, withdrawalDays: number): boolean {
  if (subscription.status === SubscriptionStatus.CANCELLED) return false;
  return (
    subscription.paidCycles >= subscription.minimumCycles ||
    now.getTime() < subscription.startedAt.getTime() + withdrawalDays * DAY_MS ||
    subscription.status === SubscriptionStatus.PAST_DUE
  );
}

/**
 * Reading subscriptions and their cycles (docs/RULES.md §20, §25): the buyer, the buyer organization's members
 * (B2B), the agency's members and operators; anyone else NOT_FOUND. Nested fields are batched per request.
 */
@Injectable()
export class SubscriptionReads {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly agencies: PartnerAgencyService,
    private readonly b2bPurchases: B2BPurchases,
    private readonly commerceAccess: CommerceAccess,
    private readonly coupons: SubscriptionCoupons,
    private readonly pricing: SubscriptionPricing,
  ) {}

  /** As it is, without an access check (jobs, subscribers); batched per request. */
  load(ctx: RequestContext, id: string): Promise<BoxSubscription | null> {
    return isUuid(id) ? this.connection.loadOne(ctx, BoxSubscription, 'id', id, (row) => row.id) : Promise.resolve(null);
  }

  async mayRead(ctx: RequestContext, subscription: BoxSubscription): Promise<boolean> {
    if (ctx.isOperator || ctx.user?.id === subscription.buyerId) return true;
    if (await this.b2bPurchases.isBuyerOrganizationMember(ctx, subscription.b2b)) return true;
    return (await this.agencies.memberRole(ctx, subscription.partnerAgencyId)) !== null;
  }

  async get(ctx: RequestContext, id: string): Promise<BoxSubscription> {
    ctx.requireUser();
    const subscription = await this.load(ctx, id);
    if (!subscription || !(await this.mayRead(ctx, subscription))) throw new NotFoundError('Subscription', id);
    return subscription;
  }

  mine(ctx: RequestContext, status: SubscriptionStatus | null | undefined, args: PageArgs): Promise<Page<BoxSubscription>> {
    const buyer = ctx.requireUser();
    const query = this.connection.getRepository(ctx, BoxSubscription).createQueryBuilder('s').where('s.buyer_id = :buyerId', { buyerId: buyer.id });
    if (status) query.andWhere('s.status = :status', { status });
    return paginate(query, args, newestFirst('s'));
  }

  /** Its members (any role) and operators; others NOT_FOUND. */
  async ofPartnerAgency(
    ctx: RequestContext,
    partnerAgencyId: string,
    status: SubscriptionStatus | null | undefined,
    args: PageArgs,
  ): Promise<Page<BoxSubscription>> {
    if (!isUuid(partnerAgencyId)) throw new NotFoundError('Partner agency', partnerAgencyId);
    await this.agencies.assertMemberOrOperator(ctx, partnerAgencyId);
    const query = this.connection
      .getRepository(ctx, BoxSubscription)
      .createQueryBuilder('s')
      .where('s.partner_agency_id = :partnerAgencyId', { partnerAgencyId });
    if (status) query.andWhere('s.status = :status', { status });
    return paginate(query, args, newestFirst('s'));
  }

  /** Newest first. */
  cyclesOf(ctx: RequestContext, subscription: BoxSubscription, args: PageArgs): Promise<Page<SubscriptionCycle>> {
    const query = this.connection
      .getRepository(ctx, SubscriptionCycle)
      .createQueryBuilder('c')
      .where('c.subscription_id = :subscriptionId', { subscriptionId: subscription.id });
    return paginate(query, args, [{ expression: 'c.index', direction: 'DESC', valueOf: (row) => row.index }]);
  }

  /**
   * The next `count` open deliveries (none once CANCELLED), each with what its cutoff would charge (docs/RULES.md
   * §20), priced as the charge prices it: the coupon's discount goes to the deliveries that will be paid while
   * its cycles last, a pending increase from its effective delivery on. A skipped delivery uses no cycle and
   * shows what it would be charged if it were not skipped.
   */
  async upcoming(ctx: RequestContext, subscription: BoxSubscription, count: number): Promise<UpcomingDeliveryView[]> {
    if (subscription.status === SubscriptionStatus.CANCELLED) return [];
    let paidBefore = subscription.paidCycles;
    const views: UpcomingDeliveryView[] = [];
    for (const delivery of this.openDeliveries(subscription, count)) {
      const price = await this.pricing.price(ctx, subscription, { shipDate: delivery.shipDate, paidBefore });
      if (!delivery.skipReason) paidBefore++;
      views.push({ ...delivery, amount: price.charged, priceChangePending: price.priceChangePending });
    }
    return views;
  }

  /** What the next charge will be, after any coupon and at the price of that delivery; null once CANCELLED. */
  async nextChargeAmount(ctx: RequestContext, subscription: BoxSubscription): Promise<number | null> {
    if (subscription.status === SubscriptionStatus.CANCELLED) return null;
    return (await this.nextCharged(ctx, subscription)).charged;
  }

  /** `BoxSubscription.coupon`: the coupon given at subscribe, with what it takes off the next charge (0 once its cycles are used or it ended). */
  async couponOf(ctx: RequestContext, subscription: BoxSubscription): Promise<AppliedCoupon | null> {
    const given = subscription.couponId ? await this.coupons.of(ctx, subscription.id) : null;
    if (!given) return null;
    const discount = subscription.status === SubscriptionStatus.CANCELLED ? 0 : totalDiscountOf((await this.nextCharged(ctx, subscription)).discounts);
    return { ...given, discount, problem: null };
  }

  /** The next open delivery that will be charged (within the most `upcomingDeliveries` shows; else the next one). */
  private async nextCharged(ctx: RequestContext, subscription: BoxSubscription): Promise<DeliveryPrice> {
    const open = this.openDeliveries(subscription, MAX_UPCOMING_DELIVERIES);
    const next = open.find((delivery) => !delivery.skipReason) ?? open[0];
    return this.pricing.price(ctx, subscription, { shipDate: next.shipDate, paidBefore: subscription.paidCycles });
  }

  /** The next `count` open deliveries, each with the reason it will not be charged. */
  private openDeliveries(subscription: BoxSubscription, count: number): PlannedDelivery[] {
    const state = {
      lastShipDate: subscription.lastShipDate,
      skippedShipDates: new Set(subscription.skippedShipDates),
      resumeOn: subscription.status === SubscriptionStatus.PAUSED ? subscription.resumeOn : null,
    };
    return upcomingDeliveries(scheduleOf(subscription), this.clock.now(), state, count);
  }

  cancellable(subscription: BoxSubscription): boolean {
    return buyerMayCancel(subscription, this.clock.now(), this.config.withdrawalDays);
  }

  /**
   * The address as its reader may see it (docs/RULES.md §25): in full for the buyer, the buyer organization and
   * operators; the agency's members until the retention after it was cancelled, then masked.
   */
  shippingAddressOf(ctx: RequestContext, subscription: BoxSubscription): Promise<ShippingAddress> {
    return this.commerceAccess.addressFor(
      ctx,
      { buyerId: subscription.buyerId, endedAt: subscription.cancelledAt, b2b: subscription.b2b },
      subscription.shippingAddress,
    );
  }

  /** `Order.subscription`: the subscription whose paid delivery the order is, for those who may read the order. */
  async subscriptionOfOrder(ctx: RequestContext, order: Order): Promise<BoxSubscription | null> {
    const cycle = await this.connection.loadOne(ctx, SubscriptionCycle, 'order_id', order.id, (row) => row.orderId!);
    return cycle && this.load(ctx, cycle.subscriptionId);
  }

  /** SubscriberPlaces' port: live (ACTIVE, PAUSED, PAST_DUE) subscriptions per listing, in the order asked. */
  async liveSubscriptions(ctx: RequestContext, listingIds: readonly string[]): Promise<number[]> {
    const rows: Array<{ listingId: string; live: string }> = await this.connection
      .getRepository(ctx, BoxSubscription)
      .createQueryBuilder('s')
      .select('s.listing_id', 'listingId')
      .addSelect('COUNT(*)', 'live')
      .where({ listingId: In([...listingIds]), status: In([...LIVE_SUBSCRIPTION_STATUSES]) })
      .groupBy('s.listing_id')
      .getRawMany();
    const counts = new Map(rows.map((row) => [row.listingId, Number(row.live)]));
    return listingIds.map((id) => counts.get(id) ?? 0);
  }
}
