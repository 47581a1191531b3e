import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import type { AppliedCoupon } from './applied-coupon.view.js';
import { CheckoutTransitions } from './commerce-transitions.js';
import { CartCoupon, Coupon, CouponRedemption } from './coupon.entity.js';
import { Order, OrderStatus } from './order.entity.js';

/**
 * Coupon uses (docs/RULES.md §19): written in the checkout's transaction with the coupon rows locked
 * (`SELECT … FOR UPDATE`, in id order) and the counts re-read after the lock, so concurrent checkouts —
 * whichever server process they reach — never overspend a limit (the bug of Vendure #4660). Released when the
 * checkout expires or every order of it is cancelled before shipment; kept on returns.
 */
@Injectable()
export class CouponRedemptions {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly checkouts: CheckoutTransitions,
  ) {}

  /** Locks the coupons entered in the user's cart until the checkout's transaction ends; call before pricing the cart. */
  async lockCartCoupons(ctx: RequestContext, userId: string): Promise<void> {
    await this.connection
      .manager(ctx)
      .query(
        `SELECT coupon.id FROM coupon JOIN cart_coupon ON cart_coupon.coupon_id = coupon.id WHERE cart_coupon.user_id = $1 ORDER BY coupon.id FOR UPDATE OF coupon`,
        [userId],
      );
  }

  /** One live use per applied coupon, counted on the (locked) coupon row. */
  async redeem(ctx: RequestContext, checkoutId: string, userId: string, applied: readonly AppliedCoupon[]): Promise<void> {
    if (!applied.length) return;
    const now = this.clock.now();
    await this.connection.getRepository(ctx, CouponRedemption).insert(
      applied.map(({ coupon, code, discount }) => ({
        id: randomUUID(),
        couponId: coupon.id,
        checkoutId,
        userId,
        buyerOrganizationId: null,
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

  /** The paid checkout's coupons leave the buyer's cart: they were used. */
  async clearFromCart(ctx: RequestContext, checkoutId: string, userId: string): Promise<void> {
    const used = await this.connection.getRepository(ctx, CouponRedemption).find({ select: { couponId: true }, where: { checkoutId } });
    for (const { couponId } of used) await this.connection.getRepository(ctx, CartCoupon).delete({ userId, couponId });
  }

  /** Gives the checkout's live uses back (its hold lapsed); the coupon rows are locked in id order first. */
  async release(ctx: RequestContext, checkoutId: string): Promise<void> {
    const live = await this.connection.getRepository(ctx, CouponRedemption).find({ where: { checkoutId, releasedAt: IsNull() }, order: { couponId: 'ASC' } });
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
    if (orders.every((order) => order.status === OrderStatus.CANCELLED)) await this.release(ctx, checkoutId);
  }

  /** The checkout's coupons with what each took off (Checkout.coupons), batched per request. */
  async appliedTo(ctx: RequestContext, checkoutId: string): Promise<AppliedCoupon[]> {
    const redemptions = await this.connection.loadMany(ctx, CouponRedemption, 'checkout_id', checkoutId, (row) => row.checkoutId, 'created_at');
    const coupons = await Promise.all(redemptions.map((row) => this.connection.loadOne(ctx, Coupon, 'id', row.couponId, (coupon) => coupon.id)));
    return redemptions.map((row, i) => ({ coupon: coupons[i]!, code: row.code, discount: row.discount, problem: null }));
  }
}
