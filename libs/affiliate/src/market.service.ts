import { Injectable } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import {
  ClockService,
  InvalidStateError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  paginate,
  type Page,
  type PageArgs,
} from '../../common/src/index.js';
import { Listing, ListingService } from '../../catalog/src/index.js';
import { MarketCreator } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';
import { MarketListing } from './market-listing.entity.js';

/** `market(handle)`: an ACTIVE market creator's curated listings. */
@ObjectType('Market', { description: "An ACTIVE market creator's public shop window of curated listings." })
export class Market {
  @Field(() => MarketCreator, { description: 'Whose market it is.' })
  marketCreator: MarketCreator;
}

/**
 * What market creators curate (docs/RULES.md §10): PUBLISHED listings of ACTIVE agencies that pay commission.
 * A market shows only those still sellable; the catalog says which, since its tables are its own.
 */
@Injectable()
export class MarketService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly creators: MarketCreatorService,
    private readonly listings: ListingService,
  ) {}

  /** Adds a listing to the caller's market; adding it again changes nothing. */
  async add(ctx: RequestContext, listingId: string): Promise<Listing> {
    const creator = await this.creators.ownActive(ctx);
    const listing = await this.curatableListing(ctx, listingId);
    await this.connection
      .getRepository(ctx, MarketListing)
      .createQueryBuilder()
      .insert()
      .values({ marketCreatorId: creator.id, listingId: listing.id, addedAt: this.clock.now() })
      .orIgnore()
      .execute();
    return listing;
  }

  /** Whether the listing was in the caller's market (it is not any more). */
  async remove(ctx: RequestContext, listingId: string): Promise<boolean> {
    const creator = await this.creators.own(ctx);
    if (!isUuid(listingId)) return false;
    const { affected } = await this.connection.getRepository(ctx, MarketListing).delete({ marketCreatorId: creator.id, listingId });
    return (affected ?? 0) > 0;
  }

  /** A listing a market creator may curate or link to: visible to them (else NOT_FOUND), sellable, paying commission. */
  async curatableListing(ctx: RequestContext, listingId: string): Promise<Listing> {
    const listing = await this.listings.getVisible(ctx, listingId);
    if (!(await this.listings.isSellable(ctx, listing))) throw new InvalidStateError('Only PUBLISHED listings of ACTIVE partner agencies can be curated');
    if (listing.commissionRateBps <= 0) throw new InvalidStateError('This listing pays no commission, so it cannot be curated');
    return listing;
  }

  async market(ctx: RequestContext, handle: string): Promise<Market> {
    return { marketCreator: await this.creators.getActiveByHandle(ctx, handle) };
  }

  /**
   * The market's listings that are still sellable, most recently added first: the catalog picks the sellable
   * ones among the curated ids, then one keyset-paginated statement reads the page and one loads its listings.
   */
  async listingsOf(ctx: RequestContext, marketCreatorId: string, args: PageArgs): Promise<Page<Listing>> {
    const repo = this.connection.getRepository(ctx, MarketListing);
    const curated = await repo.find({ select: { listingId: true }, where: { marketCreatorId } });
    return this.listings.sellablePage(
      ctx,
      curated.map((row) => row.listingId),
      (sellable) =>
        paginate(
          repo
            .createQueryBuilder('curated')
            .where('curated.market_creator_id = :marketCreatorId AND curated.listing_id = ANY(:sellable)', { marketCreatorId, sellable }),
          args,
          [
            { expression: 'curated.added_at', direction: 'DESC', valueOf: (row) => row.addedAt },
            { expression: 'curated.listing_id', direction: 'DESC', valueOf: (row) => row.listingId },
          ],
        ),
    );
  }

  /** A listing a market-creator object names, when the caller may see it (else null: it may have been hidden since). */
  async visibleListing(ctx: RequestContext, listingId: string | null): Promise<Listing | null> {
    const listing = listingId ? await this.listings.load(ctx, listingId) : null;
    return listing && (await this.listings.isVisible(ctx, listing)) ? listing : null;
  }
}
