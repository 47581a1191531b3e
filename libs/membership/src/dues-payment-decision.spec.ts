import { decideDuesPayment, type DuesPaymentFacts } from './dues-payment-decision.js';
import { DuesInvoiceKind, DuesInvoiceStatus } from './dues-invoice.entity.js';
import { PartnerAgencyStatus, SuspensionCause } from './partner-agency.entity.js';

const { REGULAR, PRORATED } = DuesInvoiceKind;
const { OPEN, OVERDUE, PAID, VOID } = DuesInvoiceStatus;
const { AWAITING_DUES, ACTIVE, SUSPENDED, WITHDRAWN } = PartnerAgencyStatus;

function facts(
  invoice: Partial<DuesPaymentFacts['invoice']> = {},
  agency: Partial<DuesPaymentFacts['agency']> = {},
  otherInvoiceOverdue = false,
): DuesPaymentFacts {
  return { invoice: { status: OPEN, kind: REGULAR, ...invoice }, agency: { status: ACTIVE, suspensionCause: null, ...agency }, otherInvoiceOverdue };
}

describe('decideDuesPayment', () => {
  it('refuses the money of an invoice no longer payable, whatever the agency', () => {
    for (const status of [VOID, PAID]) {
      expect(decideDuesPayment(facts({ status }, { status: AWAITING_DUES }))).toEqual({ refuse: true });
      expect(decideDuesPayment(facts({ status }, { status: WITHDRAWN }))).toEqual({ refuse: true });
    }
  });

  it('pays an OPEN or OVERDUE invoice of an ACTIVE agency and leaves the agency as it is', () => {
    expect(decideDuesPayment(facts({ status: OPEN }))).toEqual({ refuse: false, agency: null });
    expect(decideDuesPayment(facts({ status: OVERDUE }))).toEqual({ refuse: false, agency: null });
  });

  it('activates an agency AWAITING_DUES with its regular invoice, not with a prorated one', () => {
    expect(decideDuesPayment(facts({ kind: REGULAR }, { status: AWAITING_DUES }))).toEqual({ refuse: false, agency: 'activate' });
    expect(decideDuesPayment(facts({ kind: PRORATED }, { status: AWAITING_DUES }))).toEqual({ refuse: false, agency: null });
  });

  it('reinstates an agency suspended for dues once no other invoice is OVERDUE', () => {
    const suspended = { status: SUSPENDED, suspensionCause: SuspensionCause.DUES };
    expect(decideDuesPayment(facts({ status: OVERDUE }, suspended))).toEqual({ refuse: false, agency: 'reinstate' });
    expect(decideDuesPayment(facts({ status: OVERDUE }, suspended, true))).toEqual({ refuse: false, agency: null });
  });

  it('never lifts an operator’s suspension', () => {
    expect(decideDuesPayment(facts({ status: OVERDUE }, { status: SUSPENDED, suspensionCause: SuspensionCause.OPERATOR }))).toEqual({
      refuse: false,
      agency: null,
    });
  });
});
