import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import {
  BadUserInputError,
  RequestContext,
  TransactionalConnection,
  checkedCursor,
  connectionOf,
  entitiesOf,
  encodeCursor,
  pageOf,
  pageQuery,
  pageSize,
  paginate,
  type CursorPart,
  type Page,
  type PageArgs,
  type SortKey,
} from '../../common/src/index.js';
import { OrganizationService } from '../../identity/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import { ListingOrder, type ListingFilter } from './dto/listing.inputs.js';
import { ListingStatus } from './listing-enums.js';
import { Listing } from './listing.entity.js';
import { PublicListingCounts } from './public-listing-counts.js';
import { searchPatternOf } from './search-text.js';

/** Unrated listings sort after every rated one (ratings are 1..5). */
const RATING_AVERAGE = 'COALESCE(listing.rating_sum::float8 / NULLIF(listing.rating_count, 0), 0)';

/** `part` says what a cursor holds at this key, so a cursor made by another order is refused. */
type ListingSortKey = SortKey<Listing> & { part: CursorPart };

const CREATED_AT: ListingSortKey = { expression: 'listing.created_at', direction: 'DESC', valueOf: (listing) => listing.createdAt, part: 'instant' };
const ID_DESC: ListingSortKey = { expression: 'listing.id', direction: 'DESC', valueOf: (listing) => listing.id, part: 'id' };

const SORT_KEYS: Record<ListingOrder, ListingSortKey[]> = {
  [ListingOrder.NEWEST]: [CREATED_AT, ID_DESC],
  [ListingOrder.PRICE_ASC]: [
    { expression: 'listing.price', direction: 'ASC', valueOf: (listing) => listing.price, part: 'number' },
    { expression: 'listing.id', direction: 'ASC', valueOf: (listing) => listing.id, part: 'id' },
  ],
  [ListingOrder.PRICE_DESC]: [{ expression: 'listing.price', direction: 'DESC', valueOf: (listing) => listing.price, part: 'number' }, ID_DESC],
  [ListingOrder.RATING]: [
    { expression: RATING_AVERAGE, direction: 'DESC', valueOf: (listing) => listing.ratingAverage ?? 0, part: 'number' },
    { expression: 'listing.rating_count', direction: 'DESC', valueOf: (listing) => listing.reviewCount, part: 'number' },
    CREATED_AT,
    ID_DESC,
  ],
};

/**
 * `listings` and `PartnerAgency.listings` (docs/RULES.md §6): filters, one keyset-paginated statement per page
 * whatever its size, and `totalCount` over the whole filtered set. Both show what `listing(id)` would.
 */
