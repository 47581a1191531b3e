import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
  isUuid,
  type Page,
} from '../../common/src/index.js';
import { ACTING_ROLES, OrganizationService } from '../../identity/src/index.js';
import { PartnerAgencyService, type ListingLimitEnforcer, type PartnerAgency } from '../../membership/src/index.js';
import type { CreateListingInput, UpdateListingInput } from './dto/listing.inputs.js';
import { ListingKind, ListingStatus } from './listing-enums.js';
import { ListingTransitions } from './listing-transitions.js';
import { Listing } from './listing.entity.js';
import { PublicListingCounts } from './public-listing-counts.js';
import { searchTextOf } from './search-text.js';
import { termsOfNewListing, termsOfUpdate, type TermsDefaults } from './terms-of-kind.js';

const { PUBLISHED, HIDDEN, ARCHIVED, DRAFT } = ListingStatus;

/** The longest reason an archive keeps. */
const MAX_ARCHIVE_REASON_LENGTH = 1000;

/**
 * What a higher library does when a listing changes, inside the change's transaction with the listing row
 * locked (subscriptions: archiving ends its subscriptions, a new price reaches them as a price change).
 */
export interface ListingChangeHandler {
  archived?(ctx: RequestContext, listing: Listing): Promise<void>;
  priceChanged?(ctx: RequestContext, listing: Listing, previousPrice: number): Promise<void>;
}

/**
 * Listings (docs/RULES.md §6): created and changed by the OWNER or MANAGER of the partner agency's organization,
 * published within the agency's tier limit, visible to the public only while PUBLISHED and the agency is ACTIVE.
 */
