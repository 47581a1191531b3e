import { Module } from '@nestjs/common';
import { PaymentsModule } from '../../payments/src/index.js';
import { ConsultationTransitions, OfferTransitions, ReservationTransitions } from './booking-transitions.js';
import { IdempotencyKeys } from './idempotency-keys.js';
import { ReservationCreator } from './reservation-creator.js';
import { ReservationEvents } from './reservation-events.js';
import { SeatAllocator } from './seat-allocator.js';

/** Consultations, offers and reservations of services (RULES §8); other libraries use ReservationEvents. */
@Module({
  imports: [PaymentsModule],
  providers: [SeatAllocator, IdempotencyKeys, ReservationEvents, ReservationTransitions, ConsultationTransitions, OfferTransitions, ReservationCreator],
  exports: [ReservationEvents, SeatAllocator],
})
export class BookingModule {}
