import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ClockService,
  ConflictError,
  InvalidStateError,
  JobQueueService,
  RequestContext,
  TransactionalConnection,
  isUniqueViolation,
} from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { StrikeReason, StrikeService } from '../../membership/src/index.js';
import { BookingAccess, BookingSide } from './booking-access.js';
import { BookingListings } from './booking-listings.js';
import { ReservationTransitions } from './booking-transitions.js';
import type { CancelReservationInput, ReviewReservationInput } from './dto/reservation.inputs.js';
import { requireText } from './input-text.js';
import { buyerRefundAmount } from './refund-policy.js';
import { ReservationEvents } from './reservation-events.js';
import { AUTO_COMPLETE_JOB, ReservationPayments } from './reservation-payments.js';
import { CancelledBy, Reservation, ReservationStatus } from './reservation.entity.js';
import { Review } from './review.entity.js';

/** Who cancels a reservation, why, and the refund key naming the event. */
export interface Cancellation {
  cancelledBy: CancelledBy;
  reason: string;
  refundKey: string;
}

/** After payment: cancelling with its refund, completing, no-shows and reviews (docs/RULES.md §8). */
@Injectable()
export class ReservationActions {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly access: BookingAccess,
    private readonly listings: BookingListings,
    private readonly catalog: ListingService,
    private readonly transitions: ReservationTransitions,
    private readonly reservationPayments: ReservationPayments,
    private readonly strikes: StrikeService,
    private readonly events: ReservationEvents,
    jobs: JobQueueService,
  ) {
    jobs.register(AUTO_COMPLETE_JOB, (ctx, { reservationId }) => this.completeUnmarked(ctx, reservationId as string));
  }

  /**
   * The buyer gets back what the listing's cancellation policy gives at this time before the start;
   * the agency's cancellation refunds everything and earns it a PROVIDER_CANCELLATION strike; an
   * operator's refunds everything without a strike (docs/RULES.md §18's rule for orders).
   */
  async cancel(ctx: RequestContext, input: CancelReservationInput): Promise<Reservation> {
    const reservation = await this.transitions.lock(ctx, input.reservationId);
    const cancelledBy = await this.cancellerOf(ctx, reservation);
    const reason = requireText(input.reason, 'reason', 1000);
    const cancelled = await this.cancelLocked(ctx, reservation, { cancelledBy, reason, refundKey: `cancel:${reservation.id}` });
    if (cancelledBy === CancelledBy.PARTNER_AGENCY) {
      await this.strikes.addStrike(ctx, {
        partnerAgencyId: reservation.partnerAgencyId,
        reason: StrikeReason.PROVIDER_CANCELLATION,
        note: `Reservation ${reservation.number}: ${reason}`,
      });
    }
    return cancelled;
  }

  /**
   * Cancels a reservation locked by the caller, whose access it has checked: an unpaid one just lets its
   * seat and payment go; a paid one is refunded through the provider (by the buyer's policy, or in full
   * when the agency or an operator cancels) under `refundKey`, so a retry never refunds twice.
   */
  async cancelLocked(ctx: RequestContext, reservation: Reservation, { cancelledBy, reason, refundKey }: Cancellation): Promise<Reservation> {
    const wasPaid = reservation.status === ReservationStatus.CONFIRMED;
    const amount = wasPaid ? await this.refundFor(ctx, reservation, cancelledBy) : 0;
    await this.transitions.apply(ctx, reservation, ReservationStatus.CANCELLED, (row) => {
      row.cancelledBy = cancelledBy;
      row.cancellationReason = reason;
    });
    if (!wasPaid) await this.reservationPayments.abandonPayment(ctx, reservation);
    const refund = amount > 0 ? await this.reservationPayments.refund(ctx, reservation, { amount, reason, refundKey }) : null;
    await this.events.publish(ctx, { type: 'ReservationCancelled', reservation, cancelledBy, refund });
    return reservation;
  }

  /** By the agency's OWNER or MANAGER or an operator, once the service has ended. */
  async complete(ctx: RequestContext, id: string): Promise<Reservation> {
    const reservation = await this.lockForAgency(ctx, id);
    if (this.clock.now() < reservation.endsAt) throw new InvalidStateError('A reservation can be completed once it has ended');
    return this.markCompleted(ctx, reservation);
  }

  /** By the agency's OWNER or MANAGER or an operator, once the service should have started; nothing is refunded. */
  async markNoShow(ctx: RequestContext, id: string): Promise<Reservation> {
    const reservation = await this.lockForAgency(ctx, id);
    if (this.clock.now() < reservation.startsAt) throw new InvalidStateError('A no-show can be recorded once the reservation has started');
    await this.transitions.apply(ctx, reservation, ReservationStatus.NO_SHOW);
    await this.events.publish(ctx, { type: 'ReservationNoShow', reservation });
    return reservation;
  }

  /** The buyer's one review of a COMPLETED reservation, counted in the listing's rating. */
  async review(ctx: RequestContext, input: ReviewReservationInput): Promise<Review> {
    const reservation = await this.transitions.lock(ctx, input.reservationId);
    await this.access.assertSide(ctx, reservation, 'Reservation', BookingSide.BUYER);
    if (reservation.status !== ReservationStatus.COMPLETED) throw new InvalidStateError('Only a completed reservation can be reviewed');
    const repo = this.connection.getRepository(ctx, Review);
    const review = repo.create({
      id: randomUUID(),
      reservationId: reservation.id,
      listingId: reservation.listingId,
      authorId: reservation.buyerId,
      rating: input.rating,
      comment: input.comment?.trim() || null,
      createdAt: this.clock.now(),
    });
    try {
      await repo.insert(review);
    } catch (error) {
      if (isUniqueViolation(error, 'reservation_review_reservation_uq')) throw new ConflictError('This reservation has been reviewed already');
      throw error;
    }
    await this.catalog.recordReview(ctx, reservation.listingId, input.rating);
    return review;
  }

  private async refundFor(ctx: RequestContext, reservation: Reservation, cancelledBy: CancelledBy): Promise<number> {
    const remaining = reservation.amount - reservation.refundedAmount;
    if (cancelledBy !== CancelledBy.BUYER) return remaining;
    const { service } = await this.listings.getService(ctx, reservation.listingId);
    return Math.min(remaining, buyerRefundAmount(service.cancellationPolicy, reservation.amount, reservation.startsAt, this.clock.now()));
  }

  private async lockForAgency(ctx: RequestContext, id: string): Promise<Reservation> {
    const reservation = await this.transitions.lock(ctx, id);
    await this.access.assertAgencyOrOperator(ctx, reservation, 'Reservation');
    return reservation;
  }

  /** An operator acts as the platform, even on a reservation of an agency they belong to; only their own purchase is the buyer's. */
  private async cancellerOf(ctx: RequestContext, reservation: Reservation): Promise<CancelledBy> {
    if (ctx.isOperator && ctx.user!.id !== reservation.buyerId) return CancelledBy.OPERATOR;
    return (await this.access.sideOf(ctx, reservation, 'Reservation')) === BookingSide.BUYER ? CancelledBy.BUYER : CancelledBy.PARTNER_AGENCY;
  }

  private async markCompleted(ctx: RequestContext, reservation: Reservation): Promise<Reservation> {
    await this.transitions.apply(ctx, reservation, ReservationStatus.COMPLETED, (row) => (row.completedAt = this.clock.now()));
    await this.events.publish(ctx, { type: 'ReservationCompleted', reservation });
    return reservation;
  }

  /** The job RESERVATION_AUTO_COMPLETE_HOURS after the end: a CONFIRMED reservation nobody marked is completed. */
  private async completeUnmarked(ctx: RequestContext, reservationId: string): Promise<void> {
    const reservation = await this.transitions.lock(ctx, reservationId);
    if (reservation.status === ReservationStatus.CONFIRMED) await this.markCompleted(ctx, reservation);
  }
}
