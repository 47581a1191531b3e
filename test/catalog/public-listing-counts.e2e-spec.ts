import { DataSource } from 'typeorm';
import { PublicListingCounts1796529386999 } from '../../libs/catalog/src/index.js';
import {
  ARCHIVE_LISTING,
  CREATE_LISTING,
  HIDE_LISTING,
  PUBLISH_LISTING,
  activePartnerAgency,
  publishedListing,
  serviceListingInput,
  type Agency,
} from '../support/catalog.js';
import { REINSTATE, SUSPEND, WITHDRAW } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, type TestApp } from '../support/test-app.js';

const TOTAL = `query($filter: ListingFilter) { listings(first: 1, filter: $filter) { totalCount } }`;

/** The filters the kept counts answer, each compared with a real count. */
const FILTERS: Array<{ kind?: string; category?: string }> = [
  {},
  { category: 'CARE' },
  { category: 'LIVING' },
  { kind: 'GOODS' },
  { kind: 'SERVICE', category: 'CARE' },
];

const GOODS = { kind: 'GOODS', service: null, goods: { stock: 10, shippingFee: 3000 }, category: 'LIVING', price: 5000 };
const UNCATEGORIZED_GOODS = { ...GOODS, category: null };

/**
 * docs/RULES.md §4, §6: the public sees PUBLISHED listings of ACTIVE agencies, and `listings.totalCount`
 * says how many, from counts the catalog keeps in the transactions that move them (PublicListingCounts).
 * Every step is checked against a real COUNT(*), through the API (anonymous, with the public response cache
 * on, so its answers must be dropped by each change) and table against table.
 */
