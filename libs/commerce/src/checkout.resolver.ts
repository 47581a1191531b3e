import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Connection, Ctx, PageArgs, RequestContext, type GraphQLContext, type Page } from '../../common/src/index.js';
import { User, UserService } from '../../identity/src/index.js';
import { PayInput } from '../../membership/src/index.js';
import { Payment, PaymentRequest } from '../../payments/src/index.js';
import { AppliedCoupon } from './applied-coupon.view.js';
import { CheckoutPayments } from './checkout-payments.js';
import { Checkout, CheckoutStatus } from './checkout.entity.js';
import { CheckoutService } from './checkout.service.js';
import { CouponRedemptions } from './coupon-redemptions.js';
import { CheckoutInput, CheckoutListArgs } from './dto/commerce.inputs.js';
import { OrderReads } from './order-reads.service.js';
import { Order } from './order.entity.js';

@ObjectType('CheckoutConnection', { description: 'A page of checkouts, newest first.' })
export class CheckoutConnection extends Connection('Checkout', Checkout) {}

@Resolver(() => Checkout)
export class CheckoutResolver {
  constructor(
    private readonly checkouts: CheckoutService,
    private readonly checkoutPayments: CheckoutPayments,
    private readonly reads: OrderReads,
    private readonly users: UserService,
    private readonly redemptions: CouponRedemptions,
  ) {}

  @Query(() => Checkout, { name: 'checkout', nullable: true, description: 'The buyer and operators; others NOT_FOUND.' })
  checkoutById(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID, description: 'The checkout.' }) id: string): Promise<Checkout> {
    return this.reads.checkout(ctx, id);
  }

  @Query(() => CheckoutConnection, { description: "The caller's checkouts, newest first." })
  myCheckouts(@Ctx() ctx: RequestContext, @Args() args: CheckoutListArgs): Promise<Page<Checkout>> {
    return this.reads.myCheckouts(ctx, args);
  }

  @Query(() => CheckoutConnection, {
    description: 'Checkouts bought for an organization, newest first: its members (any role) and operators; others NOT_FOUND.',
  })
  organizationCheckouts(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, description: 'The buyer organization.' }) organizationId: string,
    @Args() page: PageArgs,
  ): Promise<Page<Checkout>> {
    return this.reads.ofBuyerOrganization(ctx, organizationId, page);
  }

  @Mutation(() => Checkout, {
    description:
      'Checks out the whole cart: holds stock for 15 minutes and creates one PENDING_PAYMENT order per agency. An empty cart or a line off sale is BAD_USER_INPUT, a shortage OUT_OF_STOCK with nothing held (docs/RULES.md §16).',
  })
  checkout(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Where to ship, the total shown and an idempotency key.' }) input: CheckoutInput,
  ): Promise<Checkout> {
    return this.checkouts.checkout(ctx, input);
  }

  @Mutation(() => Checkout, {
    description:
      'Confirms the payment of a PENDING_PAYMENT checkout, by its buyer only; the checkout and its orders become PAID. A passed hold is INVALID_STATE and a decline PAYMENT_FAILED, with nothing charged; the same key again returns the paid checkout.',
  })
  payCheckout(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The checkout and the provider key of its payment.' }) input: PayInput,
  ): Promise<Checkout> {
    return this.checkoutPayments.pay(ctx, input.id, input.paymentKey);
  }

  @ResolveField(() => CheckoutStatus)
  status(checkout: Checkout): CheckoutStatus {
    return this.reads.checkoutStatus(checkout);
  }

  @ResolveField(() => User, { description: 'Who checked out.' })
  buyer(checkout: Checkout, _args: unknown, graphql: GraphQLContext): Promise<User | null> {
    return this.users.load(contextOf(graphql), checkout.buyerId);
  }

  @ResolveField(() => [AppliedCoupon], { description: 'The coupons redeemed by it, with what each took off (docs/RULES.md §19).' })
  coupons(checkout: Checkout, _args: unknown, graphql: GraphQLContext): Promise<AppliedCoupon[]> {
    return this.redemptions.appliedTo(contextOf(graphql), checkout.id);
  }

  @ResolveField(() => [Order], { description: 'One order per partner agency of the cart.' })
  orders(checkout: Checkout, _args: unknown, graphql: GraphQLContext): Promise<Order[]> {
    return this.reads.ordersOf(contextOf(graphql), checkout);
  }

  @ResolveField(() => PaymentRequest, { nullable: true, description: 'What the client needs to pay, while the hold lasts.' })
  paymentRequest(checkout: Checkout, _args: unknown, graphql: GraphQLContext): Promise<PaymentRequest | null> {
    return this.reads.paymentRequestOf(contextOf(graphql), checkout);
  }

  @ResolveField(() => Payment, { nullable: true, description: 'The one payment of the total, named "첫 상품명 외 n건"; null when the total is 0.' })
  payment(checkout: Checkout, _args: unknown, graphql: GraphQLContext): Promise<Payment | null> {
    return this.reads.paymentOf(contextOf(graphql), checkout);
  }
}
