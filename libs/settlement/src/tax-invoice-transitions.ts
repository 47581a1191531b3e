import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { TaxInvoice, TaxInvoiceStatus } from './tax-invoice.entity.js';

/**
 * docs/RULES.md §23's tax-invoice table. A row starts PENDING, or NOT_REQUIRED when paid by card. ISSUABLE
 * may still become NOT_REQUIRED: a refund before the supplier issued it that leaves nothing.
 */
const TAX_INVOICE_STATES = new StateMachine<TaxInvoiceStatus>('TaxInvoice', {
  [TaxInvoiceStatus.PENDING]: [TaxInvoiceStatus.ISSUABLE, TaxInvoiceStatus.NOT_REQUIRED],
  [TaxInvoiceStatus.ISSUABLE]: [TaxInvoiceStatus.ISSUED, TaxInvoiceStatus.NOT_REQUIRED],
});

@Injectable()
export class TaxInvoiceTransitions extends StatusTransitions<TaxInvoiceStatus, TaxInvoice> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, TaxInvoice, TAX_INVOICE_STATES, { changedAt: 'updatedAt' });
  }
}
