import { Injectable } from '@nestjs/common';
import { RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { paidB2BPurchase, paidOnKstDates, type PaidB2BPurchase, type PaidB2BPurchaseRow } from '../../membership/src/index.js';

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
    const rows: Array<PaidB2BPurchaseRow & { listing_id: string }> = await this.connection.manager(ctx).query(
      `SELECT r.id, r.number, r.paid_at, r.amount - r.refunded_amount AS amount, r.partner_agency_id, r.purchase_order_number, r.listing_id
         FROM reservation r
        WHERE r.buyer_organization_id = $1 AND r.paid_at >= $2 AND r.paid_at < $3 AND r.amount - r.refunded_amount > 0
        ORDER BY r.paid_at, r.number`,
      [organizationId, ...paidOnKstDates(from, to)],
    );
    const listings = await Promise.all(rows.map((row) => this.listings.load(ctx, row.listing_id)));
    return rows.map((row, i) => paidB2BPurchase('RESERVATION', row, listings[i]?.title ?? null));
  }
}
