// What other libraries, the apps and the tests use of booking; the rest stays inside the library.
export { BOOKING_RESOLVERS, BookingModule } from './booking.module.js';
export { ReservationTransitions } from './booking-transitions.js';
export { Consultation, ConsultationStatus } from './consultation.entity.js';
export { ConsultationEvents, type ConsultationEventMap } from './consultation-events.js';
export { ConsultationMessage } from './consultation-message.entity.js';
export { Offer } from './offer.entity.js';
export { Reservation, ReservationStatus } from './reservation.entity.js';
export { ReservationCreator, type NewReservation } from './reservation-creator.js';
export { ReservationEvents, type ReservationEvent } from './reservation-events.js';
export { ReservationPayments } from './reservation-payments.js';
export { ReservationService } from './reservation.service.js';
export { B2BReservationReads } from './b2b-reservation-reads.js';
export { SeatAllocator } from './seat-allocator.js';
export { Review } from './review.entity.js';
export { ReservationSeat } from './reservation-seat.entity.js';
export { ReservationIdempotencyKey } from './reservation-idempotency-key.entity.js';
export { Booking1763900006000 } from './migrations/1763900006000-booking.js';
export { BookingB2BPurchases1796510534471 } from './migrations/1796510534471-b2b-purchases.js';
