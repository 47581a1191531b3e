import { Injectable, Logger } from '@nestjs/common';
import { ClockService, RequestContext, TransactionalConnection, paginate, type Page, type PageArgs } from '../../common/src/index.js';
import { AccountKind, JournalEntryKind, LedgerService, account, parseWon, toSafeWon, type LedgerLine } from '../../ledger/src/index.js';
import { AttributionService, type AttributableSale } from './attribution.service.js';
import { commissionAmount } from './commission-math.js';
import { decideCommissionRefund, type ReservationRefund } from './commission-refund.js';
import { CommissionTransitions } from './commission-transitions.js';
import { Commission, CommissionStatus } from './commission.entity.js';
import type { EarningsSummary } from './earnings-summary.js';
import { ReferralService } from './referral.service.js';

/** A paid reservation, as commission needs it. */
export interface PaidReservation extends AttributableSale {
  reservationId: string;
  partnerAgencyId: string;
  /** What the buyer paid for it (after discounts, without shipping): the commission's base. */
  paidAmount: number;
}

/**
 * Commissions follow their reservation (docs/RULES.md §10): PENDING when it is paid, APPROVED when it is
 * completed or a no-show, reversed in full or in proportion when it is refunded. Each change happens in
 * the reservation change's own transaction, and every approved won moves in the ledger from the agency's
 * payable to the market creator's.
 */
@Injectable()
export class CommissionService {
  private readonly logger = new Logger(CommissionService.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly transitions: CommissionTransitions,
    private readonly ledger: LedgerService,
    private readonly attribution: AttributionService,
    private readonly referrals: ReferralService,
  ) {}

