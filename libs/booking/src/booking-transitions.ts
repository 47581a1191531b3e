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
import { Consultation, ConsultationStatus as C } from './consultation.entity.js';
import { Offer, OfferStatus as O } from './offer.entity.js';
import { Reservation, ReservationStatus as R } from './reservation.entity.js';
import { SeatAllocator } from './seat-allocator.js';

/** docs/RULES.md §8. A reservation's seat is released when it moves to a status in RELEASES_SEAT. */
export const RESERVATION_STATES = new StateMachine<R>('Reservation', {
  [R.PENDING_PAYMENT]: [R.CONFIRMED, R.CANCELLED, R.EXPIRED],
  [R.CONFIRMED]: [R.COMPLETED, R.CANCELLED, R.NO_SHOW],
});

const RELEASES_SEAT: readonly R[] = [R.CANCELLED, R.EXPIRED, R.NO_SHOW];

/** docs/RULES.md §31: the live-update topic of reservations' status moves, keyed by the reservation. */
export const RESERVATION_STATUS_TOPIC = 'reservation_status';

/**
 * OFFERED → OFFERED is a newer offer replacing the pending one. An EXPIRED consultation (its offer lapsed)
 * may get a new offer. DECLINED is the agency's refusal, CANCELLED the buyer's withdrawal.
 */
export const CONSULTATION_STATES = new StateMachine<C>('Consultation', {
  [C.OPEN]: [C.OFFERED, C.DECLINED, C.CANCELLED],
  [C.OFFERED]: [C.OFFERED, C.ACCEPTED, C.DECLINED, C.CANCELLED, C.EXPIRED],
  [C.EXPIRED]: [C.OFFERED, C.DECLINED, C.CANCELLED],
});

export const OFFER_STATES = new StateMachine<O>('Offer', {
  [O.PENDING]: [O.ACCEPTED, O.DECLINED, O.EXPIRED, O.WITHDRAWN],
});

@Injectable()
export class ConsultationTransitions extends StatusTransitions<C, Consultation> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, Consultation, CONSULTATION_STATES, { changedAt: 'updatedAt' });
  }
}

@Injectable()
export class OfferTransitions extends StatusTransitions<O, Offer> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, Offer, OFFER_STATES, { changedAt: 'updatedAt' });
  }
}

/**
 * Moving to CANCELLED, EXPIRED or NO_SHOW also frees the reservation's seat, in the same transaction. Every
 * committed move is announced to `reservationUpdated` subscribers (docs/RULES.md §31).
 */
@Injectable()
export class ReservationTransitions extends StatusTransitions<R, Reservation> {
  constructor(
    connection: TransactionalConnection,
    clock: ClockService,
    private readonly seats: SeatAllocator,
    live: LiveUpdates,
  ) {
    super(connection, clock, Reservation, RESERVATION_STATES, { changedAt: 'updatedAt' }, { updates: live, topic: RESERVATION_STATUS_TOPIC });
  }

  override async apply(ctx: RequestContext, row: Reservation, to: R, change?: StatusChange<Reservation>): Promise<Reservation> {
    const saved = await super.apply(ctx, row, to, change);
    if (RELEASES_SEAT.includes(to)) await this.seats.release(ctx, row.id);
    return saved;
  }
}
