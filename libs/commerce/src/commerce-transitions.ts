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
import { ReturnRequest, ReturnStatus as R } from './return-request.entity.js';

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

/** docs/RULES.md §18's table of returns: REJECTED → ACCEPTED is an operator's (OrderReturns checks who). */
export const RETURN_STATES = new StateMachine<R>('ReturnRequest', {
  [R.REQUESTED]: [R.ACCEPTED, R.REJECTED, R.WITHDRAWN],
  [R.ACCEPTED]: [R.RECEIVED, R.REJECTED, R.WITHDRAWN],
  [R.REJECTED]: [R.ACCEPTED],
  [R.RECEIVED]: [R.COMPLETED],
});

@Injectable()
export class ReturnTransitions extends StatusTransitions<R, ReturnRequest> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, ReturnRequest, RETURN_STATES, { changedAt: 'updatedAt' });
  }
}

/** docs/RULES.md §31: the live-update topic of orders' status moves, keyed by the order. */
export const ORDER_STATUS_TOPIC = 'order_status';

/**
 * Where an order ends, each with the column its event records the instant in (docs/RULES.md §25: the agency's
 * view of the address is counted from then): a confirmation's `confirmedAt` is the auto-confirm's due time even
 * when a worker runs it late (§14); a return has none of its own, so it ends at the move.
 */
const ENDINGS: Readonly<Partial<Record<O, 'confirmedAt' | 'cancelledAt' | null>>> = {
  [O.CONFIRMED]: 'confirmedAt',
  [O.CANCELLED]: 'cancelledAt',
  [O.RETURNED]: null,
};

/**
 * Every committed move is announced to `orderUpdated` subscribers (docs/RULES.md §31), whoever made it. Every
 * move into an ended status passes here and stamps `endedAt` (a check constraint holds the pair together).
 */
@Injectable()
export class OrderTransitions extends StatusTransitions<O, Order> {
  constructor(connection: TransactionalConnection, clock: ClockService, live: LiveUpdates) {
    super(connection, clock, Order, ORDER_STATES, { changedAt: 'updatedAt' }, { updates: live, topic: ORDER_STATUS_TOPIC });
  }

  /** An ending stamps `endedAt` after the event's own change, with the instant that change recorded (ENDINGS). */
  override apply(ctx: RequestContext, row: Order, to: O, change?: StatusChange<Order>): Promise<Order> {
    const ending = ENDINGS[to];
    if (ending === undefined) return super.apply(ctx, row, to, change);
    return super.apply(ctx, row, to, async (locked) => {
      await change?.(locked);
      locked.endedAt = (ending && locked[ending]) || this.clock.now();
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
