import { Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import {
  BadUserInputError,
  Connection,
  contextOf,
  Ctx,
  DateScalar,
  MoneyScalar,
  PageArgs,
  RequestContext,
  type GraphQLContext,
  type Page,
} from '../../common/src/index.js';
import { Listing, ListingService } from '../../catalog/src/index.js';
import { AppliedCoupon, Order, OrderReads, ShippingAddress } from '../../commerce/src/index.js';
import { User, UserService } from '../../identity/src/index.js';
import { PartnerAgency, PartnerAgencyService } from '../../membership/src/index.js';
import { BillingMethod, BillingMethodService, Payment, PaymentService } from '../../payments/src/index.js';
import { BoxSubscription, SubscriptionStatus } from './box-subscription.entity.js';
import { SkipReason } from './delivery-schedule.js';
import { SubscribeInput } from './dto/subscribe.input.js';
import { SubscribeService } from './subscribe.service.js';
import { SubscriptionBillingMethod } from './subscription-billing-method.js';
import { SubscriptionCycle } from './subscription-cycle.entity.js';
import { DEFAULT_UPCOMING_DELIVERIES, MAX_UPCOMING_DELIVERIES, SubscriptionReads, type UpcomingDeliveryView } from './subscription-reads.service.js';

@ObjectType('BoxSubscriptionConnection', { description: 'A page of BoxSubscription (Relay connection, RULES §6 paging), newest first.' })
export class BoxSubscriptionConnection extends Connection('BoxSubscription', BoxSubscription) {}

@ObjectType('SubscriptionCycleConnection', { description: 'A page of SubscriptionCycle (Relay connection, RULES §6 paging), newest first.' })
export class SubscriptionCycleConnection extends Connection('SubscriptionCycle', SubscriptionCycle) {}

@ObjectType('UpcomingDelivery', { description: "A future delivery, computed from the plan's anchor; skipping one needs only its shipDate." })
export class UpcomingDelivery implements UpcomingDeliveryView {
  @Field(() => DateScalar, { description: 'The day it ships (KST).' })
  shipDate: string;

  @Field({ description: '00:00 KST cutoffDays before shipDate: charged then; skip, pause and changes only before it.' })
  cutoffAt: Date;

  @Field({ description: 'Whether it will not be charged (skipped by the buyer, or within a pause).' })
  get skipped(): boolean {
    return this.skipReason !== null;
  }

  @Field(() => SkipReason, { nullable: true, description: 'Why it will not be charged; null when it will be.' })
  skipReason: SkipReason | null;

  @Field(() => MoneyScalar, {
    description:
      "What its cutoff charges (RULES §20): unitPrice × quantity + shippingFee at the price of that delivery (a pending increase from its effectiveShipDate), less the subscription coupon's discount while its cycles last. A skipped one shows what it would be charged were it not skipped.",
  })
  amount: number;

  @Field({
    description:
      'Whether amount is at a price increase the buyer has not accepted: unless accepted before its respondBy the subscription ends then (PRICE_CHANGE_NOT_ACCEPTED) and this delivery is never charged.',
  })
  priceChangePending: boolean;
}

@ArgsType()
export class SubscriptionListArgs extends PageArgs {
  @Field(() => SubscriptionStatus, { nullable: true, description: 'Only subscriptions in this status; all when omitted.' })
  @IsOptional()
  @IsEnum(SubscriptionStatus)
  status?: SubscriptionStatus | null;
}

@Resolver(() => BoxSubscription)
export class BoxSubscriptionResolver {
  constructor(
    private readonly reads: SubscriptionReads,
    private readonly listings: ListingService,
    private readonly users: UserService,
    private readonly agencies: PartnerAgencyService,
    private readonly billingMethods: BillingMethodService,
    private readonly subscribing: SubscribeService,
    private readonly billingMethodChange: SubscriptionBillingMethod,
  ) {}

  @Mutation(() => BoxSubscription, {
    description:
      'Charges the first delivery at once; declined → PAYMENT_FAILED and nothing is created (docs/RULES.md §20). Members of the listing’s agency FORBIDDEN; no places left under subscriberLimit OUT_OF_STOCK.',
  })
  subscribe(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The box, quantity, card, address and idempotency key.' }) input: SubscribeInput,
  ): Promise<BoxSubscription> {
    return this.subscribing.subscribe(ctx, input);
  }

  @Mutation(() => BoxSubscription, {
    description:
      "The subscriber's own usable card for the next charges. PAST_DUE: also retries the charge at once (one extra attempt outside the retry schedule). Others who may read it FORBIDDEN; CANCELLED INVALID_STATE.",
  })
  changeSubscriptionBillingMethod(
    @Ctx() ctx: RequestContext,
    @Args('subscriptionId', { type: () => ID, description: 'The subscription.' }) subscriptionId: string,
    @Args('billingMethodId', { type: () => ID, description: "The caller's own usable billing method." }) billingMethodId: string,
  ): Promise<BoxSubscription> {
    return this.billingMethodChange.change(ctx, subscriptionId, billingMethodId);
  }

  @Query(() => BoxSubscription, {
    nullable: true,
    description: "The buyer, the buyer organization's members (B2B), the agency's members and operators; others NOT_FOUND (docs/RULES.md §25).",
  })
  boxSubscription(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID, description: 'The subscription.' }) id: string): Promise<BoxSubscription> {
    return this.reads.get(ctx, id);
  }

  @Query(() => BoxSubscriptionConnection, { description: "The caller's own subscriptions, newest first." })
  mySubscriptions(@Ctx() ctx: RequestContext, @Args() args: SubscriptionListArgs): Promise<Page<BoxSubscription>> {
    return this.reads.mine(ctx, args.status, args);
  }

  @Query(() => BoxSubscriptionConnection, { description: "The agency's subscriptions, newest first: its members and operators (others NOT_FOUND)." })
  partnerAgencySubscriptions(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The agency.' }) partnerAgencyId: string,
    @Args() args: SubscriptionListArgs,
  ): Promise<Page<BoxSubscription>> {
    return this.reads.ofPartnerAgency(ctx, partnerAgencyId, args.status, args);
  }

  @ResolveField(() => Listing, { description: 'The SUBSCRIPTION listing, as it is now (the plan agreed is kept on the subscription).' })
  listing(subscription: BoxSubscription, _args: unknown, graphql: GraphQLContext): Promise<Listing | null> {
    const ctx = contextOf(graphql);
    return this.listings.load(ctx, subscription.listingId);
  }

  @ResolveField(() => User, { description: 'Who subscribed and pays.' })
  buyer(subscription: BoxSubscription, _args: unknown, graphql: GraphQLContext): Promise<User | null> {
    const ctx = contextOf(graphql);
    return this.users.load(ctx, subscription.buyerId);
  }

  @ResolveField(() => PartnerAgency, { description: 'The agency that ships the boxes.' })
  partnerAgency(subscription: BoxSubscription, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency | null> {
    const ctx = contextOf(graphql);
    return this.agencies.load(ctx, subscription.partnerAgencyId);
  }

  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description:
      'What the next charge will be: the amount of the first upcoming delivery not skipped (a pending increase included from its effectiveShipDate), after any coupon; null when CANCELLED.',
  })
  nextChargeAmount(subscription: BoxSubscription, _args: unknown, graphql: GraphQLContext): Promise<number | null> {
    const ctx = contextOf(graphql);
    return this.reads.nextChargeAmount(ctx, subscription);
  }

  @ResolveField(() => AppliedCoupon, {
    nullable: true,
    description:
      'The coupon given at subscribe (RULES §19); `discount` is what it takes off the next charge (0 once its subscriptionCycles deliveries are paid).',
  })
  coupon(subscription: BoxSubscription, _args: unknown, graphql: GraphQLContext): Promise<AppliedCoupon | null> {
    const ctx = contextOf(graphql);
    return this.reads.couponOf(ctx, subscription);
  }

  @ResolveField(() => ShippingAddress, {
    description:
      "Where the boxes go. The buyer, the buyer organization's members and operators see it in full; the agency's members until ADDRESS_RETENTION_DAYS after it was cancelled, then masked (docs/RULES.md §25).",
  })
  shippingAddress(subscription: BoxSubscription, _args: unknown, graphql: GraphQLContext): Promise<ShippingAddress> {
    const ctx = contextOf(graphql);
    return this.reads.shippingAddressOf(ctx, subscription);
  }

  @ResolveField(() => BillingMethod, {
    nullable: true,
    description: 'The card charged: shown to the buyer and operators (docs/RULES.md §25), null for anyone else. Its billing key is never exposed.',
  })
  async billingMethod(subscription: BoxSubscription, _args: unknown, graphql: GraphQLContext): Promise<BillingMethod | null> {
    const ctx = contextOf(graphql);
    const method = await this.billingMethods.load(ctx, subscription.billingMethodId);
    return method && this.billingMethods.readableBy(ctx, method) ? method : null;
  }

  @ResolveField(() => [UpcomingDelivery], { description: 'The next deliveries (default 4), including skipped ones, for the skip UI; none once CANCELLED.' })
  async upcomingDeliveries(
    @Ctx() ctx: RequestContext,
    @Parent() subscription: BoxSubscription,
    @Args('count', { type: () => Int, nullable: true, description: `How many, 1 to ${MAX_UPCOMING_DELIVERIES}; default ${DEFAULT_UPCOMING_DELIVERIES}.` })
    count: number | null,
  ): Promise<UpcomingDelivery[]> {
    const wanted = count ?? DEFAULT_UPCOMING_DELIVERIES;
    if (wanted < 1 || wanted > MAX_UPCOMING_DELIVERIES) throw BadUserInputError.field('count', `must be 1 to ${MAX_UPCOMING_DELIVERIES}`);
    return (await this.reads.upcoming(ctx, subscription, wanted)).map((delivery) => Object.assign(new UpcomingDelivery(), delivery));
  }

  @ResolveField(() => SubscriptionCycleConnection, { description: 'Charged, failed and skipped deliveries, newest first.' })
  cycles(@Ctx() ctx: RequestContext, @Parent() subscription: BoxSubscription, @Args() args: PageArgs): Promise<Page<SubscriptionCycle>> {
    return this.reads.cyclesOf(ctx, subscription, args);
  }

  @ResolveField(() => Boolean, { description: 'Whether the buyer may cancel now (RULES §20: minimumCycles, 7-day withdrawal, PAST_DUE).' })
  cancellable(subscription: BoxSubscription): boolean {
    return this.reads.cancellable(subscription);
  }
}

