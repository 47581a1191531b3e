import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  LimitExceededError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUuid,
} from '../../common/src/index.js';
import { ListingKind, ListingService, type GoodsTerms, type Listing } from '../../catalog/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import { CartLine } from './cart-line.entity.js';
import { groupByAgency, problemOf, type AgencyGroup, type PricedLine } from './cart-lines.js';
import type { CartGroup, CartLineView, CartView } from './cart.view.js';
import { CartCouponPricingService, type CartCouponEntry } from './cart-coupon-pricing.js';
import { discountedPrice, sumOf, sumOfPrices } from './price-breakdown.js';

const MAX_QUANTITY = 999;

/** A line of the cart as checkout and the cart view need it, with its share of the item coupon (docs/RULES.md §19). */
export type CartLineState = CartLineView & PricedLine & { itemDiscount: number; platformDiscount: number };

/** One agency order of the cart, with the platform-funded part of its shipping discount. */
export type CartGroupState = Omit<CartGroup, 'lines'> & AgencyGroup<CartLineState> & { platformShippingDiscount: number };

/** The cart as checkout and the cart view need it. */
export interface CartState extends CartView {
  lines: CartLineState[];
  groups: CartGroupState[];
}

/** The cart's coupons as checkout locked them, and whom it buys for (null: the user themself). */
export interface CheckoutCoupons {
  entered: readonly CartCouponEntry[];
  buyerOrganizationId: string | null;
}

