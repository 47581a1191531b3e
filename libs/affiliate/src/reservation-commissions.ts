import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { ReservationEvents, type Reservation } from '../../booking/src/index.js';
import type { Payment } from '../../payments/src/index.js';
import { CommissionService } from './commission.service.js';

/**
 * Commissions follow reservations inside the transaction that changes the reservation (docs/RULES.md §10), so
 * the response of payReservation, cancelReservation or completeReservation already shows them, and a
 * rolled-back change leaves no commission behind. Only maps booking's events to CommissionService, as
 * OrderCommissions does commerce's.
 */
@Injectable()
export class ReservationCommissions {
  constructor(
    events: ReservationEvents,
    private readonly commissions: CommissionService,
    private readonly listings: ListingService,
  ) {
    events.inTransaction('ReservationPaid', (ctx, { reservation, payment }) => this.paid(ctx, reservation, payment));
    // A cancellation's refund comes with ReservationCancelled only, so each refund is applied once.
    events.inTransaction('ReservationRefunded', (ctx, { reservation }) => this.refunded(ctx, reservation, false));
    events.inTransaction('ReservationCancelled', (ctx, { reservation }) => this.refunded(ctx, reservation, true));
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
      buyerOrganizationId: reservation.b2b?.buyerOrganizationId ?? null,
    });
  }

  /**
   * The reservation's refunded total already counts the event's refund. A cancellation ends the sale: what
   * its refunds left is earned. An unpaid reservation has no commission.
   */
  private async refunded(ctx: RequestContext, reservation: Reservation, saleEnded: boolean): Promise<void> {
    await this.commissions.applyRefund(ctx, {
      reservationId: reservation.id,
      refundedTotal: reservation.refundedAmount,
      paidAmount: reservation.amount,
      saleEnded,
    });
  }

  private async approved(ctx: RequestContext, reservation: Reservation): Promise<void> {
    await this.commissions.approveSale(ctx, { reservationId: reservation.id });
  }
}
