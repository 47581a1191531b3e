import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  ConflictError,
  DureConfig,
  ForbiddenError,
  InvalidStateError,
  JobQueueService,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUniqueViolation,
  isUuid,
  newDocumentNumber,
  type FieldError,
} from '../../common/src/index.js';
import { BusinessCalendarService } from '../../calendar/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { StrikeReason, StrikeService } from '../../membership/src/index.js';
import { isTrackedCarrier } from './carrier.js';
import { CommerceAccess } from './commerce-access.js';
import { OrderTransitions, ReturnTransitions } from './commerce-transitions.js';
import type { LineQuantityInput } from './dto/commerce.inputs.js';
import type { AcceptReturnInput, CompleteReturnInput, RefundOrderInput, RequestReturnInput } from './dto/return.inputs.js';
import { OrderConfirmationRules } from './order-confirmation-rules.js';
import { OrderEvents } from './order-events.js';
import { OrderFulfilment } from './order-fulfilment.service.js';
import { OrderLine } from './order-line.entity.js';
import { OrderRefunds, planUnitsRefund, type UnitsBack } from './order-refunds.js';
import { Order, OrderStatus } from './order.entity.js';
import type { RefundPlan } from './refund-math.js';
import { parcelLabelOf } from './parcel-label.js';
import { ReturnPickups } from './return-pickups.js';
import { ReturnLine, ReturnReason, ReturnRequest, ReturnResolution, ReturnStatus } from './return-request.entity.js';
import { ShipmentService } from './shipments.service.js';

export const RETURN_ACCEPT_JOB = 'commerce.return-accept';
export const RETURN_REFUND_JOB = 'commerce.return-refund';
const DAY_MS = 24 * 3600_000;
const TEXT_MAX = 1000;

/** Orders a return may be asked of, and accepted again by an operator: shipped, not yet final (docs/RULES.md §18). */
const RETURNABLE_ORDER_STATUSES: readonly OrderStatus[] = [OrderStatus.SHIPPED, OrderStatus.DELIVERED];
/** Orders an operator's `refundOrder` applies to: final ones (docs/RULES.md §18). */
const OPERATOR_REFUNDABLE_STATUSES: readonly OrderStatus[] = [OrderStatus.CONFIRMED, OrderStatus.RETURNED];

/** Units of a line that may still be sent back: shipped, not cancelled or returned (an exchange's units stay the buyer's). */
export function returnableUnitsOf(line: OrderLine): number {
  return line.shipmentId === null ? 0 : line.quantity - line.cancelledQuantity - line.returnedQuantity;
}

/**
 * Returns and exchanges (docs/RULES.md §18, §26), and the operator's `refundOrder`. Locks go order first, then
 * return, everywhere; the order's lock serializes every return of it, and the partial unique index
 * `return_request_open_uq` keeps one open return per order whatever writes it. Money goes through the refund
 * engine (OrderRefunds) keyed by the return; parcels through ShipmentService.
 */