@Resolver(() => Order)
export class OrderSubscriptionResolver {
  constructor(private readonly reads: SubscriptionReads) {}

  @ResolveField(() => BoxSubscription, { nullable: true, description: 'Set for subscription deliveries: the subscription this order is one paid delivery of.' })
  subscription(order: Order, _args: unknown, graphql: GraphQLContext): Promise<BoxSubscription | null> {
    const ctx = contextOf(graphql);
    return this.reads.subscriptionOfOrder(ctx, order);
  }
}

@Resolver(() => SubscriptionCycle)
export class SubscriptionCycleResolver {
  constructor(
    private readonly payments: PaymentService,
    private readonly orders: OrderReads,
  ) {}

  @ResolveField(() => Payment, { nullable: true, description: 'The payment of its last charge attempt (the paid one once PAID); null when never charged.' })
  payment(cycle: SubscriptionCycle, _args: unknown, graphql: GraphQLContext): Promise<Payment | null> {
    const ctx = contextOf(graphql);
    return cycle.paymentId ? this.payments.load(ctx, cycle.paymentId) : Promise.resolve(null);
  }

  @ResolveField(() => Order, { nullable: true, description: "The delivery's order once paid." })
  order(cycle: SubscriptionCycle, _args: unknown, graphql: GraphQLContext): Promise<Order | null> {
    const ctx = contextOf(graphql);
    return cycle.orderId ? this.orders.load(ctx, cycle.orderId) : Promise.resolve(null);
  }
}
