import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  RequestContext,
  TransactionalConnection,
  endOfSeoulDay,
  newestFirst,
  paginate,
  seoulDateOf,
  type Page,
} from '../../common/src/index.js';
import { AccountKind, JournalEntryKind, LedgerService, account, type LedgerLine } from '../../ledger/src/index.js';
import { AffiliateEvents } from './affiliate-events.js';
import { CommissionTransitions } from './commission-transitions.js';
import { Commission, CommissionStatus } from './commission.entity.js';
import type { PayoutListArgs } from './dto/payout.input.js';
import { MarketCreatorService } from './market-creator.service.js';
import { PayoutTransitions } from './payout-transitions.js';
import { Payout, PayoutStatus } from './payout.entity.js';
import { payoutAmounts } from './withholding.js';

interface PayableCommission {
  id: string;
  marketCreatorId: string;
  earned: number;
}

/**
 * Pays market creators their approved commissions (docs/RULES.md §10): `runPayouts` gathers them per creator and
 * period, withholding tax where the law asks; `markPaid` records the transfer and books it.
 */
@Injectable()
export class PayoutService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly transitions: PayoutTransitions,
    private readonly commissionTransitions: CommissionTransitions,
    private readonly ledger: LedgerService,
    private readonly creators: MarketCreatorService,
    private readonly events: AffiliateEvents,
  ) {}

  /**
   * One payout per market creator whose APPROVED commissions approved up to the end of `periodEnd` (Seoul)
   * and not yet in a payout sum to the minimum; smaller sums carry over. Idempotent per creator and period:
   * runs take turns on an advisory lock, and the unique (creator, period end) refuses a second payout.
   * Returns every payout of that period, including those of earlier runs.
   */
  async runPayouts(ctx: RequestContext, periodEnd: string): Promise<Payout[]> {
    if (periodEnd > this.clock.today()) throw BadUserInputError.field('periodEnd', 'must be today or earlier');
    const manager = this.connection.manager(ctx);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('affiliate.run-payouts'))`);
    const byCreator = groupByCreator(await this.payableCommissions(ctx, endOfSeoulDay(periodEnd)));
    const creators = await this.creators.loadMany(ctx, [...byCreator.keys()]);
    for (const creator of creators) {
      const commissions = byCreator.get(creator.id)!;
      const amounts = payoutAmounts(
        creator.kind,
        commissions.reduce((sum, c) => sum + c.earned, 0),
        this.config.payoutMinimumWon,
      );
      const periodStart = await this.periodStartFor(ctx, creator.id, creator.createdAt);
      if (!amounts || periodStart > periodEnd) continue;
      const { raw } = await this.connection
        .getRepository(ctx, Payout)
        .createQueryBuilder()
        .insert()
        .values({
          marketCreatorId: creator.id,
          periodStart,
          periodEnd,
          grossAmount: amounts.gross,
          incomeTax: amounts.incomeTax,
          localIncomeTax: amounts.localIncomeTax,
          withholdingTax: amounts.total,
          netAmount: amounts.net,
          status: PayoutStatus.SCHEDULED,
          paidAt: null,
          createdAt: this.clock.now(),
        })
        .orIgnore()
        .returning('id')
        .updateEntity(false)
        .execute();
      const inserted = (raw as Array<{ id: string }>)[0];
      if (!inserted) continue;
      await this.connection
        .getRepository(ctx, Commission)
        .createQueryBuilder()
        .update()
        .set({ payoutId: inserted.id })
        .where('id = ANY(:ids)', { ids: commissions.map((c) => c.id) })
        .execute();
    }
    return this.connection.getRepository(ctx, Payout).find({ where: { periodEnd }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The money has been sent: the payout and every commission in it are PAID, and the ledger shows where it
   * went. A commission in it that may not become PAID refuses the whole (INVALID_STATE, nothing changed).
   */
  async markPaid(ctx: RequestContext, payoutId: string): Promise<Payout> {
    const payout = await this.transitions.transition(ctx, payoutId, PayoutStatus.PAID);
    const included = await this.connection.getRepository(ctx, Commission).find({ select: { id: true }, where: { payoutId } });
    await this.commissionTransitions.applyToAll(
      ctx,
      included.map((commission) => commission.id),
      CommissionStatus.PAID,
    );
    const lines: LedgerLine[] = [
      { account: account(AccountKind.MARKET_CREATOR_PAYABLE, payout.marketCreatorId), amount: payout.grossAmount },
      { account: account(AccountKind.CASH_PAID_OUT), amount: -payout.netAmount },
      { account: account(AccountKind.WITHHOLDING_TAX_PAYABLE), amount: -payout.withholdingTax },
    ];
    await this.ledger.post(ctx, {
      kind: JournalEntryKind.PAYOUT_PAID,
      reference: { type: 'payout', id: payout.id },
      idempotencyKey: `payout:${payout.id}:paid`,
      lines: lines.filter((line) => line.amount !== 0),
    });
    await this.events.publish(ctx, 'PayoutPaid', { payout });
    return payout;
  }

  /** Payouts across market creators, newest first, for the operators' 지급 screen (docs/RULES.md §10). */
  list(ctx: RequestContext, args: PayoutListArgs): Promise<Page<Payout>> {
    const filter = args.filter ?? {};
    const query = this.connection.getRepository(ctx, Payout).createQueryBuilder('payout');
    if (filter.periodEnd) query.andWhere('payout.period_end = :periodEnd', { periodEnd: filter.periodEnd });
    if (filter.status) query.andWhere('payout.status = :status', { status: filter.status });
    if (filter.marketCreatorId) query.andWhere('payout.market_creator_id = :marketCreatorId', { marketCreatorId: filter.marketCreatorId });
    return paginate(query, args, newestFirst('payout'));
  }

  payoutsOf(ctx: RequestContext, marketCreatorId: string): Promise<Payout[]> {
    return this.connection.loadMany(ctx, Payout, 'market_creator_id', marketCreatorId, (p) => p.marketCreatorId, 'period_end');
  }

  /** Locked, so an approval or refund running meanwhile waits and is seen consistently by the payout. */
  private async payableCommissions(ctx: RequestContext, approvedBefore: Date): Promise<PayableCommission[]> {
    const rows = await this.connection
      .getRepository(ctx, Commission)
      .createQueryBuilder('commission')
      .setLock('pessimistic_write')
      .where('commission.status = :approved AND commission.payout_id IS NULL AND commission.approved_at < :approvedBefore', {
        approved: CommissionStatus.APPROVED,
        approvedBefore,
      })
      .orderBy('commission.id')
      .getMany();
    return rows.map((c) => ({ id: c.id, marketCreatorId: c.marketCreatorId, earned: c.earned }));
  }

  /** The day after the creator's last payout period, or the day it signed up. */
  private async periodStartFor(ctx: RequestContext, marketCreatorId: string, createdAt: Date): Promise<string> {
    const last = await this.connection.getRepository(ctx, Payout).findOne({ where: { marketCreatorId }, order: { periodEnd: 'DESC' } });
    return seoulDateOf(last ? endOfSeoulDay(last.periodEnd) : createdAt);
  }
}

function groupByCreator(commissions: PayableCommission[]): Map<string, PayableCommission[]> {
  const groups = new Map<string, PayableCommission[]>();
  for (const commission of commissions) groups.set(commission.marketCreatorId, [...(groups.get(commission.marketCreatorId) ?? []), commission]);
  return groups;
}