@Injectable()
export class OrderReturns {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly calendar: BusinessCalendarService,
    private readonly access: CommerceAccess,
    private readonly listings: ListingService,
    private readonly orders: OrderTransitions,
    private readonly returns: ReturnTransitions,
    private readonly rules: OrderConfirmationRules,
    private readonly refunds: OrderRefunds,
    private readonly fulfilment: OrderFulfilment,
    private readonly shipments: ShipmentService,
    private readonly pickups: ReturnPickups,
    private readonly strikes: StrikeService,
    private readonly events: OrderEvents,
    private readonly jobs: JobQueueService,
  ) {
    jobs.register(RETURN_ACCEPT_JOB, (ctx, { returnRequestId, due }) => this.acceptWhenDue(ctx, returnRequestId as string, new Date(due as string)));
    jobs.register(RETURN_REFUND_JOB, (ctx, { returnRequestId, due }) => this.refundWhenDue(ctx, returnRequestId as string, new Date(due as string)));
    pickups.whenDelivered((ctx, returnRequestId, registeredAt, deliveredAt) => this.receivePickup(ctx, returnRequestId, registeredAt, deliveredAt));
  }

  /**
   * `requestReturn` (the buyer): a SHIPPED or DELIVERED order, shipped units not returned, one open return per
   * order (CONFLICT), CHANGE_OF_MIND until deliveredAt + WITHDRAWAL_DAYS and never for perishable goods once
   * delivered (INVALID_STATE), REFUND only; the deduction is the largest returnShippingFee of the lines returned.
   */
  async request(ctx: RequestContext, input: RequestReturnInput): Promise<ReturnRequest> {
    const order = await this.orders.lock(ctx, input.orderId);
    await this.access.assertOrderBuyer(ctx, order);
    if (!RETURNABLE_ORDER_STATUSES.includes(order.status))
      throw new InvalidStateError(`A ${order.status} order cannot be returned; only SHIPPED or DELIVERED ones`);
    if (await this.rules.hasOpenReturn(ctx, order)) throw openReturnConflict();
    const lines = await this.linesOf(ctx, order);
    const units = unitsToReturn(lines, input.lines);
    const now = this.clock.now();
    let deduction = 0;
    if (input.reason === ReturnReason.CHANGE_OF_MIND) {
      if (input.resolution !== ReturnResolution.REFUND) throw BadUserInputError.field('resolution', 'A change of mind is refunded, not exchanged');
      const windowEnd = order.deliveredAt && new Date(order.deliveredAt.getTime() + this.config.withdrawalDays * DAY_MS);
      if (windowEnd && now > windowEnd) throw new InvalidStateError(`The change-of-mind window ended at ${windowEnd.toISOString()}`);
      const goods = await Promise.all(units.map(async ({ line }) => (await this.listings.load(ctx, line.listingId))?.goods ?? null));
      const perishable = units.find((_, i) => goods[i]?.perishable);
      if (perishable && order.deliveredAt) throw new InvalidStateError(`${perishable.line.title} is perishable: no change-of-mind return once delivered`);
      deduction = Math.max(...goods.map((terms) => terms?.returnShippingFee ?? terms?.shippingFee ?? 0));
    }
    const exchange = input.resolution === ReturnResolution.EXCHANGE;
    const { plan } = planUnitsRefund(order, units, shipsBackEverything(input.reason, lines, units), deduction);
    const note = input.note?.trim() || null;
    const request = this.connection.getRepository(ctx, ReturnRequest).create({
      id: randomUUID(),
      number: newDocumentNumber('X', now),
      orderId: order.id,
      partnerAgencyId: order.partnerAgencyId,
      reason: input.reason,
      resolution: input.resolution,
      note,
      status: ReturnStatus.REQUESTED,
      returnShippingDeduction: exchange ? 0 : plan.deduction,
      refundAmount: null,
      pickupCarrier: null,
      pickupTrackingNumber: null,
      pickupRegisteredAt: null,
      rejectionReason: null,
      acceptBy: await this.calendar.deadlineAfter(ctx, now, this.config.returnAcceptBusinessDays),
      completeBy: null,
      requestedAt: now,
      receivedAt: null,
      closedAt: null,
      updatedAt: now,
    });
    await this.opening(() => this.connection.getRepository(ctx, ReturnRequest).insert(request));
    await this.connection
      .getRepository(ctx, ReturnLine)
      .insert(units.map(({ line, quantity }, position) => ({ returnRequestId: request.id, orderLineId: line.id, position, quantity })));
    await this.jobs.enqueue(
      ctx,
      RETURN_ACCEPT_JOB,
      { returnRequestId: request.id, due: request.acceptBy!.toISOString() },
      { runAt: request.acceptBy!, singletonKey: `${RETURN_ACCEPT_JOB}:${request.id}` },
    );
    await this.fulfilment.refreshAutoConfirm(ctx, order);
    await this.events.publish(ctx, 'ReturnRequested', { order, returnRequest: request, units });
    return request;
  }

  /** `withdrawReturn` (the buyer): REQUESTED or ACCEPTED → WITHDRAWN; the confirmation timer restarts. */
  async withdraw(ctx: RequestContext, returnRequestId: string): Promise<ReturnRequest> {
    const { order, request } = await this.lock(ctx, returnRequestId, (order) => this.access.assertOrderBuyer(ctx, order));
    const withdrawn = await this.returns.apply(ctx, request, ReturnStatus.WITHDRAWN, (row) => Object.assign(row, { closedAt: this.clock.now() }));
    await this.fulfilment.refreshAutoConfirm(ctx, order);
    return withdrawn;
  }

  /**
   * `acceptReturn` (the agency's OWNER or MANAGER, operators): REQUESTED → ACCEPTED, with an optional pick-up
   * waybill of a tracked courier (its number in §17's format). A REJECTED return only an operator reopens, while
   * the order is not final and no other return is open.
   */
  async accept(ctx: RequestContext, input: AcceptReturnInput): Promise<ReturnRequest> {
    const { order, request } = await this.lock(ctx, input.returnRequestId, (order) => this.access.assertActsForAgency(ctx, order));
    const pickup = pickupOf(input, this.clock.now());
    let accepted: ReturnRequest;
    if (request.status !== ReturnStatus.REJECTED) {
      accepted = await this.registeringPickup(pickup, () => this.returns.apply(ctx, request, ReturnStatus.ACCEPTED, (row) => Object.assign(row, pickup)));
    } else {
      if (!ctx.isOperator) throw new ForbiddenError('Only operators may accept a rejected return');
      if (!RETURNABLE_ORDER_STATUSES.includes(order.status)) throw new InvalidStateError(`The order is ${order.status}: its returns are closed`);
      accepted = await this.opening(() =>
        this.registeringPickup(pickup, () => this.returns.apply(ctx, request, ReturnStatus.ACCEPTED, (row) => Object.assign(row, pickup, { closedAt: null }))),
      );
      await this.fulfilment.refreshAutoConfirm(ctx, order);
    }
    await this.pickups.track(ctx, accepted);
    return accepted;
  }

  /** `rejectReturn` (the agency, operators): REQUESTED or ACCEPTED → REJECTED with a non-blank reason. */
  async reject(ctx: RequestContext, returnRequestId: string, reason: string): Promise<ReturnRequest> {
    const { order, request } = await this.lock(ctx, returnRequestId, (order) => this.access.assertActsForAgency(ctx, order));
    const rejectionReason = requiredText('reason', reason);
    const rejected = await this.returns.apply(ctx, request, ReturnStatus.REJECTED, (row) =>
      Object.assign(row, { rejectionReason, closedAt: this.clock.now() }),
    );
    await this.fulfilment.refreshAutoConfirm(ctx, order);
    return rejected;
  }

  /** `markReturnReceived` (the agency, operators): ACCEPTED → RECEIVED; `completeBy` = end of the 3rd business day after. */
  async markReceived(ctx: RequestContext, returnRequestId: string): Promise<ReturnRequest> {
    const { request } = await this.lock(ctx, returnRequestId, (order) => this.access.assertActsForAgency(ctx, order));
    return this.receive(ctx, request, this.clock.now());
  }

  /**
   * The pick-up parcel reached the agency (docs/RULES.md §18): a return still ACCEPTED with that waybill is
   * RECEIVED as of the delivery, and its completeBy counts from then.
   */
  private async receivePickup(ctx: RequestContext, returnRequestId: string, registeredAt: Date, deliveredAt: Date): Promise<void> {
    const found = await this.connection.getRepository(ctx, ReturnRequest).findOneBy({ id: returnRequestId });
    if (!found) return;
    await this.orders.lock(ctx, found.orderId);
    const request = await this.returns.lock(ctx, returnRequestId);
    if (request.status === ReturnStatus.ACCEPTED && request.pickupRegisteredAt?.getTime() === registeredAt.getTime()) {
      await this.receive(ctx, request, deliveredAt);
    }
  }

  /** ACCEPTED → RECEIVED at `at`; `completeBy` = end of the 3rd business day after, when the refund job runs. */
  private async receive(ctx: RequestContext, request: ReturnRequest, at: Date): Promise<ReturnRequest> {
    const completeBy = await this.calendar.deadlineAfter(ctx, at, this.config.returnRefundBusinessDays);
    const received = await this.returns.apply(ctx, request, ReturnStatus.RECEIVED, (row) => Object.assign(row, { receivedAt: at, completeBy }));
    await this.jobs.enqueue(
      ctx,
      RETURN_REFUND_JOB,
      { returnRequestId: request.id, due: completeBy.toISOString() },
      { runAt: completeBy, singletonKey: `${RETURN_REFUND_JOB}:${request.id}` },
    );
    return received;
  }

  /**
   * `completeReturn` (the agency, operators): RECEIVED → COMPLETED. REFUND: the units are refunded now through the
   * refund engine; EXCHANGE: the replacement parcel is registered under §17's courier rules (no money moves).
   */
  async complete(ctx: RequestContext, input: CompleteReturnInput): Promise<ReturnRequest> {
    const { order, request } = await this.lock(ctx, input.returnRequestId, (order) => this.access.assertActsForAgency(ctx, order));
    this.returns.machine.assert(request.status, ReturnStatus.COMPLETED);
    const replacement = { carrier: input.replacementCarrier, carrierName: input.replacementCarrierName, trackingNumber: input.replacementTrackingNumber };
    if (request.resolution === ReturnResolution.REFUND) {
      if (replacement.carrier || replacement.carrierName || replacement.trackingNumber) {
        throw BadUserInputError.field('replacementCarrier', 'Only an exchange ships a replacement');
      }
      return this.completeAsRefund(ctx, order, request, this.clock.now());
    }
    if (!replacement.carrier) throw BadUserInputError.field('replacementCarrier', 'An exchange needs its replacement parcel');
    const label = parcelLabelOf({ ...replacement, carrier: replacement.carrier }, 'replacement');
    await this.shipments.shipReplacement(ctx, order, request.id, label);
    const completed = await this.returns.apply(ctx, request, ReturnStatus.COMPLETED, (row) =>
      Object.assign(row, { closedAt: this.clock.now(), refundAmount: 0 }),
    );
    await this.fulfilment.refreshAutoConfirm(ctx, order);
    return completed;
  }

  /**
   * `refundOrder` (operators; docs/RULES.md §18): a CONFIRMED or RETURNED order, a non-blank reason, 1 won up to
   * what its lines still have paid, spread over them in proportion and paid back through the refund engine.
   * The settlement's POST_SETTLEMENT_REFUND line (§22) comes with settlement statements.
   */
  async refundOrder(ctx: RequestContext, input: RefundOrderInput): Promise<Order> {
    ctx.requireUser();
    const order = await this.orders.lock(ctx, input.orderId);
    if (!ctx.isOperator) {
      if (await this.access.mayReadOrder(ctx, order)) throw new ForbiddenError('Only operators may refund an order outside a cancellation or return');
      throw new NotFoundError('Order', order.id);
    }
    if (!OPERATOR_REFUNDABLE_STATUSES.includes(order.status)) {
      throw new InvalidStateError(`A ${order.status} order is refunded by cancelOrder or a return; refundOrder is for CONFIRMED or RETURNED orders`);
    }
    const reason = requiredText('reason', input.reason);
    const lines = await this.linesOf(ctx, order);
    const left = lines.reduce((sum, line) => sum + line.paidAmount - line.refundedAmount, 0);
    if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > left) {
      throw BadUserInputError.field('amount', `must be from 1 to ${left}, what the order's lines still have paid`);
    }
    await this.refunds.refundAmount(ctx, { order, lines, amount: input.amount, refundKey: `order-refund:${order.id}:${order.refundedAmount}`, reason });
    return order;
  }

  /** The return and its order, locked (order first); NOT_FOUND for those who may not read the order, else `authorize` decides. */
  private async lock(
    ctx: RequestContext,
    returnRequestId: string,
    authorize: (order: Order) => Promise<void>,
  ): Promise<{ order: Order; request: ReturnRequest }> {
    const found = isUuid(returnRequestId) ? await this.connection.getRepository(ctx, ReturnRequest).findOneBy({ id: returnRequestId }) : null;
    if (!found) throw new NotFoundError('ReturnRequest', returnRequestId);
    const order = await this.orders.lock(ctx, found.orderId);
    try {
      await authorize(order);
    } catch (error) {
      throw error instanceof NotFoundError ? new NotFoundError('ReturnRequest', returnRequestId) : error;
    }
    return { order, request: await this.returns.lock(ctx, returnRequestId) };
  }

  /**
   * Refunds the return's units (keyed by the return, so a retry refunds once) at `closedAt`; the shipping fee
   * too when nothing of the order is kept (not for a change of mind), less the deduction. An order that keeps
   * nothing becomes RETURNED (OrderEnded reverses what remains of its commissions, docs/RULES.md §21).
   */
  private async completeAsRefund(ctx: RequestContext, order: Order, request: ReturnRequest, closedAt: Date): Promise<ReturnRequest> {
    const lines = await this.linesOf(ctx, order);
    const returned = await this.connection.getRepository(ctx, ReturnLine).find({ where: { returnRequestId: request.id }, order: { position: 'ASC' } });
    const units = returned.map(({ orderLineId, quantity }) => ({ line: lines.find((line) => line.id === orderLineId)!, quantity }));
    const refundShipping = shipsBackEverything(request.reason, lines, units);
    const nothingKept = keepsNothing(lines, units);
    const plan = returnRefundPlanOf(order, lines, request, units);
    await this.refunds.refundUnits(ctx, {
      order,
      units,
      goneAs: 'returnedQuantity',
      refundShipping,
      deduction: request.returnShippingDeduction,
      refundKey: `return:${request.id}`,
      reason: `Return ${request.number}`,
    });
    const completed = await this.returns.apply(ctx, request, ReturnStatus.COMPLETED, (row) =>
      Object.assign(row, { closedAt, resolution: ReturnResolution.REFUND, refundAmount: plan.moneyBack, returnShippingDeduction: plan.deduction }),
    );
    if (nothingKept) {
      const ended = await this.orders.apply(ctx, order, OrderStatus.RETURNED);
      await this.events.publish(ctx, 'OrderEnded', { order: ended, lines });
    } else {
      await this.fulfilment.refreshAutoConfirm(ctx, order);
    }
    return completed;
  }

  /** The return accept job (docs/RULES.md §26): at `acceptBy`, a return still REQUESTED is ACCEPTED. */
  private async acceptWhenDue(ctx: RequestContext, returnRequestId: string, due: Date): Promise<void> {
    const found = await this.connection.getRepository(ctx, ReturnRequest).findOneBy({ id: returnRequestId });
    if (found?.status !== ReturnStatus.REQUESTED || found.acceptBy?.getTime() !== due.getTime()) return;
    await this.orders.lock(ctx, found.orderId);
    const request = await this.returns.lock(ctx, returnRequestId);
    if (request.status === ReturnStatus.REQUESTED) await this.returns.apply(ctx, request, ReturnStatus.ACCEPTED);
  }

  /**
   * The return refund job (docs/RULES.md §18, §26): at `completeBy`, a return still RECEIVED is COMPLETED as a
   * refund (an exchange too) and the agency gets a LATE_RETURN_HANDLING strike with the order, both at `completeBy`.
   */
  private async refundWhenDue(ctx: RequestContext, returnRequestId: string, due: Date): Promise<void> {
    const found = await this.connection.getRepository(ctx, ReturnRequest).findOneBy({ id: returnRequestId });
    if (found?.status !== ReturnStatus.RECEIVED || found.completeBy?.getTime() !== due.getTime()) return;
    const order = await this.orders.lock(ctx, found.orderId);
    const request = await this.returns.lock(ctx, returnRequestId);
    if (request.status !== ReturnStatus.RECEIVED) return;
    await this.completeAsRefund(ctx, order, request, due);
    await this.strikes.addStrike(ctx, {
      partnerAgencyId: order.partnerAgencyId,
      reason: StrikeReason.LATE_RETURN_HANDLING,
      orderId: order.id,
      note: `Return ${request.number} of order ${order.number} was neither refunded nor reshipped within ${this.config.returnRefundBusinessDays} business days of its receipt`,
      recordedAt: due,
    });
  }

  private linesOf(ctx: RequestContext, order: Order): Promise<OrderLine[]> {
    return this.connection.getRepository(ctx, OrderLine).find({ where: { orderId: order.id }, order: { position: 'ASC' } });
  }

  /** Writes that register a pick-up waybill; one another return has → CONFLICT, decided by the unique index. */
  private async registeringPickup<T>(pickup: PickupWaybill, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error, 'return_request_pickup_uq')) throw error;
      throw new ConflictError(`${pickup.pickupCarrier} tracking number ${pickup.pickupTrackingNumber} is already the pick-up waybill of another return`);
    }
  }

  /** Writes that open a return; another open return of the order → CONFLICT, decided by the partial unique index. */
  private async opening<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'return_request_open_uq')) throw openReturnConflict();
      throw error;
    }
  }
}

