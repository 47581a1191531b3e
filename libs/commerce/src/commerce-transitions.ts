import { Injectable } from '@nestjs/common';
import {
  ClockService,
  LiveUpdates,
  RequestContext,
  StateMachine,
  StatusTransitions,
  TransactionalConnection,
  type StatusChange,
} from '../../common/src/index.js';
import { Checkout, CheckoutStatus as C } from './checkout.entity.js';
import { Order, OrderStatus as O } from './order.entity.js';

/** docs/RULES.md §16. */
export const CHECKOUT_STATES = new StateMachine<C>('Checkout', {
  [C.PENDING_PAYMENT]: [C.PAID, C.EXPIRED],
});

/**
 * docs/RULES.md §17's table. PAID → SHIPPED also when a cancellation leaves only shipped units; a return that
 * keeps no unit ends an order RETURNED.
 */
export const ORDER_STATES = new StateMachine<O>('Order', {
  [O.PENDING_PAYMENT]: [O.PAID, O.EXPIRED],
  [O.PAID]: [O.SHIPPED, O.CANCELLED],
  [O.SHIPPED]: [O.DELIVERED, O.CONFIRMED, O.RETURNED],
  [O.DELIVERED]: [O.CONFIRMED, O.RETURNED],
});

@Injectable()
export class CheckoutTransitions extends StatusTransitions<C, Checkout> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, Checkout, CHECKOUT_STATES, { changedAt: 'updatedAt' });
  }
}

/** docs/RULES.md §31: the live-update topic of orders' status moves, keyed by the order. */
export const ORDER_STATUS_TOPIC = 'order_status';

/** Where an order ends; the agency's view of its address is counted from then (docs/RULES.md §25). */
export const ENDED_ORDER_STATUSES: readonly O[] = [O.CONFIRMED, O.CANCELLED, O.RETURNED];

/**
 * Every committed move is announced to `orderUpdated` subscribers (docs/RULES.md §31), whoever made it. Every
 * move into an ended status passes here and stamps `endedAt` (a check constraint holds the pair together).
 */
@Injectable()
export class OrderTransitions extends StatusTransitions<O, Order> {
  constructor(connection: TransactionalConnection, clock: ClockService, live: LiveUpdates) {
    super(connection, clock, Order, ORDER_STATES, { changedAt: 'updatedAt' }, { updates: live, topic: ORDER_STATUS_TOPIC });
  }

  /**
   * A confirmation ends the order at its `confirmedAt`, the auto-confirm's due time even when a worker runs it
   * late (docs/RULES.md §14); a cancellation or return at the move.
   */
  override apply(ctx: RequestContext, row: Order, to: O, change?: StatusChange<Order>): Promise<Order> {
    if (!ENDED_ORDER_STATUSES.includes(to)) return super.apply(ctx, row, to, change);
    return super.apply(ctx, row, to, async (locked) => {
      await change?.(locked);
      locked.endedAt = (to === O.CONFIRMED && locked.confirmedAt) || this.clock.now();
    });
  }
}

/** Reads treat a passed hold as expired before its job has run (docs/RULES.md §16, as §8). */
export function holdLapsed(row: { status: string; holdExpiresAt: Date | null }, now: Date): boolean {
  return row.status === C.PENDING_PAYMENT && row.holdExpiresAt !== null && row.holdExpiresAt <= now;
}

export function checkoutStatusAt(checkout: Checkout, now: Date): C {
  return holdLapsed(checkout, now) ? C.EXPIRED : checkout.status;
}

export function orderStatusAt(order: Order, now: Date): O {
  return holdLapsed(order, now) ? O.EXPIRED : order.status;
}
