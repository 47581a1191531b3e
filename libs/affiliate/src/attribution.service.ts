import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { OrganizationService } from '../../identity/src/index.js';
import { decideAttribution, type ClickFact } from './attribution.js';
import { clickIdOfToken } from './attribution-token.js';
import { MarketCreatorService } from './market-creator.service.js';
import { MarketListing } from './market-listing.entity.js';
import { ReferralClick } from './referral-click.entity.js';

/** A sale as attribution sees it. */
export interface AttributableSale {
  buyerId: string;
  listingId: string;
  /** The listing's rate now. */
  commissionRateBps: number;
  /** What the client sent with the purchase, if anything. */
  attributionToken: string | null;
}

/**
 * Loads the facts `decideAttribution` needs — the token's click, the buyer's remembered clicks, their
 * market creators, the buyer's organizations and which markets hold the listing — and lets it decide.
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

  async attribute(ctx: RequestContext, sale: AttributableSale): Promise<ClickFact | null> {
    if (sale.commissionRateBps <= 0) return null;
    const now = this.clock.now();
    const windowDays = this.config.attributionWindowDays;
    // Most sales follow no click: what a click needs checked is only read when there is one.
    const tokenClick = await this.tokenClick(ctx, sale.attributionToken);
    const rememberedClicks = await this.rememberedClicks(ctx, sale.buyerId, new Date(now.getTime() - windowDays * 86_400_000));
    const candidates = [...(tokenClick ? [tokenClick] : []), ...rememberedClicks];
    if (!candidates.length) return null;
    const creatorIds = [...new Set(candidates.map((click) => click.marketCreatorId))];
    const memberships = await this.organizations.membershipsOfUser(ctx, sale.buyerId);
    const creators = await this.creators.loadMany(ctx, creatorIds);
    const curatedBy = await this.curatingCreators(ctx, sale.listingId, creatorIds);
    return decideAttribution({
      now,
      windowDays,
      listing: { id: sale.listingId, commissionRateBps: sale.commissionRateBps },
      buyer: { userId: sale.buyerId, organizationIds: new Set(memberships.map((m) => m.organizationId)) },
      tokenClick,
      rememberedClicks,
      creators: new Map(creators.map((creator) => [creator.id, creator])),
      curatedBy,
    });
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

  private async curatingCreators(ctx: RequestContext, listingId: string, creatorIds: string[]): Promise<Set<string>> {
    const rows = await this.connection
      .getRepository(ctx, MarketListing)
      .createQueryBuilder('curated')
      .where('curated.listing_id = :listingId AND curated.market_creator_id = ANY(:creatorIds)', { listingId, creatorIds })
      .getMany();
    return new Set(rows.map((row) => row.marketCreatorId));
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