describe('catalog: the public listing counts stay exact', () => {
  let t: TestApp;
  let db: DataSource;
  let operator: string;
  let sunshine: Agency;
  let kitchen: Agency;

  /** PUBLISHED listings of ACTIVE agencies by kind and category, counted in full. */
  const realCounts = async (): Promise<Array<{ kind: string; category: string; count: number }>> =>
    db.query(`
      SELECT listing.kind, COALESCE(listing.category, '') AS category, count(*)::integer AS count
      FROM listing JOIN partner_agency agency ON agency.id = listing.partner_agency_id
      WHERE listing.status = 'PUBLISHED' AND agency.status = 'ACTIVE'
      GROUP BY 1, 2 ORDER BY 1, 2`);
  const keptCounts = async () => db.query(`SELECT kind, category, count FROM public_listing_count WHERE count <> 0 ORDER BY 1, 2`);
  const matching = (rows: Array<{ kind: string; category: string; count: number }>, filter: { kind?: string; category?: string }) =>
    rows
      .filter((row) => (!filter.kind || row.kind === filter.kind) && (!filter.category || row.category === filter.category))
      .reduce((sum, row) => sum + row.count, 0);

  /** The kept counts equal the real ones, and an anonymous visitor's totalCount says so for every filter. */
  async function expectExact(): Promise<number> {
    const real = await realCounts();
    expect(await keptCounts()).toEqual(real);
    for (const filter of FILTERS) {
      expect({ filter, totalCount: (await t.ok(TOTAL, { filter })).listings.totalCount }).toEqual({ filter, totalCount: matching(real, filter) });
    }
    return matching(real, {});
  }

  const draft = async (agency: Agency, overrides: Record<string, unknown> = {}): Promise<string> =>
    (await t.ok(CREATE_LISTING, { input: serviceListingInput(agency.id, overrides) }, agency.owner.token)).createListing.id;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, PUBLIC_CACHE_TTL_MS: '60000' });
    db = t.app.get(DataSource);
    operator = await logInOperator(t);
    sunshine = await activePartnerAgency(t, operator, { name: '햇살돌봄 사회적협동조합' });
    kitchen = await activePartnerAgency(t, operator, { name: '마을부엌 협동조합', kind: 'COOPERATIVE' });
  });
  afterAll(() => t.close());

  it('follow publishing, hiding, publishing again and archiving, per kind and category', async () => {
    const total = await expectExact();
    const care = await publishedListing(t, sunshine);
    await publishedListing(t, sunshine, { category: 'LIVING', title: '집 정리' });
    const tofu = await publishedListing(t, kitchen, { ...GOODS, title: '두부' });
    await publishedListing(t, kitchen, { ...UNCATEGORIZED_GOODS, title: '잼' });
    expect(await expectExact()).toBe(total + 4);

    await t.ok(HIDE_LISTING, { id: care }, sunshine.owner.token);
    await t.ok(HIDE_LISTING, { id: tofu }, kitchen.owner.token);
    expect(await expectExact()).toBe(total + 2);
    await t.ok(PUBLISH_LISTING, { id: care }, sunshine.owner.token);
    expect(await expectExact()).toBe(total + 3);
    await t.ok(ARCHIVE_LISTING, { id: tofu }, kitchen.owner.token);
    await t.ok(ARCHIVE_LISTING, { id: await draft(kitchen) }, kitchen.owner.token);
    expect(await expectExact()).toBe(total + 3);
    // A refused move changes nothing (a PUBLISHED listing is hidden before it is archived).
    expect((await t.gql(ARCHIVE_LISTING, { id: care }, sunshine.owner.token)).errors?.[0].extensions.code).toBe('INVALID_STATE');
    expect(await expectExact()).toBe(total + 3);
  });

  it('follow the agency: suspension takes its listings out, reinstatement brings back those still PUBLISHED, withdrawal takes them out for good', async () => {
    const agency = await activePartnerAgency(t, operator, { name: '푸른배움 사회적기업', kind: 'SOCIAL_ENTERPRISE' });
    const lessons = await publishedListing(t, agency, { category: 'EDUCATION', title: '강좌' });
    await publishedListing(t, agency, { ...GOODS, title: '교재' });
    await publishedListing(t, agency);
    const total = await expectExact();

    await t.ok(SUSPEND, { id: agency.id, reason: '민원 조사' }, operator);
    expect(await expectExact()).toBe(total - 3);
    // Hidden while suspended: nothing to take out now, and not brought back by the reinstatement.
    await t.ok(HIDE_LISTING, { id: lessons }, agency.owner.token);
    expect(await expectExact()).toBe(total - 3);
    await t.ok(REINSTATE, { id: agency.id }, operator);
    expect(await expectExact()).toBe(total - 1);
    await t.ok(PUBLISH_LISTING, { id: lessons }, agency.owner.token);
    expect(await expectExact()).toBe(total);

    await t.ok(WITHDRAW, { id: agency.id, reason: '사업 종료' }, agency.owner.token);
    expect(await expectExact()).toBe(total - 3);
  });

  it('stay exact when publishes, hides and a suspension race each other', async () => {
    const racers = await Promise.all(['하나', '둘', '셋'].map((name) => activePartnerAgency(t, operator, { name: `${name} 협동조합`, kind: 'COOPERATIVE' })));
    const categories = ['CARE', 'LIVING', 'EDUCATION'];
    const toHide = await Promise.all(racers.map((agency, i) => publishedListing(t, agency, { category: categories[i], title: '먼저 게시' })));
    const drafts = await Promise.all(
      racers.flatMap((agency) => categories.map(async (category, i) => ({ agency, id: await draft(agency, i === 2 ? { ...GOODS, category } : { category }) }))),
    );
    const total = await expectExact();

    const [published] = await Promise.all([
      // racers[0]'s publishes are refused (INVALID_STATE) if its suspension commits first.
      Promise.all(drafts.map(({ agency, id }) => t.gql(PUBLISH_LISTING, { id }, agency.owner.token))),
      ...toHide.map((id, i) => t.ok(HIDE_LISTING, { id }, racers[i].owner.token)),
      t.ok(SUSPEND, { id: racers[0].id, reason: '조사' }, operator),
    ]);
    const refused = published.filter((res) => res.errors);
    expect(refused.every((res) => res.errors![0].extensions.code === 'INVALID_STATE')).toBe(true);
    // racers[0]'s listings are out; each of the other two agencies gained 3 and lost 1.
    expect(await expectExact()).toBe(total - 1 + 2 * 2);
    await t.ok(REINSTATE, { id: racers[0].id }, operator);
    expect(await expectExact()).toBe(total - 1 + 2 * 2 + (3 - refused.length));
  });

  it('are filled by their migration from what the public sees', async () => {
    const total = await expectExact();
    const runner = db.createQueryRunner();
    try {
      const migration = new PublicListingCounts1796529386999();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await expectExact()).toBe(total);
  });
});
