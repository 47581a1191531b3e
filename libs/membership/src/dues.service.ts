import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import { BUSINESS_TIME_ZONE, ClockService, addDays, DureConfig, RequestContext, TransactionalConnection, isUuid } from '../../common/src/index.js';
import { PaymentPurpose, PaymentService } from '../../payments/src/index.js';
import { anchorDayOf, daysBetween, nextPeriodStart } from './billing-calendar.js';
import { DuesInvoiceTransitions, UNPAID_INVOICE_STATUSES } from './dues-invoice-transitions.js';
import { decideDuesPayment } from './dues-payment-decision.js';
import { DuesInvoice, DuesInvoiceKind, DuesInvoiceStatus } from './dues-invoice.entity.js';
import { MembershipTier } from './membership-tier.entity.js';
import { MembershipEvents } from './membership-events.js';
import { MembershipTierService } from './membership-tier.service.js';
import { PartnerAgencyTransitions } from './partner-agency-transitions.js';
import { PartnerAgency, PartnerAgencyStatus, SuspensionCause } from './partner-agency.entity.js';

/** Agencies that keep being billed: members, whether or not suspended. */
const BILLED_STATUSES = [PartnerAgencyStatus.ACTIVE, PartnerAgencyStatus.SUSPENDED];

/**
 * `duesPaidThrough`: the last day of the latest paid period in the unbroken run of paid regular invoices
 * from the first one; null before the first is paid.
 */
export function duesPaidThrough(invoices: readonly DuesInvoice[]): string | null {
  let through: string | null = null;
  const regular = invoices
    .filter((invoice) => invoice.kind === DuesInvoiceKind.REGULAR && invoice.status !== DuesInvoiceStatus.VOID)
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  for (const invoice of regular) {
    if (invoice.status !== DuesInvoiceStatus.PAID) break;
    through = invoice.periodEnd;
  }
  return through;
}

