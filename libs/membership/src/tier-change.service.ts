import { Injectable } from '@nestjs/common';
import { ClockService, InvalidStateError, addDays, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { anchorDayOf, daysBetween, daysInPeriod } from './billing-calendar.js';
import { DuesInvoice, DuesInvoiceKind, DuesInvoiceStatus } from './dues-invoice.entity.js';
import { isUpgrade, proratedUpgradeAmount, type DailyDues } from './dues-proration.js';
import { DuesService } from './dues.service.js';
import { MembershipTier } from './membership-tier.entity.js';
import { MembershipTierService } from './membership-tier.service.js';
import { PartnerAgencyTransitions } from './partner-agency-transitions.js';
import { PartnerAgency, PartnerAgencyStatus } from './partner-agency.entity.js';

/**
 * Hides listings beyond a tier's limit when a downgrade takes effect. The catalog library provides it
 * (registering itself in its module's onModuleInit, as payment purposes do); without a catalog there are no
 * listings to hide.
 */
export interface ListingLimitEnforcer {
  /** Hides the agency's PUBLISHED listings beyond `limit`: the newest published first, the oldest kept. */
  hideListingsOverLimit(ctx: RequestContext, partnerAgencyId: string, limit: number): Promise<void>;
}

/** Members may change tiers; applicants change theirs by applying again. */
const TIER_CHANGEABLE = [PartnerAgencyStatus.AWAITING_DUES, PartnerAgencyStatus.ACTIVE, PartnerAgencyStatus.SUSPENDED];

/**
 * Membership tier changes (docs/RULES.md §5). An upgrade (higher dues per day) applies at once and bills the
 * difference for the rest of the periods already invoiced; anything else applies from the next period.
 * Either way, an issued but unpaid invoice for a coming period is reissued at the tier that period will have.
 */
@Injectable()
export class TierChangeService {
  private enforcer?: ListingLimitEnforcer;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly tiers: MembershipTierService,
    private readonly dues: DuesService,
    private readonly agencyTransitions: PartnerAgencyTransitions,
  ) {}

  registerListingLimitEnforcer(enforcer: ListingLimitEnforcer): void {
    if (this.enforcer) throw new Error('A listing limit enforcer is registered already');
    this.enforcer = enforcer;
  }

  /** Access is the caller's to check. Changing to the current tier cancels a scheduled downgrade. */
  async change(ctx: RequestContext, partnerAgencyId: string, tierCode: string): Promise<PartnerAgency> {
    const to = await this.tiers.getActiveByCode(ctx, tierCode);
    const agency = await this.agencyTransitions.lock(ctx, partnerAgencyId);
    if (!TIER_CHANGEABLE.includes(agency.status)) throw new InvalidStateError(`A ${agency.status} partner agency cannot change its membership tier`);
    const from = await this.tiers.getById(ctx, agency.tierId);
    const upgrade = to.id !== from.id && (await this.isUpgradeNow(ctx, agency, from, to));
    agency.scheduledTierId = null;
    agency.scheduledTierFrom = null;
    if (upgrade) {
      agency.tierId = to.id;
    } else if (to.id !== from.id) {
      agency.scheduledTierId = to.id;
      agency.scheduledTierFrom = await this.nextChangeablePeriodStart(ctx, agency.id);
    }
    await this.connection.getRepository(ctx, PartnerAgency).save(agency);
    await this.reissueComingInvoices(ctx, agency);
    if (upgrade) await this.billUpgrade(ctx, agency, to);
    return agency;
  }

  /** For the dues sweep: agencies whose scheduled downgrade's first period has begun. */
  async agenciesWithDueChanges(ctx: RequestContext): Promise<string[]> {
    const rows = await this.connection
      .getRepository(ctx, PartnerAgency)
      .createQueryBuilder('agency')
      .select('agency.id', 'id')
      .where('agency.scheduledTierFrom <= :today', { today: this.clock.today() })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** A scheduled downgrade whose first period has begun takes effect; listings over the new limit are hidden. */
  async applyScheduledChange(ctx: RequestContext, partnerAgencyId: string): Promise<void> {
    const agency = await this.agencyTransitions.lock(ctx, partnerAgencyId);
    if (!agency.scheduledTierFrom || agency.scheduledTierFrom > this.clock.today()) return;
    const tier = await this.tiers.getById(ctx, agency.scheduledTierId!);
    await this.connection.getRepository(ctx, PartnerAgency).update(agency.id, { tierId: tier.id, scheduledTierId: null, scheduledTierFrom: null });
    if (tier.maxPublishedListings !== null) await this.enforcer?.hideListingsOverLimit(ctx, agency.id, tier.maxPublishedListings);
  }

  /** Daily dues compared over the current period (today's, when no invoice covers today). */
  private async isUpgradeNow(ctx: RequestContext, agency: PartnerAgency, from: MembershipTier, to: MembershipTier): Promise<boolean> {
    const current = await this.regularInvoices(ctx, agency.id)
      .andWhere(':today BETWEEN invoice.periodStart AND invoice.periodEnd', { today: this.clock.today() })
      .getOne();
    const start = current?.periodStart ?? this.clock.today();
    const anchorDay = anchorDayOf(agency.billingAnchor ?? start);
    return isUpgrade(dailyDues(from, start, anchorDay), dailyDues(to, start, anchorDay));
  }

  /** The first period after today's whose invoice is not paid yet: where a downgrade can still begin. */
  private async nextChangeablePeriodStart(ctx: RequestContext, partnerAgencyId: string): Promise<string> {
    const today = this.clock.today();
    const coming = await this.regularInvoices(ctx, partnerAgencyId).andWhere('invoice.periodEnd >= :today', { today }).orderBy('invoice.periodStart').getMany();
    let start = coming.length ? addDays(coming[0].periodEnd, 1) : ((await this.dues.nextUninvoicedPeriodStart(ctx, partnerAgencyId)) ?? today);
    for (const invoice of coming.slice(1))
      if (invoice.periodStart === start && invoice.status === DuesInvoiceStatus.PAID) start = addDays(invoice.periodEnd, 1);
    return start;
  }

  /** An OPEN invoice for a period that has not begun is voided and issued again when its tier is no longer the one due. */
  private async reissueComingInvoices(ctx: RequestContext, agency: PartnerAgency): Promise<void> {
    const coming = await this.regularInvoices(ctx, agency.id)
      .andWhere('invoice.periodStart > :today AND invoice.status = :open', { today: this.clock.today(), open: DuesInvoiceStatus.OPEN })
      .getMany();
    for (const invoice of coming) {
      const due = agency.scheduledTierFrom === invoice.periodStart ? agency.scheduledTierId : agency.tierId;
      if (invoice.tierId === due) continue;
      await this.dues.voidInvoice(ctx, invoice.id);
      await this.dues.issueRegularInvoice(ctx, agency, invoice.periodStart);
    }
  }

  /**
   * docs/RULES.md §5: for every period invoiced from today on, round_down(new_daily − old_daily) × remaining days,
   * where the old tier is the one of that period's newest invoice (an earlier upgrade's, say).
   */
  private async billUpgrade(ctx: RequestContext, agency: PartnerAgency, to: MembershipTier): Promise<void> {
    const today = this.clock.today();
    const invoices = await this.connection
      .getRepository(ctx, DuesInvoice)
      .createQueryBuilder('invoice')
      .where('invoice.partnerAgencyId = :id AND invoice.periodEnd >= :today AND invoice.status <> :void', {
        id: agency.id,
        today,
        void: DuesInvoiceStatus.VOID,
      })
      .orderBy('invoice.createdAt')
      .getMany();
    const billedTier = new Map(invoices.map((invoice) => [invoice.periodEnd, invoice.tierId]));
    const anchorDay = anchorDayOf(agency.billingAnchor!);
    for (const period of invoices.filter((invoice) => invoice.kind === DuesInvoiceKind.REGULAR)) {
      const from = await this.tiers.getById(ctx, billedTier.get(period.periodEnd)!);
      const start = period.periodStart > today ? period.periodStart : today;
      const remainingDays = daysBetween(start, period.periodEnd) + 1;
      const amount = proratedUpgradeAmount(dailyDues(from, period.periodStart, anchorDay), dailyDues(to, period.periodStart, anchorDay), remainingDays);
      if (amount > 0) await this.dues.createInvoice(ctx, agency, to, DuesInvoiceKind.PRORATED, start, period.periodEnd, amount);
    }
  }

  private regularInvoices(ctx: RequestContext, partnerAgencyId: string) {
    return this.connection
      .getRepository(ctx, DuesInvoice)
      .createQueryBuilder('invoice')
      .where('invoice.partnerAgencyId = :partnerAgencyId AND invoice.kind = :regular AND invoice.status <> :void', {
        partnerAgencyId,
        regular: DuesInvoiceKind.REGULAR,
        void: DuesInvoiceStatus.VOID,
      });
  }
}

/** daily = dues / days in a period of the tier's length starting on `periodStart` (docs/RULES.md §5). */
function dailyDues(tier: MembershipTier, periodStart: string, anchorDay: number): DailyDues {
  return { dues: tier.duesAmount, daysInPeriod: daysInPeriod(periodStart, tier.billingPeriod, anchorDay) };
}
