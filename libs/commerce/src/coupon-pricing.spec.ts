import fc from 'fast-check';
import { DiscountFunder, DiscountType } from './coupon.entity.js';
import { CouponProblem, allocateDiscount, itemDiscountOf, priceCoupons, waiveShipping, type CouponTerms } from './coupon-pricing.js';

const terms = (overrides: Partial<CouponTerms>): CouponTerms => ({
  discountType: DiscountType.FIXED_AMOUNT,
  rateBps: null,
  amount: 1_000,
  maxDiscount: null,
  minOrderAmount: 0,
  fundedBy: DiscountFunder.PLATFORM,
  ...overrides,
});

describe('coupon pricing (docs/RULES.md §19)', () => {
  it("§19's example: FIXED 1,000 over 12,000, 7,000 and 5,500 → 490, 286, 224", () => {
    expect(allocateDiscount(1_000, [12_000, 7_000, 5_500])).toEqual([490, 286, 224]);
  });

  it('gives the leftover to the earlier of equal lines', () => {
    expect(allocateDiscount(2, [3, 3, 3])).toEqual([1, 1, 0]);
  });

  it('allocations sum to the discount, never exceed a line and are deterministic', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, fraction) => {
          const base = values.reduce((sum, value) => sum + value, 0);
          const discount = Math.floor(base * fraction);
          const parts = allocateDiscount(discount, values);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(discount);
          parts.forEach((part, i) => {
            expect(part).toBeGreaterThanOrEqual(0);
            expect(part).toBeLessThanOrEqual(values[i]);
          });
          expect(allocateDiscount(discount, values)).toEqual(parts);
        },
      ),
    );
  });

  it('PERCENTAGE floors, then caps at maxDiscount and at the base', () => {
    expect(itemDiscountOf(terms({ discountType: DiscountType.PERCENTAGE, rateBps: 1_050, amount: null }), 9_999)).toBe(1_049);
    expect(itemDiscountOf(terms({ discountType: DiscountType.PERCENTAGE, rateBps: 5_000, amount: null, maxDiscount: 3_000 }), 10_000)).toBe(3_000);
    expect(itemDiscountOf(terms({ amount: 50_000 }), 24_500)).toBe(24_500);
  });

  it('free shipping waives the largest fee first, each within the cap left', () => {
    expect(waiveShipping([3_000, 5_000, 2_500], 6_000)).toEqual([1_000, 5_000, 0]);
    expect(waiveShipping([3_000, 3_000], null)).toEqual([3_000, 3_000]);
  });

  it('keeps the platform-funded parts, names problems and counts only eligible lines', () => {
    const groups = [
      {
        partnerAgencyId: 'a',
        shippingFee: 3_000,
        lines: [
          { listingId: 'l1', value: 12_000 },
          { listingId: 'l2', value: 7_000 },
        ],
      },
      { partnerAgencyId: 'b', shippingFee: 2_500, lines: [{ listingId: 'l3', value: 5_500 }] },
    ];
    const agencyOnly = {
      terms: terms({ fundedBy: DiscountFunder.PARTNER_AGENCY }),
      eligible: (line: { partnerAgencyId: string }) => line.partnerAgencyId === 'a',
      problem: null,
    };
    const shipping = { terms: terms({ discountType: DiscountType.FREE_SHIPPING, amount: null }), eligible: () => true, problem: null };
    const priced = priceCoupons(groups, [agencyOnly, shipping]);
    expect(priced.coupons).toEqual([
      { discount: 1_000, problem: null },
      { discount: 5_500, problem: null },
    ]);
    expect(priced.groups[0]).toEqual({
      lines: [
        { itemDiscount: 632, platformDiscount: 0 },
        { itemDiscount: 368, platformDiscount: 0 },
      ],
      shippingDiscount: 3_000,
      platformShippingDiscount: 3_000,
    });
    expect(priced.groups[1].lines).toEqual([{ itemDiscount: 0, platformDiscount: 0 }]);

    const tooSmall = { terms: terms({ minOrderAmount: 30_000 }), eligible: () => true, problem: null };
    const nothing = { terms: terms({}), eligible: () => false, problem: null };
    const expired = { terms: terms({}), eligible: () => true, problem: CouponProblem.NOT_VALID_NOW };
    expect(priceCoupons(groups, [tooSmall, nothing, expired]).coupons.map((coupon) => coupon.problem)).toEqual([
      CouponProblem.MINIMUM_NOT_MET,
      CouponProblem.NO_ELIGIBLE_LINE,
      CouponProblem.NOT_VALID_NOW,
    ]);
  });
});
