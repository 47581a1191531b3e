import { Coupon, DiscountFunder, DiscountType, deliveryDiscountsOf } from '../../commerce/src/index.js';
import { keptDiscountsOf, orderLineAmounts, shippingKeptOf } from './settlement-math.js';

const STANDARD_BPS = 600;
/** A delivery of two 25,000-won boxes with a 3,000-won fee, kept in full and confirmed. */
const BOXES = { unitPrice: 25_000, quantity: 2, shippingFee: 3_000 };

function coupon(terms: Partial<Coupon>): Coupon {
  return Object.assign(new Coupon(), { rateBps: null, amount: null, maxDiscount: null, minOrderAmount: 0, ...terms });
}

/**
 * The delivery's order as DeliveryOrders keeps it (the coupon's shares on the line and the order), then its
 * settlement lines (docs/RULES.md §19's funding table, §22): what the agency is credited, what the buyer paid.
 */
function settle(given: Coupon) {
  const itemsValue = BOXES.unitPrice * BOXES.quantity;
  const discounts = deliveryDiscountsOf(given, { listingId: 'box', partnerAgencyId: 'farm', itemsValue, shippingFee: BOXES.shippingFee });
  const line = {
    ...BOXES,
    cancelledQuantity: 0,
    returnedQuantity: 0,
    itemDiscount: discounts.itemDiscount,
    platformDiscount: discounts.platformDiscount,
    refundedAmount: 0,
  };
  const total = itemsValue - discounts.itemDiscount + BOXES.shippingFee - discounts.shippingDiscount;
  const amounts = orderLineAmounts({ ...BOXES, keptQuantity: BOXES.quantity, keptDiscounts: keptDiscountsOf(line), commission: 0 }, STANDARD_BPS);
  const shipping = shippingKeptOf({ total, refundedAmount: 0, platformShippingDiscount: discounts.platformShippingDiscount, shippingRefunded: false }, [
    { paidAmount: itemsValue - discounts.itemDiscount, refundedAmount: 0 },
  ]);
  return { buyerPaid: total, salesBase: amounts.salesBase, platformFee: amounts.platformFee, shipping };
}

describe('settlement of a subscription delivery with a coupon (docs/RULES.md §19, §22)', () => {
  const tenPercent = { discountType: DiscountType.PERCENTAGE, rateBps: 1_000 };

  it('a platform-funded item coupon: the buyer pays less, the agency is credited list price', () => {
    expect(settle(coupon({ ...tenPercent, fundedBy: DiscountFunder.PLATFORM }))).toEqual({
      buyerPaid: 48_000,
      salesBase: 50_000,
      platformFee: 3_000,
      shipping: 3_000,
    });
  });

  it('an agency-funded item coupon: the agency is credited list price less the discount, its fee measured after it', () => {
    expect(settle(coupon({ ...tenPercent, fundedBy: DiscountFunder.PARTNER_AGENCY }))).toEqual({
      buyerPaid: 48_000,
      salesBase: 45_000,
      platformFee: 2_700,
      shipping: 3_000,
    });
  });

  it('FREE_SHIPPING: a platform waiver is the agency’s shipping income, an agency waiver is not', () => {
    const free = { discountType: DiscountType.FREE_SHIPPING };
    expect(settle(coupon({ ...free, fundedBy: DiscountFunder.PLATFORM }))).toEqual({
      buyerPaid: 50_000,
      salesBase: 50_000,
      platformFee: 3_000,
      shipping: 3_000,
    });
    expect(settle(coupon({ ...free, fundedBy: DiscountFunder.PARTNER_AGENCY }))).toEqual({
      buyerPaid: 50_000,
      salesBase: 50_000,
      platformFee: 3_000,
      shipping: 0,
    });
    // maxDiscount caps the waiver per delivery: part of the fee is still the buyer's.
    expect(settle(coupon({ ...free, maxDiscount: 1_000, fundedBy: DiscountFunder.PLATFORM }))).toMatchObject({ buyerPaid: 52_000, shipping: 3_000 });
  });

  it("maxDiscount and this delivery's minOrderAmount", () => {
    expect(settle(coupon({ ...tenPercent, maxDiscount: 3_000, fundedBy: DiscountFunder.PARTNER_AGENCY }))).toMatchObject({
      buyerPaid: 50_000,
      salesBase: 47_000,
    });
    expect(settle(coupon({ ...tenPercent, minOrderAmount: 60_000, fundedBy: DiscountFunder.PARTNER_AGENCY }))).toMatchObject({
      buyerPaid: 53_000,
      salesBase: 50_000,
    });
  });
});
