import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '../../common/src/index.js';
import { CartCoupons } from './cart-coupons.js';
import { CartService } from './cart.service.js';
import { CartView } from './cart.view.js';

@Resolver(() => CartView)
export class CartResolver {
  constructor(
    private readonly carts: CartService,
    private readonly cartCoupons: CartCoupons,
  ) {}

  @Query(() => CartView, { description: "The signed-in buyer's cart, priced now (empty until a line is set); UNAUTHENTICATED otherwise." })
  myCart(@Ctx() ctx: RequestContext): Promise<CartView> {
    return this.carts.mine(ctx);
  }

  @Mutation(() => CartView, {
    description:
      "Sets a GOODS line's quantity; 0 removes it. Another kind is BAD_USER_INPUT, a listing the caller cannot see NOT_FOUND, one of their own agency FORBIDDEN, a line beyond CART_MAX_LINES (50) LIMIT_EXCEEDED.",
  })
  setCartLine(
    @Ctx() ctx: RequestContext,
    @Args('listingId', { type: () => ID, description: 'The GOODS listing.' }) listingId: string,
    @Args('quantity', { type: () => Int, description: 'Units wanted, 0 to 999; 0 removes the line.' }) quantity: number,
  ): Promise<CartView> {
    return this.carts.setLine(ctx, listingId, quantity);
  }

  @Mutation(() => CartView, {
    description:
      'Enters a coupon code (case-insensitive) in the cart; another coupon of the same kind (item or FREE_SHIPPING) is replaced. An unknown code, or one that does not apply to the cart now, is BAD_USER_INPUT saying why (docs/RULES.md §19).',
  })
  applyCartCoupon(@Ctx() ctx: RequestContext, @Args('code', { description: 'The coupon code as the buyer has it.' }) code: string): Promise<CartView> {
    return this.cartCoupons.apply(ctx, code);
  }

  @Mutation(() => CartView, { description: 'Takes the coupon out of the cart; a code not in it changes nothing.' })
  removeCartCoupon(@Ctx() ctx: RequestContext, @Args('code', { description: 'The code of a coupon in the cart.' }) code: string): Promise<CartView> {
    return this.cartCoupons.remove(ctx, code);
  }
}