/** Dues invoices (docs/RULES.md §5): issuing them with their payments, overdue and suspension, voiding, being paid. */
@Injectable()
export class DuesService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly tiers: MembershipTierService,
    private readonly agencyTransitions: PartnerAgencyTransitions,
    private readonly invoiceTransitions: DuesInvoiceTransitions,
    private readonly payments: PaymentService,
    private readonly events: MembershipEvents,
  ) {}

  /** Every invoice of the agency by the day its period starts, then in the order issued; batched per request. */
  async invoicesOf(ctx: RequestContext, partnerAgencyId: string): Promise<DuesInvoice[]> {
    const invoices = await this.connection.loadMany(
      ctx,
      DuesInvoice,
      'partner_agency_id',
      partnerAgencyId,
      (invoice) => invoice.partnerAgencyId,
      'period_start',
    );
    return [...invoices].sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.createdAt.getTime() - b.createdAt.getTime());
  }

  load(ctx: RequestContext, id: string): Promise<DuesInvoice | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.connection.loadOne(ctx, DuesInvoice, 'id', id, (invoice) => invoice.id);
  }

  /** At approval: the billing schedule starts today with the agency's tier, and the first invoice is issued. */
  async startBilling(ctx: RequestContext, agency: PartnerAgency): Promise<void> {
    const tier = await this.tiers.getById(ctx, agency.tierId);
    agency.billingAnchor = this.clock.today();
    agency.billingPeriod = tier.billingPeriod;
    await this.connection.getRepository(ctx, PartnerAgency).update(agency.id, { billingAnchor: agency.billingAnchor, billingPeriod: agency.billingPeriod });
    await this.issueRegularInvoice(ctx, agency, agency.billingAnchor);
  }

  /**
   * Issues every regular invoice whose issue day has come (docs/RULES.md §5: 7 days before the current period
   * ends), catching up on periods a stopped server missed. Locks the agency first, so concurrent sweeps
   * take turns and the second finds the invoice already there. Returns how many it issued.
   */
  async issueDueInvoices(ctx: RequestContext, partnerAgencyId: string): Promise<number> {
    const agency = await this.agencyTransitions.lock(ctx, partnerAgencyId);
    if (!BILLED_STATUSES.includes(agency.status)) return 0;
    let issued = 0;
    for (;;) {
      const next = await this.nextUninvoicedPeriodStart(ctx, agency.id);
      if (!next || daysBetween(this.clock.today(), next) > this.config.duesIssueAheadDays) return issued;
      if (await this.issueRegularInvoice(ctx, agency, next)) issued++;
    }
  }

  /** Agencies in the billed statuses whose next invoice is due to be issued. */
  async agenciesDueForInvoice(ctx: RequestContext): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.connection.manager(ctx).query(
      `SELECT agency.id FROM partner_agency agency
        WHERE agency.status = ANY($1)
          AND (SELECT MAX(invoice.period_end) FROM dues_invoice invoice
                WHERE invoice.partner_agency_id = agency.id AND invoice.kind = 'REGULAR' AND invoice.status <> 'VOID') + 1 - $2::int <= $3::date
        ORDER BY agency.id`,
      [BILLED_STATUSES, this.config.duesIssueAheadDays, this.clock.today()],
    );
    return rows.map((row) => row.id);
  }

  /** The first day no regular invoice covers yet (the day after the last invoiced period). */
  async nextUninvoicedPeriodStart(ctx: RequestContext, partnerAgencyId: string): Promise<string | null> {
    const last = await this.connection
      .getRepository(ctx, DuesInvoice)
      .createQueryBuilder('invoice')
      .where('invoice.partnerAgencyId = :partnerAgencyId AND invoice.kind = :kind AND invoice.status <> :void', {
        partnerAgencyId,
        kind: DuesInvoiceKind.REGULAR,
        void: DuesInvoiceStatus.VOID,
      })
      .orderBy('invoice.periodEnd', 'DESC')
      .getOne();
    return last ? addDays(last.periodEnd, 1) : null;
  }

  /**
   * The regular invoice for the period starting on `periodStart`, at the tier in force then (a scheduled
   * downgrade from that day on). A tier with another period length restarts the schedule there. Returns
   * null when that period was invoiced already (the partial unique index decides).
   */
  async issueRegularInvoice(ctx: RequestContext, agency: PartnerAgency, periodStart: string): Promise<DuesInvoice | null> {
    const tierId = agency.scheduledTierFrom === periodStart ? agency.scheduledTierId! : agency.tierId;
    const tier = await this.tiers.getById(ctx, tierId);
    if (tier.billingPeriod !== agency.billingPeriod) {
      agency.billingAnchor = periodStart;
      agency.billingPeriod = tier.billingPeriod;
      await this.connection.getRepository(ctx, PartnerAgency).update(agency.id, { billingAnchor: periodStart, billingPeriod: tier.billingPeriod });
    }
    const end = addDays(nextPeriodStart(periodStart, tier.billingPeriod, anchorDayOf(agency.billingAnchor!)), -1);
    return this.createInvoice(ctx, agency, tier, DuesInvoiceKind.REGULAR, periodStart, end, tier.duesAmount);
  }

  /**
   * Inserts an OPEN invoice due on its first day with the payment that collects it; null, creating
   * nothing, when the partial unique index says that period is invoiced already.
   */
  async createInvoice(
    ctx: RequestContext,
    agency: PartnerAgency,
    tier: MembershipTier,
    kind: DuesInvoiceKind,
    periodStart: string,
    periodEnd: string,
    amount: number,
  ): Promise<DuesInvoice | null> {
    const repo = this.connection.getRepository(ctx, DuesInvoice);
    const invoice = repo.create({
      partnerAgencyId: agency.id,
      tierId: tier.id,
      kind,
      periodStart,
      periodEnd,
      amount,
      status: DuesInvoiceStatus.OPEN,
      dueDate: periodStart,
      paidAt: null,
      paymentId: null,
      createdAt: this.clock.now(),
    });
    const { raw } = await repo.createQueryBuilder().insert().values(invoice).orIgnore().returning('id').updateEntity(false).execute();
    const inserted = (raw as Array<{ id: string }>)[0];
    if (!inserted) return null;
    invoice.id = inserted.id;
    const what = kind === DuesInvoiceKind.REGULAR ? tier.code : `${tier.code} 변경 차액`;
    const payment = await this.payments.createPayment(ctx, {
      purpose: PaymentPurpose.DUES_INVOICE,
      referenceId: invoice.id,
      amount,
      orderName: `두레 회비 ${what} ${periodStart}~${periodEnd}`,
    });
    invoice.paymentId = payment.id;
    await repo.update(invoice.id, { paymentId: payment.id });
    await this.events.publish(ctx, 'DuesInvoiceIssued', { invoice });
    return invoice;
  }

  /** Nothing is owed any more: the invoice becomes VOID and its payment can no longer be paid. */
  async voidInvoice(ctx: RequestContext, invoiceId: string): Promise<void> {
    const invoice = await this.invoiceTransitions.transition(ctx, invoiceId, DuesInvoiceStatus.VOID);
    if (invoice.paymentId) await this.payments.abandon(ctx, invoice.paymentId);
  }

  /**
   * docs/RULES.md §5: an OPEN invoice past its due date is OVERDUE (all of them, or one agency's). Invoices another
   * transaction holds are left to it.
   */
  async markOverdue(ctx: RequestContext, partnerAgencyId?: string): Promise<number> {
    const query = this.connection
      .getRepository(ctx, DuesInvoice)
      .createQueryBuilder('invoice')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('invoice.status = :open AND invoice.dueDate < :today', { open: DuesInvoiceStatus.OPEN, today: this.clock.today() })
      .orderBy('invoice.id');
    if (partnerAgencyId) query.andWhere('invoice.partnerAgencyId = :partnerAgencyId', { partnerAgencyId });
    const due = await query.getMany();
    for (const invoice of due) {
      await this.invoiceTransitions.apply(ctx, invoice, DuesInvoiceStatus.OVERDUE);
      await this.events.publish(ctx, 'DuesInvoiceOverdue', { invoice });
    }
    return due.length;
  }

  /**
   * ACTIVE agencies with an invoice unpaid more than the grace days (14) past its due date, counted from
   * the later of the due date and the day the agency last became ACTIVE: an operator's reinstatement
   * gives a fresh grace period rather than being undone by the next sweep.
   */
  async agenciesPastGrace(ctx: RequestContext, partnerAgencyId?: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.connection.manager(ctx).query(
      `SELECT DISTINCT agency.id FROM partner_agency agency
         JOIN dues_invoice invoice ON invoice.partner_agency_id = agency.id AND invoice.status = 'OVERDUE'
        WHERE agency.status = 'ACTIVE' AND ($3::uuid IS NULL OR agency.id = $3)
          AND GREATEST(invoice.due_date, (agency.status_changed_at AT TIME ZONE $4)::date) + $1::int < $2::date
        ORDER BY agency.id`,
      [this.config.duesGraceDays, this.clock.today(), partnerAgencyId ?? null, BUSINESS_TIME_ZONE],
    );
    return rows.map((row) => row.id);
  }

  /** Suspends the agency for dues if, once locked, it still qualifies (a payment may have just landed). */
  async suspendIfPastGrace(ctx: RequestContext, partnerAgencyId: string): Promise<boolean> {
    const agency = await this.agencyTransitions.lock(ctx, partnerAgencyId);
    if (!(await this.agenciesPastGrace(ctx, partnerAgencyId)).length) return false;
    await this.agencyTransitions.apply(ctx, agency, PartnerAgencyStatus.SUSPENDED, (row) => {
      row.suspensionCause = SuspensionCause.DUES;
      row.statusReason = 'Dues unpaid after the grace period';
    });
    return true;
  }

  /** On withdrawal (퇴점): nothing more is owed. */
  async voidUnpaid(ctx: RequestContext, partnerAgencyId: string): Promise<void> {
    const unpaid = await this.connection
      .getRepository(ctx, DuesInvoice)
      .createQueryBuilder('invoice')
      .where('invoice.partnerAgencyId = :partnerAgencyId AND invoice.status = ANY(:unpaid)', { partnerAgencyId, unpaid: UNPAID_INVOICE_STATUSES })
      .getMany();
    for (const invoice of unpaid) await this.voidInvoice(ctx, invoice.id);
  }

  /**
   * The invoice is paid: it becomes PAID, and the agency changes as `decideDuesPayment` says. Returns null,
   * changing nothing, for an invoice no longer payable (VOID): its money is refused.
   */
  async markPaid(ctx: RequestContext, invoiceId: string): Promise<DuesInvoice | null> {
    const invoice = await this.invoiceTransitions.lock(ctx, invoiceId);
    const agency = await this.agencyTransitions.lock(ctx, invoice.partnerAgencyId);
    const decision = decideDuesPayment({ invoice, agency, otherInvoiceOverdue: await this.hasOverdue(ctx, agency.id, invoice.id) });
    if (decision.refuse) return null;
    await this.invoiceTransitions.apply(ctx, invoice, DuesInvoiceStatus.PAID);
    if (decision.agency === 'activate') {
      await this.agencyTransitions.apply(ctx, agency, PartnerAgencyStatus.ACTIVE, (row) => (row.activatedAt ??= invoice.paidAt));
    } else if (decision.agency === 'reinstate') {
      await this.agencyTransitions.apply(ctx, agency, PartnerAgencyStatus.ACTIVE, (row) => (row.statusReason = null));
    }
    return invoice;
  }

  private hasOverdue(ctx: RequestContext, partnerAgencyId: string, besidesInvoiceId: string): Promise<boolean> {
    return this.connection.getRepository(ctx, DuesInvoice).existsBy({ partnerAgencyId, status: DuesInvoiceStatus.OVERDUE, id: Not(besidesInvoiceId) });
  }
}
