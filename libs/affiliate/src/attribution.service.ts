import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { OrganizationService } from '../../identity/src/index.js';
import { decideAttribution, type ClickFact } from './attribution.js';
import { clickIdOfToken } from './attribution-token.js';
import { MarketCreatorService } from './market-creator.service.js';
import { MarketListing } from './market-listing.entity.js';
import { ReferralClick } from './referral-click.entity.js';

/** Who bought, and what the client sent with the purchase. */
export interface AttributablePurchase {
  buyerId: string;
  /** What the client sent with the purchase, if anything. */
  attributionToken: string | null;
  /** The organization it was bought for (B2B, docs/RULES.md §23), else null. */
  buyerOrganizationId?: string | null;
}

/** One listing of the purchase, at its rate now. */
export interface AttributableListing {
  listingId: string;
  commissionRateBps: number;
}

/** A one-listing purchase (a reservation) as attribution sees it. */
export type AttributableSale = AttributablePurchase & AttributableListing;

/**
 * Loads the facts `decideAttribution` needs — the token's click, the buyer's remembered clicks, their
 * market creators, the buyer's organizations and which markets hold each listing — once per purchase,
 * and lets it decide for each listing on its own (docs/RULES.md §21: an order line is attributed by itself).
 */
@Injectable()
export class AttributionService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly creators: MarketCreatorService,
    private readonly organizations: OrganizationService,
  ) {}

  /** The click each listing is attributed to (or null), in the order given. */
  async attributeEach(ctx: RequestContext, purchase: AttributablePurchase, listings: readonly AttributableListing[]): Promise<Array<ClickFact | null>> {
    if (!listings.some((listing) => listing.commissionRateBps > 0)) return listings.map(() => null);
    const now = this.clock.now();
    const windowDays = this.config.attributionWindowDays;
    // Most sales follow no click: what a click needs checked is only read when there is one.
    const tokenClick = await this.tokenClick(ctx, purchase.attributionToken);
    const rememberedClicks = await this.rememberedClicks(ctx, purchase.buyerId, new Date(now.getTime() - windowDays * 86_400_000));
    const candidates = [...(tokenClick ? [tokenClick] : []), ...rememberedClicks];
    if (!candidates.length) return listings.map(() => null);
    const creatorIds = [...new Set(candidates.map((click) => click.marketCreatorId))];
    const memberships = await this.organizations.membershipsOfUser(ctx, purchase.buyerId);
    // docs/RULES.md §21: self-referral also covers a buyer organization that is the creator's organization.
    const buyerOrganizationIds = new Set([
      ...memberships.map((m) => m.organizationId),
      ...(purchase.buyerOrganizationId ? [purchase.buyerOrganizationId] : []),
    ]);
    const creators = await this.creators.loadMany(ctx, creatorIds);
    const curatedBy = await this.curatingCreators(
      ctx,
      listings.map((listing) => listing.listingId),
      creatorIds,
    );
    const shared = {
      now,
      windowDays,
      buyer: { userId: purchase.buyerId, organizationIds: buyerOrganizationIds },
      tokenClick,
      rememberedClicks,
      creators: new Map(creators.map((creator) => [creator.id, creator])),
    };
    return listings.map((listing) =>
      decideAttribution({
        ...shared,
        listing: { id: listing.listingId, commissionRateBps: listing.commissionRateBps },
        curatedBy: curatedBy.get(listing.listingId) ?? new Set(),
      }),
    );
  }

  private async tokenClick(ctx: RequestContext, token: string | null): Promise<ClickFact | null> {
    const clickId = token ? clickIdOfToken(this.config.jwtSecret, token) : null;
    const click = clickId ? await this.connection.getRepository(ctx, ReferralClick).findOneBy({ id: clickId }) : null;
    return click && factOf(click);
  }

  /** The buyer's newest click on each link within the window: the newest is the best candidate a link has. */
  private async rememberedClicks(ctx: RequestContext, buyerId: string, since: Date): Promise<ClickFact[]> {
    const clicks = await this.connection
      .getRepository(ctx, ReferralClick)
      .createQueryBuilder('click')
      .distinctOn(['click.referral_link_id'])
      .where('click.user_id = :buyerId AND click.clicked_at > :since', { buyerId, since })
      .orderBy('click.referral_link_id')
      .addOrderBy('click.clicked_at', 'DESC')
      .getMany();
    return clicks.map(factOf);
  }

  /** Per listing, the market creators (among `creatorIds`) whose market holds it. */
  private async curatingCreators(ctx: RequestContext, listingIds: string[], creatorIds: string[]): Promise<Map<string, Set<string>>> {
    const rows = await this.connection
      .getRepository(ctx, MarketListing)
      .createQueryBuilder('curated')
      .where('curated.listing_id = ANY(:listingIds) AND curated.market_creator_id = ANY(:creatorIds)', { listingIds, creatorIds })
      .getMany();
    const byListing = new Map<string, Set<string>>();
    for (const row of rows) byListing.set(row.listingId, (byListing.get(row.listingId) ?? new Set()).add(row.marketCreatorId));
    return byListing;
  }
}

function factOf(click: ReferralClick): ClickFact {
  return {
    clickId: click.id,
    referralLinkId: click.referralLinkId,
    marketCreatorId: click.marketCreatorId,
    listingId: click.listingId,
    clickedAt: click.clickedAt,
  };
}
