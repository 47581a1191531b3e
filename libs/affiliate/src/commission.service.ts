import { Injectable, Logger } from '@nestjs/common';
import { ClockService, RequestContext, TransactionalConnection, paginate, type Page, type PageArgs } from '../../common/src/index.js';
import { AccountKind, JournalEntryKind, LedgerService, account, parseWon, toSafeWon, type LedgerLine } from '../../ledger/src/index.js';
import { AttributionService, type AttributableListing, type AttributablePurchase, type AttributableSale } from './attribution.service.js';
import { commissionAmount } from './commission-math.js';
import { decideCommissionRefund, decideSaleGone, type CommissionRefundDecision, type SaleRefund } from './commission-refund.js';
import { CommissionTransitions } from './commission-transitions.js';
import { Commission, CommissionStatus } from './commission.entity.js';
import type { EarningsSummary } from './earnings-summary.js';
import type { MarketCreator } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';
import { ReferralService } from './referral.service.js';
import { saleColumnOf, type SaleKey } from './sale.js';

/** What one paid sale (a reservation or an order line) brings to its commission. */
interface SaleTerms {
  partnerAgencyId: string;
  /** What the buyer paid for it (after discounts, without shipping): the commission's base. */
  paidAmount: number;
}

/** One sale of a purchase, with its listing's rate now. */
export type PaidSale = SaleKey & AttributableListing & SaleTerms;

/** A paid reservation: a purchase of one sale. */
export type PaidReservation = { reservationId: string } & AttributableSale & SaleTerms;

/** The sales paid together, and who paid them. */
export interface PaidPurchase extends AttributablePurchase {
  /** The checkout that paid goods order lines, where each link counts one conversion (docs/RULES.md §21); null for a reservation. */
  checkoutId: string | null;
}

