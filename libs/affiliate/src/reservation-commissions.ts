import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { ReservationEvents, type Reservation } from '../../booking/src/index.js';
import type { Payment } from '../../payments/src/index.js';
import { CommissionService } from './commission.service.js';

/**
 * Commissions follow reservations inside the transaction that changes the reservation (docs/RULES.md §10), so
 * the response of payReservation, cancelReservation or completeReservation already shows them, and a
 * rolled-back change leaves no commission behind.
 */
@Injectable()
export class ReservationCommissions {
  constructor(
    events: ReservationEvents,
    private readonly commissions: CommissionService,
    private readonly listings: ListingService,
  ) {
    events.inTransaction('ReservationPaid', (ctx, { reservation, payment }) => this.paid(ctx, reservation, payment));
    events.inTransaction('ReservationRefunded', (ctx, { reservation, payment }) => this.refunded(ctx, reservation, payment.refundedAmount, payment.amount, false));
    events.inTransaction('ReservationCancelled', (ctx, { reservation }) => this.refunded(ctx, reservation, reservation.refundedAmount, reservation.amount, true));
    events.inTransaction('ReservationCompleted', (ctx, { reservation }) => this.approved(ctx, reservation));
    events.inTransaction('ReservationNoShow', (ctx, { reservation }) => this.approved(ctx, reservation));
  }

  /** The listing's rate now is the rate of the sale. */
  private async paid(ctx: RequestContext, reservation: Reservation, payment: Payment): Promise<void> {
    const listing = await this.listings.load(ctx, reservation.listingId);
    await this.commissions.recordSale(ctx, {
      reservationId: reservation.id,
      partnerAgencyId: reservation.partnerAgencyId,
      buyerId: reservation.buyerId,
      listingId: reservation.listingId,
      commissionRateBps: listing?.commissionRateBps ?? 0,
      paidAmount: payment.amount,
      attributionToken: reservation.attributionToken,
    });
  }

  /** A cancellation ends the sale: what its refunds left is earned. An unpaid reservation has no commission. */
  private async refunded(ctx: RequestContext, reservation: Reservation, refundedTotal: number, paidAmount: number, saleEnded: boolean): Promise<void> {
    await this.commissions.applyRefund(ctx, { reservationId: reservation.id, refundedTotal, paidAmount, saleEnded });
  }

  private async approved(ctx: RequestContext, reservation: Reservation): Promise<void> {
    await this.commissions.approveForReservation(ctx, reservation.id);
  }
}
