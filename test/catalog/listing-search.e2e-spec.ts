import { DataSource } from 'typeorm';
import { RequestContext } from '../../libs/common/src/index.js';
import { ListingService } from '../../libs/catalog/src/index.js';
import { searchPatternOf } from '../../libs/catalog/src/search-text.js';
import { CREATE_LISTING, activePartnerAgency, publishedListing, serviceListingInput, type Agency } from '../support/catalog.js';
import { REINSTATE, SUSPEND } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const LIST = `query($filter: ListingFilter, $orderBy: ListingOrder, $first: Int, $after: String) {
  listings(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } nodes { id title price ratingAverage }
  }
}`;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;

describe('catalog: listing search, filters, order and pagination', () => {
  let t: TestApp;
  let operator: string;
  let sunshine: Agency;
  let kitchen: Agency;
  let school: Agency;
  /** Published listings by title. */
  const ids: Record<string, string> = {};
  let schoolDraft: string;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    sunshine = await activePartnerAgency(t, operator, { name: '햇살돌봄 사회적협동조합', kind: 'SOCIAL_COOPERATIVE' });
    kitchen = await activePartnerAgency(t, operator, { name: '마을부엌 협동조합', kind: 'COOPERATIVE' });
    school = await activePartnerAgency(t, operator, { name: '푸른배움 사회적기업', kind: 'SOCIAL_ENTERPRISE' });
    const publish = async (agency: Agency, input: Record<string, unknown>) => (ids[input.title as string] = await publishedListing(t, agency, input));
    await publish(sunshine, { title: '어르신 방문 돌봄', summary: '말벗과 산책', price: 30000, category: 'CARE', region: '서울 마포구' });
    await publish(sunshine, { title: '집 정리 정돈', summary: '이사 뒤 짐 정리', price: 50000, category: 'LIVING', region: '서울 은평구' });
    await publish(kitchen, {
      title: '유기농 두부',
      summary: '국산 콩',
      kind: 'GOODS',
      service: null,
      goods: { stock: 100, shippingFee: 3000 },
      price: 5000,
      category: 'LIVING',
      region: '경기 고양시',
    });
    await publish(kitchen, {
      title: '제철 채소 꾸러미',
      summary: '돌봄 농장에서 기른 채소',
      kind: 'SUBSCRIPTION',
      service: null,
      category: null,
      subscription: { interval: 'WEEKLY', shippingFee: 0, minimumCycles: 4, contents: ['채소'] },
      price: 25000,
      region: '경기 파주시',
    });
    await publish(school, { title: 'IT 기초 교육', summary: '스마트폰과 컴퓨터', price: 40000, category: 'EDUCATION', region: '부산 해운대구' });
    schoolDraft = (await t.ok(CREATE_LISTING, { input: serviceListingInput(school.id, { title: '준비 중인 강좌' }) }, school.owner.token)).createListing.id;
  });
  afterAll(() => t.close());

  const list = async (variables: Record<string, unknown>, token?: string) => (await t.ok(LIST, variables, token)).listings;
  const titles = async (variables: Record<string, unknown>, token?: string) => (await list(variables, token)).nodes.map((n: { title: string }) => n.title);
  const sorted = (values: string[]) => [...values].sort();

  describe('search', () => {
    it('"돌봄" matches the title, the summary and the agency name (햇살돌봄 사회적협동조합)', async () => {
      expect(sorted(await titles({ filter: { search: '돌봄' } }))).toEqual(sorted(['어르신 방문 돌봄', '집 정리 정돈', '제철 채소 꾸러미']));
      expect(await titles({ filter: { search: '방문 돌' } })).toEqual(['어르신 방문 돌봄']);
      expect(sorted(await titles({ filter: { search: '마을부엌' } }))).toEqual(sorted(['유기농 두부', '제철 채소 꾸러미']));
    });

    it('ignores case and treats % and _ literally', async () => {
      expect(await titles({ filter: { search: 'it 기초' } })).toEqual(['IT 기초 교육']);
      expect(await titles({ filter: { search: '%' } })).toEqual([]);
      expect(await titles({ filter: { search: '_' } })).toEqual([]);
    });

    it('follows a changed title', async () => {
      const id = await publishedListing(t, school, { title: '코딩 교실', summary: null });
      expect(await titles({ filter: { search: '코딩' } })).toEqual(['코딩 교실']);
      await t.ok(`mutation($id: ID!) { updateListing(id: $id, input: { title: "파이썬 교실" }) { id } }`, { id }, school.owner.token);
      expect(await titles({ filter: { search: '코딩' } })).toEqual([]);
      expect(await titles({ filter: { search: '파이썬' } })).toEqual(['파이썬 교실']);
      await t.ok(`mutation($id: ID!) { hideListing(id: $id) { id } }`, { id }, school.owner.token);
    });
  });

  describe('filters', () => {
    it.each([
      [{ kind: 'GOODS' }, ['유기농 두부']],
      [{ kind: 'SUBSCRIPTION' }, ['제철 채소 꾸러미']],
      [{ category: 'CARE' }, ['어르신 방문 돌봄']],
      [{ category: 'LIVING' }, ['유기농 두부', '집 정리 정돈']],
      [{ organizationKinds: ['COOPERATIVE', 'SOCIAL_ENTERPRISE'] }, ['IT 기초 교육', '유기농 두부', '제철 채소 꾸러미']],
      [{ region: '서울' }, ['어르신 방문 돌봄', '집 정리 정돈']],
      [{ region: '경기 파주시' }, ['제철 채소 꾸러미']],
      [{ minPrice: 25000, maxPrice: 40000 }, ['IT 기초 교육', '어르신 방문 돌봄', '제철 채소 꾸러미']],
      [{ minPrice: 45000 }, ['집 정리 정돈']],
      [{ search: '돌봄', kind: 'SERVICE', maxPrice: 40000 }, ['어르신 방문 돌봄']],
    ])('%j', async (filter, expected) => {
      expect(sorted(await titles({ filter }))).toEqual(sorted(expected));
    });

    it('by partner agency', async () => {
      expect(sorted(await titles({ filter: { partnerAgencyId: kitchen.id } }))).toEqual(sorted(['유기농 두부', '제철 채소 꾸러미']));
    });

    it('refuses minPrice above maxPrice and a malformed agency id', async () => {
      const res = await t.gql(LIST, { filter: { minPrice: 2, maxPrice: 1 } });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.maxPrice' }] });
      expect(codeOf(await t.gql(LIST, { filter: { partnerAgencyId: 'x' } }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('order and pagination', () => {
    beforeAll(async () => {
      const listings = t.app.get(ListingService);
      const ctx = RequestContext.system();
      for (const [title, ratings] of [
        ['IT 기초 교육', [5]],
        ['어르신 방문 돌봄', [4, 5]],
        ['집 정리 정돈', [3, 5]],
        ['유기농 두부', [2]],
      ] as const) {
        for (const rating of ratings) await listings.recordReview(ctx, ids[title], rating);
      }
    });

    it('PRICE_ASC and PRICE_DESC', async () => {
      const ascending = ['유기농 두부', '제철 채소 꾸러미', '어르신 방문 돌봄', 'IT 기초 교육', '집 정리 정돈'];
      expect(await titles({ orderBy: 'PRICE_ASC' })).toEqual(ascending);
      expect(await titles({ orderBy: 'PRICE_DESC' })).toEqual([...ascending].reverse());
    });

    it('RATING: best average first, more reviews first on a tie, unrated last', async () => {
      const rated = await list({ orderBy: 'RATING' });
      expect(rated.nodes.map((n: { title: string; ratingAverage: number | null }) => [n.title, n.ratingAverage])).toEqual([
        ['IT 기초 교육', 5],
        ['어르신 방문 돌봄', 4.5],
        ['집 정리 정돈', 4],
        ['유기농 두부', 2],
        ['제철 채소 꾸러미', null],
      ]);
    });

    it('NEWEST (the default): most recently created first', async () => {
      const newest = await t.ok(`{ listings { nodes { title createdAt } } }`);
      const createdAt = newest.listings.nodes.map((n: { createdAt: string }) => n.createdAt);
      expect(createdAt).toEqual([...createdAt].sort().reverse());
      expect(newest.listings.nodes.at(-1).title).toBe('어르신 방문 돌봄');
    });

    it.each(['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RATING'])(
      '%s pages with opaque cursors cover the whole set once, totalCount counting all',
      async (orderBy) => {
        const whole = (await list({ orderBy })).nodes.map((n: { id: string }) => n.id);
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page = await list({ orderBy, first: 2, after });
          expect(page.totalCount).toBe(5);
          expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(page.nodes.map((n: { id: string }) => n.id));
          seen.push(...page.nodes.map((n: { id: string }) => n.id));
          if (!page.pageInfo.hasNextPage) break;
          expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
          after = page.pageInfo.endCursor;
        }
        expect(seen).toEqual(whole);
      },
    );

    it('first is at most 100 and may be 0; a foreign cursor is BAD_USER_INPUT', async () => {
      expect(codeOf(await t.gql(LIST, { first: 101 }))).toBe('BAD_USER_INPUT');
      const res = await t.gql(LIST, { after: 'bm90LWEtY3Vyc29y' });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
      expect((await list({ first: 0 })).nodes).toEqual([]);
    });

    it("refuses another order's cursor", async () => {
      const byPrice = (await list({ orderBy: 'PRICE_ASC', first: 1 })).pageInfo.endCursor;
      const newest = (await list({ orderBy: 'NEWEST', first: 1 })).pageInfo.endCursor;
      for (const [orderBy, after] of [
        ['NEWEST', byPrice],
        ['PRICE_DESC', newest],
        ['RATING', newest],
      ]) {
        const res = await t.gql(LIST, { orderBy, after });
        expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
      }
      const QUERY = `query($id: ID!, $after: String) { partnerAgency(id: $id) { listings(after: $after) { nodes { id } } } }`;
      expect(codeOf(await t.gql(QUERY, { id: kitchen.id, after: byPrice }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('visibility in lists', () => {
    it('drafts are listed to their agency members and operators only', async () => {
      const filter = { partnerAgencyId: school.id };
      const publicIds = (await list({ filter })).nodes.map((n: { id: string }) => n.id);
      expect(publicIds).not.toContain(schoolDraft);
      expect((await list({ filter }, school.owner.token)).nodes.map((n: { id: string }) => n.id)).toContain(schoolDraft);
      expect((await list({ filter }, operator)).nodes.map((n: { id: string }) => n.id)).toContain(schoolDraft);
      const outsider = await signUp(t, '구매자');
      expect((await list({}, outsider.token)).nodes.map((n: { id: string }) => n.id)).not.toContain(schoolDraft);
    });

    it('PartnerAgency.listings pages through what the caller may see of that agency', async () => {
      const QUERY = `query($id: ID!, $after: String) { partnerAgency(id: $id) { listings(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id title } } } }`;
      const first = (await t.ok(QUERY, { id: kitchen.id })).partnerAgency.listings;
      expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ title: '제철 채소 꾸러미' }] });
      const second = (await t.ok(QUERY, { id: kitchen.id, after: first.pageInfo.endCursor })).partnerAgency.listings;
      expect(second).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, nodes: [{ title: '유기농 두부' }] });
      const own = (await t.ok(QUERY, { id: school.id }, school.owner.token)).partnerAgency.listings;
      expect(own.totalCount).toBe(3);
    });

    it("a suspended agency's newest listings are skipped in pages and counts; its members still see them", async () => {
      const ids = (connection: { nodes: Array<{ id: string }> }) => connection.nodes.map((n) => n.id);
      const before = await list({ first: 3 });
      const suspended = await activePartnerAgency(t, operator, { name: '정지될 협동조합' });
      const theirs = [];
      for (let i = 0; i < 3; i++) theirs.unshift(await publishedListing(t, suspended, { title: `정지 전 ${i}` }));
      expect(ids(await list({ first: 3 }))).toEqual(theirs);
      await t.ok(SUSPEND, { id: suspended.id, reason: '정책 위반 조사' }, operator);
      try {
        const first = await list({ first: 2 });
        expect(ids(first)).toEqual(ids(before).slice(0, 2));
        expect(first.totalCount).toBe(before.totalCount);
        expect(first.pageInfo.hasNextPage).toBe(true);
        const next = await list({ first: 1, after: first.pageInfo.endCursor });
        expect(ids(next)).toEqual(ids(before).slice(2, 3));
        const members = await list({ first: 3 }, suspended.owner.token);
        expect(ids(members)).toEqual(theirs);
        expect(members.totalCount).toBe(before.totalCount + 3);
      } finally {
        await t.ok(REINSTATE, { id: suspended.id }, operator);
      }
    });
  });

  describe('cost', () => {
    const NESTED = `query($first: Int) { listings(first: $first) { totalCount nodes { id title partnerAgency { id status organization { name } } } } }`;

    it('a page issues the same number of SQL statements for first: 5 and first: 50, nested agency and organization included', async () => {
      for (let i = 0; i < 8; i++) await publishedListing(t, [sunshine, kitchen, school][i % 3], { title: `추가 ${i}`, summary: null });
      const statements = async (first: number, token?: string) => {
        t.queries.count = 0;
        const data = await t.ok(NESTED, { first }, token);
        expect(data.listings.nodes.every((n: { partnerAgency: { organization: { name: string } } }) => n.partnerAgency.organization.name)).toBe(true);
        return { count: t.queries.count, nodes: data.listings.nodes.length };
      };
      const five = await statements(5);
      const fifty = await statements(50);
      expect(five.nodes).toBe(5);
      expect(fifty.nodes).toBeGreaterThan(10);
      expect(fifty.count).toBe(five.count);
      expect(five.count).toBeLessThanOrEqual(5);
      const buyer = await signUp(t, '구매자');
      expect((await statements(50, buyer.token)).count).toBe((await statements(5, buyer.token)).count);
    });

    it("the agencies' nested listings come from a constant number of statements whatever the number of agencies", async () => {
      const AGENCIES = `query($first: Int) {
        partnerAgencies(first: $first) { nodes { id listings(first: 2) { totalCount pageInfo { hasNextPage } nodes { id partnerAgency { id } } } } }
      }`;
      const statements = async (first: number) => {
        t.queries.count = 0;
        const data = await t.ok(AGENCIES, { first });
        return { count: t.queries.count, agencies: data.partnerAgencies.nodes };
      };
      const one = await statements(1);
      const three = await statements(3);
      expect(one.agencies).toHaveLength(1);
      expect(three.agencies).toHaveLength(3);
      expect(three.count).toBe(one.count);
      for (const agency of three.agencies) {
        expect(agency.listings.nodes).toHaveLength(2);
        expect(agency.listings.pageInfo.hasNextPage).toBe(true);
        expect(agency.listings.nodes.every((n: { partnerAgency: { id: string } }) => n.partnerAgency.id === agency.id)).toBe(true);
      }
      const kitchenListings = three.agencies.find((a: { id: string }) => a.id === kitchen.id).listings;
      expect(kitchenListings.totalCount).toBe(5);
    });
  });

  describe('the trigram index', () => {
    it('serves the search instead of a sequential scan, for terms of one, two and more syllables', async () => {
      const db = t.app.get(DataSource);
      // Enough rows that the planner would rather not read them all: archived goods nobody sees.
      await db.query(`
        INSERT INTO listing (partner_agency_id, organization_id, organization_kind, kind, status, title, description, price, tax_free,
                             commission_rate_bps, goods, search_text, rating_sum, rating_count, created_at, updated_at)
        SELECT gen_random_uuid(), gen_random_uuid(), 'COOPERATIVE', 'GOODS', 'ARCHIVED', '보관 상품 ' || i, '설명', 1000 + i, false,
               0, '{"stock": 1, "shippingFee": 0, "freeShippingOver": null}',
               regexp_replace('보관 상품 ' || md5(i::text), '(.)', '\\1\\1\\1', 'g'), 0, 0, now(), now()
        FROM generate_series(1, 5000) AS i`);
      // As autovacuum would: merge GIN's pending list and refresh statistics.
      await db.query(`VACUUM ANALYZE listing`);
      for (const term of ['떡', '돌봄', '햇살돌봄']) {
        const plan = await db.query(
          `EXPLAIN SELECT listing.id FROM listing
           WHERE listing.search_text ILIKE $1 ESCAPE '\\' AND ((listing.status = 'PUBLISHED' AND listing.partner_agency_id = ANY($2)) OR listing.organization_id = ANY($3))
           ORDER BY listing.created_at DESC, listing.id DESC LIMIT 21`,
          [searchPatternOf(term), [sunshine.id, kitchen.id, school.id], []],
        );
        const text = plan.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
        expect(text).toContain('Bitmap Index Scan on listing_search_text_trgm_idx');
        expect(text).not.toContain('Seq Scan');
      }
      expect(sorted(await titles({ filter: { search: '햇살돌봄' } }))).toEqual(sorted(['어르신 방문 돌봄', '집 정리 정돈', '추가 0', '추가 3', '추가 6']));
    });
  });
});
