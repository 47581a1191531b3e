import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { DuesInvoice, DuesInvoiceStatus as S } from './dues-invoice.entity.js';

/** PAID and VOID are final. */
const DUES_INVOICE_STATES = new StateMachine<S>('Dues invoice', {
  [S.OPEN]: [S.PAID, S.OVERDUE, S.VOID],
  [S.OVERDUE]: [S.PAID, S.VOID],
});

export const UNPAID_INVOICE_STATUSES: readonly S[] = [S.OPEN, S.OVERDUE];

/** The only way an invoice's status changes; paying it stamps `paidAt`. */
@Injectable()
export class DuesInvoiceTransitions extends StatusTransitions<S, DuesInvoice> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, DuesInvoice, DUES_INVOICE_STATES, { enteredAt: { [S.PAID]: 'paidAt' } });
  }
}
