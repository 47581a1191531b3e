import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/src/index.js';

/** The subscription's purchase as attribution sees it at `subscribe` (docs/RULES.md §21). */
export interface SubscribingPurchase {
  buyerId: string;
  attributionToken: string | null;
  buyerOrganizationId: string | null;
  listingId: string;
  /** The listing's rate now: the one kept for every delivery. */
  commissionRateBps: number;
}

/** Who earns on the subscription's deliveries, kept from `subscribe` on. */
export interface KeptAttribution {
  marketCreatorId: string;
  referralLinkId: string;
  commissionRateBps: number;
}

type Attributor = (ctx: RequestContext, purchase: SubscribingPurchase) => Promise<KeptAttribution | null>;

/**
 * docs/RULES.md §21: a subscription's attribution is decided once, at `subscribe`, by the market-creator library
 * (above this one), which registers here; until it does, nothing is attributed.
 */
@Injectable()
export class SubscriptionAttribution {
  private attributor: Attributor = () => Promise.resolve(null);

  registerAttributor(attributor: Attributor): void {
    this.attributor = attributor;
  }

  decide(ctx: RequestContext, purchase: SubscribingPurchase): Promise<KeptAttribution | null> {
    return this.attributor(ctx, purchase);
  }
}
