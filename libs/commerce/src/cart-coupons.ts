import { Injectable } from '@nestjs/common';
import { BadUserInputError, ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { isItemCoupon } from './cart-coupon-pricing.js';
import { CartService, type CartState } from './cart.service.js';
import { CartCoupon } from './coupon.entity.js';
import { CouponService, normalizeCode } from './coupon.service.js';

/**
 * `applyCartCoupon` / `removeCartCoupon` (docs/RULES.md §19): a cart holds at most one item coupon and one
 * FREE_SHIPPING coupon; applying another of the same kind replaces it. A coupon must apply when entered
 * (else BAD_USER_INPUT saying why); one that stops applying later stays, with its `problem`.
 */
@Injectable()
export class CartCoupons {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly carts: CartService,
    private readonly coupons: CouponService,
  ) {}

  async apply(ctx: RequestContext, code: string): Promise<CartState> {
    const buyer = ctx.requireUser();
    await this.carts.lock(ctx, buyer.id, true);
    const coupon = await this.coupons.byCode(ctx, code);
    if (!coupon) throw BadUserInputError.field('code', 'is not a coupon code');
    const rows = this.connection.getRepository(ctx, CartCoupon);
    const present = await rows.findBy({ userId: buyer.id });
    for (const row of present) {
      const other = await this.coupons.byId(ctx, row.couponId);
      if (other && isItemCoupon(other) === isItemCoupon(coupon)) await rows.delete({ userId: buyer.id, couponId: row.couponId });
    }
    await rows.insert({ userId: buyer.id, couponId: coupon.id, code: normalizeCode(code), addedAt: this.clock.now() });
    const cart = await this.carts.view(ctx, buyer.id);
    const problem = cart.coupons.find((applied) => applied.coupon.id === coupon.id)?.problem;
    // Thrown inside the mutation's transaction: the cart is left as it was.
    if (problem) throw BadUserInputError.field('code', `does not apply to this cart: ${problem}`);
    return cart;
  }

  /** Takes the coupon out of the cart; a code not in it changes nothing. */
  async remove(ctx: RequestContext, code: string): Promise<CartState> {
    const buyer = ctx.requireUser();
    await this.carts.lock(ctx, buyer.id, true);
    const coupon = await this.coupons.byCode(ctx, code);
    if (coupon) await this.connection.getRepository(ctx, CartCoupon).delete({ userId: buyer.id, couponId: coupon.id });
    return this.carts.view(ctx, buyer.id);
  }
}
