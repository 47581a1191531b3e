import type { GoodsTerms, Listing } from '../../catalog/src/index.js';
import { agencyShipping } from './shipping-fee.js';
import { priceWithoutCoupons, type PriceBreakdown } from './price-breakdown.js';

/** A cart line with its listing as it is now. */
export interface PricedLine {
  id: string;
  listing: Listing & { goods: GoodsTerms };
  quantity: number;
}

export interface AgencyGroup<L extends PricedLine> {
  partnerAgencyId: string;
  lines: L[];
  price: PriceBreakdown;
  freeShippingRemaining: number | null;
}

/**
 * The cart split by partner agency in the order the agencies first appear, each group priced at current
 * prices with its one shipping fee (docs/RULES.md §15) — exactly the orders a checkout makes.
 */
export function groupByAgency<L extends PricedLine>(lines: readonly L[]): Array<AgencyGroup<L>> {
  const byAgency = new Map<string, L[]>();
  for (const line of lines) byAgency.set(line.listing.partnerAgencyId, [...(byAgency.get(line.listing.partnerAgencyId) ?? []), line]);
  return [...byAgency].map(([partnerAgencyId, agencyLines]) => {
    const shipping = agencyShipping(
      agencyLines.map(({ listing, quantity }) => ({
        unitPrice: listing.price,
        quantity,
        shippingFee: listing.goods.shippingFee,
        freeShippingOver: listing.goods.freeShippingOver,
      })),
    );
    return {
      partnerAgencyId,
      lines: agencyLines,
      price: priceWithoutCoupons(shipping.itemsTotal, shipping.shippingFee),
      freeShippingRemaining: shipping.freeShippingRemaining,
    };
  });
}

/** Stock problems are decided by checkout's conditional take (OUT_OF_STOCK), the others refuse it (BAD_USER_INPUT). */
export enum LineProblem {
  NOT_ON_SALE = '판매 중지: no longer on sale',
  SOLD_OUT = '품절: sold out',
  SHORT = '재고 부족: fewer units left than asked for',
}

/** Why checkout would refuse the line now, or null. */
export function problemOf(line: PricedLine, sellable: boolean): LineProblem | null {
  if (!sellable) return LineProblem.NOT_ON_SALE;
  if (line.listing.goods.stock === 0) return LineProblem.SOLD_OUT;
  return line.quantity > line.listing.goods.stock ? LineProblem.SHORT : null;
}
