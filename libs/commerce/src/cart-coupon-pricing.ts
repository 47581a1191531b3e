import { Injectable } from '@nestjs/common';
import { In, IsNull, type FindOptionsWhere } from 'typeorm';
import { BadUserInputError, ClockService, LimitExceededError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import type { AppliedCoupon } from './applied-coupon.view.js';
import { CartCoupon, Coupon, CouponListing, CouponRedemption, CouponScope, DiscountType } from './coupon.entity.js';
import { CouponProblem, priceCoupons, type CouponPricing, type CouponToPrice, type GroupToPrice } from './coupon-pricing.js';
import { Exhibition, ExhibitionListing, ExhibitionStatus } from './exhibition.entity.js';

/** A coupon entered in a cart, as the cart needs it. */
export interface CartCouponEntry {
  coupon: Coupon;
  code: string;
}

/**
 * Whose uses a coupon's `perUserLimit` counts (docs/RULES.md §19): the buyer organization's for a B2B purchase
 * (shared by its members), else the user's own purchases for themself (B2B uses not among them).
 */
export interface CouponHolder {
  userId: string;
  buyerOrganizationId: string | null;
}

/** The live uses of the coupon that count against the holder's `perUserLimit`. */
export function holderUses(couponId: string, holder: CouponHolder): FindOptionsWhere<CouponRedemption> {
  const live = { couponId, releasedAt: IsNull() };
  return holder.buyerOrganizationId
    ? { ...live, buyerOrganizationId: holder.buyerOrganizationId }
    : { ...live, userId: holder.userId, buyerOrganizationId: IsNull() };
}

/** The cart's coupons priced over its agency orders. */
export interface CartCouponPricing extends CouponPricing {
  applied: AppliedCoupon[];
}

/** Whether the coupon takes money off items (else shipping): a cart holds one of each (docs/RULES.md §19). */
export function isItemCoupon(coupon: Pick<Coupon, 'discountType'>): boolean {
  return coupon.discountType !== DiscountType.FREE_SHIPPING;
}

/**
 * Checkout and `subscribe` refuse a coupon that takes nothing off (docs/RULES.md §19): one without uses left →
 * LIMIT_EXCEEDED, any other problem → BAD_USER_INPUT on the field `fieldOf` names; nothing is kept.
 */
export function assertCouponsApply(applied: readonly AppliedCoupon[], fieldOf: (applied: AppliedCoupon) => string): void {
  const spent = applied.find((coupon) => coupon.problem === CouponProblem.NO_USES_LEFT);
  if (spent) throw new LimitExceededError(`Coupon ${spent.code} has no uses left; nothing was held`);
  const inapplicable = applied.filter((coupon) => coupon.problem);
  if (inapplicable.length) throw new BadUserInputError(inapplicable.map((coupon) => ({ field: fieldOf(coupon), message: coupon.problem! })));
}

/**
 * What a cart's coupons take off now (docs/RULES.md §19): the conditions read from the database (active, dates,
 * uses left in total and for the holder, the exhibition published and its listings), then the pure pricing of
 * coupon-pricing.ts. Reads rows afresh, so inside checkout — after the coupon rows are locked — the counts
 * are the ones the redemption will be written against.
 */
@Injectable()
export class CartCouponPricingService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /** The coupons entered in the user's cart, oldest first. */
  async entriesOf(ctx: RequestContext, userId: string): Promise<CartCouponEntry[]> {
    const rows = await this.connection.getRepository(ctx, CartCoupon).find({ where: { userId }, order: { addedAt: 'ASC', couponId: 'ASC' } });
    if (!rows.length) return [];
    const coupons = await this.connection.getRepository(ctx, Coupon).findBy({ id: In(rows.map((row) => row.couponId)) });
    return rows.map((row) => ({ coupon: coupons.find((coupon) => coupon.id === row.couponId)!, code: row.code }));
  }

  async price(ctx: RequestContext, holder: CouponHolder, entries: readonly CartCouponEntry[], groups: readonly GroupToPrice[]): Promise<CartCouponPricing> {
    // One after the other: inside checkout they share the transaction's one connection.
    const toPrice: CouponToPrice[] = [];
    for (const entry of entries) toPrice.push(await this.toPrice(ctx, holder, entry.coupon));
    const priced = priceCoupons(groups, toPrice);
    return {
      ...priced,
      applied: entries.map((entry, i) => ({ coupon: entry.coupon, code: entry.code, ...priced.coupons[i] })),
    };
  }

  private async toPrice(ctx: RequestContext, holder: CouponHolder, coupon: Coupon): Promise<CouponToPrice> {
    const problem = await this.problemOf(ctx, holder, coupon);
    const inScope = await this.scopeOf(ctx, coupon);
    return {
      terms: coupon,
      problem,
      eligible: (line) => (!coupon.partnerAgencyId || line.partnerAgencyId === coupon.partnerAgencyId) && (inScope === null || inScope.has(line.listingId)),
    };
  }

  /** The listings the scope covers; null for ALL. EXHIBITION counts the exhibition's listings now (docs/RULES.md §19). */
  private async scopeOf(ctx: RequestContext, coupon: Coupon): Promise<Set<string> | null> {
    if (coupon.scope === CouponScope.ALL) return null;
    const rows =
      coupon.scope === CouponScope.EXHIBITION
        ? await this.connection.getRepository(ctx, ExhibitionListing).find({ select: { listingId: true }, where: { exhibitionId: coupon.exhibitionId! } })
        : await this.connection.getRepository(ctx, CouponListing).find({ select: { listingId: true }, where: { couponId: coupon.id } });
    return new Set(rows.map((row) => row.listingId));
  }

  /** The first condition of §19 the coupon fails now, or null. */
  private async problemOf(ctx: RequestContext, holder: CouponHolder, coupon: Coupon): Promise<CouponProblem | null> {
    const now = this.clock.now();
    if (!coupon.active) return CouponProblem.INACTIVE;
    if (now < coupon.startsAt || now >= coupon.endsAt) return CouponProblem.NOT_VALID_NOW;
    if (coupon.exhibitionId) {
      const exhibition = await this.connection.getRepository(ctx, Exhibition).findOneBy({ id: coupon.exhibitionId });
      if (exhibition?.status !== ExhibitionStatus.PUBLISHED) return CouponProblem.EXHIBITION_NOT_PUBLISHED;
    }
    if (coupon.totalUsageLimit !== null && coupon.usedCount >= coupon.totalUsageLimit) return CouponProblem.NO_USES_LEFT;
    const usedByHolder = await this.connection.getRepository(ctx, CouponRedemption).countBy(holderUses(coupon.id, holder));
    return usedByHolder >= coupon.perUserLimit ? CouponProblem.NO_USES_LEFT : null;
  }
}
