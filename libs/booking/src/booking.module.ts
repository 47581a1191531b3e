import { Module, type OnModuleInit } from '@nestjs/common';
import { IdentityModule, UserService } from '../../identity/src/index.js';
import { MembershipModule } from '../../membership/src/index.js';
import { PaymentsModule } from '../../payments/src/index.js';
import { BookingAccess } from './booking-access.js';
import { ConsultationTransitions, OfferTransitions, ReservationTransitions } from './booking-transitions.js';
import { BuyerContacts } from './buyer-contacts.js';
import { IdempotencyKeys } from './idempotency-keys.js';
import { ReservationCreator } from './reservation-creator.js';
import { ReservationEvents } from './reservation-events.js';
import { ReservationPayments } from './reservation-payments.js';
import { SeatAllocator } from './seat-allocator.js';

/** Consultations, offers and reservations of services (RULES §8); other libraries use ReservationEvents. */
@Module({
  imports: [IdentityModule, MembershipModule, PaymentsModule],
  providers: [
    SeatAllocator,
    IdempotencyKeys,
    ReservationEvents,
    ReservationTransitions,
    ConsultationTransitions,
    OfferTransitions,
    BookingAccess,
    BuyerContacts,
    ReservationCreator,
    ReservationPayments,
  ],
  exports: [ReservationEvents, SeatAllocator],
})
export class BookingModule implements OnModuleInit {
  constructor(
    private readonly users: UserService,
    private readonly contacts: BuyerContacts,
  ) {}

  /** Identity asks booking who may read buyers' contacts. */
  onModuleInit(): void {
    this.users.grantContactReading((ctx, userId) => this.contacts.mayRead(ctx, userId));
  }
}
