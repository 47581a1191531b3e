import { Module, type OnModuleInit } from '@nestjs/common';
import { AvailabilityService, CatalogModule } from '../../catalog/src/index.js';
import { IdentityModule, UserService } from '../../identity/src/index.js';
import { Consultation } from './consultation.entity.js';
import { Reservation } from './reservation.entity.js';
import { B2BPurchaseFieldsResolver, MembershipModule, PartnerAgencyService } from '../../membership/src/index.js';
import { PaymentsModule } from '../../payments/src/index.js';
import { B2BReservationReads } from './b2b-reservation-reads.js';
import { BookingAccess } from './booking-access.js';
import { BookingListings } from './booking-listings.js';
import { ConsultationTransitions, OfferTransitions, ReservationTransitions } from './booking-transitions.js';
import { BuyerContacts } from './buyer-contacts.js';
import { ConsultationEvents } from './consultation-events.js';
import { ConsultationMessageResolver, ConsultationResolver, OfferResolver } from './consultation.resolver.js';
import { ConsultationService } from './consultation.service.js';
import { ReservationIdempotencyKeys } from './idempotency-keys.js';
import { OfferService } from './offer.service.js';
import { ReservationActions } from './reservation-actions.service.js';
import { ReservationCreator } from './reservation-creator.js';
import { ReservationEvents } from './reservation-events.js';
import { ReservationPayments } from './reservation-payments.js';
import { ReservationResolver, ReviewResolver } from './reservation.resolver.js';
import { ReservationService } from './reservation.service.js';
import { SeatAllocator } from './seat-allocator.js';
import { WithdrawalCancellations } from './withdrawal-cancellations.js';

export const BOOKING_RESOLVERS = [
  B2BPurchaseFieldsResolver(Consultation),
  B2BPurchaseFieldsResolver(Reservation),
  ConsultationResolver,
  OfferResolver,
  ConsultationMessageResolver,
  ReservationResolver,
  ReviewResolver,
];

/**
 * Consultations, offers and reservations of services (docs/RULES.md §8). Other libraries subscribe to
 * ReservationEvents (the market-creator library's commissions) and read through ReservationService.
 */
@Module({
  imports: [IdentityModule, MembershipModule, CatalogModule, PaymentsModule],
  providers: [
    SeatAllocator,
    ReservationIdempotencyKeys,
    ReservationEvents,
    ConsultationEvents,
    ReservationTransitions,
    ConsultationTransitions,
    OfferTransitions,
    BookingAccess,
    BookingListings,
    BuyerContacts,
    ReservationCreator,
    ReservationPayments,
    ReservationService,
    ReservationActions,
    WithdrawalCancellations,
    ConsultationService,
    OfferService,
    B2BReservationReads,
    ...BOOKING_RESOLVERS,
  ],
  exports: [ReservationEvents, ConsultationEvents, ReservationService, B2BReservationReads],
})
export class BookingModule implements OnModuleInit {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly users: UserService,
    private readonly seats: SeatAllocator,
    private readonly contacts: BuyerContacts,
    private readonly agencies: PartnerAgencyService,
    private readonly withdrawals: WithdrawalCancellations,
  ) {}

  /**
   * The catalog counts booking's seats in `availableSlots`; identity asks booking who may read buyers'
   * contacts; membership has booking cancel a withdrawing agency's upcoming reservations.
   */
  onModuleInit(): void {
    this.availability.registerSlotOccupancy(this.seats);
    this.users.grantContactReading((ctx, userId) => this.contacts.mayRead(ctx, userId));
    this.agencies.onWithdrawal((ctx, agency) => this.withdrawals.scheduleFor(ctx, agency));
  }
}
