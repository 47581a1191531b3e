import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/src/index.js';
import { NO_DELIVERY_DISCOUNT, SubscriptionCoupons, deliveryDiscountsOf, type DeliveryDiscounts } from '../../commerce/src/index.js';
import type { BoxSubscription } from './box-subscription.entity.js';

/** One delivery to price: its boxes, and how many deliveries of the subscription were paid before it. */
export interface DeliveryToDiscount {
  quantity: number;
  unitPrice: number;
  paidBefore: number;
}

/** A delivery's discounts in all: what the buyer is not charged. */
export function totalDiscountOf(discounts: DeliveryDiscounts): number {
  return discounts.itemDiscount + discounts.shippingDiscount;
}

/**
 * The coupon given at subscribe on each delivery (docs/RULES.md §19): the first `subscriptionCycles` paid
 * deliveries are discounted, each priced on its own boxes and shipping fee, after the coupon itself ended too.
 */
@Injectable()
export class SubscriptionDiscounts {
  constructor(private readonly coupons: SubscriptionCoupons) {}

  async of(ctx: RequestContext, subscription: BoxSubscription, delivery: DeliveryToDiscount): Promise<DeliveryDiscounts> {
    const given = subscription.couponId ? await this.coupons.of(ctx, subscription.id) : null;
    if (!given || delivery.paidBefore >= given.coupon.subscriptionCycles) return NO_DELIVERY_DISCOUNT;
    return deliveryDiscountsOf(given.coupon, {
      listingId: subscription.listingId,
      partnerAgencyId: subscription.partnerAgencyId,
      itemsValue: delivery.unitPrice * delivery.quantity,
      shippingFee: subscription.shippingFee,
    });
  }
}
