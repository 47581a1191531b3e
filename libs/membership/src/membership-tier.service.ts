import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { BadUserInputError, ClockService, NotFoundError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import type { MembershipTierInput } from './dto/membership-tier.input.js';
import { MembershipTier } from './membership-tier.entity.js';
import { PartnerAgency } from './partner-agency.entity.js';

/** Smallest first: by the listings a tier allows (unlimited last), then by its dues and code. */
const TIER_ORDER = 'COALESCE(tier.max_published_listings, 2147483647)';

@Injectable()
export class MembershipTierService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /** Active tiers, smallest first; operators also see inactive ones. */
  list(ctx: RequestContext): Promise<MembershipTier[]> {
    const query = this.connection
      .getRepository(ctx, MembershipTier)
      .createQueryBuilder('tier')
      .orderBy(TIER_ORDER)
      .addOrderBy('tier.dues_amount')
      .addOrderBy('tier.code');
    if (!ctx.isOperator) query.where('tier.active');
    return query.getMany();
  }

  /**
   * Creates or updates the tier with `input.code` in one statement (two operators saving the same new code
   * both succeed, the later one winning). Agencies on a tier that is deactivated stay on it.
   */
  async save(ctx: RequestContext, input: MembershipTierInput): Promise<MembershipTier> {
    const maxListings = input.maxPublishedListings ?? null;
    if (maxListings !== null && input.featuredListingSlots > maxListings) {
      throw BadUserInputError.field('featuredListingSlots', 'must not exceed maxPublishedListings');
    }
    const now = this.clock.now();
    const values = {
      code: input.code,
      name: input.name.trim(),
      description: input.description?.trim() || null,
      duesAmount: input.duesAmount,
      billingPeriod: input.billingPeriod,
      platformFeeRateBps: input.platformFeeRateBps,
      maxPublishedListings: maxListings,
      featuredListingSlots: input.featuredListingSlots,
      benefits: input.benefits.map((benefit) => benefit.trim()),
      active: input.active,
      createdAt: now,
      updatedAt: now,
    };
    const repo = this.connection.getRepository(ctx, MembershipTier);
    const updated = Object.keys(values).filter((key) => key !== 'code' && key !== 'createdAt');
    await repo
      .createQueryBuilder()
      .insert()
      .values(values)
      .orUpdate(
        updated.map((key) => repo.metadata.findColumnWithPropertyName(key)!.databaseName),
        ['code'],
      )
      .execute();
    return repo.findOneByOrFail({ code: input.code });
  }

  /**
   * The fee rate of the agency's current tier: one statement for all the agencies a request asks about at once
   * (it is read for every paid reservation and order), none for an agency whose row the request locked for a
   * sale (`rememberFeeRate`).
   */
  async platformFeeRateBpsOfAgency(ctx: RequestContext, partnerAgencyId: string): Promise<number> {
    const rateBps = await this.feeRates(ctx).load(partnerAgencyId);
    if (rateBps === null) throw new NotFoundError('Partner agency', partnerAgencyId);
    return rateBps;
  }

  /**
   * The rate a statement of this request read with the agency's row share-locked (PartnerAgencyService.lockForSale):
   * its tier cannot change until the transaction ends, so the request reads it no more.
   */
  rememberFeeRate(ctx: RequestContext, partnerAgencyId: string, rateBps: number): void {
    this.feeRates(ctx).prime(partnerAgencyId, rateBps);
  }

  /** Partner agencies (`agency`) with their tier's fee rate selected as `rateBps`, for the caller to narrow. */
  agenciesWithFeeRate(ctx: RequestContext): SelectQueryBuilder<PartnerAgency> {
    return this.connection
      .getRepository(ctx, PartnerAgency)
      .createQueryBuilder('agency')
      .select('tier.platform_fee_rate_bps', 'rateBps')
      .innerJoin(MembershipTier, 'tier', 'tier.id = agency.tier_id');
  }

  private feeRates(ctx: RequestContext) {
    return ctx.loader<string, number | null>('membership_tier.fee-rate-of-agency', async (partnerAgencyIds) => {
      const rows = await this.agenciesWithFeeRate(ctx)
        .addSelect('agency.id', 'partnerAgencyId')
        .where('agency.id = ANY(:partnerAgencyIds)', { partnerAgencyIds: [...partnerAgencyIds] })
        .getRawMany<{ partnerAgencyId: string; rateBps: number }>();
      const rates = new Map(rows.map((row) => [row.partnerAgencyId, row.rateBps]));
      return partnerAgencyIds.map((id) => rates.get(id) ?? null);
    });
  }

  load(ctx: RequestContext, id: string): Promise<MembershipTier | null> {
    return this.connection.loadOne(ctx, MembershipTier, 'id', id, (tier) => tier.id);
  }

  async getById(ctx: RequestContext, id: string): Promise<MembershipTier> {
    const tier = await this.load(ctx, id);
    if (!tier) throw new NotFoundError('Membership tier', id);
    return tier;
  }

  /** For applying and changing tiers: the tier must exist and be active (BAD_USER_INPUT on `tierCode`). */
  async getActiveByCode(ctx: RequestContext, code: string): Promise<MembershipTier> {
    const tier = await this.connection.getRepository(ctx, MembershipTier).findOneBy({ code });
    if (!tier?.active) throw BadUserInputError.field('tierCode', `no active membership tier has the code ${code}`);
    return tier;
  }
}
