import { Injectable } from '@nestjs/common';
import { RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { TaxInvoice, TaxInvoiceStatus } from './tax-invoice.entity.js';

/** An order or a reservation, as the priority-purchase report names its purchases. */
export interface TaxInvoiceSale {
  kind: 'ORDER' | 'RESERVATION';
  id: string;
}

/** Tax-invoice data of B2B sales (docs/RULES.md §23): reads, the supplier's record of issue, who may see them (§25). */
@Injectable()
export class TaxInvoiceService {
  constructor(private readonly connection: TransactionalConnection) {}

  /**
   * The NTS approval number of each sale's issued invoice, keyed by the sale's id: the 세금계산서's, else
   * (an all tax-free sale) the 계산서's; null for a sale without an issued invoice. One query; no access
   * check (the caller decided who may read these sales).
   */
  async approvalNumbersOf(ctx: RequestContext, sales: readonly TaxInvoiceSale[]): Promise<Map<string, string | null>> {
    const ids = (kind: TaxInvoiceSale['kind']) => sales.filter((sale) => sale.kind === kind).map((sale) => sale.id);
    const issued = sales.length
      ? await this.connection
          .getRepository(ctx, TaxInvoice)
          .createQueryBuilder('invoice')
          .where('invoice.status = :issued', { issued: TaxInvoiceStatus.ISSUED })
          .andWhere('(invoice.order_id = ANY(:orderIds) OR invoice.reservation_id = ANY(:reservationIds))', {
            orderIds: ids('ORDER'),
            reservationIds: ids('RESERVATION'),
          })
          .getMany()
      : [];
    const numbers = new Map<string, string | null>(sales.map((sale) => [sale.id, null]));
    for (const invoice of issued) numbers.set((invoice.orderId ?? invoice.reservationId)!, invoice.approvalNumber ?? invoice.taxFreeApprovalNumber);
    return numbers;
  }
}
