import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  type FieldError,
} from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { ACTING_ROLES } from '../../identity/src/index.js';
import { PartnerAgencyService, StrikeReason, StrikeService } from '../../membership/src/index.js';
import { CommerceAccess } from './commerce-access.js';
import { OrderTransitions } from './commerce-transitions.js';
import type { CancelOrderInput, LineQuantityInput } from './dto/commerce.inputs.js';
import { CouponRedemptions } from './coupon-redemptions.js';
import { OrderFulfilment } from './order-fulfilment.service.js';
import { OrderEvents } from './order-events.js';
import { OrderLine } from './order-line.entity.js';
import { OrderRefunds, type UnitsBack } from './order-refunds.js';
import { Order, OrderStatus } from './order.entity.js';

/** Who cancels: it decides whether a reason is required and whether the agency gets a strike (docs/RULES.md §18). */
export enum OrderCanceller {
  BUYER = 'BUYER',
  PARTNER_AGENCY = 'PARTNER_AGENCY',
  OPERATOR = 'OPERATOR',
}

const MAX_REASON_LENGTH = 1000;

/** Whether the line has left in a parcel (docs/RULES.md §17: `shipOrder` ships whole lines, recorded as its `shipmentId`). */
export function lineShipped(line: OrderLine): boolean {
  return line.shipmentId !== null;
}

/** Units of the line that may still be cancelled: bought, not shipped, not cancelled or returned. */
export function cancellableUnitsOf(line: OrderLine): number {
  return lineShipped(line) ? 0 : line.quantity - line.cancelledQuantity - line.returnedQuantity;
}

/**
 * `cancelOrder` (docs/RULES.md §17, §18): units not yet shipped, by the buyer, the agency's OWNER or MANAGER
 * (with a reason, and a PROVIDER_CANCELLATION strike per call) or an operator. The units are refunded at once
 * through the refund engine and go back to the listing's stock; the order moves by §17's table.
 */
@Injectable()
export class OrderCancellations {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly access: CommerceAccess,
    private readonly agencies: PartnerAgencyService,
    private readonly listings: ListingService,
    private readonly orders: OrderTransitions,
    private readonly refunds: OrderRefunds,
    private readonly strikes: StrikeService,
    private readonly events: OrderEvents,
    private readonly fulfilment: OrderFulfilment,
    private readonly redemptions: CouponRedemptions,
  ) {}

  /**
   * The order stays locked to the end, so a second cancellation racing this one waits and then finds the units
   * gone (BAD_USER_INPUT, or INVALID_STATE once CANCELLED): nothing is refunded twice. The refund key names
   * this cancellation by how many units the order had cancelled before it.
   */
  async cancel(ctx: RequestContext, input: CancelOrderInput): Promise<Order> {
    const order = await this.orders.lock(ctx, input.orderId);
    const canceller = await this.cancellerOf(ctx, order);
    const reason = reasonOf(input.reason, canceller);
    if (order.status !== OrderStatus.PAID) throw new InvalidStateError(`A ${order.status} order cannot be cancelled; only PAID orders can`);
    const lines = await this.connection.getRepository(ctx, OrderLine).find({ where: { orderId: order.id }, order: { position: 'ASC' } });
    const units = unitsToCancel(lines, input.lines);
    const status = statusAfterCancelling(lines, units);
    const cancelledBefore = lines.reduce((sum, line) => sum + line.cancelledQuantity, 0);
    const cancellationKey = `order-cancel:${order.id}:${cancelledBefore}`;
    const refundAmount = await this.refunds.refundUnits(ctx, {
      order,
      units,
      goneAs: 'cancelledQuantity',
      refundShipping: status === OrderStatus.CANCELLED,
      refundKey: cancellationKey,
      reason: reason ?? `Order ${order.number} cancelled by the ${canceller === OrderCanceller.BUYER ? 'buyer' : 'platform'}`,
    });
    // In listing order, as checkouts take stock, so that concurrent movements lock listings in one order.
    for (const { line, quantity } of [...units].sort((a, b) => (a.line.listingId < b.line.listingId ? -1 : 1))) {
      await this.listings.returnStock(ctx, line.listingId, quantity);
    }
    const stamp = (row: Order) => Object.assign(row, { cancelledAt: this.clock.now(), cancellationReason: reason });
    if (status === order.status) await this.connection.updateLocked(ctx, Order, order, stamp);
    else await this.orders.apply(ctx, order, status, stamp);
    // The units left were all shipped: their parcels may have arrived already.
    if (status === OrderStatus.SHIPPED) await this.fulfilment.settleDelivery(ctx, order);
    await this.events.publish(ctx, 'OrderCancelled', { order, units, cancelledBy: canceller, refundAmount, cancellationKey });
    if (status === OrderStatus.CANCELLED) {
      await this.events.publish(ctx, 'OrderEnded', { order, lines });
      // docs/RULES.md §19: the checkout's coupon uses go back once every order of it is cancelled before shipment.
      if (order.checkoutId) await this.redemptions.releaseIfAllCancelled(ctx, order.checkoutId);
    }
    if (canceller === OrderCanceller.PARTNER_AGENCY) {
      await this.strikes.addStrike(ctx, {
        partnerAgencyId: order.partnerAgencyId,
        reason: StrikeReason.PROVIDER_CANCELLATION,
        orderId: order.id,
        note: `Order ${order.number}: ${reason}`,
      });
    }
    return order;
  }

  /**
   * The buyer (also when an operator or agency member bought it); an operator acts as the platform; the agency's
   * OWNER or MANAGER for it. Its STAFF are FORBIDDEN; anyone who may not read the order NOT_FOUND.
   */
  private async cancellerOf(ctx: RequestContext, order: Order): Promise<OrderCanceller> {
    const user = ctx.requireUser();
    if (user.id === order.buyerId) return OrderCanceller.BUYER;
    if (ctx.isOperator) return OrderCanceller.OPERATOR;
    if (!(await this.access.mayReadOrder(ctx, order))) throw new NotFoundError('Order', order.id);
    const role = await this.agencies.memberRole(ctx, order.partnerAgencyId);
    if (!role || !ACTING_ROLES.includes(role)) throw new ForbiddenError("Only the buyer, the agency's owners and managers, and operators may cancel an order");
    return OrderCanceller.PARTNER_AGENCY;
  }
}

