import { Injectable, Logger } from '@nestjs/common';
import { InTransactionEvents, type RequestContext } from '../../common/src/index.js';
import type { Payment } from '../../payments/src/index.js';
import type { CancelledBy, Reservation } from './reservation.entity.js';

/** Money one change of a reservation gave back: `amount` of `payment` (whose `refundedAmount` is the total now). */
export interface ReservationRefund {
  payment: Payment;
  amount: number;
}

/** What happened to a reservation, with what a subscriber needs beyond the reservation itself. */
export interface ReservationEventMap {
  /** PENDING_PAYMENT, from `reserve` or an accepted offer (attribution token on the reservation). */
  ReservationCreated: { reservation: Reservation };
  /** CONFIRMED: the payment was captured; `platformFeeRateBps` is now kept on the reservation. */
  ReservationPaid: { reservation: Reservation; payment: Payment };
  /**
   * Money went back to the buyer without a cancellation (the provider's own refund, one reconciliation
   * found, a refund through payments directly); `amount` is this refund. A cancellation's refund is not
   * published here but carried by ReservationCancelled.
   */
  ReservationRefunded: { reservation: Reservation } & ReservationRefund;
  /**
   * CANCELLED, with what this cancellation gave back (`reservation.refundedAmount` includes it); null for an
   * unpaid one, a refund of 0 by the policy, or a refund key refunded before.
   */
  ReservationCancelled: { reservation: Reservation; cancelledBy: CancelledBy; refund: ReservationRefund | null };
  ReservationCompleted: { reservation: Reservation };
  ReservationNoShow: { reservation: Reservation };
  /** The hold lapsed unpaid. */
  ReservationExpired: { reservation: Reservation };
}

export type ReservationEventType = keyof ReservationEventMap;
export type ReservationEvent<K extends ReservationEventType = ReservationEventType> = { type: K } & ReservationEventMap[K];

/** Each event type to its event, as InTransactionEvents maps them. */
type ReservationEventsByType = { [K in ReservationEventType]: ReservationEvent<K> };
type InTransactionHandler<K extends ReservationEventType> = (ctx: RequestContext, event: ReservationEvent<K>) => Promise<void>;
type AfterCommitHandler<K extends ReservationEventType> = (event: ReservationEvent<K>) => unknown;

/**
 * The reservation lifecycle's hook, two ways:
 *
 * - `inTransaction` handlers run inside the transaction that changes the reservation, before it
 *   commits, with its `ctx` (repositories share the transaction). A handler that throws rolls the
 *   whole change back. Use it for state that must change together with the reservation and never be
 *   lost or doubled: commissions (docs/RULES.md §10: created on ReservationPaid, approved on Completed /
 *   NoShow, reversed on Refunded or Cancelled), so the mutation's response already shows them.
 * - `afterCommit` handlers run once the transaction has committed and see only committed facts
 *   (nothing is published for a rolled-back change). Failures are logged and not retried. Use it for
 *   side effects outside the database: notifications, e-mail, caches.
 *
 * Events are published by the booking services only; a reservation changed by a payment webhook or a
 * job publishes the same events as one changed by a mutation.
 */
@Injectable()
export class ReservationEvents {
  private readonly logger = new Logger(ReservationEvents.name);
  private readonly inTransactionEvents = new InTransactionEvents<ReservationEventsByType>();
  private readonly afterCommitHandlers = new Map<ReservationEventType, Array<AfterCommitHandler<never>>>();

  inTransaction<K extends ReservationEventType>(type: K, handler: InTransactionHandler<K>): void {
    this.inTransactionEvents.inTransaction(type, handler);
  }

  afterCommit<K extends ReservationEventType>(type: K, handler: AfterCommitHandler<K>): void {
    this.afterCommitHandlers.set(type, [...(this.afterCommitHandlers.get(type) ?? []), handler as AfterCommitHandler<never>]);
  }

  async publish<K extends ReservationEventType>(ctx: RequestContext, event: ReservationEvent<K>): Promise<void> {
    await this.inTransactionEvents.publish(ctx, event.type, event as ReservationEventsByType[K]);
    const handlers = (this.afterCommitHandlers.get(event.type) ?? []) as Array<AfterCommitHandler<K>>;
    if (!handlers.length) return;
    // Later steps of the same transaction may change the entity: subscribers get it as it was now.
    const committed = { ...event, reservation: { ...event.reservation } } as ReservationEvent<K>;
    ctx.onCommit(async () => {
      for (const handler of handlers) {
        try {
          await handler(committed);
        } catch (error) {
          this.logger.error({ err: error, event: event.type, reservationId: event.reservation.id }, 'reservation event subscriber failed');
        }
      }
    });
  }
}
