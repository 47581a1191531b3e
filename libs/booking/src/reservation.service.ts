import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  LiveUpdates,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  newestFirst,
  paginate,
  type KeysetOrder,
  type Page,
} from '../../common/src/index.js';
import { AvailabilityService } from '../../catalog/src/index.js';
import { PaymentService, type Payment, type PaymentRequest } from '../../payments/src/index.js';
import { BookingAccess, BookingSide } from './booking-access.js';
import { BookingListings, reservedListing } from './booking-listings.js';
import { RESERVATION_STATUS_TOPIC, ReservationTransitions } from './booking-transitions.js';
import { ReservationOrder, type ReservationListArgs, type ReserveInput } from './dto/reservation.inputs.js';
import { ReservationCreator } from './reservation-creator.js';
import { ReservationPayments } from './reservation-payments.js';
import { assertReservationRange } from './reservation-range.js';
import { Reservation, ReservationStatus } from './reservation.entity.js';
import { B2BPurchases, PartnerAgencyService } from '../../membership/src/index.js';

/**
 * The keys of each order of the reservation lists (docs/RULES.md §8). NEWEST's cursors stay those made before
 * STARTS_AT existed; STARTS_AT's are named, so neither order reads the other's.
 */
const RESERVATION_ORDERS: Record<ReservationOrder, KeysetOrder<Reservation>> = {
  [ReservationOrder.NEWEST]: newestFirst('reservation'),
  [ReservationOrder.STARTS_AT]: {
    name: ReservationOrder.STARTS_AT,
    keys: [
      { expression: 'reservation.starts_at', direction: 'ASC', valueOf: (r) => r.startsAt, part: 'instant' },
      { expression: 'reservation.id', direction: 'ASC', valueOf: (r) => r.id, part: 'id' },
    ],
  },
};