/** The reason, trimmed; blank is none, which only the agency may not give (BAD_USER_INPUT on `reason`). */
function reasonOf(reason: string | null | undefined, canceller: OrderCanceller): string | null {
  const trimmed = reason?.trim() || null;
  if (!trimmed && canceller === OrderCanceller.PARTNER_AGENCY) throw BadUserInputError.field('reason', 'is required when the agency cancels (품절 취소)');
  if (trimmed && trimmed.length > MAX_REASON_LENGTH) throw BadUserInputError.field('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  return trimmed;
}

/** The units asked for, each line named once and within what it may still cancel; omitted = every cancellable unit. */
function unitsToCancel(lines: readonly OrderLine[], asked: readonly LineQuantityInput[] | null | undefined): UnitsBack[] {
  if (asked == null) return lines.map((line) => ({ line, quantity: cancellableUnitsOf(line) })).filter((units) => units.quantity > 0);
  if (!asked.length) throw BadUserInputError.field('lines', 'must name at least one line; omit it to cancel every unit not shipped');
  const problems: FieldError[] = [];
  const units: UnitsBack[] = [];
  asked.forEach(({ orderLineId, quantity }, index) => {
    const line = lines.find((candidate) => candidate.id === orderLineId);
    const cancellable = line ? cancellableUnitsOf(line) : 0;
    if (!line) problems.push({ field: `lines.${index}.orderLineId`, message: 'is not a line of this order' });
    else if (asked.findIndex((other) => other.orderLineId === orderLineId) !== index)
      problems.push({ field: `lines.${index}.orderLineId`, message: 'names a line already named' });
    else if (!Number.isInteger(quantity) || quantity < 1 || quantity > cancellable)
      problems.push({ field: `lines.${index}.quantity`, message: `must be from 1 to ${cancellable}, the units of the line not shipped or cancelled` });
    else units.push({ line, quantity });
  });
  if (problems.length) throw new BadUserInputError(problems);
  return units;
}

/**
 * docs/RULES.md §17: PAID → CANCELLED when no unit was shipped and none remains, → SHIPPED when every unit that
 * remains is shipped, else it stays PAID.
 */
function statusAfterCancelling(lines: readonly OrderLine[], units: readonly UnitsBack[]): OrderStatus {
  const left = (line: OrderLine) =>
    line.quantity - line.cancelledQuantity - line.returnedQuantity - (units.find((cancelled) => cancelled.line === line)?.quantity ?? 0);
  const remaining = lines.filter((line) => left(line) > 0);
  if (!remaining.length) return lines.some(lineShipped) ? OrderStatus.SHIPPED : OrderStatus.CANCELLED;
  return remaining.every(lineShipped) ? OrderStatus.SHIPPED : OrderStatus.PAID;
}
