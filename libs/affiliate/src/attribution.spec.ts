import { attributionExpiresAt, decideAttribution, type AttributionFacts, type ClickFact, type MarketCreatorFact } from './attribution.js';
import { MarketCreatorStatus } from './market-creator.entity.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-01T03:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const LISTING = 'listing-care';
const OTHER_LISTING = 'listing-other';
const BUYER = 'user-buyer';

const creator = (id: string, extra: Partial<MarketCreatorFact> = {}): MarketCreatorFact => ({
  id,
  status: MarketCreatorStatus.ACTIVE,
  userId: `user-of-${id}`,
  organizationId: null,
  ...extra,
});

let serial = 0;
const click = (marketCreatorId: string, ageDays: number, listingId: string | null = LISTING): ClickFact => ({
  clickId: `click-${++serial}`,
  referralLinkId: `link-${marketCreatorId}-${listingId ?? 'market'}`,
  marketCreatorId,
  listingId,
  clickedAt: daysAgo(ageDays),
});

function facts(overrides: Partial<AttributionFacts> & { creatorList?: MarketCreatorFact[] } = {}): AttributionFacts {
  const { creatorList = [creator('alice'), creator('bob')], ...rest } = overrides;
  return {
    now: NOW,
    windowDays: 30,
    listing: { id: LISTING, commissionRateBps: 1_000 },
    buyer: { userId: BUYER, organizationIds: new Set() },
    tokenClick: null,
    rememberedClicks: [],
    creators: new Map(creatorList.map((c) => [c.id, c])),
    curatedBy: new Set(),
    ...rest,
  };
}

describe('decideAttribution', () => {
  it('attributes a click 29 days old and not one 31 days old (window 30 days)', () => {
    const recent = click('alice', 29);
    const stale = click('alice', 31);
    expect(decideAttribution(facts({ tokenClick: recent }))).toBe(recent);
    expect(decideAttribution(facts({ tokenClick: stale }))).toBeNull();
    expect(decideAttribution(facts({ rememberedClicks: [stale] }))).toBeNull();
  });

  it('ends the window exactly at clickedAt + window days', () => {
    const edge = click('alice', 30);
    expect(attributionExpiresAt(edge.clickedAt, 30)).toEqual(NOW);
    expect(decideAttribution(facts({ tokenClick: edge }))).toBeNull();
    expect(decideAttribution(facts({ tokenClick: edge, now: new Date(NOW.getTime() - 1) }))).toBe(edge);
  });

  it('follows the configured window', () => {
    expect(decideAttribution(facts({ tokenClick: click('alice', 6), windowDays: 7 }))).not.toBeNull();
    expect(decideAttribution(facts({ tokenClick: click('alice', 8), windowDays: 7 }))).toBeNull();
  });

  it('gives the sale to the newest remembered click: last click wins between two creators', () => {
    const first = click('alice', 5);
    const last = click('bob', 2);
    expect(decideAttribution(facts({ rememberedClicks: [last, first] }))).toBe(last);
    expect(decideAttribution(facts({ rememberedClicks: [first, last] }))).toBe(last);
  });

  it('prefers the token over a newer remembered click', () => {
    const token = click('alice', 10);
    const remembered = click('bob', 1);
    expect(decideAttribution(facts({ tokenClick: token, rememberedClicks: [remembered] }))).toBe(token);
  });

  it('falls back to the newest valid remembered click when the token is not valid', () => {
    const expiredToken = click('alice', 40);
    const remembered = click('bob', 3);
    expect(decideAttribution(facts({ tokenClick: expiredToken, rememberedClicks: [remembered] }))).toBe(remembered);
  });

  it('skips newer clicks that are not valid and keeps the newest valid one', () => {
    const valid = click('alice', 4);
    const otherListing = click('bob', 1, OTHER_LISTING);
    expect(decideAttribution(facts({ rememberedClicks: [valid, otherListing] }))).toBe(valid);
  });

  it('lets a listing link attribute only its own listing', () => {
    const linkToOther = click('alice', 1, OTHER_LISTING);
    expect(decideAttribution(facts({ tokenClick: linkToOther }))).toBeNull();
    expect(decideAttribution(facts({ tokenClick: linkToOther, listing: { id: OTHER_LISTING, commissionRateBps: 500 } }))).toBe(linkToOther);
  });

  it('lets a market link attribute the listings of that market only', () => {
    const marketLink = click('alice', 1, null);
    expect(decideAttribution(facts({ tokenClick: marketLink, curatedBy: new Set(['alice']) }))).toBe(marketLink);
    expect(decideAttribution(facts({ tokenClick: marketLink, curatedBy: new Set(['bob']) }))).toBeNull();
  });

  it("excludes self-referral by the market creator's own user", () => {
    const own = click('alice', 1);
    expect(decideAttribution(facts({ tokenClick: own, buyer: { userId: 'user-of-alice', organizationIds: new Set() } }))).toBeNull();
  });

  it("excludes self-referral by a member of the market creator's organization", () => {
    const corporate = creator('coop', { organizationId: 'org-coop' });
    const fromCoop = click('coop', 1);
    const member = { userId: 'user-staff', organizationIds: new Set(['org-other', 'org-coop']) };
    expect(decideAttribution(facts({ creatorList: [corporate], tokenClick: fromCoop, buyer: member }))).toBeNull();
    const outsider = { userId: 'user-staff', organizationIds: new Set(['org-other']) };
    expect(decideAttribution(facts({ creatorList: [corporate], tokenClick: fromCoop, buyer: outsider }))).toBe(fromCoop);
  });

  it.each([MarketCreatorStatus.SUSPENDED, MarketCreatorStatus.PENDING_REVIEW, MarketCreatorStatus.REJECTED])('excludes a %s market creator', (status) => {
    const fromInactive = click('alice', 1);
    const fallback = click('bob', 2);
    const result = decideAttribution(
      facts({ creatorList: [creator('alice', { status }), creator('bob')], tokenClick: fromInactive, rememberedClicks: [fallback] }),
    );
    expect(result).toBe(fallback);
  });

  it('attributes nothing on a listing whose rate is 0', () => {
    expect(decideAttribution(facts({ tokenClick: click('alice', 1), listing: { id: LISTING, commissionRateBps: 0 } }))).toBeNull();
  });

  it('ignores a click of a market creator it knows nothing about, and a click from the future', () => {
    expect(decideAttribution(facts({ tokenClick: click('carol', 1) }))).toBeNull();
    expect(decideAttribution(facts({ tokenClick: click('alice', -1) }))).toBeNull();
  });

  it('attributes nothing without clicks', () => {
    expect(decideAttribution(facts())).toBeNull();
  });

  it('decides each line of one checkout on its own (docs/RULES.md §21): the token where it covers the line, else the newest remembered click covering it', () => {
    const tokenForCare = click('alice', 3);
    const marketOfBob = click('bob', 1, null);
    const purchase = { tokenClick: tokenForCare, rememberedClicks: [marketOfBob] };
    const care = decideAttribution(facts({ ...purchase, curatedBy: new Set(['bob']) }));
    const other = decideAttribution(facts({ ...purchase, listing: { id: OTHER_LISTING, commissionRateBps: 700 }, curatedBy: new Set(['bob']) }));
    const uncurated = decideAttribution(facts({ ...purchase, listing: { id: 'listing-elsewhere', commissionRateBps: 700 } }));
    expect([care, other, uncurated]).toEqual([tokenForCare, marketOfBob, null]);
  });
});
