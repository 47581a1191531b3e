import { randomUUID } from 'node:crypto';
import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { CommissionService } from '../../libs/affiliate/src/index.js';
import { CREATE_LINK, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { CREATE_LISTING, HIDE_LISTING, activePartnerAgency, publishedListing, serviceListingInput, type Agency } from '../support/catalog.js';
import { REINSTATE, SUSPEND } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const ADD = `mutation($id: ID!) { addToMarket(listingId: $id) { id title } }`;
const REMOVE = `mutation($id: ID!) { removeFromMarket(listingId: $id) }`;
const MARKET = `query($handle: String!, $first: Int, $after: String) {
  market(handle: $handle) { marketCreator { id handle displayName } listings(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id title } } }
}`;

describe('affiliate: markets', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
  });
  afterAll(() => t.close());

  const newCreator = async () => {
    const user = await signUp(t, '큐레이터');
    return { ...(await becomeMarketCreator(t, user.token)), token: user.token };
  };
  const marketIds = async (handle: string) => ((await t.ok(MARKET, { handle })).market.listings.nodes as Array<{ id: string }>).map((l) => l.id);
  const errorCode = async (query: string, variables: Record<string, unknown>, token?: string) =>
    (await t.gql(query, variables, token)).errors?.[0]?.extensions.code;

  it('curates published listings into a public market, most recently added first, without duplicates', async () => {
    const creator = await newCreator();
    const first = await publishedListing(t, agency, { title: '방문 목욕' });
    const second = await publishedListing(t, agency, { title: '반찬 나눔' });
    expect((await t.ok(ADD, { id: first }, creator.token)).addToMarket).toEqual({ id: first, title: '방문 목욕' });
    await t.ok(ADD, { id: second }, creator.token);
    await t.ok(ADD, { id: first }, creator.token);

    const market = (await t.ok(MARKET, { handle: creator.handle })).market;
    expect(market.marketCreator).toMatchObject({ id: creator.id, handle: creator.handle });
    expect(market.listings).toMatchObject({ totalCount: 2, nodes: [{ id: second }, { id: first }] });
    const own = await t.ok(`{ me { marketCreator { marketListings { totalCount nodes { id } } } } }`, {}, creator.token);
    expect(own.me.marketCreator.marketListings).toEqual({ totalCount: 2, nodes: [{ id: second }, { id: first }] });
  });

  it('pages the market with a constant number of statements', async () => {
    const creator = await newCreator();
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift(await publishedListing(t, agency, { title: `돌봄 ${i}` }));
      await t.ok(ADD, { id: ids[0] }, creator.token);
    }
    const page1 = (await t.ok(MARKET, { handle: creator.handle, first: 2 })).market.listings;
    expect(page1).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true }, nodes: [{ id: ids[0] }, { id: ids[1] }] });
    const page2 = (await t.ok(MARKET, { handle: creator.handle, first: 3, after: page1.pageInfo.endCursor })).market.listings;
    expect(page2).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ id: ids[2] }, { id: ids[3] }, { id: ids[4] }] });

    const statements = async (first: number) => {
      t.queries.count = 0;
      await t.ok(MARKET, { handle: creator.handle, first });
      return t.queries.count;
    };
    expect(await statements(5)).toBe(await statements(1));
  });

  it('shows only listings still sellable: hidden ones and those of a suspended agency drop out, and come back', async () => {
    const creator = await newCreator();
    const other = await activePartnerAgency(t, operator, { name: '푸른숲 협동조합' });
    const hidden = await publishedListing(t, agency, { title: '숨길 서비스' });
    const ofSuspended = await publishedListing(t, other, { title: '정지될 기관 서비스' });
    const kept = await publishedListing(t, agency, { title: '계속 파는 서비스' });
    for (const id of [hidden, ofSuspended, kept]) await t.ok(ADD, { id }, creator.token);

    await t.ok(HIDE_LISTING, { id: hidden }, agency.owner.token);
    await t.ok(SUSPEND, { id: other.id, reason: '조사 중' }, operator);
    expect(await marketIds(creator.handle)).toEqual([kept]);
    expect((await t.ok(MARKET, { handle: creator.handle })).market.listings.totalCount).toBe(1);

    await t.ok(REINSTATE, { id: other.id }, operator);
    expect(await marketIds(creator.handle)).toEqual([kept, ofSuspended]);
  });

  it('refuses listings that cannot be curated and callers who cannot curate', async () => {
    const creator = await newCreator();
    const noCommission = await publishedListing(t, agency, { commissionRateBps: 0 });
    const draft = (await t.ok(CREATE_LISTING, { input: serviceListingInput(agency.id) }, agency.owner.token)).createListing.id;
    const listing = await publishedListing(t, agency);

    expect(await errorCode(ADD, { id: noCommission }, creator.token)).toBe('INVALID_STATE');
    expect(await errorCode(ADD, { id: draft }, creator.token)).toBe('NOT_FOUND');
    expect(await errorCode(ADD, { id: randomUUID() }, creator.token)).toBe('NOT_FOUND');
    expect(await errorCode(CREATE_LINK, { input: { listingId: noCommission } }, creator.token)).toBe('INVALID_STATE');
    expect(await errorCode(ADD, { id: listing }, (await signUp(t)).token)).toBe('FORBIDDEN');
    expect(await errorCode(ADD, { id: listing })).toBe('UNAUTHENTICATED');

    await t.ok(`mutation($id: ID!) { suspendMarketCreator(marketCreatorId: $id, reason: "점검") { status } }`, { id: creator.id }, operator);
    expect(await errorCode(ADD, { id: listing }, creator.token)).toBe('INVALID_STATE');
    expect(await errorCode(MARKET, { handle: creator.handle })).toBe('NOT_FOUND');
    expect(await errorCode(MARKET, { handle: 'no-such-market' })).toBe('NOT_FOUND');
  });

  it('removes a listing from the market, answering whether it was there', async () => {
    const creator = await newCreator();
    const listing = await publishedListing(t, agency);
    await t.ok(ADD, { id: listing }, creator.token);
    expect((await t.ok(REMOVE, { id: listing }, creator.token)).removeFromMarket).toBe(true);
    expect((await t.ok(REMOVE, { id: listing }, creator.token)).removeFromMarket).toBe(false);
    expect(await marketIds(creator.handle)).toEqual([]);
  });

  it('names the listing of a link and of a click; a market link attributes the listings in the market only', async () => {
    const creator = await newCreator();
    const curated = await publishedListing(t, agency, { title: '마켓 상품' });
    const elsewhere = await publishedListing(t, agency, { title: '마켓 밖 상품' });
    await t.ok(ADD, { id: curated }, creator.token);
    const listingLink = (
      await t.ok(
        `mutation($input: CreateReferralLinkInput!) { createReferralLink(input: $input) { code listing { id title } } }`,
        { input: { listingId: curated } },
        creator.token,
      )
    ).createReferralLink;
    expect(listingLink.listing).toEqual({ id: curated, title: '마켓 상품' });
    const marketLink = (await t.ok(CREATE_LINK, { input: {} }, creator.token)).createReferralLink;

    const click = await t.ok(`mutation($code: String!) { trackReferralClick(code: $code) { listing { id } } }`, { code: listingLink.code });
    expect(click.trackReferralClick.listing).toEqual({ id: curated });

    const buyer = await signUp(t);
    const { token } = await trackClick(t, marketLink.code, { token: buyer.token });
    const sale = (listingId: string) => {
      const ctx = RequestContext.system();
      return t.app.get(TransactionalConnection).withTransaction(ctx, () =>
        t.app.get(CommissionService).recordSale(ctx, {
          reservationId: randomUUID(),
          partnerAgencyId: agency.id,
          buyerId: buyer.id,
          listingId,
          paidAmount: 30_000,
          commissionRateBps: 1_000,
          attributionToken: token,
        }),
      );
    };
    expect((await sale(curated))?.marketCreatorId).toBe(creator.id);
    expect(await sale(elsewhere)).toBeNull();
  });
});
