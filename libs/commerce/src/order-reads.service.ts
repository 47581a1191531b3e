import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import {
  ClockService,
  LiveUpdates,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  newestFirst,
  paginate,
  type Page,
  type PageArgs,
} from '../../common/src/index.js';
import { PaymentService, type Payment, type PaymentRequest } from '../../payments/src/index.js';
import { Checkout, CheckoutStatus } from './checkout.entity.js';
import { CommerceAccess, UNPAID_ORDER_STATUSES } from './commerce-access.js';
import { ORDER_STATUS_TOPIC, checkoutStatusAt, holdLapsed, orderStatusAt } from './commerce-transitions.js';
import type { AgencyOrderListArgs, CheckoutListArgs, OrderListArgs } from './dto/commerce.inputs.js';
import { OrderLine } from './order-line.entity.js';
import { Order, OrderStatus } from './order.entity.js';
import { DispatchDelay } from './dispatch-delay.js';
import { ReturnLine } from './return-request.entity.js';
import { Shipment } from './shipment.entity.js';
import type { ShippingAddress } from './shipping-address.js';
import { B2BPurchases, PartnerAgencyService } from '../../membership/src/index.js';

const PENDING = CheckoutStatus.PENDING_PAYMENT;

/**
 * Filters on the status a reader sees: a PENDING_PAYMENT row whose hold has passed reads as EXPIRED before
 * its job has run (docs/RULES.md §16).
 */
function whereStatusSeen<T extends { createdAt: Date; id: string }>(query: SelectQueryBuilder<T>, alias: string, status: string, now: Date): void {
  if (status === PENDING) query.andWhere(`${alias}.status = :pending AND ${alias}.hold_expires_at > :now`, { pending: PENDING, now });
  else if (status === CheckoutStatus.EXPIRED)
    query.andWhere(`(${alias}.status = :expired OR (${alias}.status = :pending AND ${alias}.hold_expires_at <= :now))`, {
      expired: status,
      pending: PENDING,
      now,
    });
  else query.andWhere(`${alias}.status = :status`, { status });
}