@Injectable()
export class ListingService implements ListingLimitEnforcer {
  private readonly changeHandlers: ListingChangeHandler[] = [];

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly organizations: OrganizationService,
    private readonly agencies: PartnerAgencyService,
    private readonly transitions: ListingTransitions,
    private readonly publicCounts: PublicListingCounts,
  ) {}

  async create(ctx: RequestContext, input: CreateListingInput): Promise<Listing> {
    const agency = isUuid(input.partnerAgencyId) ? await this.agencies.load(ctx, input.partnerAgencyId) : null;
    if (!agency) throw new NotFoundError('Partner agency', input.partnerAgencyId);
    await this.assertActsFor(ctx, agency.organizationId, () => new NotFoundError('Partner agency', input.partnerAgencyId));
    if (input.kind === ListingKind.SERVICE && !input.category) throw BadUserInputError.field('category', 'is required for a SERVICE listing');
    const terms = termsOfNewListing(input.kind, input, this.termsDefaults());
    const organization = await this.organizations.getById(ctx, agency.organizationId);
    const now = this.clock.now();
    const title = input.title.trim();
    const summary = input.summary?.trim() || null;
    const repo = this.connection.getRepository(ctx, Listing);
    return repo.save(
      repo.create({
        partnerAgencyId: agency.id,
        organizationId: organization.id,
        organizationKind: organization.kind,
        kind: input.kind,
        status: DRAFT,
        title,
        summary,
        description: input.description.trim(),
        price: input.price,
        taxFree: input.taxFree ?? false,
        category: input.category ?? null,
        region: input.region?.trim() || null,
        commissionRateBps: input.commissionRateBps,
        ...terms,
        searchText: searchTextOf(title, summary, organization.name),
        ratingSum: 0,
        reviewCount: 0,
        archiveReason: null,
        publishedAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  /** Any status but ARCHIVED; the search text follows the title and summary. */
  async update(ctx: RequestContext, id: string, input: UpdateListingInput): Promise<Listing> {
    await this.getForActing(ctx, id);
    const listing = await this.transitions.lock(ctx, id);
    if (listing.status === ARCHIVED) throw new InvalidStateError('An archived listing cannot be changed');
    const terms = termsOfUpdate(listing.kind, input, listing, this.termsDefaults());
    if (terms) Object.assign(listing, terms);
    if (input.title) listing.title = input.title.trim();
    if (input.summary !== undefined) listing.summary = input.summary?.trim() || null;
    if (input.description) listing.description = input.description.trim();
    const previousPrice = listing.price;
    if (input.price != null) listing.price = input.price;
    if (input.taxFree != null) listing.taxFree = input.taxFree;
    if (input.region !== undefined) listing.region = input.region?.trim() || null;
    if (input.commissionRateBps != null) listing.commissionRateBps = input.commissionRateBps;
    const organization = await this.organizations.getById(ctx, listing.organizationId);
    listing.searchText = searchTextOf(listing.title, listing.summary, organization.name);
    listing.updatedAt = this.clock.now();
    const saved = await this.connection.getRepository(ctx, Listing).save(listing);
    if (saved.price !== previousPrice) for (const handler of this.changeHandlers) await handler.priceChanged?.(ctx, saved, previousPrice);
    return saved;
  }

  /** Higher libraries register in their module (the catalog cannot import them), as with onWithdrawal. */
  onListingChange(handler: ListingChangeHandler): void {
    this.changeHandlers.push(handler);
  }

  /**
   * DRAFT or HIDDEN → PUBLISHED, for an ACTIVE agency below its tier's limit. The count is taken under
   * the agency's publishing lock, so concurrent publishes at the limit cannot both pass.
   */
  async publish(ctx: RequestContext, id: string): Promise<Listing> {
    const { partnerAgencyId } = await this.getForActing(ctx, id);
    await this.transitions.lockPublishedCount(ctx, partnerAgencyId);
    const listing = await this.transitions.transition(ctx, id, PUBLISHED, async () =>
      this.agencies.assertMayPublish(ctx, partnerAgencyId, await this.transitions.publishedCount(ctx, partnerAgencyId)),
    );
    await this.publicCounts.listingsMoved(ctx, partnerAgencyId, [listing], 1);
    return listing;
  }

  /** PUBLISHED → HIDDEN, under the agency's publishing lock as publishing is (PublicListingCounts). */
  async hide(ctx: RequestContext, id: string): Promise<Listing> {
    const { partnerAgencyId } = await this.getForActing(ctx, id);
    await this.transitions.lockPublishedCount(ctx, partnerAgencyId);
    return this.takeOffSale(ctx, await this.transitions.lock(ctx, id));
  }

  /**
   * DRAFT or HIDDEN → ARCHIVED by the agency's OWNER or MANAGER, for good (docs/RULES.md §6), so the public's counts
   * do not move; a reason is optional. Who may is checked before anything else, so operators are FORBIDDEN whatever
   * they send (they use `takeDown`).
   */
  async archive(ctx: RequestContext, id: string, reason?: string | null): Promise<Listing> {
    await this.getForActing(ctx, id);
    const why = archiveReasonOf(reason);
    return this.archiveLocked(ctx, await this.transitions.lock(ctx, id), why);
  }

  /**
   * An operator's take-down (docs/RULES.md §6): any listing not archived yet, with a reason. A PUBLISHED one is
   * hidden first, in the same transaction and under the publishing lock, as `hide` does; then it is archived as
   * the agency's own archive is.
   */
  async takeDown(ctx: RequestContext, id: string, reason: string): Promise<Listing> {
    const why = archiveReasonOf(reason);
    if (!why) throw BadUserInputError.field('reason', 'must not be blank');
    const listing = await this.load(ctx, id);
    if (!listing) throw new NotFoundError('Listing', id);
    await this.transitions.lockPublishedCount(ctx, listing.partnerAgencyId);
    const locked = await this.transitions.lock(ctx, id);
    return this.archiveLocked(ctx, locked.status === PUBLISHED ? await this.takeOffSale(ctx, locked) : locked, why);
  }

  /** → ARCHIVED of a locked listing with its reason; the higher libraries' `archived` handlers run (subscriptions end, docs/RULES.md §20). */
  private async archiveLocked(ctx: RequestContext, listing: Listing, reason: string | null): Promise<Listing> {
    const archived = await this.transitions.apply(ctx, listing, ARCHIVED, (row) => {
      row.archiveReason = reason;
    });
    for (const handler of this.changeHandlers) await handler.archived?.(ctx, archived);
    return archived;
  }

  /** PUBLISHED → HIDDEN of a listing locked under its agency's publishing lock, and the public's counts with it. */
  private async takeOffSale(ctx: RequestContext, listing: Listing): Promise<Listing> {
    const hidden = await this.transitions.apply(ctx, listing, HIDDEN);
    await this.publicCounts.listingsMoved(ctx, hidden.partnerAgencyId, [hidden], -1);
    return hidden;
  }

  /** For membership, when a downgrade takes effect: the most recently published are hidden, the oldest kept (docs/RULES.md §5). */
  async hideListingsOverLimit(ctx: RequestContext, partnerAgencyId: string, limit: number): Promise<void> {
    await this.transitions.lockPublishedCount(ctx, partnerAgencyId);
    const overLimit = await this.connection
      .getRepository(ctx, Listing)
      .createQueryBuilder('listing')
      .select('listing.id')
      .where('listing.partnerAgencyId = :partnerAgencyId AND listing.status = :published', { partnerAgencyId, published: PUBLISHED })
      .orderBy('listing.publishedAt', 'ASC')
      .addOrderBy('listing.id', 'ASC')
      .offset(limit)
      .getMany();
    const hidden: Listing[] = [];
    for (const { id } of overLimit) hidden.push(await this.transitions.transition(ctx, id, HIDDEN));
    await this.publicCounts.listingsMoved(ctx, partnerAgencyId, hidden, -1);
  }

  /** For booking, when a buyer reviews a completed reservation: adds one rating of 1..5. */
  async recordReview(ctx: RequestContext, listingId: string, rating: number): Promise<void> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw BadUserInputError.field('rating', 'must be a whole number from 1 to 5');
    const { affected } = await this.connection
      .getRepository(ctx, Listing)
      .createQueryBuilder()
      .update()
      .set({ ratingSum: () => 'rating_sum + :rating', reviewCount: () => 'rating_count + 1' })
      .setParameter('rating', rating)
      .where('id = :listingId', { listingId })
      .execute();
    if (!affected) throw new NotFoundError('Listing', listingId);
  }

  /**
   * Takes `quantity` units of a GOODS listing in one conditional statement (docs/RULES.md §15): concurrent
   * takers queue on the row and each re-checks the stock it finds, so overselling is impossible across
   * processes. False, with nothing taken, when fewer units are left.
   */
  async takeStock(ctx: RequestContext, listingId: string, quantity: number): Promise<boolean> {
    return (await this.moveStock(ctx, listingId, -quantity, `(goods->>'stock')::integer >= :quantity`)) > 0;
  }

  /**
   * Takes the units of every GOODS listing of `takes` that has enough left, in one statement (a checkout's
   * lines): the rows are locked in id order, so concurrent takers queue without deadlocking, and each row's
   * condition is checked again on the version it finds, as in `takeStock`. Answers the listings taken; the
   * others are left untouched for the caller to retry or refuse.
   */
  async takeStocks(ctx: RequestContext, takes: ReadonlyArray<{ listingId: string; quantity: number }>): Promise<Set<string>> {
    const wanted = new Map<string, number>();
    for (const { listingId, quantity } of takes) wanted.set(listingId, (wanted.get(listingId) ?? 0) + quantity);
    // An UPDATE's answer from TypeORM is [rows, affected].
    const [taken]: [Array<{ id: string }>, number] = await this.connection.manager(ctx).query(
      `WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::integer[]) AS wanted (id, quantity)),
            locked AS (SELECT listing.id FROM listing JOIN wanted USING (id) WHERE listing.kind = $3 ORDER BY listing.id FOR UPDATE OF listing)
       UPDATE listing SET goods = jsonb_set(goods, '{stock}', to_jsonb((goods->>'stock')::integer - wanted.quantity))
         FROM wanted JOIN locked USING (id)
        WHERE listing.id = wanted.id AND (listing.goods->>'stock')::integer >= wanted.quantity
       RETURNING listing.id`,
      [[...wanted.keys()], [...wanted.values()], ListingKind.GOODS],
    );
    return new Set(taken.map((row) => row.id));
  }

  /** Puts units back (an expired hold, a cancellation before shipment); returns never restock (docs/RULES.md §15). */
  async returnStock(ctx: RequestContext, listingId: string, quantity: number): Promise<void> {
    await this.moveStock(ctx, listingId, quantity, 'TRUE');
  }

  /** One UPDATE of a GOODS listing's stock by `delta` where `condition` holds; the rows it changed. */
  private async moveStock(ctx: RequestContext, listingId: string, delta: number, condition: string): Promise<number> {
    const { affected } = await this.connection
      .getRepository(ctx, Listing)
      .createQueryBuilder()
      .update()
      .set({ goods: () => `jsonb_set(goods, '{stock}', to_jsonb((goods->>'stock')::integer + :delta))` })
      .where(`id = :listingId AND kind = :goods AND ${condition}`, { listingId, goods: ListingKind.GOODS, quantity: Math.abs(delta) })
      .setParameter('delta', delta)
      .execute();
    return affected ?? 0;
  }

  countOfAgency(ctx: RequestContext, partnerAgencyId: string): Promise<number> {
    return this.connection.getRepository(ctx, Listing).countBy({ partnerAgencyId });
  }

  /** Batched per request (DataLoader); no visibility check. */
  load(ctx: RequestContext, id: string): Promise<Listing | null> {
    return isUuid(id) ? this.connection.loadOne(ctx, Listing, 'id', id, (listing) => listing.id) : Promise.resolve(null);
  }

  /** What `listing(id)` shows: anything the caller may see, else NOT_FOUND. */
  async getVisible(ctx: RequestContext, id: string): Promise<Listing> {
    const listing = await this.load(ctx, id);
    if (!listing || !(await this.isVisible(ctx, listing))) throw new NotFoundError('Listing', id);
    return listing;
  }

  /** The public sees PUBLISHED listings of ACTIVE agencies; the agency's members see all of theirs, operators all. */
  async isVisible(ctx: RequestContext, listing: Listing): Promise<boolean> {
    if (ctx.isOperator) return true;
    if (await this.isSellable(ctx, listing)) return true;
    return (await this.organizations.roleOf(ctx, listing.organizationId)) !== null;
  }

  /** Whether the public can see, reserve and buy it now (docs/RULES.md §4). */
  async isSellable(ctx: RequestContext, listing: Listing): Promise<boolean> {
    return listing.status === PUBLISHED && (await this.agencies.isSellable(ctx, listing.partnerAgencyId));
  }

  /** Whether a hold on it may be paid now: sellable, the agency's status held until commit (PartnerAgencyService.lockForSale). */
  async lockForSale(ctx: RequestContext, listingId: string): Promise<boolean> {
    const listing = await this.load(ctx, listingId);
    return listing?.status === PUBLISHED && (await this.agencies.lockForSale(ctx, listing.partnerAgencyId));
  }

  /** The sellable ones among `ids` (PUBLISHED, of an ACTIVE agency), in two statements however many (markets ask this). */
  async sellableIds(ctx: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.connection
      .getRepository(ctx, Listing)
      .createQueryBuilder('listing')
      .select('listing.id', 'id')
      .addSelect('listing.partner_agency_id', 'partnerAgencyId')
      .where('listing.id = ANY(:ids) AND listing.status = :published', { ids: ids.filter(isUuid), published: PUBLISHED })
      .getRawMany<{ id: string; partnerAgencyId: string }>();
    const activeAgencies = await this.agencies.sellableAgencyIds(ctx, [...new Set(rows.map((row) => row.partnerAgencyId))]);
    return new Set(rows.filter((row) => activeAgencies.has(row.partnerAgencyId)).map((row) => row.id));
  }

  /**
   * A page of curated listings that are still sellable (markets, exhibitions): the catalog picks the sellable
   * ones among `curatedIds`, `pageOf` pages the curator's own rows among them (one keyset statement), and the
   * page's listings load in one batch.
   */
  async sellablePage<R extends { listingId: string }>(
    ctx: RequestContext,
    curatedIds: readonly string[],
    pageOf: (sellable: string[]) => Promise<Page<R>>,
  ): Promise<Page<Listing>> {
    const page = await pageOf([...(await this.sellableIds(ctx, curatedIds))]);
    const listings = await Promise.all(page.nodes.map((row) => this.load(ctx, row.listingId)));
    const edges = page.edges
      .map((edge, i) => ({ cursor: edge.cursor, node: listings[i] }))
      .filter((edge): edge is { cursor: string; node: Listing } => edge.node !== null);
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: page.pageInfo,
      get totalCount() {
        return page.totalCount;
      },
    };
  }

  async partnerAgencyOf(ctx: RequestContext, listing: Listing): Promise<PartnerAgency> {
    const agency = await this.agencies.load(ctx, listing.partnerAgencyId);
    if (!agency) throw new Error(`Listing ${listing.id} names a partner agency that does not exist`);
    return agency;
  }

  /** For changes: the listing, when the caller is OWNER or MANAGER of its agency (others see NOT_FOUND or FORBIDDEN). */
  async getForActing(ctx: RequestContext, id: string): Promise<Listing> {
    const listing = await this.load(ctx, id);
    if (!listing) throw new NotFoundError('Listing', id);
    await this.assertActsFor(ctx, listing.organizationId, () => new NotFoundError('Listing', id));
    return listing;
  }

  private termsDefaults(): TermsDefaults {
    return {
      cancellationPolicy: this.config.defaultCancellationPolicy,
      dispatchBusinessDays: this.config.defaultDispatchBusinessDays,
      cutoffDays: this.config.defaultCutoffDays,
    };
  }

  /** docs/RULES.md §6: only OWNER and MANAGER change listings. Non-members learn nothing (NOT_FOUND); staff and operators may not. */
  private async assertActsFor(ctx: RequestContext, organizationId: string, notFound: () => NotFoundError): Promise<void> {
    if (!ctx.user) throw new UnauthenticatedError();
    const role = await this.organizations.roleOf(ctx, organizationId);
    if (role && ACTING_ROLES.includes(role)) return;
    if (!role && !ctx.isOperator) throw notFound();
    throw new ForbiddenError("Only owners and managers of the partner agency's organization may change its listings");
  }
}

/** The reason an archive keeps: trimmed, a blank one none, at most MAX_ARCHIVE_REASON_LENGTH characters (docs/RULES.md §6). */
function archiveReasonOf(reason: string | null | undefined): string | null {
  const text = reason?.trim() || null;
  if (text && text.length > MAX_ARCHIVE_REASON_LENGTH) throw BadUserInputError.field('reason', `must be at most ${MAX_ARCHIVE_REASON_LENGTH} characters`);
  return text;
}
