import { UNPAID_INVOICE_STATUSES } from './dues-invoice-transitions.js';
import { DuesInvoiceKind, type DuesInvoice } from './dues-invoice.entity.js';
import { PartnerAgencyStatus, SuspensionCause, type PartnerAgency } from './partner-agency.entity.js';

/** What paying a dues invoice depends on, loaded (and locked) by `DuesService.markPaid`. */
export interface DuesPaymentFacts {
  invoice: Pick<DuesInvoice, 'status' | 'kind'>;
  agency: Pick<PartnerAgency, 'status' | 'suspensionCause'>;
  /** Another invoice of the agency is OVERDUE (this one stops being so once paid). */
  otherInvoiceOverdue: boolean;
}

/**
 * `refuse`: the invoice is no longer payable (VOID, or PAID already) and its money is refused. Otherwise the
 * invoice becomes PAID and the agency is `activate`d (its first regular invoice), `reinstate`d (suspended for
 * dues and nothing else OVERDUE) or left as it is (`null`).
 */
export type DuesPaymentDecision = { refuse: true } | { refuse: false; agency: 'activate' | 'reinstate' | null };

/** docs/RULES.md §5: what paying a dues invoice does. */
export function decideDuesPayment({ invoice, agency, otherInvoiceOverdue }: DuesPaymentFacts): DuesPaymentDecision {
  if (!UNPAID_INVOICE_STATUSES.includes(invoice.status)) return { refuse: true };
  if (agency.status === PartnerAgencyStatus.AWAITING_DUES && invoice.kind === DuesInvoiceKind.REGULAR) return { refuse: false, agency: 'activate' };
  const suspendedForDues = agency.status === PartnerAgencyStatus.SUSPENDED && agency.suspensionCause === SuspensionCause.DUES;
  return { refuse: false, agency: suspendedForDues && !otherInvoiceOverdue ? 'reinstate' : null };
}
