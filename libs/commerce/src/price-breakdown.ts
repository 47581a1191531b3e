import { Field, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';

@ObjectType({ description: 'What a cart group, checkout or order costs, in won. total = itemsTotal − itemDiscount + shippingFee − shippingDiscount.' })
export class PriceBreakdown {
  @Field(() => MoneyScalar, { description: 'Σ unit price × quantity.' })
  itemsTotal: number;

  @Field(() => MoneyScalar, { description: 'Coupon discounts on items (both funders).' })
  itemDiscount: number;

  @Field(() => MoneyScalar, { description: 'One fee per agency order (docs/RULES.md §15), before free-shipping coupons.' })
  shippingFee: number;

  @Field(() => MoneyScalar, { description: 'Shipping waived by FREE_SHIPPING coupons.' })
  shippingDiscount: number;

  @Field(() => MoneyScalar, { description: 'What the buyer pays.' })
  total: number;
}

/** At list prices, before coupons. */
export function priceWithoutCoupons(itemsTotal: number, shippingFee: number): PriceBreakdown {
  return discountedPrice({ itemsTotal, shippingFee }, 0, 0);
}

/** With the coupons' discounts on items and on shipping (docs/RULES.md §19). */
export function discountedPrice(price: Pick<PriceBreakdown, 'itemsTotal' | 'shippingFee'>, itemDiscount: number, shippingDiscount: number): PriceBreakdown {
  const { itemsTotal, shippingFee } = price;
  return { itemsTotal, itemDiscount, shippingFee, shippingDiscount, total: itemsTotal - itemDiscount + shippingFee - shippingDiscount };
}

export function sumOf(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => sum + amount, 0);
}

/** The sum of several breakdowns (a checkout is the sum of its orders). */
export function sumOfPrices(prices: readonly PriceBreakdown[]): PriceBreakdown {
  const sum = (key: keyof PriceBreakdown) => prices.reduce((total, price) => total + price[key], 0);
  return {
    itemsTotal: sum('itemsTotal'),
    itemDiscount: sum('itemDiscount'),
    shippingFee: sum('shippingFee'),
    shippingDiscount: sum('shippingDiscount'),
    total: sum('total'),
  };
}
