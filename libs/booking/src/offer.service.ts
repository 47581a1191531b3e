import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  InvalidStateError,
  JobQueueService,
  NotFoundError,
  RequestContext,
  SlotUnavailableError,
  TransactionalConnection,
  isUuid,
} from '../../common/src/index.js';
import { BookingAccess, BookingSide } from './booking-access.js';
import { BookingListings, reservedListing } from './booking-listings.js';
import { ConsultationTransitions, OfferTransitions } from './booking-transitions.js';
import { Consultation, ConsultationStatus } from './consultation.entity.js';
import { ConsultationEvents } from './consultation-events.js';
import { ConsultationService } from './consultation.service.js';
import type { SendOfferInput } from './dto/consultation.inputs.js';
import { Offer, OfferStatus } from './offer.entity.js';
import { ReservationCreator } from './reservation-creator.js';
import type { Reservation } from './reservation.entity.js';
import { SeatAllocator } from './seat-allocator.js';

const OFFER_EXPIRY_JOB = 'booking.offer-expiry';

/** An agency's offers on consultations and their acceptance into reservations (docs/RULES.md §8). */
@Injectable()
export class OfferService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly access: BookingAccess,
    private readonly listings: BookingListings,
    private readonly consultations: ConsultationService,
    private readonly consultationStates: ConsultationTransitions,
    private readonly offerStates: OfferTransitions,
    private readonly seats: SeatAllocator,
    private readonly creator: ReservationCreator,
    private readonly jobs: JobQueueService,
    private readonly events: ConsultationEvents,
  ) {
    jobs.register(OFFER_EXPIRY_JOB, (ctx, { offerId }) => this.expire(ctx, offerId as string));
  }

  /**
   * By the agency's OWNER or MANAGER: a price and a future time with free capacity now. It expires at
   * `expiresAt` (by default OFFER_DEFAULT_EXPIRY_HOURS later, and never after the start); a pending
   * older offer is withdrawn.
   */
  async send(ctx: RequestContext, input: SendOfferInput): Promise<Offer> {
    const consultation = await this.consultationStates.lock(ctx, input.consultationId);
    await this.access.assertSide(ctx, consultation, 'Consultation', BookingSide.PARTNER_AGENCY);
    const now = this.clock.now();
    if (input.startsAt <= now) throw BadUserInputError.field('startsAt', 'must be in the future');
    if (input.endsAt <= input.startsAt) throw BadUserInputError.field('endsAt', 'must be after startsAt');
    const defaultExpiry = new Date(Math.min(now.getTime() + this.config.offerDefaultExpiryHours * 3600_000, input.startsAt.getTime()));
    const expiresAt = input.expiresAt ?? defaultExpiry;
    if (expiresAt <= now || expiresAt > input.startsAt) throw BadUserInputError.field('expiresAt', 'must be in the future and not after startsAt');
    this.consultationStates.machine.assert(consultation.status, ConsultationStatus.OFFERED);

    const listing = await this.listings.getService(ctx, consultation.listingId);
    await this.listings.assertBookable(ctx, listing);
    if (!(await this.seats.hasFreeSeat(ctx, listing.id, listing.service.capacityPerSlot, input.startsAt, input.endsAt))) {
      throw new SlotUnavailableError('That time has no free capacity');
    }
    const older = await this.consultations.pendingOffer(ctx, consultation.id);
    if (older) await this.offerStates.apply(ctx, older, OfferStatus.WITHDRAWN);
    await this.consultationStates.apply(ctx, consultation, ConsultationStatus.OFFERED);
    const offer = await this.connection.getRepository(ctx, Offer).save({
      id: randomUUID(),
      consultationId: consultation.id,
      price: input.price,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      note: input.note?.trim() || null,
      expiresAt,
      status: OfferStatus.PENDING,
      sentBy: ctx.user!.id,
      createdAt: now,
      updatedAt: now,
    });
    await this.jobs.enqueue(ctx, OFFER_EXPIRY_JOB, { offerId: offer.id }, { runAt: expiresAt, singletonKey: `${OFFER_EXPIRY_JOB}:${offer.id}` });
    await this.events.publish(ctx, 'OfferSent', { consultation, offer });
    return offer;
  }

  /**
   * By the consultation's buyer: a PENDING_PAYMENT reservation at the offer's price and time, the offer
   * and the consultation ACCEPTED. When the time was taken meanwhile, SLOT_UNAVAILABLE rolls all of it
   * back and the offer stays PENDING.
   */
  accept(ctx: RequestContext, offerId: string, idempotencyKey: string): Promise<Reservation> {
    const buyer = ctx.requireUser();
    return this.creator.once(ctx, { userId: buyer.id, key: idempotencyKey, input: { operation: 'acceptOffer', offerId } }, async (reservationId) => {
      const { offer, consultation } = await this.lockWithConsultation(ctx, offerId);
      await this.access.assertSide(ctx, { ...consultation, id: offer.id }, 'Offer', BookingSide.BUYER);
      if (offer.status !== OfferStatus.PENDING) throw new InvalidStateError(`The offer is ${offer.status}`);
      if (offer.expiresAt <= this.clock.now()) throw new InvalidStateError('The offer has expired');
      const listing = await this.listings.getService(ctx, consultation.listingId);
      await this.listings.assertBookable(ctx, listing);
      const reservation = await this.creator.create(ctx, reservationId, {
        listing: reservedListing(listing),
        buyerId: buyer.id,
        startsAt: offer.startsAt,
        endsAt: offer.endsAt,
        amount: offer.price,
        consultationId: consultation.id,
        attributionToken: consultation.attributionToken,
        b2b: consultation.b2b,
      });
      await this.offerStates.apply(ctx, offer, OfferStatus.ACCEPTED);
      await this.consultationStates.apply(ctx, consultation, ConsultationStatus.ACCEPTED);
      return reservation;
    });
  }

  /** Locks the consultation before its offer, the order every change of both takes (no deadlocks). */
  private async lockWithConsultation(ctx: RequestContext, offerId: string): Promise<{ offer: Offer; consultation: Consultation }> {
    const unlocked = isUuid(offerId) ? await this.connection.getRepository(ctx, Offer).findOneBy({ id: offerId }) : null;
    if (!unlocked) throw new NotFoundError('Offer', offerId);
    const consultation = await this.consultationStates.lock(ctx, unlocked.consultationId);
    return { offer: await this.offerStates.lock(ctx, offerId), consultation };
  }

  /** Offers of a consultation, oldest first; batched per request. */
  offersOf(ctx: RequestContext, consultationId: string): Promise<Offer[]> {
    return this.connection.loadMany(ctx, Offer, 'consultation_id', consultationId, (offer) => offer.consultationId, 'created_at');
  }

  /** The job at `expiresAt`: a still pending offer lapses, and its consultation with it (the agency may offer again). */
  private async expire(ctx: RequestContext, offerId: string): Promise<void> {
    const { offer, consultation } = await this.lockWithConsultation(ctx, offerId);
    if (offer.status !== OfferStatus.PENDING || offer.expiresAt > this.clock.now()) return;
    await this.offerStates.apply(ctx, offer, OfferStatus.EXPIRED);
    if (consultation.status === ConsultationStatus.OFFERED) await this.consultationStates.apply(ctx, consultation, ConsultationStatus.EXPIRED);
  }
}
