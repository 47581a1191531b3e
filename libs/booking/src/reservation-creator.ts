import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, JobQueueService, RequestContext, TransactionalConnection, newDocumentNumber } from '../../common/src/index.js';
import { PERSONAL_PURCHASE, type B2BPurchase } from '../../membership/src/index.js';
import { PaymentPurpose, PaymentService } from '../../payments/src/index.js';
import { ReservationIdempotencyKeys } from './idempotency-keys.js';
import { ReservationEvents } from './reservation-events.js';
import { Reservation, ReservationStatus } from './reservation.entity.js';
import { SeatAllocator } from './seat-allocator.js';

export const HOLD_EXPIRY_JOB = 'booking.hold-expiry';

/** What a reservation is made of, already checked by the caller (reserve or acceptOffer). */
export interface NewReservation {
  listing: { id: string; partnerAgencyId: string; title: string; capacityPerSlot: number };
  buyerId: string;
  startsAt: Date;
  endsAt: Date;
  amount: number;
  consultationId?: string | null;
  attributionToken?: string | null;
  /** docs/RULES.md §23: who it is bought for, resolved by the caller; personal when absent. */
  b2b?: B2BPurchase;
}

/** The client's idempotency key (docs/RULES.md §8) and the operation's input it came with. */
export interface IdempotentRequest {
  userId: string;
  key: string;
  input: unknown;
}

/**
 * Creates PENDING_PAYMENT reservations: claims the idempotency key, takes a seat (SLOT_UNAVAILABLE when
 * none is left), creates the payment and schedules the hold's expiry — all in the caller's transaction,
 * so a failure at any step leaves nothing behind.
 */
@Injectable()
export class ReservationCreator {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly keys: ReservationIdempotencyKeys,
    private readonly seats: SeatAllocator,
    private readonly payments: PaymentService,
    private readonly jobs: JobQueueService,
    private readonly events: ReservationEvents,
  ) {}

  /**
   * The reservation this key already produced, or the one `create` makes under a new id. The key is
   * claimed before `create` checks anything, so a repeat returns the first result even when the checks
   * would now fail (the offer is accepted, the slot is full — by this very reservation).
   */
  async once(ctx: RequestContext, request: IdempotentRequest, create: (reservationId: string) => Promise<Reservation>): Promise<Reservation> {
    const id = randomUUID();
    const claim = await this.keys.claim(ctx, request.userId, request.key, request.input, id);
    if (!claim.fresh) return this.connection.getRepository(ctx, Reservation).findOneByOrFail({ id: claim.resultId });
    return create(id);
  }

  async create(ctx: RequestContext, id: string, input: NewReservation): Promise<Reservation> {
    const repo = this.connection.getRepository(ctx, Reservation);
    const now = this.clock.now();
    const holdExpiresAt = new Date(now.getTime() + this.config.reservationHoldMinutes * 60_000);
    const payment = await this.payments.createPayment(ctx, {
      purpose: PaymentPurpose.RESERVATION,
      referenceId: id,
      amount: input.amount,
      orderName: input.listing.title,
    });
    const reservation = repo.create({
      id,
      number: newDocumentNumber('R', now),
      listingId: input.listing.id,
      buyerId: input.buyerId,
      partnerAgencyId: input.listing.partnerAgencyId,
      consultationId: input.consultationId ?? null,
      status: ReservationStatus.PENDING_PAYMENT,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      amount: input.amount,
      holdExpiresAt,
      paymentId: payment.id,
      platformFeeRateBps: null,
      refundedAmount: 0,
      attributionToken: input.attributionToken ?? null,
      b2b: input.b2b ?? { ...PERSONAL_PURCHASE },
      cancellationReason: null,
      cancelledBy: null,
      paidAt: null,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const [sql, params] = repo.createQueryBuilder().insert().values(reservation).getQueryAndParameters();
    await this.seats.take(
      ctx,
      {
        reservationId: id,
        listingId: input.listing.id,
        capacity: input.listing.capacityPerSlot,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        holdExpiresAt,
      },
      { sql, params },
    );
    await this.jobs.enqueue(ctx, HOLD_EXPIRY_JOB, { reservationId: id }, { runAt: holdExpiresAt, singletonKey: `${HOLD_EXPIRY_JOB}:${id}` });
    await this.events.publish(ctx, { type: 'ReservationCreated', reservation });
    return reservation;
  }
}
