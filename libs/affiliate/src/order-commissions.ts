import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { OrderEvents, type Checkout, type Order, type OrderLine, type OrderLineRefund } from '../../commerce/src/index.js';
import { CommissionService } from './commission.service.js';

/**
 * One commission per goods order line (docs/RULES.md §21), following the order inside the transaction that
 * changes it, as ReservationCommissions follows reservations: only maps commerce's events to CommissionService.
 */
@Injectable()
export class OrderCommissions {
  constructor(
    events: OrderEvents,
    private readonly commissions: CommissionService,
    private readonly listings: ListingService,
  ) {
    events.inTransaction('OrderPaid', (ctx, { order, lines, checkout }) => this.paid(ctx, order, lines, checkout));
    events.inTransaction('OrderLinesRefunded', (ctx, { refunds }) => this.refunded(ctx, refunds));
    events.inTransaction('OrderConfirmed', (ctx, { lines }) => this.eachLine(lines, (sale) => this.commissions.approveSale(ctx, sale)));
    events.inTransaction('OrderEnded', (ctx, { lines }) => this.eachLine(lines, (sale) => this.commissions.reverseRemaining(ctx, sale)));
  }

  /**
   * Each line is attributed on its own with its listing's rate now; the checkout's token speaks for all of them.
   * A subscription delivery (no checkout) earns by the attribution kept at subscribe, not here.
   */
  private async paid(ctx: RequestContext, order: Order, lines: OrderLine[], checkout: Checkout | null): Promise<void> {
    if (!checkout) return;
    const listings = await Promise.all(lines.map((line) => this.listings.load(ctx, line.listingId)));
    await this.commissions.recordSales(
      ctx,
      {
        buyerId: order.buyerId,
        attributionToken: checkout.attributionToken,
        buyerOrganizationId: order.b2b?.buyerOrganizationId ?? null,
        checkoutId: checkout.id,
      },
      lines.map((line, i) => ({
        orderLineId: line.id,
        partnerAgencyId: order.partnerAgencyId,
        listingId: line.listingId,
        commissionRateBps: listings[i]?.commissionRateBps ?? 0,
        paidAmount: line.paidAmount,
      })),
    );
  }

  /** Each line's `refundedAmount` already counts this refund: the share reversed follows the line's total refunded so far. */
  private async refunded(ctx: RequestContext, refunds: OrderLineRefund[]): Promise<void> {
    for (const { line } of refunds) {
      await this.commissions.applyRefund(ctx, { orderLineId: line.id, refundedTotal: line.refundedAmount, paidAmount: line.paidAmount, saleEnded: false });
    }
  }

  private async eachLine(lines: OrderLine[], change: (sale: { orderLineId: string }) => Promise<unknown>): Promise<void> {
    for (const line of lines) await change({ orderLineId: line.id });
  }
}
