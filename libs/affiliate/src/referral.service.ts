import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { ClockService, DureConfig, JobQueueService, NotFoundError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { attributionExpiresAt } from './attribution.js';
import { clientFingerprint, signAttributionToken } from './attribution-token.js';
import type { AttributionView } from './attribution.view.js';
import type { CreateReferralLinkInput } from './dto/referral-link.input.js';
import { MarketCreatorStatus } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';
import { MarketService } from './market.service.js';
import { ReferralClick } from './referral-click.entity.js';
import { ReferralLink } from './referral-link.entity.js';

const CODE_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
/** Repeated clicks from one client on one link count once within this time (click-fraud damping). */
const CLICK_COUNT_INTERVAL_MS = 3600_000;

export interface ClickingClient {
  address: string | null;
  userAgent: string | null;
}

/** Referral links, and the clicks on them that attribution later reads (docs/RULES.md §10). */
@Injectable()
export class ReferralService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly creators: MarketCreatorService,
    private readonly markets: MarketService,
    jobs: JobQueueService,
  ) {
    jobs.registerRecurring('affiliate.prune-referral-clicks', 24 * 3600_000, (ctx) => this.pruneClicks(ctx));
  }

  /**
   * A new link with a short random code, to the market or to a listing the creator could curate. Codes
   * are drawn until one is free; ON CONFLICT keeps a taken code from aborting the caller's transaction.
   */
  async createLink(ctx: RequestContext, input: CreateReferralLinkInput): Promise<ReferralLink> {
    const creator = await this.creators.ownActive(ctx);
    const listing = input.listingId ? await this.markets.curatableListing(ctx, input.listingId) : null;
    const repo = this.connection.getRepository(ctx, ReferralLink);
    for (;;) {
      const link = repo.create({
        marketCreatorId: creator.id,
        code: randomCode(),
        listingId: listing?.id ?? null,
        campaign: input.campaign?.trim() || null,
        clicks: 0,
        conversions: 0,
        createdAt: this.clock.now(),
      });
      const { raw } = await repo.createQueryBuilder().insert().values(link).orIgnore().returning('id').updateEntity(false).execute();
      const inserted = (raw as Array<{ id: string }>)[0];
      if (inserted) return Object.assign(link, { id: inserted.id });
    }
  }

  url(link: ReferralLink): string {
    return `${this.config.publicWebUrl}/r/${link.code}`;
  }

  /**
   * Records a click on an ACTIVE market creator's link and returns its attribution token. The click is
   * remembered for a signed-in caller. It counts in `clicks` unless the same client (by fingerprint)
   * had a counted click on the link within the hour; the advisory lock makes concurrent repeats take turns.
   */
  async trackClick(ctx: RequestContext, code: string, client: ClickingClient): Promise<AttributionView> {
    const link = await this.connection.getRepository(ctx, ReferralLink).findOneBy({ code });
    const creator = link ? await this.creators.load(ctx, link.marketCreatorId) : null;
    if (!link || creator?.status !== MarketCreatorStatus.ACTIVE) throw new NotFoundError('Referral link', code);

    const clientHash = clientFingerprint(this.config.jwtSecret, client.address, client.userAgent);
    const manager = this.connection.manager(ctx);
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`referral_click:${link.id}:${clientHash}`]);
    const now = this.clock.now();
    const counted = !(await this.connection
      .getRepository(ctx, ReferralClick)
      .createQueryBuilder('click')
      .where('click.referral_link_id = :linkId AND click.client_hash = :clientHash AND click.counted', { linkId: link.id, clientHash })
      .andWhere('click.clicked_at > :since', { since: new Date(now.getTime() - CLICK_COUNT_INTERVAL_MS) })
      .getExists());
    const click = await this.connection.getRepository(ctx, ReferralClick).save({
      referralLinkId: link.id,
      marketCreatorId: link.marketCreatorId,
      listingId: link.listingId,
      userId: ctx.user?.id ?? null,
      clientHash,
      counted,
      clickedAt: now,
    });
    if (counted) await this.connection.getRepository(ctx, ReferralLink).increment({ id: link.id }, 'clicks', 1);
    return {
      token: signAttributionToken(this.config.jwtSecret, click.id),
      expiresAt: attributionExpiresAt(now, this.config.attributionWindowDays),
      marketCreatorId: link.marketCreatorId,
      listingId: link.listingId,
    };
  }

  linksOf(ctx: RequestContext, marketCreatorId: string): Promise<ReferralLink[]> {
    return this.connection.loadMany(ctx, ReferralLink, 'market_creator_id', marketCreatorId, (link) => link.marketCreatorId, 'created_at');
  }

  /** A sale was attributed to the link. */
  async countConversion(ctx: RequestContext, referralLinkId: string): Promise<void> {
    await this.connection.getRepository(ctx, ReferralLink).increment({ id: referralLinkId }, 'conversions', 1);
  }

  /** Clicks older than the attribution window can never earn a sale again (kept a day longer, to be safe at the edge). */
  private async pruneClicks(ctx: RequestContext): Promise<void> {
    const before = new Date(this.clock.now().getTime() - (this.config.attributionWindowDays + 1) * 86_400_000);
    await this.connection.manager(ctx).createQueryBuilder().delete().from(ReferralClick).where('clicked_at < :before', { before }).execute();
  }
}

function randomCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}
