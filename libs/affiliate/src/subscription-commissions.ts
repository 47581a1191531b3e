import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/src/index.js';
import {
  SubscriptionAttribution,
  SubscriptionEvents,
  type KeptAttribution,
  type SubscribingPurchase,
  type SubscriptionEventMap,
} from '../../subscriptions/src/index.js';
import { AttributionService } from './attribution.service.js';
import { CommissionService } from './commission.service.js';
import { MarketCreatorStatus } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';
import { ReferralService } from './referral.service.js';

/** docs/RULES.md §21: a subscription earns on the lines of its first 12 paid deliveries at most. */
export const COMMISSIONED_DELIVERIES = 12;

/**
 * Commissions of subscription deliveries (docs/RULES.md §21): the attribution is decided at `subscribe` by §10's
 * rule (the token's click if it covers the listing, else the newest remembered one; no self-referral) and kept
 * with the listing's rate then — the link's conversion counted once, there. Each paid delivery among the first
 * 12 earns on its order line, in the charge's transaction, while the creator is ACTIVE (one paid while it is
 * not earns nothing but still counts). From then on the line's commission follows its order through
 * OrderCommissions, as a goods line's does.
 */
@Injectable()
export class SubscriptionCommissions {
  constructor(
    attribution: SubscriptionAttribution,
    events: SubscriptionEvents,
    private readonly attributions: AttributionService,
    private readonly referrals: ReferralService,
    private readonly commissions: CommissionService,
    private readonly creators: MarketCreatorService,
  ) {
    attribution.registerAttributor((ctx, purchase) => this.attribute(ctx, purchase));
    events.inTransaction('SubscriptionCharged', (ctx, charged) => this.deliveryPaid(ctx, charged));
  }

  private async attribute(ctx: RequestContext, purchase: SubscribingPurchase): Promise<KeptAttribution | null> {
    const [click] = await this.attributions.attributeEach(ctx, purchase, [purchase]);
    if (!click) return null;
    await this.referrals.countConversion(ctx, click.referralLinkId);
    return { marketCreatorId: click.marketCreatorId, referralLinkId: click.referralLinkId, commissionRateBps: purchase.commissionRateBps };
  }

  private async deliveryPaid(ctx: RequestContext, { subscription, order, line, paidDelivery }: SubscriptionEventMap['SubscriptionCharged']): Promise<void> {
    const { marketCreatorId, referralLinkId, commissionRateBps } = subscription;
    if (!marketCreatorId || !referralLinkId || commissionRateBps === null || paidDelivery > COMMISSIONED_DELIVERIES) return;
    const creator = await this.creators.load(ctx, marketCreatorId);
    if (creator?.status !== MarketCreatorStatus.ACTIVE) return;
    await this.commissions.recordKeptSale(
      ctx,
      { marketCreatorId, referralLinkId },
      { orderLineId: line.id, partnerAgencyId: order.partnerAgencyId, listingId: line.listingId, commissionRateBps, paidAmount: line.paidAmount },
    );
  }
}