  /** The commission of a paid reservation, when a valid click refers it; the listing's rate is fixed here. */
  async recordSale(ctx: RequestContext, sale: PaidReservation): Promise<Commission | null> {
    const click = await this.attribution.attribute(ctx, sale);
    if (!click) return null;
    const now = this.clock.now();
    const repo = this.connection.getRepository(ctx, Commission);
    const commission = await repo.save(
      repo.create({
        marketCreatorId: click.marketCreatorId,
        referralLinkId: click.referralLinkId,
        reservationId: sale.reservationId,
        listingId: sale.listingId,
        partnerAgencyId: sale.partnerAgencyId,
        baseAmount: sale.paidAmount,
        rateBps: sale.commissionRateBps,
        amount: commissionAmount(sale.paidAmount, sale.commissionRateBps),
        reversedAmount: 0,
        status: CommissionStatus.PENDING,
        approvedAt: null,
        paidAt: null,
        payoutId: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.referrals.countConversion(ctx, click.referralLinkId);
    return commission;
  }

  /** The reservation was completed or marked a no-show: the sale holds. */
  async approveForReservation(ctx: RequestContext, reservationId: string): Promise<Commission | null> {
    const commission = await this.lockForReservation(ctx, reservationId);
    return commission && this.approve(ctx, commission);
  }

  /** Applies a refund of the reservation as `decideCommissionRefund` says, booking what leaves the creator's payable. */
  async applyRefund(ctx: RequestContext, refund: ReservationRefund): Promise<Commission | null> {
    const commission = await this.lockForReservation(ctx, refund.reservationId);
    if (!commission) return null;
    const decision = decideCommissionRefund(commission, refund);
    if (decision.kind === 'inPayout') {
      this.logger.warn(
        { commissionId: commission.id, reservationId: refund.reservationId, payoutId: commission.payoutId },
        'refund of a sale whose commission is in a payout',
      );
    }
    if (decision.kind !== 'reverse') return commission;

    const { reversedAmount } = decision;
    if (decision.reverseAll) {
      await this.transitions.apply(ctx, commission, CommissionStatus.REVERSED, (row) => (row.reversedAmount = reversedAmount));
    } else {
      await this.connection.updateLocked(ctx, Commission, commission, (row) => Object.assign(row, { reversedAmount, updatedAt: this.clock.now() }));
    }
    if (decision.unbook > 0) {
      await this.ledger.post(ctx, {
        kind: JournalEntryKind.COMMISSION_REVERSED,
        reference: { type: 'commission', id: commission.id },
        idempotencyKey: `commission:${commission.id}:reversed-to:${reversedAmount}`,
        lines: movement(commission, -decision.unbook),
      });
    }
    return decision.approveRest ? this.approve(ctx, commission) : commission;
  }

  forReservation(ctx: RequestContext, reservationId: string): Promise<Commission | null> {
    return this.connection.loadOne(ctx, Commission, 'reservation_id', reservationId, (c) => c.reservationId!);
  }

  /** Newest first. */
  list(ctx: RequestContext, marketCreatorId: string, status: CommissionStatus | null, page: PageArgs): Promise<Page<Commission>> {
    const query = this.connection
      .getRepository(ctx, Commission)
      .createQueryBuilder('commission')
      .where('commission.market_creator_id = :marketCreatorId', { marketCreatorId });
    if (status) query.andWhere('commission.status = :status', { status });
    return paginate(query, page, [
      { expression: 'commission.created_at', direction: 'DESC', valueOf: (c) => c.createdAt },
      { expression: 'commission.id', direction: 'DESC', valueOf: (c) => c.id },
    ]);
  }

  /** Sums per status, batched per request: one query for every market creator a response shows. */
  earnings(ctx: RequestContext, marketCreatorId: string): Promise<EarningsSummary> {
    return ctx
      .loader<string, EarningsSummary>('affiliate.earnings', async (ids) => {
        const rows = await this.connection
          .getRepository(ctx, Commission)
          .createQueryBuilder('c')
          .select('c.market_creator_id', 'id')
          .addSelect(`COALESCE(SUM(c.amount - c.reversed_amount) FILTER (WHERE c.status = 'PENDING'), 0)`, 'pending')
          .addSelect(`COALESCE(SUM(c.amount - c.reversed_amount) FILTER (WHERE c.status = 'APPROVED'), 0)`, 'approved')
          .addSelect(`COALESCE(SUM(c.amount - c.reversed_amount) FILTER (WHERE c.status = 'PAID'), 0)`, 'paid')
          .addSelect('COALESCE(SUM(c.reversed_amount), 0)', 'reversed')
          .where('c.market_creator_id = ANY(:ids)', { ids: [...ids] })
          .groupBy('c.market_creator_id')
          .getRawMany<Record<keyof EarningsSummary | 'id', string>>();
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => {
          const row = byId.get(id);
          const won = (value: string | undefined) => (value ? toSafeWon(parseWon(value)) : 0);
          return { pending: won(row?.pending), approved: won(row?.approved), paid: won(row?.paid), reversed: won(row?.reversed) };
        });
      })
      .load(marketCreatorId);
  }

  private async approve(ctx: RequestContext, commission: Commission): Promise<Commission> {
    const earned = commission.earned;
    const to = earned > 0 ? CommissionStatus.APPROVED : CommissionStatus.REVERSED;
    await this.transitions.apply(ctx, commission, to);
    if (to === CommissionStatus.APPROVED) {
      await this.ledger.post(ctx, {
        kind: JournalEntryKind.COMMISSION_APPROVED,
        reference: { type: 'commission', id: commission.id },
        idempotencyKey: `commission:${commission.id}:approved`,
        lines: movement(commission, earned),
      });
    }
    return commission;
  }

  private lockForReservation(ctx: RequestContext, reservationId: string): Promise<Commission | null> {
    return this.connection
      .getRepository(ctx, Commission)
      .createQueryBuilder('commission')
      .setLock('pessimistic_write')
      .where('commission.reservation_id = :reservationId', { reservationId })
      .getOne();
  }
}

/** Positive `amount` moves money owed from the agency to the market creator; negative moves it back. */
function movement(commission: Commission, amount: number): LedgerLine[] {
  return [
    { account: account(AccountKind.PARTNER_AGENCY_PAYABLE, commission.partnerAgencyId), amount },
    { account: account(AccountKind.MARKET_CREATOR_PAYABLE, commission.marketCreatorId), amount: -amount },
  ];
}
