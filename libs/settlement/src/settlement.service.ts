import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  ForbiddenError,
  InvalidStateError,
  JobQueueService,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  pageOfSorted,
  paginate,
  type Page,
  type PageArgs,
  type SortKey,
} from '../../common/src/index.js';
import { BusinessCalendarService } from '../../calendar/src/index.js';
import { AccountKind, JournalEntryKind, LedgerService, account } from '../../ledger/src/index.js';
import { ACTING_ROLES } from '../../identity/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import { PayoutAccounts } from './payout-accounts.js';
import { SettlementLine, SettlementLineKind } from './settlement-line.entity.js';
import { adjustmentAmounts, netOf, platformFeeVatOf, sumAmounts } from './settlement-math.js';
import { assertMonth, endOfSeoulMonth, nextMonthOf } from './settlement-month.js';
import { settlementStatementCsv } from './settlement-csv.js';
import { SettlementEvents } from './settlement-events.js';
import { SettlementRecorder } from './settlement-recorder.js';
import { SettlementStatement, SettlementStatus } from './settlement-statement.entity.js';
import { SettlementTransitions } from './settlement-transitions.js';

export const SETTLEMENT_MONTHLY_JOB = 'settlement.monthly';

/** Filters of `settlementStatements`. */
export interface SettlementStatementFilter {
  partnerAgencyId?: string | null;
  month?: string | null;
  status?: SettlementStatus | null;
}

const LINE_ORDER: Array<SortKey<SettlementLine>> = [
  { expression: 'line.occurred_at', direction: 'ASC', valueOf: (line) => line.occurredAt },
  { expression: 'line.id', direction: 'ASC', valueOf: (line) => line.id },
];

