import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { contextOf, Connection, Ctx, RequestContext, type Page, type GraphQLContext } from '../../common/src/index.js';
import { Listing, ListingService } from '../../catalog/src/index.js';
import { User, UserService } from '../../identity/src/index.js';
import { PartnerAgency, PartnerAgencyService } from '../../membership/src/index.js';
import { Payment } from '../../payments/src/index.js';
import { Checkout } from './checkout.entity.js';
import { AgencyOrderListArgs, CancelOrderInput, OrderListArgs } from './dto/commerce.inputs.js';
import { OrderCancellations } from './order-cancellations.js';
import { OrderLine } from './order-line.entity.js';
import { OrderReads } from './order-reads.service.js';
import { Order, OrderStatus } from './order.entity.js';
import { ShippingAddress } from './shipping-address.js';

@ObjectType('OrderConnection', { description: 'A page of orders, newest first.' })
export class OrderConnection extends Connection('Order', Order) {}

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    private readonly reads: OrderReads,
    private readonly cancellations: OrderCancellations,
    private readonly users: UserService,
    private readonly agencies: PartnerAgencyService,
  ) {}

  @Query(() => Order, { nullable: true, description: 'The buyer, operators, and (once paid) the agency’s members; others NOT_FOUND.' })
  order(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID, description: 'The order.' }) id: string): Promise<Order> {
    return this.reads.order(ctx, id);
  }

  @Subscription(() => Order, {
    description:
      'The order each time its status changes, whoever changed it (payment, expiry, and the later moves of its table; a mutation, a job or a payment webhook): the buyer, operators, and (once paid) the agency’s members; others NOT_FOUND.',
    resolve: (order: Order) => order,
  })
  orderUpdated(
    @Ctx() ctx: RequestContext,
    @Args('orderId', { type: () => ID, description: 'The order; one the caller may not read is NOT_FOUND.' }) orderId: string,
  ): Promise<AsyncIterableIterator<Order>> {
    return this.reads.liveStatus(ctx, orderId);
  }

  @Query(() => OrderConnection, { description: "The caller's orders, newest first." })
  myOrders(@Ctx() ctx: RequestContext, @Args() args: OrderListArgs): Promise<Page<Order>> {
    return this.reads.myOrders(ctx, args);
  }

  @Query(() => OrderConnection, {
    description: "The agency's orders, newest first, for its members and operators (others NOT_FOUND). PENDING_PAYMENT and EXPIRED orders never appear here.",
  })
  partnerAgencyOrders(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The agency.' }) partnerAgencyId: string,
    @Args() args: AgencyOrderListArgs,
  ): Promise<Page<Order>> {
    return this.reads.ofPartnerAgency(ctx, partnerAgencyId, args);
  }

  @Mutation(() => Order, {
    description:
      'Cancels units of a PAID order not yet shipped and refunds them at once (docs/RULES.md §18): the buyer, the agency’s OWNER or MANAGER (reason required; a PROVIDER_CANCELLATION strike) or an operator. Too many units is BAD_USER_INPUT on the line, another status INVALID_STATE.',
  })
  cancelOrder(@Ctx() ctx: RequestContext, @Args('input', { description: 'The order, why, and which units.' }) input: CancelOrderInput): Promise<Order> {
    return this.cancellations.cancel(ctx, input);
  }

  @ResolveField(() => OrderStatus)
  status(order: Order): OrderStatus {
    return this.reads.orderStatus(order);
  }

  @ResolveField(() => User, { description: 'Who bought it.' })
  buyer(order: Order, _args: unknown, graphql: GraphQLContext): Promise<User | null> {
    return this.users.load(contextOf(graphql), order.buyerId);
  }

  @ResolveField(() => PartnerAgency, { description: 'The agency that sells and ships it.' })
  partnerAgency(order: Order, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency | null> {
    return this.agencies.load(contextOf(graphql), order.partnerAgencyId);
  }

  @ResolveField(() => ShippingAddress, {
    description:
      "Where it ships to: its checkout's address. The buyer, the buyer organization's members (B2B) and operators see it in full; the agency's members until ADDRESS_RETENTION_DAYS (90) after the order is CONFIRMED, CANCELLED or RETURNED, then masked (docs/RULES.md §25).",
  })
  shippingAddress(order: Order, _args: unknown, graphql: GraphQLContext): Promise<ShippingAddress> {
    return this.reads.shippingAddressOf(contextOf(graphql), order);
  }

  @ResolveField(() => Checkout, { nullable: true, description: "Null for the agency's members (it would show other agencies' orders)." })
  checkout(order: Order, _args: unknown, graphql: GraphQLContext): Promise<Checkout | null> {
    return this.reads.checkoutOf(contextOf(graphql), order);
  }

  @ResolveField(() => [OrderLine], { description: 'Its lines, in cart order.' })
  lines(order: Order, _args: unknown, graphql: GraphQLContext): Promise<OrderLine[]> {
    return this.reads.linesOf(contextOf(graphql), order);
  }

  @ResolveField(() => Payment, { nullable: true, description: "The checkout's payment." })
  payment(order: Order, _args: unknown, graphql: GraphQLContext): Promise<Payment | null> {
    return this.reads.orderPaymentOf(contextOf(graphql), order);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  constructor(
    private readonly reads: OrderReads,
    private readonly listings: ListingService,
  ) {}

  @ResolveField(() => Order, { description: 'The order the line belongs to.' })
  order(line: OrderLine, _args: unknown, graphql: GraphQLContext): Promise<Order> {
    return this.reads.orderOf(contextOf(graphql), line);
  }

  @ResolveField(() => Listing, { description: 'The listing bought, as it is now (title and unitPrice keep what was bought).' })
  listing(line: OrderLine, _args: unknown, graphql: GraphQLContext): Promise<Listing | null> {
    return this.listings.load(contextOf(graphql), line.listingId);
  }
}
