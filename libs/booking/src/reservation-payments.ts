import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, InvalidStateError, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { AccountKind, JournalEntryKind, account, type Account } from '../../ledger/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import {
  PaymentPurpose,
  PaymentService,
  PaymentStatus,
  type AllocationLine,
  type Payment,
  type PaymentAllocation,
  type RefundInput,
} from '../../payments/src/index.js';
import { BookingListings } from './booking-listings.js';
import { ReservationTransitions } from './booking-transitions.js';
import { feeRefunded, platformFee } from './refund-policy.js';
import { HOLD_EXPIRY_JOB } from './reservation-creator.js';
import { ReservationEvents, type ReservationRefund } from './reservation-events.js';
import { Reservation, ReservationStatus } from './reservation.entity.js';
import { SeatAllocator } from './seat-allocator.js';

export const AUTO_COMPLETE_JOB = 'booking.auto-complete';

/**
 * Reservations and their payments (docs/RULES.md §8, §9): paying, what a capture or a refund does to the
 * reservation (however the payments library learned of it: the client's confirm, a webhook or
 * reconciliation), and the hold's expiry.
 */
@Injectable()
export class ReservationPayments {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly payments: PaymentService,
    private readonly agencies: PartnerAgencyService,
    private readonly listings: BookingListings,
    private readonly transitions: ReservationTransitions,
    private readonly seats: SeatAllocator,
    private readonly events: ReservationEvents,
    private readonly jobs: JobQueueService,
  ) {
    payments.registerPurpose(PaymentPurpose.RESERVATION, {
      onPaid: (ctx, payment) => this.onPaid(ctx, payment),
      onRefunded: (ctx, payment, amount) => this.onRefunded(ctx, payment, amount),
    });
    jobs.register(HOLD_EXPIRY_JOB, (ctx, { reservationId }) => this.expireHold(ctx, reservationId as string));
  }

  /**
   * Captures the reservation's payment with the client's `paymentKey`: a lapsed hold, or a listing no
   * longer on sale (agency suspended or withdrawn, listing hidden or archived) → INVALID_STATE before the
   * provider is asked (nothing charged); a decline → PAYMENT_FAILED and it stays
   * PENDING_PAYMENT; the same key again returns the paid reservation without charging twice.
   * `reservation` must be locked by the caller.
   */
  async pay(ctx: RequestContext, reservation: Reservation, paymentKey: string): Promise<Reservation> {
    const paymentId = reservation.paymentId!;
    if (reservation.status !== ReservationStatus.PENDING_PAYMENT) {
      if ((await this.payments.load(ctx, paymentId))?.paymentKey === paymentKey) return reservation;
      throw new InvalidStateError(`A ${reservation.status} reservation cannot be paid`);
    }
    await this.listings.assertPayable(ctx, reservation.listingId);
    // Securing the seat first means a hold that lapses while the provider answers cannot be taken by someone else.
    if (reservation.holdExpiresAt! <= this.clock.now() || !(await this.seats.secure(ctx, reservation.id))) {
      throw new InvalidStateError('The hold on this time has expired; reserve again');
    }
    // The capture continues with the row locked here and the seat secured above, instead of locking and securing again.
    await this.payments.confirm(ctx, { paymentId, paymentKey }, (ctx, payment) => this.confirmLocked(ctx, reservation, payment));
    return reservation;
  }

  /**
   * Refunds `amount` of a paid reservation locked by the caller under `refundKey` (a key used before refunds
   * nothing): the reservation's refunded total and the agency's and platform's shares follow in the same
   * call. Answers what this call gave back, null for nothing. Publishes no event: the caller's own event
   * (ReservationCancelled) carries the refund.
   */
  async refund(ctx: RequestContext, reservation: Reservation, input: Omit<RefundInput, 'paymentId'>): Promise<ReservationRefund | null> {
    const before = reservation.refundedAmount;
    const payment = await this.payments.refund(ctx, { ...input, paymentId: reservation.paymentId! }, (ctx, payment, amount) =>
      this.recordRefund(ctx, reservation, payment, amount),
    );
    const amount = reservation.refundedAmount - before;
    return amount > 0 ? { payment, amount } : null;
  }

  /** Lets the payment go when an unpaid reservation ends (expired or cancelled): it can no longer be paid. */
  async abandonPayment(ctx: RequestContext, reservation: Reservation): Promise<void> {
    const payment = reservation.paymentId ? await this.payments.load(ctx, reservation.paymentId) : null;
    // Updated in place: the request's DataLoader holds this object for the response's `payment` field.
    if (payment?.status === PaymentStatus.READY) Object.assign(payment, await this.payments.abandon(ctx, payment.id));
  }

  /**
   * A capture learned of outside `pay` (a webhook, reconciliation): refused (refunded in full by payments)
   * when the reservation is no longer waiting for it or its seat was given away.
   */
  private async onPaid(ctx: RequestContext, payment: Payment): Promise<PaymentAllocation | null> {
    const reservation = await this.transitions.lock(ctx, payment.referenceId);
    if (reservation.status !== ReservationStatus.PENDING_PAYMENT || !(await this.seats.secure(ctx, reservation.id))) return null;
    return this.confirmLocked(ctx, reservation, payment);
  }

  /**
   * The money arrived for a PENDING_PAYMENT reservation, locked with its seat secured: CONFIRMED, the agency's
   * fee rate kept with the sale, and the money split between the agency and the platform fee.
   */
  private async confirmLocked(ctx: RequestContext, reservation: Reservation, payment: Payment): Promise<PaymentAllocation> {
    const rateBps = await this.agencies.platformFeeRateBps(ctx, reservation.partnerAgencyId);
    const now = this.clock.now();
    await this.transitions.apply(ctx, reservation, ReservationStatus.CONFIRMED, (row) => {
      row.platformFeeRateBps = rateBps;
      row.holdExpiresAt = null;
      row.paidAt = now;
    });
    const completeAt = new Date(reservation.endsAt.getTime() + this.config.reservationAutoCompleteHours * 3600_000);
    await this.jobs.enqueue(
      ctx,
      AUTO_COMPLETE_JOB,
      { reservationId: reservation.id },
      { runAt: completeAt, singletonKey: `${AUTO_COMPLETE_JOB}:${reservation.id}` },
    );
    await this.events.publish(ctx, { type: 'ReservationPaid', reservation, payment });
    const fee = platformFee(payment.amount, rateBps);
    return { entryKind: JournalEntryKind.PAYMENT_CAPTURED, credits: this.split(reservation, payment.amount, fee) };
  }

  /** A refund booking did not ask for itself (the provider's own, found by reconciliation, or a direct PaymentService.refund): ReservationRefunded. */
  private async onRefunded(ctx: RequestContext, payment: Payment, amount: number): Promise<AllocationLine[]> {
    const reservation = await this.transitions.lock(ctx, payment.referenceId);
    const lines = await this.recordRefund(ctx, reservation, payment, amount);
    await this.events.publish(ctx, { type: 'ReservationRefunded', reservation, payment, amount });
    return lines;
  }

  /**
   * Money went back on a locked reservation: it follows the payment's refunded total, and the agency and
   * the platform give back their shares of `amount`.
   */
  private async recordRefund(ctx: RequestContext, reservation: Reservation, payment: Payment, amount: number): Promise<AllocationLine[]> {
    await this.connection.updateLocked(ctx, Reservation, reservation, (row) =>
      Object.assign(row, { refundedAmount: payment.refundedAmount, updatedAt: this.clock.now() }),
    );
    const remainingAfter = payment.amount - payment.refundedAmount;
    const fee = feeRefunded(remainingAfter + amount, remainingAfter, reservation.platformFeeRateBps ?? 0);
    return this.split(reservation, amount, fee);
  }

  /** `amount` as the agency's share and the platform's fee, leaving out empty lines. */
  private split(reservation: Reservation, amount: number, fee: number): AllocationLine[] {
    const lines: Array<{ account: Account; amount: number }> = [
      { account: account(AccountKind.PARTNER_AGENCY_PAYABLE, reservation.partnerAgencyId), amount: amount - fee },
      { account: account(AccountKind.PLATFORM_REVENUE_FEES), amount: fee },
    ];
    return lines.filter((line) => line.amount > 0);
  }

  /** The job at holdExpiresAt: an unpaid reservation becomes EXPIRED, its seat and payment are let go. */
  private async expireHold(ctx: RequestContext, reservationId: string): Promise<void> {
    const reservation = await this.transitions.lock(ctx, reservationId);
    if (reservation.status !== ReservationStatus.PENDING_PAYMENT || reservation.holdExpiresAt! > this.clock.now()) return;
    await this.transitions.apply(ctx, reservation, ReservationStatus.EXPIRED);
    await this.abandonPayment(ctx, reservation);
    await this.events.publish(ctx, { type: 'ReservationExpired', reservation });
  }
}