/** One cart per user, GOODS lines only, priced at current prices (docs/RULES.md §16). */
@Injectable()
export class CartService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly listings: ListingService,
    private readonly agencies: PartnerAgencyService,
    private readonly couponPricing: CartCouponPricingService,
  ) {}

  mine(ctx: RequestContext): Promise<CartView> {
    return this.view(ctx, ctx.requireUser().id);
  }

  /**
   * Sets a line's quantity (0 removes it). The listing must be one the caller may see (NOT_FOUND), a
   * GOODS listing (BAD_USER_INPUT on listingId) of another agency than the caller's (FORBIDDEN); a new
   * line beyond CART_MAX_LINES is LIMIT_EXCEEDED. A line over stock stays, with its `problem`.
   */
  async setLine(ctx: RequestContext, listingId: string, quantity: number): Promise<CartView> {
    const buyer = ctx.requireUser();
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY) throw BadUserInputError.field('quantity', `must be from 0 to ${MAX_QUANTITY}`);
    await this.lock(ctx, buyer.id, true);
    const lines = this.connection.getRepository(ctx, CartLine);
    // Removing needs no look at the listing: a line whose listing went off sale can always be dropped. An id that is
    // no UUID names no line, so there is nothing to remove (PostgreSQL would refuse it as a uuid).
    if (quantity === 0) {
      if (isUuid(listingId)) await lines.delete({ userId: buyer.id, listingId });
      return this.view(ctx, buyer.id);
    }
    const listing = await this.listings.load(ctx, listingId);
    if (!listing || !(await this.listings.isVisible(ctx, listing))) throw new NotFoundError('Listing', listingId);
    if (listing.kind !== ListingKind.GOODS) throw BadUserInputError.field('listingId', `only GOODS listings go in the cart, this is a ${listing.kind} listing`);
    await this.agencies.assertNotMember(ctx, listing.partnerAgencyId, 'buy');
    const existing = await lines.findOneBy({ userId: buyer.id, listingId });
    if (existing) {
      await lines.update({ id: existing.id }, { quantity });
    } else {
      if ((await lines.countBy({ userId: buyer.id })) >= this.config.cartMaxLines) {
        throw new LimitExceededError(`A cart holds at most ${this.config.cartMaxLines} lines`);
      }
      await lines.insert({ id: randomUUID(), userId: buyer.id, listingId, quantity, addedAt: this.clock.now() });
    }
    return this.view(ctx, buyer.id);
  }

  /**
   * Creates the user's cart when needed and locks it until the transaction ends (changes and checkouts
   * queue here); `changing` also marks it changed now.
   */
  async lock(ctx: RequestContext, userId: string, changing = false): Promise<void> {
    await this.connection.manager(ctx).query(
      `INSERT INTO cart AS existing (user_id, updated_at) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET updated_at = CASE WHEN $3 THEN EXCLUDED.updated_at ELSE existing.updated_at END`,
      [userId, this.clock.now(), changing],
    );
  }

  /**
   * Takes what a paid checkout bought out of the cart, with the coupons it redeemed (used, docs/RULES.md §19);
   * lines the buyer raised meanwhile keep the difference.
   */
  async removeBought(ctx: RequestContext, userId: string, checkoutId: string, bought: ReadonlyArray<{ listingId: string; quantity: number }>): Promise<void> {
    const manager = this.connection.manager(ctx);
    const listingIds = bought.map((line) => line.listingId);
    const quantities = bought.map((line) => line.quantity);
    const params = [userId, listingIds, quantities, checkoutId];
    // One statement: all parts see the same rows, and a line is either emptied (deleted) or lowered.
    await manager.query(
      `WITH bought AS (SELECT * FROM unnest($2::uuid[], $3::integer[]) AS bought (listing_id, quantity)),
       used AS (
         DELETE FROM cart_coupon USING coupon_redemption
          WHERE cart_coupon.user_id = $1 AND coupon_redemption.checkout_id = $4 AND cart_coupon.coupon_id = coupon_redemption.coupon_id),
       emptied AS (
         DELETE FROM cart_line USING bought
          WHERE cart_line.user_id = $1 AND cart_line.listing_id = bought.listing_id AND cart_line.quantity <= bought.quantity)
       UPDATE cart_line SET quantity = cart_line.quantity - bought.quantity FROM bought
        WHERE cart_line.user_id = $1 AND cart_line.listing_id = bought.listing_id AND cart_line.quantity > bought.quantity`,
      params,
    );
  }

  /**
   * The cart with its listings as they are now, split by agency. Checkout passes the cart's coupons as it
   * locked them and the buyer organization it buys for (docs/RULES.md §19); otherwise the coupons are read
   * here and counted against the user's own purchases.
   */
  async view(ctx: RequestContext, userId: string, atCheckout?: CheckoutCoupons): Promise<CartState> {
    const [rows, updatedAt] = await Promise.all([
      this.connection.getRepository(ctx, CartLine).find({ where: { userId }, order: { addedAt: 'ASC', id: 'ASC' } }),
      this.updatedAt(ctx, userId),
    ]);
    const lines = await Promise.all(rows.map((row) => this.lineState(ctx, row)));
    const present = lines.filter((line): line is CartLineState => line !== null);
    const listPriced = groupByAgency(present);
    const coupons = await this.couponPricing.price(
      ctx,
      { userId, buyerOrganizationId: atCheckout?.buyerOrganizationId ?? null },
      atCheckout?.entered ?? (await this.couponPricing.entriesOf(ctx, userId)),
      listPriced.map((group) => ({
        partnerAgencyId: group.partnerAgencyId,
        shippingFee: group.price.shippingFee,
        lines: group.lines.map((line) => ({ listingId: line.listing.id, value: line.unitPrice * line.quantity })),
      })),
    );
    const groups = await Promise.all(
      listPriced.map(async (group, g) => {
        const discounts = coupons.groups[g];
        group.lines.forEach((line, l) => Object.assign(line, discounts.lines[l]));
        return {
          ...group,
          price: discountedPrice(group.price, sumOf(discounts.lines.map((line) => line.itemDiscount)), discounts.shippingDiscount),
          platformShippingDiscount: discounts.platformShippingDiscount,
          partnerAgency: (await this.agencies.load(ctx, group.partnerAgencyId))!,
        };
      }),
    );
    return { lines: present, groups, coupons: coupons.applied, price: sumOfPrices(groups.map((group) => group.price)), updatedAt };
  }

  private async updatedAt(ctx: RequestContext, userId: string): Promise<Date> {
    const cart: Array<{ updated_at: Date }> = await this.connection.manager(ctx).query(`SELECT updated_at FROM cart WHERE user_id = $1`, [userId]);
    return cart[0]?.updated_at ?? this.clock.now();
  }

  /** Null for a line whose listing no longer exists (listings are archived, never deleted, so only in theory). */
  private async lineState(ctx: RequestContext, row: CartLine): Promise<CartLineState | null> {
    const listing = await this.listings.load(ctx, row.listingId);
    if (!listing?.goods) return null;
    const goodsListing = listing as Listing & { goods: GoodsTerms };
    const line = { id: row.id, listing: goodsListing, quantity: row.quantity, unitPrice: listing.price, itemDiscount: 0, platformDiscount: 0 };
    return { ...line, problem: problemOf(line, await this.listings.isSellable(ctx, listing)) };
  }
}
