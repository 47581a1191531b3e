import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { BadUserInputError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { CartCouponPricingService, assertCouponsApply, type CouponHolder } from './cart-coupon-pricing.js';
import { Coupon, CouponRedemption } from './coupon.entity.js';
import { priceCoupons } from './coupon-pricing.js';
import { CouponRedemptions } from './coupon-redemptions.js';
import { CouponService } from './coupon.service.js';
import { Order, OrderStatus } from './order.entity.js';

/** One subscription delivery as a coupon prices it: the box's line and the delivery's shipping fee. */
export interface DeliveryToPrice {
  listingId: string;
  partnerAgencyId: string;
  /** unitPrice × quantity: the list value the item discount and `minOrderAmount` look at. */
  itemsValue: number;
  shippingFee: number;
}

/** What a coupon takes off one delivery, and the platform-funded parts (kept on its order for settlement, docs/RULES.md §22). */
export interface DeliveryDiscounts {
  itemDiscount: number;
  platformDiscount: number;
  shippingDiscount: number;
  platformShippingDiscount: number;
}

export const NO_DELIVERY_DISCOUNT: DeliveryDiscounts = { itemDiscount: 0, platformDiscount: 0, shippingDiscount: 0, platformShippingDiscount: 0 };

/** The coupon a subscription was given at subscribe, as its code was entered. */
export interface SubscriptionCoupon {
  coupon: Coupon;
  code: string;
}

/**
 * A coupon given at `subscribe` (docs/RULES.md §19): checked once, there — `appliesToSubscriptions`, active,
 * dates, uses left for the holder (the buyer organization of a B2B purchase), scope and agency, the first
 * delivery reaching `minOrderAmount` — and redeemed once with its row locked, by the checkout's code. Each of
 * the first `subscriptionCycles` paid deliveries is then priced on its own by the cart's pricing, its validity
 * no longer asked.
 */
@Injectable()
export class SubscriptionCoupons {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly coupons: CouponService,
    private readonly pricing: CartCouponPricingService,
    private readonly redemptions: CouponRedemptions,
  ) {}

  /** Redeems `code` for the new subscription in `subscribe`'s transaction; refused (nothing kept) as checkout refuses. */
  async redeem(ctx: RequestContext, subscriptionId: string, holder: CouponHolder, code: string, firstDelivery: DeliveryToPrice): Promise<Coupon> {
    const found = await this.coupons.byCode(ctx, code);
    if (!found?.appliesToSubscriptions) throw BadUserInputError.field('couponCode', 'is not a coupon for subscriptions');
    // docs/RULES.md §19: locked before its uses are counted, so concurrent subscribers never overspend a limit.
    const coupon = await this.coupons.lock(ctx, found.id);
    const { applied } = await this.pricing.price(ctx, holder, [{ coupon, code: coupon.code }], [groupOf(firstDelivery)]);
    assertCouponsApply(applied, () => 'couponCode');
    await this.redemptions.redeem(ctx, { subscriptionId }, holder, applied);
    return coupon;
  }

  /**
   * docs/RULES.md §19 for a subscription that ended: its use goes back when every delivery order it paid (`orderIds`)
   * is CANCELLED — nothing of it was shipped. The caller holds the subscription's lock, so an order cancelled at
   * the same time is seen by one of the two.
   */
  async releaseIfAllCancelled(ctx: RequestContext, subscriptionId: string, orderIds: readonly string[]): Promise<void> {
    const orders = orderIds.length ? await this.connection.getRepository(ctx, Order).find({ select: { status: true }, where: { id: In([...orderIds]) } }) : [];
    if (orders.every((order) => order.status === OrderStatus.CANCELLED)) await this.redemptions.release(ctx, { subscriptionId });
  }

  /** The subscription's coupon and code, batched per request; null without one. */
  async of(ctx: RequestContext, subscriptionId: string): Promise<SubscriptionCoupon | null> {
    const redemption = await this.connection.loadOne(ctx, CouponRedemption, 'subscription_id', subscriptionId, (row) => row.subscriptionId!);
    const coupon = redemption && (await this.connection.loadOne(ctx, Coupon, 'id', redemption.couponId, (row) => row.id));
    return coupon ? { coupon, code: redemption.code } : null;
  }
}

/**
 * What the coupon takes off one delivery (docs/RULES.md §19), priced like a cart of that one line: an item
 * coupon on the box (maxDiscount, minOrderAmount of this delivery), FREE_SHIPPING on its fee (maxDiscount per
 * delivery). Scope and validity were settled at subscribe.
 */
export function deliveryDiscountsOf(coupon: Coupon, delivery: DeliveryToPrice): DeliveryDiscounts {
  const [group] = priceCoupons([groupOf(delivery)], [{ terms: coupon, eligible: () => true, problem: null }]).groups;
  const [line] = group.lines;
  return {
    itemDiscount: line.itemDiscount,
    platformDiscount: line.platformDiscount,
    shippingDiscount: group.shippingDiscount,
    platformShippingDiscount: group.platformShippingDiscount,
  };
}

function groupOf(delivery: DeliveryToPrice) {
  return {
    partnerAgencyId: delivery.partnerAgencyId,
    shippingFee: delivery.shippingFee,
    lines: [{ listingId: delivery.listingId, value: delivery.itemsValue }],
  };
}
