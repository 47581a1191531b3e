import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import type { AppliedCoupon } from './applied-coupon.view.js';
import type { CartCouponEntry, CouponHolder } from './cart-coupon-pricing.js';
import { CheckoutTransitions } from './commerce-transitions.js';
import { CartCoupon, Coupon, CouponRedemption } from './coupon.entity.js';
import { Order, OrderStatus } from './order.entity.js';

/** What a redemption is a use by: a checkout or a subscription (docs/RULES.md §19). */
export type RedeemingPurchase = { checkoutId: string; subscriptionId?: undefined } | { subscriptionId: string; checkoutId?: undefined };

/**
 * Coupon uses (docs/RULES.md §19): written in the checkout's transaction with the coupon rows locked
 * (`SELECT … FOR UPDATE`, in id order) and the counts re-read after the lock, so concurrent checkouts —
 * whichever server process they reach — never overspend a limit (the bug of Vendure #4660). `perUserLimit` counts per buyer organization for B2B
 * purchases (`holderUses`). Released when the
 * checkout expires or every order of it is cancelled before shipment; kept on returns.
 */
@Injectable()
export class CouponRedemptions {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly checkouts: CheckoutTransitions,
  ) {}

  /**
   * Locks the coupons entered in the user's cart until the checkout's transaction ends, in id order, and reads
   * them as locked (one statement): the cart is priced on these rows, so its uses are counted after the lock.
   */
  async lockCartCoupons(ctx: RequestContext, userId: string): Promise<CartCouponEntry[]> {
    const rows = await this.connection
      .getRepository(ctx, Coupon)
      .createQueryBuilder('coupon')
      .innerJoin(CartCoupon, 'entered', 'entered.coupon_id = coupon.id AND entered.user_id = :userId', { userId })
      .addSelect('entered.code', 'entered_code')
      .addSelect('entered.added_at', 'entered_added_at')
      .orderBy('coupon.id')
      .setLock('pessimistic_write', undefined, ['coupon'])
      .getRawAndEntities<{ coupon_id: string; entered_code: string; entered_added_at: Date }>();
    const entries = rows.entities.map((coupon) => {
      const raw = rows.raw.find((row) => row.coupon_id === coupon.id)!;
      return { coupon, code: raw.entered_code, addedAt: new Date(raw.entered_added_at) };
    });
    // In the order the cart shows them (CartCouponPricingService.entriesOf).
    entries.sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || (a.coupon.id < b.coupon.id ? -1 : 1));
    return entries.map(({ coupon, code }) => ({ coupon, code }));
  }

  /** One live use per applied coupon for its holder (the buyer organization of a B2B purchase), counted on the (locked) coupon row. */
  async redeem(ctx: RequestContext, by: RedeemingPurchase, holder: CouponHolder, applied: readonly AppliedCoupon[]): Promise<void> {
    if (!applied.length) return;
    const now = this.clock.now();
    await this.connection.getRepository(ctx, CouponRedemption).insert(
      applied.map(({ coupon, code, discount }) => ({
        id: randomUUID(),
        couponId: coupon.id,
        checkoutId: by.checkoutId ?? null,
        subscriptionId: by.subscriptionId ?? null,
        userId: holder.userId,
        buyerOrganizationId: holder.buyerOrganizationId,
        code,
        discount,
        createdAt: now,
        releasedAt: null,
      })),
    );
    for (const { coupon } of applied) {
      await this.connection.getRepository(ctx, Coupon).update({ id: coupon.id }, { usedCount: () => 'used_count + 1', redeemed: true, updatedAt: now });
    }
  }

  /** Gives the checkout's (subscription's) live uses back; the coupon rows are locked in id order first. */
  async release(ctx: RequestContext, by: RedeemingPurchase): Promise<void> {
    const of = by.checkoutId ? { checkoutId: by.checkoutId } : { subscriptionId: by.subscriptionId };
    const live = await this.connection.getRepository(ctx, CouponRedemption).find({ where: { ...of, releasedAt: IsNull() }, order: { couponId: 'ASC' } });
    const now = this.clock.now();
    for (const redemption of live) {
      await this.connection.lock(ctx, Coupon, redemption.couponId, 'Coupon');
      await this.connection.getRepository(ctx, CouponRedemption).update({ id: redemption.id }, { releasedAt: now });
      await this.connection.getRepository(ctx, Coupon).update({ id: redemption.couponId }, { usedCount: () => 'used_count - 1', updatedAt: now });
    }
  }

  /**
   * After an order of the checkout was cancelled: when every order of it is CANCELLED (nothing was shipped),
   * its uses go back. The checkout row is locked first, so two cancellations of its last orders racing each
   * other see each other's result and one of them releases.
   */
  async releaseIfAllCancelled(ctx: RequestContext, checkoutId: string): Promise<void> {
    await this.checkouts.lock(ctx, checkoutId);
    const orders = await this.connection.getRepository(ctx, Order).find({ select: { status: true }, where: { checkoutId } });
    if (orders.every((order) => order.status === OrderStatus.CANCELLED)) await this.release(ctx, { checkoutId });
  }

  /** The checkout's coupons with what each took off (Checkout.coupons), batched per request. */
  async appliedTo(ctx: RequestContext, checkoutId: string): Promise<AppliedCoupon[]> {
    const redemptions = await this.connection.loadMany(ctx, CouponRedemption, 'checkout_id', checkoutId, (row) => row.checkoutId!, 'created_at');
    const coupons = await Promise.all(redemptions.map((row) => this.connection.loadOne(ctx, Coupon, 'id', row.couponId, (coupon) => coupon.id)));
    return redemptions.map((row, i) => ({ coupon: coupons[i]!, code: row.code, discount: row.discount, problem: null }));
  }
}
