import { Injectable } from '@nestjs/common';
import { InTransactionEvents } from '../../common/src/index.js';
import type { SettlementStatement } from './settlement-statement.entity.js';
import type { TaxInvoice } from './tax-invoice.entity.js';

/** What happened to an agency's settlement or tax invoices that its people (or operators) must hear about. */
export interface SettlementEventMap {
  /** The statement's net was transferred (PAID). */
  SettlementPaid: { statement: SettlementStatement };
  /**
   * A refund left less kept than an ISSUED tax invoice states: it needs a 수정세금계산서, which Dure does not
   * model (docs/RULES.md §23). `invoice` is as issued; `keptTotal` is what the sale keeps now.
   */
  TaxInvoiceAmendmentNeeded: { invoice: TaxInvoice; keptTotal: number };
}

/** The settlement library's in-transaction hook (docs/ARCHITECTURE.md): notifications subscribe. */
@Injectable()
export class SettlementEvents extends InTransactionEvents<SettlementEventMap> {}