@Injectable()
export class ListingSearchService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly organizations: OrganizationService,
    private readonly agencies: PartnerAgencyService,
    private readonly publicCounts: PublicListingCounts,
  ) {}

  async list(ctx: RequestContext, filter: ListingFilter, orderBy: ListingOrder, page: PageArgs): Promise<Page<Listing>> {
    const query = this.connection.getRepository(ctx, Listing).createQueryBuilder('listing');
    applyFilter(query, filter);
    const keys = SORT_KEYS[orderBy];
    if (page.after)
      checkedCursor(
        page.after,
        keys.map((key) => key.part),
      );
    if (ctx.isOperator) return paginate(query, page, keys);
    const own = await this.ownOrganizationIds(ctx);
    // Without own organizations the condition stays plain, so the (status, order) indexes serve the page. A
    // status filter only narrows it: others' drafts match nothing whoever asks (docs/RULES.md §6).
    query.andWhere(orOwn('listing.status = :published', own), { published: ListingStatus.PUBLISHED, own });
    const rows = pageSize(page.first) === 0 ? [] : await this.visibleRows(ctx, pageQuery(query, page, keys), own);
    // The public's counts are kept per kind and category; the caller's own listings and other filters are counted.
    const counted = !own.length && narrowsOnlyByKindOrCategory(filter);
    return pageOf(rows, page, keys, () => (counted ? this.publicCounts.count(ctx, filter.kind, filter.category) : this.visibleCount(ctx, query, own)));
  }

  /**
   * The page's rows without those whose agency is not ACTIVE (unless the caller's own). Which agencies are
   * ACTIVE is membership's to say: asked through its per-request loader for the agencies on the page only,
   * which also serves `Listing.partnerAgency`. A page that met such an agency is fetched again without it,
   * so the statements depend on how many inactive agencies a page meets (usually none), not on its size.
   */
  private async visibleRows(ctx: RequestContext, query: SelectQueryBuilder<Listing>, own: string[]): Promise<Listing[]> {
    const hidden = new Set<string>();
    for (;;) {
      const rows = await entitiesOf(query);
      const othersAgencies = [...new Set(rows.filter((row) => !own.includes(row.organizationId)).map((row) => row.partnerAgencyId))];
      const sellable = await Promise.all(othersAgencies.map((id) => this.agencies.isSellable(ctx, id)));
      const newlyHidden = othersAgencies.filter((_, i) => !sellable[i]);
      if (!newlyHidden.length) return rows;
      newlyHidden.forEach((id) => hidden.add(id));
      query.andWhere(orOwn(`listing.partner_agency_id <> ALL(:hidden${hidden.size})`, own), { [`hidden${hidden.size}`]: newlyHidden });
    }
  }

  /** Visible rows counted per agency (one statement), then the agencies asked about at once (another). */
  private async visibleCount(ctx: RequestContext, query: SelectQueryBuilder<Listing>, own: string[]): Promise<number> {
    const groups = await query
      .clone()
      .select('listing.partner_agency_id', 'agencyId')
      .addSelect('listing.organization_id', 'organizationId')
      .addSelect('count(*)::int', 'count')
      .groupBy('listing.partner_agency_id')
      .addGroupBy('listing.organization_id')
      .getRawMany<{ agencyId: string; organizationId: string; count: number }>();
    const others = groups.filter((group) => !own.includes(group.organizationId));
    const sellable = await this.agencies.sellableAgencyIds(
      ctx,
      others.map((group) => group.agencyId),
    );
    return groups.reduce((total, group) => total + (own.includes(group.organizationId) || sellable.has(group.agencyId) ? group.count : 0), 0);
  }

  private async ownOrganizationIds(ctx: RequestContext): Promise<string[]> {
    return ctx.user ? (await this.organizations.membershipsOfUser(ctx, ctx.user.id)).map((m) => m.organizationId) : [];
  }

  /**
   * `PartnerAgency.listings`, newest first, batched per request: however many agencies a response
   * shows, their pages come from one statement and their counts from another.
   */
  ofAgency(ctx: RequestContext, partnerAgencyId: string, page: PageArgs): Promise<Page<Listing>> {
    const size = pageSize(page.first);
    const after = page.after ? checkedCursor(page.after, ['instant', 'id']) : null;
    const loader = ctx.loader<string, Listing[]>(`catalog.agency-listings:${size}:${page.after ?? ''}`, (ids) => this.agencyPages(ctx, ids, size + 1, after));
    const countLoader = ctx.loader<string, number>('catalog.agency-listing-counts', (ids) => this.agencyCounts(ctx, ids));
    return loader.load(partnerAgencyId).then((rows) =>
      connectionOf(
        rows.slice(0, size),
        (node) => encodeCursor([node.createdAt.toISOString(), node.id]),
        rows.length > size,
        page,
        () => countLoader.load(partnerAgencyId),
      ),
    );
  }

  /** Up to `limit` visible listings per agency (newest first, after the cursor), in one statement. */
  private async agencyPages(ctx: RequestContext, ids: readonly string[], limit: number, after: Array<string | number> | null): Promise<Listing[][]> {
    const ranked = await this.visibleOfAgencies(ctx, ids);
    ranked
      .select('listing.id', 'id')
      .addSelect('row_number() OVER (PARTITION BY listing.partner_agency_id ORDER BY listing.created_at DESC, listing.id DESC)', 'rank');
    if (after) ranked.andWhere('(listing.created_at, listing.id) < (:afterCreatedAt, :afterId)', { afterCreatedAt: after[0], afterId: after[1] });
    const page = this.connection
      .getRepository(ctx, Listing)
      .createQueryBuilder('listing')
      .where(`listing.id IN (SELECT ranked.id FROM (${ranked.getQuery()}) ranked WHERE ranked.rank <= :limit)`, { ...ranked.getParameters(), limit })
      .orderBy('listing.created_at', 'DESC')
      .addOrderBy('listing.id', 'DESC');
    const rows = await entitiesOf(page);
    return ids.map((id) => rows.filter((row) => row.partnerAgencyId === id));
  }

  private async agencyCounts(ctx: RequestContext, ids: readonly string[]): Promise<number[]> {
    const rows = await (
      await this.visibleOfAgencies(ctx, ids)
    )
      .select('listing.partner_agency_id', 'id')
      .addSelect('count(*)::int', 'count')
      .groupBy('listing.partner_agency_id')
      .getRawMany<{ id: string; count: number }>();
    return ids.map((id) => rows.find((row) => row.id === id)?.count ?? 0);
  }

  private async visibleOfAgencies(ctx: RequestContext, ids: readonly string[]): Promise<SelectQueryBuilder<Listing>> {
    const query = this.connection
      .getRepository(ctx, Listing)
      .createQueryBuilder('listing')
      .where('listing.partner_agency_id = ANY(:agencyIds)', { agencyIds: [...ids] });
    await this.restrictToVisible(ctx, query, ids);
    return query;
  }

  /**
   * The same rule as ListingService.isVisible, in SQL, for the `candidates` agencies: PUBLISHED listings of
   * the ACTIVE ones, plus every listing of the caller's own organizations; operators see everything.
   */
  private async restrictToVisible(ctx: RequestContext, query: SelectQueryBuilder<Listing>, candidates: readonly string[]): Promise<void> {
    if (ctx.isOperator) return;
    const sellable = [...(await this.agencies.sellableAgencyIds(ctx, candidates))];
    query.andWhere('((listing.status = :published AND listing.partner_agency_id = ANY(:sellable)) OR listing.organization_id = ANY(:ownOrganizations))', {
      published: ListingStatus.PUBLISHED,
      sellable,
      ownOrganizations: await this.ownOrganizationIds(ctx),
    });
  }
}

