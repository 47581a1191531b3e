import { Args, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Connection, Ctx, RequestContext, type GraphQLContext, type Page } from '../../common/src/index.js';
import { Reservation, ReservationService } from '../../booking/src/index.js';
import { Order, OrderReads } from '../../commerce/src/index.js';
import { RecordTaxInvoiceInput, TaxInvoiceListArgs } from './dto/tax-invoice.inputs.js';
import { TaxInvoice } from './tax-invoice.entity.js';
import { TaxInvoiceService } from './tax-invoices.service.js';

@ObjectType('TaxInvoiceConnection', { description: 'A page of TaxInvoice (Relay connection, RULES §6 paging), newest first.' })
export class TaxInvoiceConnection extends Connection('TaxInvoice', TaxInvoice) {}

/** Tax-invoice data of B2B sales (docs/RULES.md §23, §25). */
@Resolver(() => TaxInvoice)
export class TaxInvoiceResolver {
  constructor(
    private readonly invoices: TaxInvoiceService,
    private readonly orders: OrderReads,
    private readonly reservations: ReservationService,
  ) {}

  @Query(() => TaxInvoiceConnection, { description: "Tax invoices of an agency's B2B sales (its members; operators may omit partnerAgencyId), newest first." })
  taxInvoices(@Ctx() ctx: RequestContext, @Args() args: TaxInvoiceListArgs): Promise<Page<TaxInvoice>> {
    return this.invoices.list(ctx, args, args);
  }

  @Mutation(() => TaxInvoice, { description: 'Agency OWNER/MANAGER (not operators): records the NTS approval numbers of an ISSUABLE invoice → ISSUED.' })
  recordTaxInvoice(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The approval numbers and the issue date.' }) input: RecordTaxInvoiceInput,
  ): Promise<TaxInvoice> {
    return this.invoices.record(ctx, input);
  }

  @ResolveField(() => Order, { nullable: true, description: 'The agency order it is for (goods and subscription deliveries), else null.' })
  order(invoice: TaxInvoice, _args: unknown, graphql: GraphQLContext): Promise<Order | null> {
    return invoice.orderId ? this.orders.load(contextOf(graphql), invoice.orderId) : Promise.resolve(null);
  }

  @ResolveField(() => Reservation, { nullable: true, description: 'The reservation it is for (services), else null.' })
  reservation(invoice: TaxInvoice, _args: unknown, graphql: GraphQLContext): Promise<Reservation | null> {
    return invoice.reservationId ? this.reservations.load(contextOf(graphql), invoice.reservationId) : Promise.resolve(null);
  }

  @ResolveField(() => Boolean, { description: "ISSUABLE and past dueOn without a recorded approval number. The agency's members and operators only." })
  overdue(invoice: TaxInvoice, _args: unknown, graphql: GraphQLContext): Promise<boolean> {
    return this.invoices.overdue(contextOf(graphql), invoice);
  }
}

/** `Order.taxInvoice`: readers of the order read its invoice (docs/RULES.md §25). */
@Resolver(() => Order)
export class OrderTaxInvoiceResolver {
  constructor(private readonly taxInvoices: TaxInvoiceService) {}

  @ResolveField(() => TaxInvoice, { nullable: true, description: 'B2B only: the supplier’s tax-invoice data and issue state.' })
  taxInvoice(order: Order, _args: unknown, graphql: GraphQLContext): Promise<TaxInvoice | null> {
    return this.taxInvoices.ofOrder(contextOf(graphql), order.id);
  }
}

/** `Reservation.taxInvoice`, likewise. */
@Resolver(() => Reservation)
export class ReservationTaxInvoiceResolver {
  constructor(private readonly taxInvoices: TaxInvoiceService) {}

  @ResolveField(() => TaxInvoice, { nullable: true, description: 'B2B only: the supplier’s tax-invoice data and issue state.' })
  taxInvoice(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<TaxInvoice | null> {
    return this.taxInvoices.ofReservation(contextOf(graphql), reservation.id);
  }
}
