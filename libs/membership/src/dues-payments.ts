import { Injectable } from '@nestjs/common';
import { ForbiddenError, InvalidStateError, NotFoundError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { ACTING_ROLES, OrganizationService } from '../../identity/src/index.js';
import { AccountKind, JournalEntryKind, account } from '../../ledger/src/index.js';
import {
  PaymentPurpose,
  PaymentService,
  type AllocationLine,
  type Payment,
  type PaymentAllocation,
  type PaymentPurposeHandler,
} from '../../payments/src/index.js';
import { DuesInvoiceTransitions, UNPAID_INVOICE_STATUSES } from './dues-invoice-transitions.js';
import { DuesInvoice } from './dues-invoice.entity.js';
import { DuesService } from './dues.service.js';
import { PartnerAgencyTransitions } from './partner-agency-transitions.js';

/** Dues income is platform revenue (docs/RULES.md §5); the ledger entry is posted by payments with the capture. */
const DUES_REVENUE = account(AccountKind.PLATFORM_REVENUE_DUES);

/**
 * Paying dues invoices through the payments library: the DUES_INVOICE purpose and `payDuesInvoice`. The
 * purpose is registered on construction, before demo data is seeded (which pays the demo agency's dues).
 */
@Injectable()
export class DuesPayments implements PaymentPurposeHandler {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly payments: PaymentService,
    private readonly organizations: OrganizationService,
    private readonly dues: DuesService,
    private readonly agencyTransitions: PartnerAgencyTransitions,
    private readonly invoiceTransitions: DuesInvoiceTransitions,
  ) {
    payments.registerPurpose(PaymentPurpose.DUES_INVOICE, this);
  }

  /**
   * By an OWNER or MANAGER of the agency's organization, for an OPEN or OVERDUE invoice. The agency and
   * the invoice are locked (in that order, as the sweep and withdrawal lock them) while the provider is
   * asked, so a withdrawal or a second payment waits for the outcome.
   */
  async pay(ctx: RequestContext, input: { id: string; paymentKey: string }): Promise<DuesInvoice> {
    const invoice = await this.dues.load(ctx, input.id);
    const agency = invoice ? await this.agencyTransitions.lock(ctx, invoice.partnerAgencyId) : null;
    const role = agency ? await this.organizations.roleOf(ctx, agency.organizationId) : null;
    if (!invoice || !(role || ctx.isOperator)) throw new NotFoundError('Dues invoice', input.id);
    if (!role || !ACTING_ROLES.includes(role)) throw new ForbiddenError("Only the agency's owners and managers may pay its dues");
    const locked = await this.invoiceTransitions.lock(ctx, invoice.id);
    if (!UNPAID_INVOICE_STATUSES.includes(locked.status) || !locked.paymentId) throw new InvalidStateError(`A ${locked.status} invoice cannot be paid`);
    await this.payments.confirm(ctx, { paymentId: locked.paymentId, paymentKey: input.paymentKey });
    return this.connection.getRepository(ctx, DuesInvoice).findOneByOrFail({ id: invoice.id });
  }

  /** In the capture's transaction: the invoice is paid (the agency activated or reactivated), or the money refused. */
  async onPaid(ctx: RequestContext, payment: Payment): Promise<PaymentAllocation | null> {
    const invoice = await this.dues.markPaid(ctx, payment.referenceId);
    return invoice ? { entryKind: JournalEntryKind.DUES_PAID, credits: [{ account: DUES_REVENUE, amount: payment.amount }] } : null;
  }

  /** A refunded payment gives back dues revenue; the invoice stays PAID (a refund is the operator's decision). */
  async onRefunded(_ctx: RequestContext, _payment: Payment, amount: number): Promise<AllocationLine[]> {
    return [{ account: DUES_REVENUE, amount }];
  }

  payment(ctx: RequestContext, invoice: DuesInvoice): Promise<Payment | null> {
    return invoice.paymentId ? this.payments.load(ctx, invoice.paymentId) : Promise.resolve(null);
  }
}
