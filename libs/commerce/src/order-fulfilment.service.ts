import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  InvalidStateError,
  JobQueueService,
  RequestContext,
  TransactionalConnection,
  addDays,
  endOfSeoulDay,
  seoulDateOf,
} from '../../common/src/index.js';
import { StrikeReason, StrikeService } from '../../membership/src/index.js';
import { CommerceAccess } from './commerce-access.js';
import { OrderTransitions } from './commerce-transitions.js';
import type { DelayDispatchInput } from './dto/fulfilment.inputs.js';
import { OrderConfirmationRules } from './order-confirmation-rules.js';
import { OrderEvents } from './order-events.js';
import { OrderLine } from './order-line.entity.js';
import { Order, OrderStatus } from './order.entity.js';
import { Shipment } from './shipment.entity.js';

export const DISPATCH_DEADLINE_JOB = 'commerce.dispatch-deadline';
export const AUTO_CONFIRM_JOB = 'commerce.auto-confirm';
const NOTE_MAX = 1000;

/**
 * An order's deadlines and ending after payment (docs/RULES.md §17, §26): the dispatch deadline and its
 * LATE_SHIPMENT strike, 발송지연, delivery of the whole order, and confirmation by the buyer or by itself.
 * Each job acts on the deadline it was queued for and records what it does at that instant (§14), so a
 * late worker and the test clock give the same history; a moved deadline leaves the old job nothing to do.
 */
