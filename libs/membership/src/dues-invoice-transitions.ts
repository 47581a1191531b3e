import { Injectable } from '@nestjs/common';
import { RequestContext, StateMachine, TransactionalConnection } from '../../common/src/index.js';
import { DuesInvoice, DuesInvoiceStatus as S } from './dues-invoice.entity.js';

/** PAID and VOID are final. */
const DUES_INVOICE_STATES = new StateMachine<S>('Dues invoice', {
  [S.OPEN]: [S.PAID, S.OVERDUE, S.VOID],
  [S.OVERDUE]: [S.PAID, S.VOID],
});

export const UNPAID_INVOICE_STATUSES: readonly S[] = [S.OPEN, S.OVERDUE];

@Injectable()
export class DuesInvoiceTransitions {
  constructor(private readonly connection: TransactionalConnection) {}

  /** The invoice row, locked (SELECT … FOR UPDATE) until the transaction ends. */
  lock(ctx: RequestContext, id: string): Promise<DuesInvoice> {
    return this.connection.lock(ctx, DuesInvoice, id, 'Dues invoice');
  }

  /** The only way an invoice's status changes: locked, checked against the table, then saved. */
  async transition(ctx: RequestContext, id: string, to: S, change?: (invoice: DuesInvoice) => void): Promise<DuesInvoice> {
    const invoice = await this.lock(ctx, id);
    DUES_INVOICE_STATES.assert(invoice.status, to);
    change?.(invoice);
    invoice.status = to;
    return this.connection.getRepository(ctx, DuesInvoice).save(invoice);
  }
}
