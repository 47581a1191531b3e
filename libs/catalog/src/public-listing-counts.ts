import { Injectable } from '@nestjs/common';
import { RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { PartnerAgencyService, type ServiceCategory } from '../../membership/src/index.js';
import { ListingStatus, type ListingKind } from './listing-enums.js';
import { ListingTransitions } from './listing-transitions.js';
import type { Listing } from './listing.entity.js';
import { NO_CATEGORY, PublicListingCount } from './public-listing-count.entity.js';

/**
 * Adds $3 to the count of each listing's kind ($1) and category ($2). Sorted, as in ADD_AGENCY, so that
 * concurrent writers lock the rows in one order and cannot deadlock.
 */
const ADD_LISTINGS = `
  INSERT INTO public_listing_count (kind, category, count)
  SELECT kind, category, $3 * count(*)::integer FROM unnest($1::text[], $2::text[]) AS moved(kind, category)
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (kind, category) DO UPDATE SET count = public_listing_count.count + EXCLUDED.count`;

/** The same for all PUBLISHED listings of agency $1, each counted $2 (1 or -1) times. */
const ADD_AGENCY = `
  INSERT INTO public_listing_count (kind, category, count)
  SELECT kind, COALESCE(category, '${NO_CATEGORY}'), $2 * count(*)::integer FROM listing
  WHERE partner_agency_id = $1 AND status = '${ListingStatus.PUBLISHED}'
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (kind, category) DO UPDATE SET count = public_listing_count.count + EXCLUDED.count`;

/**
 * The public's listing counts (PublicListingCount), changed in the transaction that moves a listing into or
 * out of the public's sight: a listing entering or leaving PUBLISHED, its agency entering or leaving ACTIVE.
 * Both kinds of change take the agency's publishing lock (ListingTransitions.lockPublishedCount) before they
 * read the other side, so each sees the other's committed result and no listing is counted twice or missed.
 */
@Injectable()
export class PublicListingCounts {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly agencies: PartnerAgencyService,
    private readonly transitions: ListingTransitions,
  ) {}

  /**
   * `listings`, all of one agency, have just entered (`delta` 1) or left (-1) PUBLISHED: counted if the agency
   * is ACTIVE, as committed now. The caller holds the agency's publishing lock, taken before it locked a listing.
   */
  async listingsMoved(ctx: RequestContext, partnerAgencyId: string, listings: readonly Listing[], delta: 1 | -1): Promise<void> {
    if (!listings.length || !(await this.agencies.sellableAgencyIds(ctx, [partnerAgencyId])).has(partnerAgencyId)) return;
    await this.connection
      .manager(ctx)
      .query(ADD_LISTINGS, [listings.map((listing) => listing.kind), listings.map((listing) => listing.category ?? NO_CATEGORY), delta]);
  }

  /**
   * The agency has just become ACTIVE (`active`) or stopped being so, its row locked: its PUBLISHED listings,
   * as committed once no publish or hide of its listings is under way, count or stop counting.
   */
  async agencyActivityChanged(ctx: RequestContext, partnerAgencyId: string, active: boolean): Promise<void> {
    await this.transitions.lockPublishedCount(ctx, partnerAgencyId);
    await this.connection.manager(ctx).query(ADD_AGENCY, [partnerAgencyId, active ? 1 : -1]);
  }

  /** Listings the public sees, of `kind` and `category` when given. */
  async count(ctx: RequestContext, kind?: ListingKind | null, category?: ServiceCategory | null): Promise<number> {
    const query = this.connection
      .getRepository(ctx, PublicListingCount)
      .createQueryBuilder('counted')
      .select('COALESCE(sum(counted.count), 0)::integer', 'count');
    if (kind) query.andWhere('counted.kind = :kind', { kind });
    if (category) query.andWhere('counted.category = :category', { category });
    return (await query.getRawOne<{ count: number }>())!.count;
  }
}
