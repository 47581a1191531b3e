import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Ctx, RequestContext, type GraphQLContext } from '../../common/src/index.js';
import { Strike } from '../../membership/src/index.js';
import { DispatchDelay } from './dispatch-delay.js';
import { DelayDispatchInput, ShipOrderInput, UpdateShipmentInput } from './dto/fulfilment.inputs.js';
import { OrderFulfilment } from './order-fulfilment.service.js';
import { OrderLine } from './order-line.entity.js';
import { OrderReads } from './order-reads.service.js';
import { Order } from './order.entity.js';
import { Shipment } from './shipment.entity.js';
import { ShipmentService } from './shipments.service.js';

/** Shipping, delivery and confirmation of orders (docs/RULES.md §17), and the parcels' fields. */
@Resolver(() => Shipment)
export class ShipmentResolver {
  constructor(
    private readonly shipments: ShipmentService,
    private readonly fulfilment: OrderFulfilment,
    private readonly reads: OrderReads,
  ) {}

  @Mutation(() => Order, {
    description:
      'Registers a parcel (송장 등록) of a PAID order, by the agency’s owners and managers or operators; SHIPPED once every unit not cancelled is in a parcel. A wrong tracking number is BAD_USER_INPUT, one already registered CONFLICT (docs/RULES.md §17).',
  })
  shipOrder(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The order, the parcel’s carrier and number, and its lines.' }) input: ShipOrderInput,
  ): Promise<Order> {
    return this.shipments.ship(ctx, input);
  }

  @Mutation(() => Shipment, { description: 'Corrects a parcel’s carrier or tracking number until its first carrier scan (then INVALID_STATE).' })
  updateShipment(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The parcel and what it really is.' }) input: UpdateShipmentInput,
  ): Promise<Shipment> {
    return this.shipments.update(ctx, input);
  }

  @Mutation(() => Shipment, { description: 'The agency reports delivery of a DIRECT or OTHER parcel; operators may for any parcel.' })
  markShipmentDelivered(@Ctx() ctx: RequestContext, @Args('shipmentId', { type: () => ID, description: 'The parcel.' }) shipmentId: string): Promise<Shipment> {
    return this.shipments.markDelivered(ctx, shipmentId);
  }

  @Mutation(() => Order, { description: '발송지연 안내: moves the dispatch deadline of a PAID order, once, before it passes; the buyer is told.' })
  delayDispatch(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The order, the new ship-by date and why.' }) input: DelayDispatchInput,
  ): Promise<Order> {
    return this.fulfilment.delayDispatch(ctx, input);
  }

  @Mutation(() => Order, { description: '구매확정 by the buyer once SHIPPED or DELIVERED, with no open return.' })
  confirmOrder(@Ctx() ctx: RequestContext, @Args('orderId', { type: () => ID, description: 'The order.' }) orderId: string): Promise<Order> {
    return this.fulfilment.confirmByBuyer(ctx, orderId);
  }

  @ResolveField(() => Order, { description: 'The order the parcel belongs to.' })
  order(shipment: Shipment, _args: unknown, graphql: GraphQLContext): Promise<Order> {
    return this.reads.orderOfShipment(contextOf(graphql), shipment);
  }

  @ResolveField(() => [OrderLine], { description: 'The lines that left in it; for an exchange’s replacement, its return’s lines.' })
  lines(shipment: Shipment, _args: unknown, graphql: GraphQLContext): Promise<OrderLine[]> {
    return this.reads.linesOfShipment(contextOf(graphql), shipment);
  }

  @ResolveField(() => String, { nullable: true, description: 'The carrier’s page for the parcel; null for DIRECT, OTHER or a carrier without a template.' })
  trackingUrl(shipment: Shipment): string | null {
    return this.shipments.trackingUrlOf(shipment);
  }
}

/** Order and line fields of shipping. */
@Resolver(() => Order)
export class OrderShippingResolver {
  constructor(private readonly reads: OrderReads) {}

  @ResolveField(() => [Shipment], { description: 'Its parcels, in shipping order.' })
  shipments(order: Order, _args: unknown, graphql: GraphQLContext): Promise<Shipment[]> {
    return this.reads.shipmentsOf(contextOf(graphql), order);
  }

  @ResolveField(() => DispatchDelay, { nullable: true, description: '발송지연 안내, when the agency delayed the dispatch.' })
  dispatchDelay(order: Order): DispatchDelay | null {
    return this.reads.dispatchDelayOf(order);
  }
}

@Resolver(() => OrderLine)
export class OrderLineShippingResolver {
  constructor(private readonly reads: OrderReads) {}

  @ResolveField(() => Shipment, { nullable: true, description: 'The shipment it left in, when shipped.' })
  shipment(line: OrderLine, _args: unknown, graphql: GraphQLContext): Promise<Shipment | null> {
    return this.reads.shipmentOf(contextOf(graphql), line);
  }
}

@Resolver(() => Strike)
export class StrikeOrderResolver {
  constructor(private readonly reads: OrderReads) {}

  @ResolveField(() => Order, {
    nullable: true,
    description: 'The order that caused it (LATE_SHIPMENT, MISSING_TRACKING_NUMBER, LATE_RETURN_HANDLING, PROVIDER_CANCELLATION of an order).',
  })
  order(strike: Strike, _args: unknown, graphql: GraphQLContext): Promise<Order | null> {
    return this.reads.orderOfStrike(contextOf(graphql), strike);
  }
}