function openReturnConflict(): ConflictError {
  return new ConflictError('The order already has an open return (REQUESTED, ACCEPTED or RECEIVED)');
}

/** Trimmed text that must not be blank (BAD_USER_INPUT on `field`). */
function requiredText(field: string, text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw BadUserInputError.field(field, 'is required');
  if (trimmed.length > TEXT_MAX) throw BadUserInputError.field(field, `must be at most ${TEXT_MAX} characters`);
  return trimmed;
}

type PickupWaybill = Pick<ReturnRequest, 'pickupCarrier' | 'pickupTrackingNumber' | 'pickupRegisteredAt'>;

/** The pick-up waybill registered `now`, both fields or neither, of a tracked courier in its format (docs/RULES.md §17). */
function pickupOf(input: AcceptReturnInput, now: Date): PickupWaybill {
  if (!input.pickupCarrier && !input.pickupTrackingNumber) return { pickupCarrier: null, pickupTrackingNumber: null, pickupRegisteredAt: null };
  if (!input.pickupCarrier || !isTrackedCarrier(input.pickupCarrier)) {
    throw BadUserInputError.field('pickupCarrier', 'A pick-up waybill names one of the tracked couriers (not DIRECT or OTHER)');
  }
  const label = parcelLabelOf({ carrier: input.pickupCarrier, trackingNumber: input.pickupTrackingNumber }, 'pickup');
  return { pickupCarrier: label.carrier, pickupTrackingNumber: label.trackingNumber, pickupRegisteredAt: now };
}

