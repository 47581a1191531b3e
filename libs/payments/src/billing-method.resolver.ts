import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '../../common/src/index.js';
import { BillingAuthRequest, BillingMethod } from './billing-method.entity.js';
import { BillingMethodService } from './billing-methods.service.js';

/** Signed-in users manage their own billing methods (docs/RULES.md §20, §25). */
@Resolver(() => BillingMethod)
export class BillingMethodResolver {
  constructor(private readonly methods: BillingMethodService) {}

  @Query(() => BillingAuthRequest, { description: "The caller's customer key for Toss requestBillingAuth: random, created once and kept." })
  billingAuthRequest(@Ctx() ctx: RequestContext): Promise<BillingAuthRequest> {
    return this.methods.authRequest(ctx);
  }

  @Query(() => [BillingMethod], { description: "The caller's billing methods, newest first (removed ones left out)." })
  myBillingMethods(@Ctx() ctx: RequestContext): Promise<BillingMethod[]> {
    return this.methods.mine(ctx);
  }

  @Mutation(() => BillingMethod, {
    description:
      'Issues a billing key from the authKey Toss returned to the client; the same authKey again answers the same method. A declined card or an unreachable provider → PAYMENT_FAILED.',
  })
  registerBillingMethod(
    @Ctx() ctx: RequestContext,
    @Args('authKey', { description: 'What Toss requestBillingAuth returned to the client (1–300 characters).' }) authKey: string,
  ): Promise<BillingMethod> {
    return this.methods.register(ctx, authKey);
  }

  @Mutation(() => Boolean, { description: "Removes one of the caller's billing methods; refused while a live subscription uses it (INVALID_STATE)." })
  removeBillingMethod(
    @Ctx() ctx: RequestContext,
    @Args('billingMethodId', { type: () => ID, description: "One of the caller's billing methods." }) billingMethodId: string,
  ): Promise<boolean> {
    return this.methods.remove(ctx, billingMethodId);
  }
}