/**
 * Commissions follow their sale — a reservation (docs/RULES.md §10) or a goods order line (§21): PENDING when
 * it is paid, APPROVED when it holds (completed, no-show, order confirmed), reversed in full or in
 * proportion when it is refunded, and what remains when nothing of the sale does. Every change happens in
 * the transaction of the change that causes it, and every approved won moves in the ledger from the
 * agency's payable to the market creator's. ReservationCommissions and OrderCommissions only translate
 * their library's events into these calls.
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
    private readonly creators: MarketCreatorService,
  ) {}

  /** The commission of a paid reservation, when a valid click refers it. */
  async recordSale(ctx: RequestContext, sale: PaidReservation): Promise<Commission | null> {
    const [commission] = await this.recordSales(
      ctx,
      { buyerId: sale.buyerId, attributionToken: sale.attributionToken, buyerOrganizationId: sale.buyerOrganizationId, checkoutId: null },
      [sale],
    );
    return commission;
  }

  /**
   * A commission for each sale of the purchase that a valid click refers (null for the others, in the
   * order given); each listing's rate is fixed here. A link earning several sales of one purchase — or of
   * one checkout, across the orders it is paid in — counts one conversion.
   */
  async recordSales(ctx: RequestContext, purchase: PaidPurchase, sales: readonly PaidSale[]): Promise<Array<Commission | null>> {
    // A line a coupon made free earns nothing (the base must be positive).
    const attributed = await this.attribution.attributeEach(ctx, purchase, sales);
    const clicks = attributed.map((click, i) => (sales[i].paidAmount > 0 ? click : null));
    if (clicks.every((click) => !click)) return sales.map(() => null);
    const converted = await this.linksConvertedIn(ctx, purchase.checkoutId, clicks);
    const commissions = sales.map((sale, i) => {
      const click = clicks[i];
      return click && this.newCommission(ctx, click, sale, purchase.checkoutId);
    });
    const repo = this.connection.getRepository(ctx, Commission);
    await repo.save(commissions.filter((commission) => commission !== null));
    for (const linkId of new Set(commissions.map((commission) => commission?.referralLinkId))) {
      if (linkId && !converted.has(linkId)) await this.referrals.countConversion(ctx, linkId);
    }
    return commissions;
  }

  /**
   * A subscription delivery's line (docs/RULES.md §21): earned by the attribution kept at subscribe, at the rate
   * kept with it (`sale.commissionRateBps`); its link's conversion was counted then. A free line earns nothing.
   */
  async recordKeptSale(ctx: RequestContext, kept: { marketCreatorId: string; referralLinkId: string }, sale: PaidSale): Promise<Commission | null> {
    if (sale.paidAmount <= 0) return null;
    return this.connection.getRepository(ctx, Commission).save(this.newCommission(ctx, kept, sale, null));
  }

  /** The sale holds (a reservation completed or a no-show, an order confirmed): a PENDING commission is approved. */
  async approveSale(ctx: RequestContext, sale: SaleKey): Promise<Commission | null> {
    const commission = await this.lockFor(ctx, sale);
    return commission?.status === CommissionStatus.PENDING ? this.approve(ctx, commission) : commission;
  }

  /** Applies a refund of the sale as `decideCommissionRefund` says, booking what leaves the creator's payable. */
  async applyRefund(ctx: RequestContext, refund: SaleRefund): Promise<Commission | null> {
    const commission = await this.lockFor(ctx, refund);
    return commission && this.applyDecision(ctx, commission, decideCommissionRefund(commission, refund));
  }

  /** Nothing of the sale remains (its order was cancelled or returned): what is not reversed yet is (docs/RULES.md §21). */
  async reverseRemaining(ctx: RequestContext, sale: SaleKey): Promise<Commission | null> {
    const commission = await this.lockFor(ctx, sale);
    return commission && this.applyDecision(ctx, commission, decideSaleGone(commission));
  }

  /** The sale's commission (batched per request), or null when no link earned it. */
  forSale(ctx: RequestContext, sale: SaleKey): Promise<Commission | null> {
    const { column, id } = saleColumnOf(sale);
    return this.connection.loadOne(ctx, Commission, column, id, (c) => (column === 'reservation_id' ? c.reservationId! : c.orderLineId!));
  }

  /** The market creator the sale is attributed to, known once it is paid (batched per request). */
  async marketCreatorOf(ctx: RequestContext, sale: SaleKey): Promise<MarketCreator | null> {
    const commission = await this.forSale(ctx, sale);
    return commission && this.creators.getById(ctx, commission.marketCreatorId);
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

  private async applyDecision(ctx: RequestContext, commission: Commission, decision: CommissionRefundDecision): Promise<Commission> {
    if (decision.kind === 'inPayout') {
      this.logger.warn(
        { commissionId: commission.id, reservationId: commission.reservationId, orderLineId: commission.orderLineId, payoutId: commission.payoutId },
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

  /** Links that already earned a commission in the checkout: their conversion is counted. */
  private async linksConvertedIn(
    ctx: RequestContext,
    checkoutId: string | null,
    clicks: ReadonlyArray<{ referralLinkId: string } | null>,
  ): Promise<Set<string>> {
    if (!checkoutId) return new Set();
    const linkIds = [...new Set(clicks.flatMap((click) => (click ? [click.referralLinkId] : [])))];
    const rows = await this.connection
      .getRepository(ctx, Commission)
      .createQueryBuilder('commission')
      .select('DISTINCT commission.referral_link_id', 'linkId')
      .where('commission.checkout_id = :checkoutId AND commission.referral_link_id = ANY(:linkIds)', { checkoutId, linkIds })
      .getRawMany<{ linkId: string }>();
    return new Set(rows.map((row) => row.linkId));
  }

  /** A PENDING commission of the sale to the link's market creator, at the sale's rate, on what was paid for it. */
  private newCommission(ctx: RequestContext, link: { marketCreatorId: string; referralLinkId: string }, sale: PaidSale, checkoutId: string | null): Commission {
    const now = this.clock.now();
    return this.connection.getRepository(ctx, Commission).create({
      marketCreatorId: link.marketCreatorId,
      referralLinkId: link.referralLinkId,
      reservationId: sale.reservationId ?? null,
      orderLineId: sale.orderLineId ?? null,
      checkoutId,
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
    });
  }

  private lockFor(ctx: RequestContext, sale: SaleKey): Promise<Commission | null> {
    const { column, id } = saleColumnOf(sale);
    return this.connection
      .getRepository(ctx, Commission)
      .createQueryBuilder('commission')
      .setLock('pessimistic_write')
      .where(`commission.${column} = :id`, { id })
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