/** Direct booking, paying, and reading reservations (docs/RULES.md §8). */
@Injectable()
export class ReservationService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly access: BookingAccess,
    private readonly agencies: PartnerAgencyService,
    private readonly b2bPurchases: B2BPurchases,
    private readonly listings: BookingListings,
    private readonly availability: AvailabilityService,
    private readonly creator: ReservationCreator,
    private readonly transitions: ReservationTransitions,
    private readonly reservationPayments: ReservationPayments,
    private readonly payments: PaymentService,
    private readonly live: LiveUpdates,
  ) {}

  /**
   * A slot of a listing booked without consultation, at the listing's price: PENDING_PAYMENT, holding a
   * seat (SLOT_UNAVAILABLE when none is left). The same idempotency key returns the same reservation.
   */
  reserve(ctx: RequestContext, input: ReserveInput): Promise<Reservation> {
    const buyer = ctx.requireUser();
    const keyed = {
      operation: 'reserve',
      listingId: input.listingId,
      startsAt: input.startsAt,
      attributionToken: input.attributionToken ?? null,
      onBehalfOf: input.onBehalfOf ?? null,
    };
    return this.creator.once(ctx, { userId: buyer.id, key: input.idempotencyKey, input: keyed }, async (reservationId) => {
      const listing = await this.listings.getBookable(ctx, input.listingId);
      if (listing.service.requiresConsultation)
        throw BadUserInputError.field('listingId', 'this service is booked through a consultation (requestConsultation)');
      const b2b = await this.b2bPurchases.resolve(ctx, input.onBehalfOf, [listing.partnerAgencyId]);
      await this.agencies.assertNotMember(ctx, listing.partnerAgencyId, 'book');
      const slot = input.startsAt > this.clock.now() ? await this.availability.slotStartingAt(ctx, listing, input.startsAt) : null;
      if (!slot) throw BadUserInputError.field('startsAt', 'is not a future slot of this listing (see availableSlots)');
      return this.creator.create(ctx, reservationId, {
        listing: reservedListing(listing),
        buyerId: buyer.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        amount: listing.price,
        attributionToken: input.attributionToken?.trim() || null,
        b2b,
      });
    });
  }

  /** By the buyer only (see ReservationPayments.pay). */
  async pay(ctx: RequestContext, id: string, paymentKey: string): Promise<Reservation> {
    const reservation = await this.transitions.lock(ctx, id);
    await this.access.assertSide(ctx, reservation, 'Reservation', BookingSide.BUYER);
    return this.reservationPayments.pay(ctx, reservation, paymentKey);
  }

  /** For the buyer, the agency's members and operators; NOT_FOUND for anyone else. */
  async getVisible(ctx: RequestContext, id: string): Promise<Reservation> {
    const reservation = await this.load(ctx, id);
    if (!reservation) throw new NotFoundError('Reservation', id);
    await this.access.assertMaySee(ctx, reservation, 'Reservation');
    return reservation;
  }

  /**
   * The reservation again each time its status moves, whoever moved it (docs/RULES.md §31): for those who
   * may see it (NOT_FOUND for anyone else, at once); re-read and re-authorized for every move.
   */
  liveStatus(ctx: RequestContext, id: string): Promise<AsyncIterableIterator<Reservation>> {
    return this.live.followRow(ctx, RESERVATION_STATUS_TOPIC, id, (current, rowId) => this.getVisible(current, rowId));
  }

  load(ctx: RequestContext, id: string): Promise<Reservation | null> {
    return isUuid(id) ? this.connection.loadOne(ctx, Reservation, 'id', id, (r) => r.id) : Promise.resolve(null);
  }

  /** The reservation an accepted offer created; batched per request. */
  ofConsultation(ctx: RequestContext, consultationId: string): Promise<Reservation | null> {
    return this.connection.loadOne(ctx, Reservation, 'consultation_id', consultationId, (r) => r.consultationId!);
  }

  /** The caller's own, newest first unless another order is asked. */
  mine(ctx: RequestContext, args: ReservationListArgs): Promise<Page<Reservation>> {
    const buyer = ctx.requireUser();
    return this.list(ctx, 'reservation.buyer_id = :id', buyer.id, args);
  }

  /** An agency's, newest first unless another order is asked: for its members and operators. */
  async ofPartnerAgency(ctx: RequestContext, partnerAgencyId: string, args: ReservationListArgs): Promise<Page<Reservation>> {
    if (!isUuid(partnerAgencyId)) throw new NotFoundError('Partner agency', partnerAgencyId);
    await this.agencies.assertMemberOrOperator(ctx, partnerAgencyId);
    return this.list(ctx, 'reservation.partner_agency_id = :id', partnerAgencyId, args);
  }

  async paymentOf(ctx: RequestContext, reservation: Reservation): Promise<Payment | null> {
    return reservation.paymentId ? this.payments.load(ctx, reservation.paymentId) : null;
  }

  /** What the buyer needs to pay, while the reservation's hold lasts. */
  async paymentRequestOf(ctx: RequestContext, reservation: Reservation): Promise<PaymentRequest | null> {
    const payable = reservation.status === ReservationStatus.PENDING_PAYMENT && reservation.holdExpiresAt! > this.clock.now();
    return payable ? this.payments.paymentRequestOf(await this.paymentOf(ctx, reservation)) : null;
  }

  /** Filtered by status and by a range of starts [startsFrom, startsBefore) (docs/RULES.md §8, "Reservation lists"). */
  private list(ctx: RequestContext, owner: string, id: string, args: ReservationListArgs): Promise<Page<Reservation>> {
    assertReservationRange(args.startsFrom, args.startsBefore);
    const query = this.connection.getRepository(ctx, Reservation).createQueryBuilder('reservation').where(owner, { id });
    if (args.status) query.andWhere('reservation.status = :status', { status: args.status });
    if (args.startsFrom) query.andWhere('reservation.starts_at >= :startsFrom', { startsFrom: args.startsFrom });
    if (args.startsBefore) query.andWhere('reservation.starts_at < :startsBefore', { startsBefore: args.startsBefore });
    return paginate(query, args, RESERVATION_ORDERS[args.order ?? ReservationOrder.NEWEST]);
  }
}