/**
 * Monthly settlement statements (docs/RULES.md §22): generation from the lines SettlementRecorder wrote,
 * carry-overs, the operator's adjustments, issue, dispute, resolution and payment, and who may read them
 * (§25: the agency's members and operators).
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly calendar: BusinessCalendarService,
    private readonly jobs: JobQueueService,
    private readonly agencies: PartnerAgencyService,
    private readonly transitions: SettlementTransitions,
    private readonly recorder: SettlementRecorder,
    private readonly payoutAccounts: PayoutAccounts,
    private readonly ledger: LedgerService,
    private readonly events: SettlementEvents,
  ) {}

  /** The operator's generation: the month must be over and its finalizing jobs done (docs/RULES.md §22, §26). */
  async generate(ctx: RequestContext, month: string): Promise<SettlementStatement[]> {
    assertMonth(month);
    if (this.clock.now() < endOfSeoulMonth(month)) throw BadUserInputError.field('month', 'is not over yet');
    if (await this.finalizingJobsPending(ctx, month)) {
      throw new InvalidStateError(`Jobs due before the end of ${month} are still pending; generate the statements once they have run`);
    }
    return this.generateFor(ctx, month);
  }

  /** Whether a one-off job due before the month's end (an auto-confirmation, a return refund …) has not run yet. */
  finalizingJobsPending(ctx: RequestContext, month: string): Promise<boolean> {
    return this.jobs.hasOneOffJobsDueBefore(ctx, endOfSeoulMonth(month), SETTLEMENT_MONTHLY_JOB);
  }

  /**
   * One DRAFT statement per agency with lines up to the month's end or a balance to carry, unless it has one
   * for the month already (idempotent: unique agency + month, and generations of a month queue on a lock).
   */
  async generateFor(ctx: RequestContext, month: string): Promise<SettlementStatement[]> {
    await this.connection.manager(ctx).query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`settlement:${month}`]);
    const monthEnd = endOfSeoulMonth(month);
    const waiting: Array<{ partner_agency_id: string }> = await this.connection
      .manager(ctx)
      .query(`SELECT DISTINCT partner_agency_id FROM settlement_line WHERE statement_id IS NULL AND occurred_at < $1`, [monthEnd]);
    const toCarry = await this.connection
      .getRepository(ctx, SettlementStatement)
      .createQueryBuilder('statement')
      .where('statement.status = :issued AND statement.net_payable <= 0 AND statement.month < :month', { issued: SettlementStatus.ISSUED, month })
      .orderBy('statement.month')
      .getMany();
    const agencyIds = [...new Set([...waiting.map((row) => row.partner_agency_id), ...toCarry.map((statement) => statement.partnerAgencyId)])];
    const existing = await this.connection.getRepository(ctx, SettlementStatement).findBy({ month });
    const generated = new Set(existing.map((statement) => statement.partnerAgencyId));
    for (const partnerAgencyId of agencyIds.filter((id) => !generated.has(id))) {
      await this.generateOne(
        ctx,
        partnerAgencyId,
        month,
        toCarry.filter((statement) => statement.partnerAgencyId === partnerAgencyId),
      );
    }
    return this.connection.getRepository(ctx, SettlementStatement).find({ where: { month }, order: { partnerAgencyId: 'ASC' } });
  }

  /** An agency's statement: its waiting lines, and CARRIED_BALANCE lines for negative issued statements (0 is not carried). */
  private async generateOne(ctx: RequestContext, partnerAgencyId: string, month: string, toCarry: SettlementStatement[]): Promise<void> {
    const carried = toCarry.filter((statement) => statement.netPayable < 0);
    for (const statement of toCarry) await this.transitions.transition(ctx, statement.id, SettlementStatus.CARRIED_OVER);
    const lines = await this.connection
      .getRepository(ctx, SettlementLine)
      .createQueryBuilder('line')
      .where('line.statement_id IS NULL AND line.partner_agency_id = :partnerAgencyId AND line.occurred_at < :monthEnd', {
        partnerAgencyId,
        monthEnd: endOfSeoulMonth(month),
      })
      .getCount();
    if (!lines && !carried.length) return;
    const now = this.clock.now();
    const statement = await this.connection.getRepository(ctx, SettlementStatement).save({
      ...columnsOf([]),
      id: randomUUID(),
      partnerAgencyId,
      month,
      status: SettlementStatus.DRAFT,
      payableOn: await this.calendar.businessDayOnOrAfter(ctx, `${nextMonthOf(month)}-${String(this.config.settlementPayDay).padStart(2, '0')}`),
      createdAt: now,
      updatedAt: now,
    });
    await this.connection
      .getRepository(ctx, SettlementLine)
      .createQueryBuilder()
      .update()
      .set({ statementId: statement.id })
      .where('statement_id IS NULL AND partner_agency_id = :partnerAgencyId AND occurred_at < :monthEnd', { partnerAgencyId, monthEnd: endOfSeoulMonth(month) })
      .execute();
    for (const from of carried) {
      await this.recorder.write(
        ctx,
        { partnerAgencyId, kind: SettlementLineKind.CARRIED_BALANCE, occurredAt: now, description: `Carried from ${from.month}`, statementId: statement.id },
        adjustmentAmounts(from.netPayable),
      );
    }
    await this.recompute(ctx, statement);
  }

  /** Operator, while DRAFT or DISPUTED: an ADJUSTMENT line of either sign; the totals follow. */
  async addAdjustment(ctx: RequestContext, statementId: string, amount: number, description: string): Promise<SettlementStatement> {
    const text = description.trim();
    if (!text) throw BadUserInputError.field('description', 'must not be empty');
    if (amount === 0) throw BadUserInputError.field('amount', 'must not be 0');
    const statement = await this.transitions.lock(ctx, statementId);
    if (![SettlementStatus.DRAFT, SettlementStatus.DISPUTED].includes(statement.status)) {
      throw new InvalidStateError(`A ${statement.status} settlement statement cannot be adjusted`);
    }
    await this.recorder.write(
      ctx,
      {
        partnerAgencyId: statement.partnerAgencyId,
        kind: SettlementLineKind.ADJUSTMENT,
        occurredAt: this.clock.now(),
        description: text,
        statementId: statement.id,
      },
      adjustmentAmounts(amount),
    );
    return this.recompute(ctx, statement);
  }

  /** Operator: DRAFT → ISSUED; the agency may dispute for SETTLEMENT_DISPUTE_DAYS. */
  async issue(ctx: RequestContext, statementId: string): Promise<SettlementStatement> {
    const now = this.clock.now();
    const disputeDeadline = new Date(now.getTime() + this.config.settlementDisputeDays * 24 * 3600_000);
    const statement = await this.transitions.lock(ctx, statementId);
    if (statement.status !== SettlementStatus.DRAFT) throw new InvalidStateError(`A ${statement.status} settlement statement cannot be issued`);
    return this.transitions.apply(ctx, statement, SettlementStatus.ISSUED, (row) => Object.assign(row, { issuedAt: now, disputeDeadline }));
  }

  /** The agency's OWNER or MANAGER, before the deadline, once (docs/RULES.md §22); never an operator (§25). */
  async dispute(ctx: RequestContext, statementId: string, reason: string): Promise<SettlementStatement> {
    const text = reason.trim();
    if (!text) throw BadUserInputError.field('reason', 'must not be empty');
    const role = await this.agencies.memberRole(ctx, (await this.visible(ctx, statementId)).partnerAgencyId);
    if (!role || !ACTING_ROLES.includes(role)) throw new ForbiddenError("Only the partner agency's owners and managers may dispute its statement");
    const statement = await this.transitions.lock(ctx, statementId);
    if (statement.disputedAt) throw new InvalidStateError('This settlement statement was disputed before; it may be disputed once');
    if (statement.status === SettlementStatus.ISSUED && this.clock.now() >= statement.disputeDeadline!) {
      throw new InvalidStateError('The dispute window of this settlement statement is over');
    }
    const now = this.clock.now();
    return this.transitions.apply(ctx, statement, SettlementStatus.DISPUTED, (row) => Object.assign(row, { disputeReason: text, disputedAt: now }));
  }

  /** Operator: DISPUTED → ISSUED with a note. */
  async resolve(ctx: RequestContext, statementId: string, note: string): Promise<SettlementStatement> {
    const text = note.trim();
    if (!text) throw BadUserInputError.field('note', 'must not be empty');
    const statement = await this.transitions.lock(ctx, statementId);
    if (statement.status !== SettlementStatus.DISPUTED) throw new InvalidStateError(`A ${statement.status} settlement statement has no dispute to resolve`);
    return this.transitions.apply(ctx, statement, SettlementStatus.ISSUED, (row) => (row.resolutionNote = text));
  }

  /**
   * Operator: ISSUED → PAID once the net is positive, the dispute window is over and the payout account is set;
   * the ledger books the transfer (PAYOUT_PAID: the agency's payable down, cash paid out).
   */
  async markPaid(ctx: RequestContext, statementId: string, transferReference: string): Promise<SettlementStatement> {
    const reference = transferReference.trim();
    if (!reference) throw BadUserInputError.field('transferReference', 'must not be empty');
    const statement = await this.transitions.lock(ctx, statementId);
    if (statement.status === SettlementStatus.ISSUED) {
      if (statement.netPayable <= 0) throw new InvalidStateError('A statement with nothing payable is carried over, not paid');
      if (this.clock.now() < statement.disputeDeadline!) throw new InvalidStateError('The dispute window of this settlement statement is not over');
      if (!(await this.payoutAccounts.of(ctx, statement.partnerAgencyId))) throw new InvalidStateError('The partner agency has no payout account');
    }
    const paid = await this.transitions.apply(ctx, statement, SettlementStatus.PAID, (row) => (row.transferReference = reference));
    // The transfer leaves the agency's payable account, as a market creator's payout leaves its own (§10).
    await this.ledger.post(ctx, {
      kind: JournalEntryKind.PAYOUT_PAID,
      reference: { type: 'settlement_statement', id: paid.id },
      idempotencyKey: `settlement_statement:${paid.id}:paid`,
      lines: [
        { account: account(AccountKind.PARTNER_AGENCY_PAYABLE, paid.partnerAgencyId), amount: paid.netPayable },
        { account: account(AccountKind.CASH_PAID_OUT), amount: -paid.netPayable },
      ],
    });
    await this.events.publish(ctx, 'SettlementPaid', { statement: paid });
    return paid;
  }

  /** The statement for its agency's members and operators; anyone else NOT_FOUND (docs/RULES.md §25). */
  async visible(ctx: RequestContext, id: string): Promise<SettlementStatement> {
    ctx.requireUser();
    const statement = isUuid(id) ? await this.connection.loadOne(ctx, SettlementStatement, 'id', id, (row) => row.id) : null;
    if (!statement || !(ctx.isOperator || (await this.agencies.memberRole(ctx, statement.partnerAgencyId)))) throw new NotFoundError('SettlementStatement', id);
    return statement;
  }

  /** Newest month first; agency members must name their agency, operators may list all. */
  async list(ctx: RequestContext, filter: SettlementStatementFilter, page: PageArgs): Promise<Page<SettlementStatement>> {
    ctx.requireUser();
    if (filter.partnerAgencyId) await this.agencies.assertMemberOrOperator(ctx, filter.partnerAgencyId);
    else if (!ctx.isOperator) throw BadUserInputError.field('partnerAgencyId', "is required: your partner agency's id");
    const query = this.connection.getRepository(ctx, SettlementStatement).createQueryBuilder('statement');
    if (filter.partnerAgencyId) query.andWhere('statement.partner_agency_id = :agency', { agency: filter.partnerAgencyId });
    if (filter.month) query.andWhere('statement.month = :month', { month: assertMonth(filter.month) });
    if (filter.status) query.andWhere('statement.status = :status', { status: filter.status });
    return paginate(query, page, [
      { expression: 'statement.month', direction: 'DESC', valueOf: (row) => row.month },
      { expression: 'statement.id', direction: 'DESC', valueOf: (row) => row.id },
    ]);
  }

  /** A page of a statement's lines in time order; every statement's lines load in one query per request. */
  async lines(ctx: RequestContext, statement: SettlementStatement, page: PageArgs): Promise<Page<SettlementLine>> {
    return pageOfSorted(await this.linesInOrder(ctx, statement), page, LINE_ORDER);
  }

  /** The statement as a CSV document for the agency's bookkeeper (docs/RULES.md §22). */
  async csv(ctx: RequestContext, statement: SettlementStatement): Promise<string> {
    return settlementStatementCsv(statement, await this.linesInOrder(ctx, statement));
  }

  /** Its lines in time order (then by id), loaded once per request for every statement asked for. */
  private async linesInOrder(ctx: RequestContext, statement: SettlementStatement): Promise<SettlementLine[]> {
    const rows = await this.connection.loadMany(ctx, SettlementLine, 'statement_id', statement.id, (line) => line.statementId!, 'occurred_at');
    return [...rows].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The statement's columns as the sum of its lines. */
  private async recompute(ctx: RequestContext, statement: SettlementStatement): Promise<SettlementStatement> {
    const lines = await this.connection.getRepository(ctx, SettlementLine).findBy({ statementId: statement.id });
    return this.connection.updateLocked(ctx, SettlementStatement, statement, (row) => Object.assign(row, columnsOf(lines), { updatedAt: this.clock.now() }));
  }
}

/** A statement's money columns from its lines (docs/RULES.md §22); none yet: all 0. */
function columnsOf(lines: readonly SettlementLine[]) {
  const total = sumAmounts(lines);
  const carriedOver = sumAmounts(lines.filter((line) => line.kind === SettlementLineKind.CARRIED_BALANCE)).adjustment;
  return {
    grossSales: total.grossSales,
    returns: total.returns,
    agencyDiscounts: total.agencyDiscount,
    salesBase: total.salesBase,
    platformDiscounts: total.platformDiscount,
    platformFee: total.platformFee,
    platformFeeVat: platformFeeVatOf(total.platformFee),
    commissions: total.commission,
    shipping: total.shipping,
    adjustments: total.adjustment - carriedOver,
    carriedOver,
    netPayable: netOf(total),
  };
}
