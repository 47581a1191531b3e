import { Injectable } from '@nestjs/common';
import { ClockService, NotFoundError, RequestContext, isUuid, seoulDateOf } from '../../common/src/index.js';
import { B2BReservationReads } from '../../booking/src/index.js';
import { B2BOrderReads } from '../../commerce/src/index.js';
import { OrganizationService } from '../../identity/src/index.js';
import { B2BPurchases, CertificationService, PartnerAgencyService, type PaidB2BPurchase } from '../../membership/src/index.js';
import { TaxInvoiceService } from '../../settlement/src/index.js';
import type { PriorityPurchaseReportInput } from './dto/priority-purchase-report.input.js';
import { checkReportRange, priorityPurchaseRows, priorityPurchaseTotals } from './priority-purchase-report.js';
import { PriorityPurchase, PriorityPurchaseReport, ReportPeriod, SupplyCategory } from './priority-purchase-report.model.js';

/**
 * The priority-purchase report of a buying organization (docs/RULES.md §24), computed when asked from the
 * B2B orders and reservations as they are now. A constant number of statements whatever the size.
 */
@Injectable()
export class PriorityPurchaseReports {
  constructor(
    private readonly clock: ClockService,
    private readonly organizations: OrganizationService,
    private readonly b2bPurchases: B2BPurchases,
    private readonly agencies: PartnerAgencyService,
    private readonly certifications: CertificationService,
    private readonly orders: B2BOrderReads,
    private readonly reservations: B2BReservationReads,
    private readonly taxInvoices: TaxInvoiceService,
  ) {}

  /** Members of the organization (any role) and operators; others NOT_FOUND. Then the range (BAD_USER_INPUT). */
  async generate(ctx: RequestContext, input: PriorityPurchaseReportInput): Promise<PriorityPurchaseReport> {
    const { buyerOrganizationId, from, to } = input;
    if (!isUuid(buyerOrganizationId)) throw new NotFoundError('Organization', buyerOrganizationId);
    await this.b2bPurchases.assertMayReadPurchasesOf(ctx, buyerOrganizationId);
    checkReportRange(from, to);
    const buyerOrganization = await this.organizations.getById(ctx, buyerOrganizationId);
    const generatedAt = this.clock.now();
    const sales = [
      ...(await this.orders.paidBetween(ctx, buyerOrganizationId, from, to)),
      ...(await this.reservations.paidBetween(ctx, buyerOrganizationId, from, to)),
    ];
    const purchases = (await this.describe(ctx, sales)).sort((a, b) => a.date.localeCompare(b.date) || a.number.localeCompare(b.number));
    const groupBy = input.groupBy ?? ReportPeriod.MONTH;
    return {
      buyerOrganization,
      from,
      to,
      groupBy,
      rows: priorityPurchaseRows(purchases, groupBy, from, to),
      purchases,
      ...priorityPurchaseTotals(purchases),
      generatedAt,
    };
  }

  /** Each sale with its supplier, the certification valid on its KST payment date, its tax invoice's approval number. */
  private async describe(ctx: RequestContext, sales: readonly PaidB2BPurchase[]): Promise<PriorityPurchase[]> {
    const suppliers = await Promise.all(
      sales.map(async (sale) => {
        const agency = await this.agencies.load(ctx, sale.partnerAgencyId);
        const supplier = agency && (await this.organizations.load(ctx, agency.organizationId));
        // Agencies and organizations are never deleted under their sales.
        if (!supplier) throw new Error(`The supplier of ${sale.number} is missing`);
        return supplier;
      }),
    );
    const dates = sales.map((sale) => seoulDateOf(sale.paidAt));
    const held = await this.certifications.validOnEach(
      ctx,
      suppliers.map((supplier, i) => ({ organizationId: supplier.id, day: dates[i] })),
    );
    const approvalNumbers = await this.taxInvoices.approvalNumbersOf(ctx, sales);
    return sales.map((sale, i) => ({
      date: dates[i],
      number: sale.number,
      supplier: suppliers[i],
      supplierKind: held[i]?.kind ?? suppliers[i].kind,
      certified: held[i] !== null,
      certificateNumber: held[i]?.certificateNumber ?? null,
      category: sale.kind === 'ORDER' ? SupplyCategory.GOODS : SupplyCategory.SERVICES,
      description: sale.description,
      amount: sale.amount,
      purchaseOrderNumber: sale.purchaseOrderNumber,
      taxInvoiceApprovalNumber: approvalNumbers.get(sale.id) ?? null,
    }));
  }
}