@Injectable()
export class OrderFulfilment {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly access: CommerceAccess,
    private readonly orders: OrderTransitions,
    private readonly events: OrderEvents,
    private readonly strikes: StrikeService,
    private readonly rules: OrderConfirmationRules,
    private readonly jobs: JobQueueService,
  ) {
    jobs.register(DISPATCH_DEADLINE_JOB, (ctx, { orderId, deadline }) => this.passDispatchDeadline(ctx, orderId as string, new Date(deadline as string)));
    jobs.register(AUTO_CONFIRM_JOB, (ctx, { orderId, at }) => this.autoConfirm(ctx, orderId as string, new Date(at as string)));
    // Every paid order (a checkout's, a subscription delivery's) gets its deadline job in the paying transaction.
    events.inTransaction('OrderPaid', (ctx, { order }) => this.scheduleDispatchDeadline(ctx, order));
  }

  /**
   * 발송지연 (docs/RULES.md §17), by the agency: a PAID order, once, before its deadline; the new ship-by date
   * from today up to L + DISPATCH_DELAY_MAX_DAYS, L being the last shipping day of the original deadline.
   */
  async delayDispatch(ctx: RequestContext, input: DelayDispatchInput): Promise<Order> {
    const order = await this.orders.lock(ctx, input.orderId);
    await this.access.assertActsForAgency(ctx, order);
    if (order.status !== OrderStatus.PAID) throw new InvalidStateError(`A ${order.status} order has no dispatch to delay`);
    if (order.dispatchDelayedAt) throw new InvalidStateError('The dispatch of an order can be delayed once');
    const deadline = order.dispatchDeadline!;
    const now = this.clock.now();
    if (now >= deadline) throw new InvalidStateError('The dispatch deadline has passed; it can no longer be delayed');
    const lastShippingDay = addDays(seoulDateOf(deadline), -1);
    const latest = addDays(lastShippingDay, this.config.dispatchDelayMaxDays);
    if (input.newDispatchDate < this.clock.today() || input.newDispatchDate > latest) {
      throw BadUserInputError.field(
        'newDispatchDate',
        `Choose a date from today to ${latest} (${this.config.dispatchDelayMaxDays} days after ${lastShippingDay})`,
      );
    }
    const note = input.note?.trim() || null;
    if (note && note.length > NOTE_MAX) throw BadUserInputError.field('note', `At most ${NOTE_MAX} characters`);
    const delayed = await this.connection.updateLocked(ctx, Order, order, (row) =>
      Object.assign(row, {
        dispatchDelayedAt: now,
        dispatchDelayPreviousDeadline: deadline,
        dispatchDelayReason: input.reason,
        dispatchDelayNote: note,
        dispatchDeadline: endOfSeoulDay(input.newDispatchDate),
        updatedAt: now,
      }),
    );
    await this.scheduleDispatchDeadline(ctx, delayed);
    await this.events.publish(ctx, 'DispatchDelayed', { order: delayed });
    return delayed;
  }

  /** 구매확정 by the buyer (docs/RULES.md §17): SHIPPED or DELIVERED, no open return. */
  async confirmByBuyer(ctx: RequestContext, orderId: string): Promise<Order> {
    const order = await this.orders.lock(ctx, orderId);
    await this.access.assertOrderBuyer(ctx, order);
    this.orders.machine.assert(order.status, OrderStatus.CONFIRMED);
    if (await this.rules.hasOpenReturn(ctx, order)) throw new InvalidStateError('An order with an open return cannot be confirmed');
    return this.confirm(ctx, order, this.clock.now());
  }

  /**
   * A SHIPPED order (locked by the caller) whose every parcel is delivered becomes DELIVERED at the last
   * parcel's delivery, and its auto-confirm is queued. Called whenever a parcel is delivered, and by whatever
   * makes an order SHIPPED after its parcels arrived (a cancellation of the units left).
   */
  async settleDelivery(ctx: RequestContext, order: Order): Promise<Order> {
    if (order.status === OrderStatus.DELIVERED) return this.refreshAutoConfirm(ctx, order);
    if (order.status !== OrderStatus.SHIPPED) return order;
    const found = await this.connection.getRepository(ctx, Shipment).findBy({ orderId: order.id });
    // An exchange's replacement (docs/RULES.md §18) moves the confirmation timer, not the order's own delivery.
    const shipments = found.filter((shipment) => !shipment.replacementForId);
    if (!shipments.length || shipments.some((shipment) => !shipment.deliveredAt)) return order;
    const deliveredAt = new Date(Math.max(...shipments.map((shipment) => shipment.deliveredAt!.getTime())));
    const autoConfirmAt = await this.rules.autoConfirmAtOf(ctx, order, deliveredAt);
    const delivered = await this.orders.apply(ctx, order, OrderStatus.DELIVERED, (row) => Object.assign(row, { deliveredAt, autoConfirmAt }));
    if (autoConfirmAt) await this.scheduleAutoConfirm(ctx, delivered);
    return delivered;
  }

  /**
   * A DELIVERED order's (locked) `autoConfirmAt` again, after a return opened or closed or a replacement arrived
   * (docs/RULES.md §17): null stops the timer, a new instant gets its own job.
   */
  async refreshAutoConfirm(ctx: RequestContext, order: Order): Promise<Order> {
    if (order.status !== OrderStatus.DELIVERED) return order;
    const autoConfirmAt = await this.rules.autoConfirmAtOf(ctx, order, order.deliveredAt!);
    if (autoConfirmAt?.getTime() === order.autoConfirmAt?.getTime()) return order;
    const moved = await this.connection.updateLocked(ctx, Order, order, (row) => Object.assign(row, { autoConfirmAt, updatedAt: this.clock.now() }));
    if (autoConfirmAt) await this.scheduleAutoConfirm(ctx, moved);
    return moved;
  }

  /** Queues the confirmation at the order's `autoConfirmAt`; one job per order and instant, so a moved instant gets its own. */
  scheduleAutoConfirm(ctx: RequestContext, order: Order): Promise<void> {
    const at = order.autoConfirmAt!;
    const singletonKey = `${AUTO_CONFIRM_JOB}:${order.id}:${at.toISOString()}`;
    return this.jobs.enqueue(ctx, AUTO_CONFIRM_JOB, { orderId: order.id, at: at.toISOString() }, { runAt: at, singletonKey });
  }

  private scheduleDispatchDeadline(ctx: RequestContext, order: Order): Promise<void> {
    const deadline = order.dispatchDeadline!;
    const singletonKey = `${DISPATCH_DEADLINE_JOB}:${order.id}:${deadline.toISOString()}`;
    return this.jobs.enqueue(ctx, DISPATCH_DEADLINE_JOB, { orderId: order.id, deadline: deadline.toISOString() }, { runAt: deadline, singletonKey });
  }

  /**
   * LATE_SHIPMENT (docs/RULES.md §17), at most once per order, recorded at the deadline: some unit not cancelled
   * was not in a parcel registered by then. A deadline replaced by `delayDispatch` does nothing.
   */
  private async passDispatchDeadline(ctx: RequestContext, orderId: string, deadline: Date): Promise<void> {
    const order = await this.orders.lock(ctx, orderId);
    if (order.dispatchDeadline?.getTime() !== deadline.getTime()) return;
    const unshipped: unknown[] = await this.connection.manager(ctx).query(
      `SELECT 1 FROM order_line l LEFT JOIN shipment s ON s.id = l.shipment_id
        WHERE l.order_id = $1 AND l.quantity > l.cancelled_quantity AND (s.id IS NULL OR s.shipped_at > $2) LIMIT 1`,
      [order.id, deadline],
    );
    if (!unshipped.length || (await this.strikes.hasOrderStrike(ctx, order.id, StrikeReason.LATE_SHIPMENT))) return;
    await this.strikes.addStrike(ctx, {
      partnerAgencyId: order.partnerAgencyId,
      reason: StrikeReason.LATE_SHIPMENT,
      orderId: order.id,
      note: `Order ${order.number} was not shipped by its dispatch deadline`,
      recordedAt: deadline,
    });
  }

  /** At `autoConfirmAt` (the one it was queued for): a DELIVERED order with no open return confirms itself then. */
  private async autoConfirm(ctx: RequestContext, orderId: string, at: Date): Promise<void> {
    const order = await this.orders.lock(ctx, orderId);
    if (order.status !== OrderStatus.DELIVERED || order.autoConfirmAt?.getTime() !== at.getTime()) return;
    if (await this.rules.hasOpenReturn(ctx, order)) return;
    await this.confirm(ctx, order, at);
  }

  /** CONFIRMED at `at`; OrderConfirmed lets commissions be approved (docs/RULES.md §21). */
  private async confirm(ctx: RequestContext, order: Order, at: Date): Promise<Order> {
    const confirmed = await this.orders.apply(ctx, order, OrderStatus.CONFIRMED, (row) => Object.assign(row, { confirmedAt: at }));
    const lines = await this.connection.getRepository(ctx, OrderLine).find({ where: { orderId: order.id }, order: { position: 'ASC' } });
    await this.events.publish(ctx, 'OrderConfirmed', { order: confirmed, lines });
    return confirmed;
  }
}
