import request from 'supertest';
import { DataChangeFeed, PublicResponseCache } from '../../libs/common/src/index.js';
import { HIDE_LISTING, activePartnerAgency, publishedListing, type Agency } from '../support/catalog.js';
import { OPERATOR_ENV, createTestApp, logInOperator, type TestApp } from '../support/test-app.js';

const LISTINGS = `query PublicListings($region: String) {
  listings(first: 50, filter: { region: $region }) { nodes { id title price partnerAgency { organization { name } } } }
}`;

/** Anonymous public answers are reused until any commit, and never for anyone signed in. */
describe('public response cache', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  const region = '제주 서귀포시';

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, PUBLIC_CACHE_TTL_MS: '60000' });
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    await publishedListing(t, agency, { region, title: '감귤 농장 체험' });
  });
  afterAll(() => t.close());

  const post = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });
  const titles = (res: request.Response): string[] => res.body.data.listings.nodes.map((node: { title: string }) => node.title);

  it('answers a repeated anonymous query from memory, without SQL, with the same body', async () => {
    const first = await post(LISTINGS, { region });
    expect(first.headers['x-cache']).toBe('MISS');
    expect(titles(first)).toEqual(['감귤 농장 체험']);
    const before = t.queries.count;
    const second = await post(LISTINGS, { region });
    expect(t.queries.count).toBe(before);
    expect(second.status).toBe(200);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(second.body).toEqual(first.body);
  });

  it('keys answers by variables and operation', async () => {
    await post(LISTINGS, { region });
    const other = await post(LISTINGS, { region: '강원 속초시' });
    expect(other.headers['x-cache']).toBe('MISS');
    expect(titles(other)).toEqual([]);
  });

  it('drops every answer when a write commits, so the next visitor sees it', async () => {
    await post(LISTINGS, { region });
    expect((await post(LISTINGS, { region })).headers['x-cache']).toBe('HIT');
    await publishedListing(t, agency, { region, title: '한라산 숲 해설' });
    const after = await post(LISTINGS, { region });
    expect(after.headers['x-cache']).toBe('MISS');
    expect(titles(after).sort()).toEqual(['감귤 농장 체험', '한라산 숲 해설']);
  });

  it('a hidden listing disappears at once for anonymous visitors', async () => {
    const listingId = await publishedListing(t, agency, { region, title: '곧 숨길 상품' });
    expect(titles(await post(LISTINGS, { region }))).toContain('곧 숨길 상품');
    expect((await post(LISTINGS, { region })).headers['x-cache']).toBe('HIT');
    await t.ok(HIDE_LISTING, { id: listingId }, agency.owner.token);
    expect(titles(await post(LISTINGS, { region }))).not.toContain('곧 숨길 상품');
  });

  it('never answers or stores for a signed-in caller', async () => {
    await post(LISTINGS, { region });
    const signedIn = await post(LISTINGS, { region }, { authorization: `Bearer ${agency.owner.token}` });
    expect(signedIn.headers['x-cache']).toBeUndefined();
    expect(signedIn.body.data.listings.nodes.length).toBeGreaterThan(0);
  });

  it('is skipped when the client asks for a fresh answer', async () => {
    await post(LISTINGS, { region });
    const fresh = await post(LISTINGS, { region }, { 'cache-control': 'no-cache' });
    expect(fresh.headers['x-cache']).toBeUndefined();
  });

  it('stores neither errors nor answers of queries outside the public catalog', async () => {
    const me = `query { me { id } }`;
    await post(me, {});
    const again = await post(me, {});
    expect(again.headers['x-cache']).toBe('MISS');
    expect(again.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const missing = `query($id: ID!) { listing(id: $id) { id } }`;
    const variables = { id: 'not-a-listing' };
    const firstMissing = await post(missing, variables);
    expect(firstMissing.body.errors?.length ?? 0).toBeGreaterThan(0);
    expect((await post(missing, variables)).headers['x-cache']).toBe('MISS');
  });

  it('does not store an answer computed across a commit', () => {
    const cache = t.app.get(PublicResponseCache);
    const pending = cache.begin('computed-across-a-commit');
    t.app.get(DataChangeFeed).committed();
    cache.store(pending, '{"data":{}}');
    expect(cache.lookup('computed-across-a-commit')).toBeUndefined();
  });

  it('computes an answer once for identical requests that miss together', async () => {
    const variables = { region: '전북 완주군' };
    const feed = t.app.get(DataChangeFeed);
    feed.committed();
    let before = t.queries.count;
    const alone = await post(LISTINGS, variables);
    const oneComputation = t.queries.count - before;
    expect(oneComputation).toBeGreaterThan(0);
    feed.committed();
    before = t.queries.count;
    const together = await Promise.all(Array.from({ length: 12 }, () => post(LISTINGS, variables)));
    expect(t.queries.count - before).toBe(oneComputation);
    expect(together.map((res) => res.headers['x-cache']).sort()).toEqual([...Array<string>(11).fill('HIT'), 'MISS']);
    for (const res of together) expect(res.body).toEqual(alone.body);
  });

  it('hands waiting requests the answer once it is stored, or lets them compute their own', async () => {
    const cache = t.app.get(PublicResponseCache);
    const stored = cache.begin('collapsed');
    const waitingForStored = cache.awaitInFlight('collapsed')!;
    cache.store(stored, '{"data":{"n":1}}');
    await expect(waitingForStored).resolves.toBe('{"data":{"n":1}}');
    expect(cache.awaitInFlight('collapsed')).toBeUndefined();

    const failed = cache.begin('collapsed-error');
    const waitingForFailed = cache.awaitInFlight('collapsed-error')!;
    cache.finish(failed);
    await expect(waitingForFailed).resolves.toBeUndefined();
  });

  it('sends requests waiting for an answer to compute afresh when a write commits meanwhile', async () => {
    const cache = t.app.get(PublicResponseCache);
    const pending = cache.begin('collapsed-across-a-commit');
    const waiting = cache.awaitInFlight('collapsed-across-a-commit')!;
    t.app.get(DataChangeFeed).committed();
    await expect(waiting).resolves.toBeUndefined();
    cache.store(pending, '{"data":{}}');
    expect(cache.lookup('collapsed-across-a-commit')).toBeUndefined();
  });

  it('expires answers after PUBLIC_CACHE_TTL_MS even without writes', () => {
    const cache = t.app.get(PublicResponseCache);
    cache.store(cache.begin('expiring'), '{"data":{}}');
    expect(cache.lookup('expiring')).toBeDefined();
    expect(cache.lookup('expiring', Date.now() + cache.ttlMs)).toBeUndefined();
  });
});

describe('public response cache turned off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL_MS: '0' });
  });
  afterAll(() => t.close());

  it('answers every request afresh', async () => {
    const query = `query { membershipTiers { code } }`;
    for (let i = 0; i < 2; i++) {
      const res = await request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send({ query });
      expect(res.body.data.membershipTiers.length).toBeGreaterThan(0);
      expect(res.headers['x-cache']).toBeUndefined();
    }
  });
});