/** Reading checkouts and orders (docs/RULES.md §16, §25); nested fields are batched per request. */
@Injectable()
export class OrderReads {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly access: CommerceAccess,
    private readonly agencies: PartnerAgencyService,
    private readonly b2bPurchases: B2BPurchases,
    private readonly payments: PaymentService,
    private readonly live: LiveUpdates,
  ) {}

  async checkout(ctx: RequestContext, id: string): Promise<Checkout> {
    ctx.requireUser();
    const checkout = await this.loadCheckout(ctx, id);
    if (!checkout || !(await this.access.mayReadCheckout(ctx, checkout))) throw new NotFoundError('Checkout', id);
    return checkout;
  }

  /** The order as it is, for jobs and subscribers that check it themselves (no access check); batched per request. */
  load(ctx: RequestContext, id: string): Promise<Order | null> {
    return isUuid(id) ? this.connection.loadOne(ctx, Order, 'id', id, (row) => row.id) : Promise.resolve(null);
  }

  async order(ctx: RequestContext, id: string): Promise<Order> {
    ctx.requireUser();
    const order = await this.load(ctx, id);
    if (!order || !(await this.access.mayReadOrder(ctx, order))) throw new NotFoundError('Order', id);
    return order;
  }

  /**
   * The order again each time its status moves, whoever moved it (docs/RULES.md §31): for those who may
   * read it (NOT_FOUND for anyone else, at once); re-read and re-authorized for every move.
   */
  liveStatus(ctx: RequestContext, id: string): Promise<AsyncIterableIterator<Order>> {
    return this.live.followRow(ctx, ORDER_STATUS_TOPIC, id, (current, rowId) => this.order(current, rowId));
  }

  myCheckouts(ctx: RequestContext, args: CheckoutListArgs): Promise<Page<Checkout>> {
    const buyer = ctx.requireUser();
    const query = this.connection.getRepository(ctx, Checkout).createQueryBuilder('checkout').where('checkout.buyer_id = :buyerId', { buyerId: buyer.id });
    if (args.status) whereStatusSeen(query, 'checkout', args.status, this.clock.now());
    return paginate(query, args, newestFirst('checkout'));
  }

  /** Checkouts bought for the organization (docs/RULES.md §25): its members (any role) and operators, newest first. */
  async ofBuyerOrganization(ctx: RequestContext, organizationId: string, args: PageArgs): Promise<Page<Checkout>> {
    if (!isUuid(organizationId)) throw new NotFoundError('Organization', organizationId);
    await this.b2bPurchases.assertMayReadPurchasesOf(ctx, organizationId);
    const query = this.connection
      .getRepository(ctx, Checkout)
      .createQueryBuilder('checkout')
      .where('checkout.buyer_organization_id = :organizationId', { organizationId });
    return paginate(query, args, newestFirst('checkout'));
  }

  myOrders(ctx: RequestContext, args: OrderListArgs): Promise<Page<Order>> {
    const buyer = ctx.requireUser();
    const query = this.connection.getRepository(ctx, Order).createQueryBuilder('o').where('o.buyer_id = :buyerId', { buyerId: buyer.id });
    if (args.status) whereStatusSeen(query, 'o', args.status, this.clock.now());
    return paginate(query, args, newestFirst('o'));
  }

  /** Its members and operators; never PENDING_PAYMENT or EXPIRED orders (nobody paid for them). */
  async ofPartnerAgency(ctx: RequestContext, partnerAgencyId: string, args: AgencyOrderListArgs): Promise<Page<Order>> {
    if (!isUuid(partnerAgencyId)) throw new NotFoundError('Partner agency', partnerAgencyId);
    await this.agencies.assertMemberOrOperator(ctx, partnerAgencyId);
    const query = this.connection
      .getRepository(ctx, Order)
      .createQueryBuilder('o')
      .where('o.partner_agency_id = :partnerAgencyId AND o.status <> ALL(:unpaid)', { partnerAgencyId, unpaid: UNPAID_ORDER_STATUSES });
    if (args.status) query.andWhere('o.status = :status', { status: args.status });
    if (args.overdueOnly) query.andWhere('o.status = :paid AND o.dispatch_deadline <= :now', { paid: OrderStatus.PAID, now: this.clock.now() });
    return paginate(query, args, newestFirst('o'));
  }

  checkoutStatus(checkout: Checkout): CheckoutStatus {
    return checkoutStatusAt(checkout, this.clock.now());
  }

  orderStatus(order: Order): OrderStatus {
    return orderStatusAt(order, this.clock.now());
  }

  ordersOf(ctx: RequestContext, checkout: Checkout): Promise<Order[]> {
    return this.connection.loadMany(ctx, Order, 'checkout_id', checkout.id, (order) => order.checkoutId!, 'id');
  }

  linesOf(ctx: RequestContext, order: Order): Promise<OrderLine[]> {
    return this.connection.loadMany(ctx, OrderLine, 'order_id', order.id, (line) => line.orderId, 'position');
  }

  /** The order of a line or a return. */
  async orderOf(ctx: RequestContext, row: { orderId: string }): Promise<Order> {
    return (await this.connection.loadOne(ctx, Order, 'id', row.orderId, (order) => order.id))!;
  }

  /** The line when the caller may read its order (docs/RULES.md §25), else null; batched per request. */
  async visibleLine(ctx: RequestContext, id: string): Promise<OrderLine | null> {
    const line = isUuid(id) ? await this.connection.loadOne(ctx, OrderLine, 'id', id, (row) => row.id) : null;
    const order = line && (await this.orderOf(ctx, line));
    return order && (await this.access.mayReadOrder(ctx, order)) ? line : null;
  }

  /** Its parcels, in shipping order. */
  shipmentsOf(ctx: RequestContext, order: Order): Promise<Shipment[]> {
    return this.connection.loadMany(ctx, Shipment, 'order_id', order.id, (shipment) => shipment.orderId, 'shipped_at');
  }

  /** The lines that left in the parcel, in cart order; an exchange's replacement carries its return's lines (docs/RULES.md §18). */
  async linesOfShipment(ctx: RequestContext, shipment: Shipment): Promise<OrderLine[]> {
    if (!shipment.replacementForId) return this.connection.loadMany(ctx, OrderLine, 'shipment_id', shipment.id, (line) => line.shipmentId!, 'position');
    const returned = await this.connection.loadMany(
      ctx,
      ReturnLine,
      'return_request_id',
      shipment.replacementForId,
      (line) => line.returnRequestId,
      'position',
    );
    const lines = await Promise.all(returned.map((line) => this.connection.loadOne(ctx, OrderLine, 'id', line.orderLineId, (row) => row.id)));
    return lines.filter((line) => line !== null);
  }

  async orderOfShipment(ctx: RequestContext, shipment: Shipment): Promise<Order> {
    return (await this.connection.loadOne(ctx, Order, 'id', shipment.orderId, (order) => order.id))!;
  }

  shipmentOf(ctx: RequestContext, line: OrderLine): Promise<Shipment | null> {
    return line.shipmentId ? this.connection.loadOne(ctx, Shipment, 'id', line.shipmentId, (shipment) => shipment.id) : Promise.resolve(null);
  }

  /** A strike's order, for those who may read it (a strike's readers, its agency's members and operators, may). */
  async orderOfStrike(ctx: RequestContext, strike: { orderId: string | null }): Promise<Order | null> {
    const order = strike.orderId ? await this.connection.loadOne(ctx, Order, 'id', strike.orderId, (row) => row.id) : null;
    return order && (await this.access.mayReadOrder(ctx, order)) ? order : null;
  }

  /** 발송지연 안내 kept on the order's row, or null when its dispatch was never delayed. */
  dispatchDelayOf(order: Order): DispatchDelay | null {
    if (!order.dispatchDelayedAt) return null;
    return {
      previousDeadline: order.dispatchDelayPreviousDeadline!,
      newDeadline: order.dispatchDeadline!,
      reason: order.dispatchDelayReason!,
      note: order.dispatchDelayNote,
      createdAt: order.dispatchDelayedAt,
    };
  }

  /** Where it ships to, masked for its agency once the retention after the order ended is over (docs/RULES.md §25). */
  shippingAddressOf(ctx: RequestContext, order: Order): Promise<ShippingAddress> {
    return this.access.addressFor(ctx, order, order.shippingAddress);
  }

  /** The order's checkout for the buyer and operators; null for the agency's members (it shows other agencies' orders) and for subscription deliveries. */
  async checkoutOf(ctx: RequestContext, order: Order): Promise<Checkout | null> {
    const checkout = order.checkoutId ? await this.loadCheckout(ctx, order.checkoutId) : null;
    return checkout && (await this.access.mayReadCheckout(ctx, checkout)) ? checkout : null;
  }

  async paymentOf(ctx: RequestContext, checkout: Checkout | null): Promise<Payment | null> {
    return checkout?.paymentId ? this.payments.load(ctx, checkout.paymentId) : null;
  }

  /** The payment of the order's checkout, or its own (a subscription delivery's); its agency sees it too. */
  async orderPaymentOf(ctx: RequestContext, order: Order): Promise<Payment | null> {
    if (!order.checkoutId) return order.paymentId ? this.payments.load(ctx, order.paymentId) : null;
    return this.paymentOf(ctx, await this.loadCheckout(ctx, order.checkoutId));
  }

  /** What the buyer needs to pay, while the hold lasts. */
  async paymentRequestOf(ctx: RequestContext, checkout: Checkout): Promise<PaymentRequest | null> {
    if (checkout.status !== PENDING || holdLapsed(checkout, this.clock.now())) return null;
    return this.payments.paymentRequestOf(await this.paymentOf(ctx, checkout));
  }

  private loadCheckout(ctx: RequestContext, id: string): Promise<Checkout | null> {
    return isUuid(id) ? this.connection.loadOne(ctx, Checkout, 'id', id, (row) => row.id) : Promise.resolve(null);
  }
}
