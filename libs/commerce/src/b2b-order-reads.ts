import { Injectable } from '@nestjs/common';
import { RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { paidB2BPurchase, paidOnKstDates, type PaidB2BPurchase, type PaidB2BPurchaseRow } from '../../membership/src/index.js';

/** Orders bought for organizations, read for reports above commerce (docs/RULES.md §24); no access check here. */
@Injectable()
export class B2BOrderReads {
  constructor(private readonly connection: TransactionalConnection) {}

  /**
   * The organization's orders (goods and subscription deliveries) paid on a KST date in [from, to] that keep
   * money now (paid − refunded > 0), with their lines' titles in cart order. One statement.
   */
  async paidBetween(ctx: RequestContext, organizationId: string, from: string, to: string): Promise<PaidB2BPurchase[]> {
    const rows: Array<PaidB2BPurchaseRow & { description: string | null }> = await this.connection.manager(ctx).query(
      `SELECT o.id, o.number, o.paid_at, o.total - o.refunded_amount AS amount, o.partner_agency_id, o.purchase_order_number,
              (SELECT string_agg(line.title, ', ' ORDER BY line.position) FROM order_line line WHERE line.order_id = o.id) AS description
         FROM commerce_order o
        WHERE o.buyer_organization_id = $1 AND o.paid_at >= $2 AND o.paid_at < $3 AND o.total - o.refunded_amount > 0
        ORDER BY o.paid_at, o.number`,
      [organizationId, ...paidOnKstDates(from, to)],
    );
    return rows.map((row) => paidB2BPurchase('ORDER', row, row.description));
  }
}
