import { applyBps, prorate } from '../../common/src/index.js';
import { DiscountFunder, DiscountType } from './coupon.entity.js';

/** Why an applied coupon takes nothing off now (docs/RULES.md §19); carts keep it, checkout refuses it. */
export enum CouponProblem {
  INACTIVE = '사용 중지: the coupon is not active',
  NOT_VALID_NOW = '기간 아님: the coupon is not valid now',
  NO_USES_LEFT = '사용 한도 초과: no uses of the coupon are left',
  EXHIBITION_NOT_PUBLISHED = '기획전 종료: its exhibition is not published',
  NO_ELIGIBLE_LINE = '적용 대상 없음: no line of the cart is eligible',
  MINIMUM_NOT_MET = '최소 주문금액 미달: the eligible items do not reach the minimum',
}

/** What pricing needs of a coupon. */
export interface CouponTerms {
  discountType: DiscountType;
  rateBps: number | null;
  amount: number | null;
  maxDiscount: number | null;
  minOrderAmount: number;
  fundedBy: DiscountFunder;
}

/** A coupon in the cart with what was decided outside pricing: which lines it covers, and a problem already found. */
export interface CouponToPrice {
  terms: CouponTerms;
  eligible: (line: { listingId: string; partnerAgencyId: string }) => boolean;
  /** Dates, active, uses left, exhibition published: a coupon with one takes nothing off. */
  problem: CouponProblem | null;
}

/** An agency order as pricing sees it: its lines' list values and its one shipping fee (docs/RULES.md §15). */
export interface GroupToPrice {
  partnerAgencyId: string;
  shippingFee: number;
  lines: ReadonlyArray<{ listingId: string; value: number }>;
}

export interface PricedCoupon {
  discount: number;
  problem: CouponProblem | null;
}

/** One agency order's discounts, per line and on shipping, with the platform-funded parts. */
export interface GroupDiscounts {
  lines: Array<{ itemDiscount: number; platformDiscount: number }>;
  shippingDiscount: number;
  platformShippingDiscount: number;
}

export interface CouponPricing {
  coupons: PricedCoupon[];
  groups: GroupDiscounts[];
}

/** docs/RULES.md §19: PERCENTAGE floor(base × rateBps / 10000), FIXED_AMOUNT `amount`; then at most maxDiscount and base. */
export function itemDiscountOf(terms: CouponTerms, base: number): number {
  const raw = terms.discountType === DiscountType.PERCENTAGE ? applyBps(base, terms.rateBps ?? 0) : (terms.amount ?? 0);
  return Math.min(raw, terms.maxDiscount ?? raw, base);
}

/**
 * docs/RULES.md §19: floor(discount × value / base) per line, then the leftover won one by one to the lines of
 * the largest value (ties: the earlier line). The parts sum to the discount and none exceeds its line's value.
 */
export function allocateDiscount(discount: number, values: readonly number[]): number[] {
  const base = values.reduce((sum, value) => sum + value, 0);
  if (!Number.isSafeInteger(discount) || discount < 0 || discount > base) throw new RangeError(`Cannot allocate ${discount} won over ${base}`);
  if (discount === 0) return values.map(() => 0);
  const parts = values.map((value) => prorate(discount, value, base));
  const leftover = discount - parts.reduce((sum, part) => sum + part, 0);
  const largestFirst = values.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value || a.index - b.index);
  for (const { index } of largestFirst.slice(0, leftover)) parts[index] += 1;
  return parts;
}

/** docs/RULES.md §19: the fees waived, largest fee first (ties: the earlier order), each min(fee, cap left). */
export function waiveShipping(fees: readonly number[], cap: number | null): number[] {
  let left = cap ?? Number.MAX_SAFE_INTEGER;
  const waived = fees.map(() => 0);
  const largestFirst = fees.map((fee, index) => ({ fee, index })).sort((a, b) => b.fee - a.fee || a.index - b.index);
  for (const { fee, index } of largestFirst) {
    waived[index] = Math.min(fee, left);
    left -= waived[index];
  }
  return waived;
}

/**
 * The discounts the coupons of a cart give (at most one item coupon and one FREE_SHIPPING coupon, docs/RULES.md
 * §19): each coupon's discount or its problem, and per agency order the lines' and the shipping's shares with
 * their platform-funded parts.
 */
export function priceCoupons(groups: readonly GroupToPrice[], coupons: readonly CouponToPrice[]): CouponPricing {
  const result: CouponPricing = {
    coupons: [],
    groups: groups.map((group) => ({
      lines: group.lines.map(() => ({ itemDiscount: 0, platformDiscount: 0 })),
      shippingDiscount: 0,
      platformShippingDiscount: 0,
    })),
  };
  const cells = groups.flatMap((group, g) => group.lines.map((line, l) => ({ g, l, line: { ...line, partnerAgencyId: group.partnerAgencyId } })));
  for (const coupon of coupons) {
    const eligible = cells.filter((cell) => coupon.eligible(cell.line));
    const base = eligible.reduce((sum, cell) => sum + cell.line.value, 0);
    const problem =
      coupon.problem ?? (!eligible.length ? CouponProblem.NO_ELIGIBLE_LINE : base < coupon.terms.minOrderAmount ? CouponProblem.MINIMUM_NOT_MET : null);
    if (problem) {
      result.coupons.push({ discount: 0, problem });
      continue;
    }
    const platform = coupon.terms.fundedBy === DiscountFunder.PLATFORM;
    if (coupon.terms.discountType === DiscountType.FREE_SHIPPING) {
      const withEligible = new Set(eligible.map((cell) => cell.g));
      const waived = waiveShipping(
        groups.map((group, g) => (withEligible.has(g) ? group.shippingFee : 0)),
        coupon.terms.maxDiscount,
      );
      waived.forEach((won, g) => {
        result.groups[g].shippingDiscount += won;
        if (platform) result.groups[g].platformShippingDiscount += won;
      });
      result.coupons.push({ discount: waived.reduce((sum, won) => sum + won, 0), problem: null });
      continue;
    }
    const discount = itemDiscountOf(coupon.terms, base);
    const parts = allocateDiscount(
      discount,
      eligible.map((cell) => cell.line.value),
    );
    eligible.forEach((cell, i) => {
      const share = result.groups[cell.g].lines[cell.l];
      share.itemDiscount += parts[i];
      if (platform) share.platformDiscount += parts[i];
    });
    result.coupons.push({ discount, problem: null });
  }
  return result;
}
