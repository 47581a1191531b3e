import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '../../common/src/index.js';
import { CartService } from './cart.service.js';
import { CartView } from './cart.view.js';

@Resolver(() => CartView)
export class CartResolver {
  constructor(private readonly carts: CartService) {}

  @Query(() => CartView)
  myCart(@Ctx() ctx: RequestContext): Promise<CartView> {
    return this.carts.mine(ctx);
  }

  @Mutation(() => CartView, { description: "Sets a GOODS line's quantity; 0 removes it." })
  setCartLine(
    @Ctx() ctx: RequestContext,
    @Args('listingId', { type: () => ID }) listingId: string,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<CartView> {
    return this.carts.setLine(ctx, listingId, quantity);
  }
}