/** The units asked for, each line named once and within what it may still send back (BAD_USER_INPUT on the field). */
function unitsToReturn(lines: readonly OrderLine[], asked: readonly LineQuantityInput[]): UnitsBack[] {
  if (!asked.length) throw BadUserInputError.field('lines', 'must name at least one line');
  const problems: FieldError[] = [];
  const units: UnitsBack[] = [];
  asked.forEach(({ orderLineId, quantity }, index) => {
    const line = lines.find((candidate) => candidate.id === orderLineId);
    const returnable = line ? returnableUnitsOf(line) : 0;
    if (!line) problems.push({ field: `lines.${index}.orderLineId`, message: 'is not a line of this order' });
    else if (asked.findIndex((other) => other.orderLineId === orderLineId) !== index)
      problems.push({ field: `lines.${index}.orderLineId`, message: 'names a line already named' });
    else if (!Number.isInteger(quantity) || quantity < 1 || quantity > returnable)
      problems.push({ field: `lines.${index}.quantity`, message: `must be from 1 to ${returnable}, the units of the line shipped and not returned` });
    else units.push({ line, quantity });
  });
  if (problems.length) throw new BadUserInputError(problems);
  return units;
}

/** What refunding the return's units would move now: its estimate until COMPLETED (ReturnRequest.refundAmount). */
export function returnRefundPlanOf(
  order: Order,
  lines: readonly OrderLine[],
  request: Pick<ReturnRequest, 'reason' | 'returnShippingDeduction'>,
  units: readonly UnitsBack[],
): RefundPlan {
  return planUnitsRefund(order, units, shipsBackEverything(request.reason, lines, units), request.returnShippingDeduction).plan;
}

/** Whether the order keeps no unit once `units` are back (cancelled and returned units are gone). */
function keepsNothing(lines: readonly OrderLine[], units: readonly UnitsBack[]): boolean {
  return lines.every(
    (line) =>
      line.quantity - line.cancelledQuantity - line.returnedQuantity ===
      units.filter((back) => back.line.id === line.id).reduce((sum, back) => sum + back.quantity, 0),
  );
}

/** The seller's fault and nothing of the order kept: its shipping fee goes back too (docs/RULES.md §18). */
function shipsBackEverything(reason: ReturnReason, lines: readonly OrderLine[], units: readonly UnitsBack[]): boolean {
  return reason !== ReturnReason.CHANGE_OF_MIND && keepsNothing(lines, units);
}