/** `condition`, or any listing of the caller's own organizations (`:own`). */
function orOwn(condition: string, own: string[]): string {
  return own.length ? `(${condition} OR listing.organization_id = ANY(:own))` : condition;
}

function applyFilter(query: SelectQueryBuilder<Listing>, filter: ListingFilter): void {
  if (filter.minPrice != null && filter.maxPrice != null && filter.minPrice > filter.maxPrice) {
    throw BadUserInputError.field('filter.maxPrice', 'must not be less than minPrice');
  }
  if (filter.kind) query.andWhere('listing.kind = :kind', { kind: filter.kind });
  if (filter.category) query.andWhere('listing.category = :category', { category: filter.category });
  if (filter.partnerAgencyId) query.andWhere('listing.partner_agency_id = :partnerAgencyId', { partnerAgencyId: filter.partnerAgencyId });
  if (filter.statuses?.length) query.andWhere('listing.status = ANY(:statuses)', { statuses: filter.statuses });
  if (filter.organizationKinds?.length) query.andWhere('listing.organization_kind = ANY(:organizationKinds)', { organizationKinds: filter.organizationKinds });
  const search = filter.search?.trim();
  if (search) query.andWhere(`listing.search_text ILIKE :search ESCAPE '\\'`, { search: searchPatternOf(search) });
  const region = filter.region?.trim();
  if (region) query.andWhere(`listing.region LIKE :region ESCAPE '\\'`, { region: `${escapeLike(region)}%` });
  if (filter.minPrice != null) query.andWhere('listing.price >= :minPrice', { minPrice: filter.minPrice });
  if (filter.maxPrice != null) query.andWhere('listing.price <= :maxPrice', { maxPrice: filter.maxPrice });
}

/**
 * Whether, for a caller who sees PUBLISHED listings only, `applyFilter` narrows by nothing but the kind and the
 * category: a status filter that keeps PUBLISHED takes nothing from what they see.
 */
function narrowsOnlyByKindOrCategory(filter: ListingFilter): boolean {
  return (
    (!filter.statuses?.length || filter.statuses.includes(ListingStatus.PUBLISHED)) &&
    filter.minPrice == null &&
    filter.maxPrice == null &&
    !filter.partnerAgencyId &&
    !filter.organizationKinds?.length &&
    !filter.search?.trim() &&
    !filter.region?.trim()
  );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
