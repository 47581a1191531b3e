import { MarketCreatorStatus } from './market-creator.entity.js';

const DAY_MS = 86_400_000;

/** One click on a referral link, as attribution needs it. */
export interface ClickFact {
  clickId: string;
  referralLinkId: string;
  marketCreatorId: string;
  /** The link's listing; null for a link to the whole market. */
  listingId: string | null;
  clickedAt: Date;
}

export interface MarketCreatorFact {
  id: string;
  status: MarketCreatorStatus;
  userId: string;
  organizationId: string | null;
}

/** Everything the decision looks at, loaded beforehand so the decision itself is a pure function. */
export interface AttributionFacts {
  now: Date;
  windowDays: number;
  listing: { id: string; commissionRateBps: number };
  buyer: { userId: string; organizationIds: ReadonlySet<string> };
  /** The click named by the attribution token sent with the purchase, if any and genuine. */
  tokenClick: ClickFact | null;
  /** The buyer's remembered clicks (any order). */
  rememberedClicks: readonly ClickFact[];
  creators: ReadonlyMap<string, MarketCreatorFact>;
  /** Market creators whose market holds the listing now. */
  curatedBy: ReadonlySet<string>;
}

/** The end of a click's attribution window. */
export function attributionExpiresAt(clickedAt: Date, windowDays: number): Date {
  return new Date(clickedAt.getTime() + windowDays * DAY_MS);
}

/**
 * docs/RULES.md §10: which click, if any, a sale is attributed to. The token's click when it is valid, else the
 * newest valid remembered click (last click wins). A click is valid while its window lasts, when its
 * link covers the listing (a listing link only that listing, a market link the market's listings), its
 * market creator is ACTIVE, and the buyer is neither that creator's user nor a member of its
 * organization. A listing with a 0 rate attributes nothing.
 */
export function decideAttribution(facts: AttributionFacts): ClickFact | null {
  if (facts.listing.commissionRateBps <= 0) return null;
  const valid = (click: ClickFact) => isValid(facts, click);
  if (facts.tokenClick && valid(facts.tokenClick)) return facts.tokenClick;
  return facts.rememberedClicks
    .filter(valid)
    .reduce<ClickFact | null>((newest, click) => (!newest || click.clickedAt > newest.clickedAt ? click : newest), null);
}

function isValid(facts: AttributionFacts, click: ClickFact): boolean {
  const creator = facts.creators.get(click.marketCreatorId);
  if (!creator || creator.status !== MarketCreatorStatus.ACTIVE) return false;
  if (click.clickedAt > facts.now || facts.now >= attributionExpiresAt(click.clickedAt, facts.windowDays)) return false;
  const covers = click.listingId === null ? facts.curatedBy.has(creator.id) : click.listingId === facts.listing.id;
  return covers && !isSelfReferral(facts.buyer, creator);
}

function isSelfReferral(buyer: AttributionFacts['buyer'], creator: MarketCreatorFact): boolean {
  return buyer.userId === creator.userId || (creator.organizationId !== null && buyer.organizationIds.has(creator.organizationId));
}
