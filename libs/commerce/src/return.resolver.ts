import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Connection, Ctx, MoneyScalar, RequestContext, type GraphQLContext, type Page } from '../../common/src/index.js';
import { AcceptReturnInput, CompleteReturnInput, RefundOrderInput, RequestReturnInput, ReturnListArgs } from './dto/return.inputs.js';
import { OrderLine } from './order-line.entity.js';
import { OrderReturns } from './order-returns.service.js';
import { Order } from './order.entity.js';
import { ReturnLine, ReturnRequest, ReturnStatus } from './return-request.entity.js';
import { ReturnReads } from './return-reads.service.js';
import { Shipment } from './shipment.entity.js';

@ObjectType('ReturnRequestConnection', { description: 'A page of ReturnRequest, newest first (Relay connection, docs/RULES.md §6 paging).' })
export class ReturnRequestConnection extends Connection('ReturnRequest', ReturnRequest) {}

/** Returns and exchanges (docs/RULES.md §18) and the operator's refundOrder. */
@Resolver(() => ReturnRequest)
export class ReturnResolver {
  constructor(
    private readonly returns: OrderReturns,
    private readonly reads: ReturnReads,
  ) {}

  @Query(() => ReturnRequestConnection, { description: "The agency's returns, newest first, for its members and operators (others NOT_FOUND)." })
  partnerAgencyReturns(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The agency.' }) partnerAgencyId: string,
    @Args() args: ReturnListArgs,
  ): Promise<Page<ReturnRequest>> {
    return this.reads.ofPartnerAgency(ctx, partnerAgencyId, args);
  }

  @Mutation(() => ReturnRequest, {
    description:
      'The buyer asks to return shipped units (docs/RULES.md §18 windows): one open return per order (CONFLICT); CHANGE_OF_MIND until 7 days after delivery, refund only, never for perishable goods once delivered (INVALID_STATE).',
  })
  requestReturn(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The order, why, what instead, and which units.' }) input: RequestReturnInput,
  ): Promise<ReturnRequest> {
    return this.returns.request(ctx, input);
  }

  @Mutation(() => ReturnRequest, { description: 'The buyer takes back a REQUESTED or ACCEPTED return.' })
  withdrawReturn(
    @Ctx() ctx: RequestContext,
    @Args('returnRequestId', { type: () => ID, description: 'The return.' }) returnRequestId: string,
  ): Promise<ReturnRequest> {
    return this.returns.withdraw(ctx, returnRequestId);
  }

  @Mutation(() => ReturnRequest, { description: 'Agency; operators also to reopen a REJECTED one.' })
  acceptReturn(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The return and the pick-up waybill, if booked.' }) input: AcceptReturnInput,
  ): Promise<ReturnRequest> {
    return this.returns.accept(ctx, input);
  }

  @Mutation(() => ReturnRequest, { description: 'The agency refuses a REQUESTED or ACCEPTED return, with a reason.' })
  rejectReturn(
    @Ctx() ctx: RequestContext,
    @Args('returnRequestId', { type: () => ID, description: 'The return.' }) returnRequestId: string,
    @Args('reason', { description: 'Why (required, non-blank); shown to the buyer.' }) reason: string,
  ): Promise<ReturnRequest> {
    return this.returns.reject(ctx, returnRequestId, reason);
  }

  @Mutation(() => ReturnRequest, { description: 'The agency has the goods back: 3 business days to refund or reship (completeBy).' })
  markReturnReceived(
    @Ctx() ctx: RequestContext,
    @Args('returnRequestId', { type: () => ID, description: 'The ACCEPTED return.' }) returnRequestId: string,
  ): Promise<ReturnRequest> {
    return this.returns.markReceived(ctx, returnRequestId);
  }

  @Mutation(() => ReturnRequest, { description: "Refunds a RECEIVED return now, or ships an exchange's replacement (courier rules of docs/RULES.md §17)." })
  completeReturn(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The return and, for an exchange, its replacement parcel.' }) input: CompleteReturnInput,
  ): Promise<ReturnRequest> {
    return this.returns.complete(ctx, input);
  }

  @Mutation(() => Order, {
    description:
      'Operator only: refunds money of a CONFIRMED or RETURNED order outside the return flow, spread over its lines in proportion to what each still has paid (docs/RULES.md §18).',
  })
  refundOrder(@Ctx() ctx: RequestContext, @Args('input', { description: 'The order, how much and why.' }) input: RefundOrderInput): Promise<Order> {
    return this.returns.refundOrder(ctx, input);
  }

  @ResolveField(() => Order, { description: 'The order the units come from.' })
  order(request: ReturnRequest, _args: unknown, graphql: GraphQLContext): Promise<Order> {
    return this.reads.orderOf(contextOf(graphql), request);
  }

  @ResolveField(() => [ReturnLine], { description: 'The units sent back, per line.' })
  lines(request: ReturnRequest, _args: unknown, graphql: GraphQLContext): Promise<ReturnLine[]> {
    return this.reads.linesOf(contextOf(graphql), request);
  }

  @ResolveField(() => MoneyScalar, { description: 'The refund this return gives (estimate until COMPLETED; 0 for exchanges).' })
  refundAmount(request: ReturnRequest, _args: unknown, graphql: GraphQLContext): Promise<number> {
    return this.reads.refundAmountOf(contextOf(graphql), request);
  }

  @ResolveField(() => Shipment, { nullable: true, description: "An exchange's replacement parcel, once shipped." })
  replacementShipment(request: ReturnRequest, _args: unknown, graphql: GraphQLContext): Promise<Shipment | null> {
    return this.reads.replacementShipmentOf(contextOf(graphql), request);
  }

  @ResolveField(() => Date, { nullable: true, description: 'When it was refunded or its replacement shipped.' })
  completedAt(request: ReturnRequest): Date | null {
    return request.status === ReturnStatus.COMPLETED ? request.closedAt : null;
  }
}

@Resolver(() => ReturnLine)
export class ReturnLineResolver {
  constructor(private readonly reads: ReturnReads) {}

  @ResolveField(() => OrderLine, { description: 'The order line the units are of.' })
  orderLine(line: ReturnLine, _args: unknown, graphql: GraphQLContext): Promise<OrderLine> {
    return this.reads.orderLineOf(contextOf(graphql), line);
  }
}

/** Order and parcel fields of returns. */
@Resolver(() => Order)
export class OrderReturnsResolver {
  constructor(private readonly reads: ReturnReads) {}

  @ResolveField(() => [ReturnRequest], { description: 'Its returns and exchanges, oldest first.' })
  returns(order: Order, _args: unknown, graphql: GraphQLContext): Promise<ReturnRequest[]> {
    return this.reads.returnsOf(contextOf(graphql), order);
  }
}

@Resolver(() => Shipment)
export class ShipmentReturnResolver {
  constructor(private readonly reads: ReturnReads) {}

  @ResolveField(() => ReturnRequest, { nullable: true, description: "Set when this parcel is an exchange's replacement." })
  replacementFor(shipment: Shipment, _args: unknown, graphql: GraphQLContext): Promise<ReturnRequest | null> {
    return this.reads.replacementForOf(contextOf(graphql), shipment);
  }
}
