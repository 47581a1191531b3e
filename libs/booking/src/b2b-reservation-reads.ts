import { Injectable } from '@nestjs/common';
import { RequestContext, TransactionalConnection, endOfSeoulDay, startOfSeoulDay } from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import type { PaidB2BPurchase } from '../../membership/src/index.js';

/** Reservations bought for organizations, read for reports above booking (docs/RULES.md §24); no access check here. */
@Injectable()
export class B2BReservationReads {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly listings: ListingService,
  ) {}

  /**
   * The organization's reservations paid on a KST date in [from, to] that keep money now (paid − refunded
   * > 0), described by their listings' titles. Two statements: the reservations, their listings (batched).
   */
  async paidBetween(ctx: RequestContext, organizationId: string, from: string, to: string): Promise<PaidB2BPurchase[]> {
    const rows: Array<{
      id: string;
      number: string;
      paid_at: Date;
      amount: string;
      partner_agency_id: string;
      listing_id: string;
      purchase_order_number: string | null;
    }> = await this.connection.manager(ctx).query(
      `SELECT r.id, r.number, r.paid_at, r.amount - r.refunded_amount AS amount, r.partner_agency_id, r.listing_id, r.purchase_order_number
           FROM reservation r
          WHERE r.buyer_organization_id = $1 AND r.paid_at >= $2 AND r.paid_at < $3 AND r.amount - r.refunded_amount > 0
          ORDER BY r.paid_at, r.number`,
      [organizationId, startOfSeoulDay(from), endOfSeoulDay(to)],
    );
    const listings = await Promise.all(rows.map((row) => this.listings.load(ctx, row.listing_id)));
    return rows.map((row, i) => ({
      kind: 'RESERVATION',
      id: row.id,
      number: row.number,
      paidAt: row.paid_at,
      amount: Number(row.amount),
      partnerAgencyId: row.partner_agency_id,
      description: listings[i]?.title ?? '',
      purchaseOrderNumber: row.purchase_order_number,
    }));
  }
}
