import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  paginate,
  type Page,
  type PageArgs,
} from '../../common/src/index.js';
import { ACTING_ROLES } from '../../identity/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import { isApprovalNumber, normalizedApprovalNumber } from './approval-number.js';
import type { RecordTaxInvoiceInput } from './dto/tax-invoice.inputs.js';
import { TaxInvoice, TaxInvoiceStatus } from './tax-invoice.entity.js';
import { TaxInvoiceTransitions } from './tax-invoice-transitions.js';

/** An order or a reservation, as the priority-purchase report names its purchases. */
export interface TaxInvoiceSale {
  kind: 'ORDER' | 'RESERVATION';
  id: string;
}

/** Filters of `taxInvoices`. */
export interface TaxInvoiceFilter {
  partnerAgencyId?: string | null;
  status?: TaxInvoiceStatus | null;
  overdueOnly?: boolean | null;
}

/**
 * Tax-invoice data of B2B sales (docs/RULES.md §23): the agency's list, the supplier's record of issue, the
 * overdue flag, and who may read them (§25: the buyer, the buyer organization's members through the sale,
 * the agency's members and operators). TaxInvoiceRecorder writes them as the sales move.
 */
@Injectable()
export class TaxInvoiceService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly agencies: PartnerAgencyService,
    private readonly transitions: TaxInvoiceTransitions,
  ) {}

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

  /** `Order.taxInvoice`: whoever may read the order may read its invoice (§25); batched per request. */
  ofOrder(ctx: RequestContext, orderId: string): Promise<TaxInvoice | null> {
    return this.connection.loadOne(ctx, TaxInvoice, 'order_id', orderId, (invoice) => invoice.orderId!);
  }

  /** `Reservation.taxInvoice`, likewise. */
  ofReservation(ctx: RequestContext, reservationId: string): Promise<TaxInvoice | null> {
    return this.connection.loadOne(ctx, TaxInvoice, 'reservation_id', reservationId, (invoice) => invoice.reservationId!);
  }

  /** ISSUABLE and past dueOn (KST): shown to the agency's members and operators only, others FORBIDDEN. */
  async overdue(ctx: RequestContext, invoice: TaxInvoice): Promise<boolean> {
    if (!ctx.isOperator && !(await this.agencies.memberRole(ctx, invoice.partnerAgencyId))) {
      throw new ForbiddenError("Only the supplying agency's members and operators see whether a tax invoice is overdue");
    }
    return isOverdue(invoice, this.clock.today());
  }

  /** Newest first; agency members (any role) must name their agency, operators may list all. */
  async list(ctx: RequestContext, filter: TaxInvoiceFilter, page: PageArgs): Promise<Page<TaxInvoice>> {
    ctx.requireUser();
    if (filter.partnerAgencyId) await this.agencies.assertMemberOrOperator(ctx, filter.partnerAgencyId);
    else if (!ctx.isOperator) throw BadUserInputError.field('partnerAgencyId', "is required: your partner agency's id");
    const query = this.connection.getRepository(ctx, TaxInvoice).createQueryBuilder('invoice');
    if (filter.partnerAgencyId) query.andWhere('invoice.partner_agency_id = :agency', { agency: filter.partnerAgencyId });
    if (filter.status) query.andWhere('invoice.status = :status', { status: filter.status });
    if (filter.overdueOnly)
      query.andWhere('invoice.status = :issuable AND invoice.due_on < :today', { issuable: TaxInvoiceStatus.ISSUABLE, today: this.clock.today() });
    return paginate(query, page, [
      { expression: 'invoice.created_at', direction: 'DESC', valueOf: (row) => row.createdAt },
      { expression: 'invoice.id', direction: 'DESC', valueOf: (row) => row.id },
    ]);
  }

  /**
   * The agency's OWNER or MANAGER records what the NTS answered (never an operator, §25): ISSUABLE → ISSUED.
   * The 세금계산서 number is required exactly when there is a taxable part, the 계산서 number when there is a
   * tax-free part; issuedOn lies between writtenOn and today.
   */
  async record(ctx: RequestContext, input: RecordTaxInvoiceInput): Promise<TaxInvoice> {
    const visible = await this.visibleToAgency(ctx, input.taxInvoiceId);
    const role = await this.agencies.memberRole(ctx, visible.partnerAgencyId);
    if (!role || !ACTING_ROLES.includes(role)) throw new ForbiddenError("Only the supplying agency's owners and managers may record its tax invoice");
    const invoice = await this.transitions.lock(ctx, visible.id);
    if (invoice.status !== TaxInvoiceStatus.ISSUABLE) throw new InvalidStateError(`A ${invoice.status} tax invoice cannot be recorded as issued`);
    const approvalNumber = approvalNumberOf('approvalNumber', input.approvalNumber, invoice.supplyValue + invoice.vat > 0);
    const taxFreeApprovalNumber = approvalNumberOf('taxFreeApprovalNumber', input.taxFreeApprovalNumber, invoice.taxFreeAmount > 0);
    if (input.issuedOn > this.clock.today()) throw BadUserInputError.field('issuedOn', 'must not be after today');
    if (invoice.writtenOn && input.issuedOn < invoice.writtenOn)
      throw BadUserInputError.field('issuedOn', `must not be before writtenOn (${invoice.writtenOn})`);
    return this.transitions.apply(ctx, invoice, TaxInvoiceStatus.ISSUED, (row) =>
      Object.assign(row, { approvalNumber, taxFreeApprovalNumber, issuedOn: input.issuedOn }),
    );
  }

  /** The invoice for its agency's members and operators; anyone else NOT_FOUND (no existence leak). */
  private async visibleToAgency(ctx: RequestContext, id: string): Promise<TaxInvoice> {
    ctx.requireUser();
    const invoice = isUuid(id) ? await this.connection.loadOne(ctx, TaxInvoice, 'id', id, (row) => row.id) : null;
    if (!invoice || !(ctx.isOperator || (await this.agencies.memberRole(ctx, invoice.partnerAgencyId)))) throw new NotFoundError('TaxInvoice', id);
    return invoice;
  }
}

/** ISSUABLE and `today` (KST) after its dueOn. */
export function isOverdue(invoice: Pick<TaxInvoice, 'status' | 'dueOn'>, today: string): boolean {
  return invoice.status === TaxInvoiceStatus.ISSUABLE && invoice.dueOn !== null && today > invoice.dueOn;
}

/** A required number normalized (dashes dropped, upper case); one given where it does not apply is refused. */
function approvalNumberOf(field: string, given: string | null | undefined, required: boolean): string | null {
  const number = normalizedApprovalNumber(given);
  if (!required) {
    if (number) throw BadUserInputError.field(field, 'does not apply: this tax invoice has no such part');
    return null;
  }
  if (!number) throw BadUserInputError.field(field, 'is required');
  if (!isApprovalNumber(number)) throw BadUserInputError.field(field, 'must be 24 letters and digits (dashes ignored)');
  return number;
}
