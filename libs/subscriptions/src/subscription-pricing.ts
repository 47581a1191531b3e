import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/src/index.js';
import { NO_DELIVERY_DISCOUNT, SubscriptionCoupons, deliveryDiscountsOf, type DeliveryDiscounts } from '../../commerce/src/index.js';
import type { BoxSubscription } from './box-subscription.entity.js';

/** One delivery's boxes to discount, and how many deliveries of the subscription were paid before it. */
export interface DeliveryToDiscount {
  quantity: number;
  unitPrice: number;
  paidBefore: number;
}

/** What one delivery costs and what of it the buyer is charged (docs/RULES.md §20). */
export interface DeliveryPrice {
  quantity: number;
  unitPrice: number;
  /** Before any coupon: unitPrice × quantity + shippingFee (a cycle's `amount`). */
  amount: number;
  /** The subscription coupon's part of this delivery (docs/RULES.md §19). */
  discounts: DeliveryDiscounts;
  /** What the buyer pays: `amount` less the discounts. */
  charged: number;
  /** `unitPrice` is a pending increase the buyer has not accepted: unless accepted by `respondBy`, the subscription ends then. */
  priceChangePending: boolean;
}

/** A delivery's discounts in all: what the buyer is not charged. */
export function totalDiscountOf(discounts: DeliveryDiscounts): number {
  return discounts.itemDiscount + discounts.shippingDiscount;
}

/**
 * The price per box of the delivery shipping on `shipDate` (docs/RULES.md §20): a pending increase from its
 * `effectiveShipDate` on. At that delivery's cutoff the deadline comes first, so by the charge an accepted
 * increase is the subscription's `unitPrice` and an unaccepted one has ended it: only the forecast sees it pending.
 */
export function unitPriceOn(
  subscription: Pick<BoxSubscription, 'unitPrice' | 'pendingPriceChange'>,
  shipDate: string,
): Pick<DeliveryPrice, 'unitPrice' | 'priceChangePending'> {
  const change = subscription.pendingPriceChange;
  if (!change || shipDate < change.effectiveShipDate) return { unitPrice: subscription.unitPrice, priceChangePending: false };
  return { unitPrice: change.newUnitPrice, priceChangePending: !change.acceptedAt };
}

/**
 * Prices subscription deliveries: the cutoff charge and the forecast (`upcomingDeliveries`, `nextChargeAmount`)
 * go through `price`, so what is shown is what the cutoff charges. The coupon given at subscribe discounts the
 * first `subscriptionCycles` paid deliveries (docs/RULES.md §19), each priced on its own boxes and shipping fee,
 * after the coupon itself ended too.
 */
@Injectable()
export class SubscriptionPricing {
  constructor(private readonly coupons: SubscriptionCoupons) {}

  /** The delivery shipping on `shipDate`, as the subscription stands, after `paidBefore` paid deliveries. */
  async price(ctx: RequestContext, subscription: BoxSubscription, delivery: { shipDate: string; paidBefore: number }): Promise<DeliveryPrice> {
    const { unitPrice, priceChangePending } = unitPriceOn(subscription, delivery.shipDate);
    const { quantity } = subscription;
    const amount = unitPrice * quantity + subscription.shippingFee;
    const discounts = await this.discounts(ctx, subscription, { quantity, unitPrice, paidBefore: delivery.paidBefore });
    return { quantity, unitPrice, amount, discounts, charged: amount - totalDiscountOf(discounts), priceChangePending };
  }

  /** The coupon's part of a delivery of these boxes (a retry: the boxes and price of its cycle). */
  async discounts(ctx: RequestContext, subscription: BoxSubscription, delivery: DeliveryToDiscount): Promise<DeliveryDiscounts> {
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
