import request from 'supertest';
import { ClockService } from '../../libs/common/src/index.js';
import {
  CREATE_LISTING,
  HIDE_LISTING,
  activePartnerAgency,
  agencyMember,
  publishedListing,
  serviceListingInput,
  type Agency,
  type User,
} from '../support/catalog.js';
import { ADVANCE_CLOCK, BOX_SUBSCRIPTION, billingMethod, subscribe, subscriptionListing } from '../support/subscriptions.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const LIST = `query($statuses: [ListingStatus!]) {
  listings(first: 50, filter: { statuses: $statuses }) { totalCount nodes { title status } }
}`;
const ARCHIVE = `mutation($id: ID!, $reason: String) { archiveListing(id: $id, reason: $reason) { id status archiveReason } }`;
const TAKE_DOWN = `mutation($id: ID!, $reason: String!) { takeDownListing(id: $id, reason: $reason) { id status archiveReason } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { status archiveReason } }`;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;
const fieldsOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.fields?.map((f) => f.field);

/**
 * docs/RULES.md §6: the `statuses` filter of `listings` per kind of caller (it narrows what each may see, never
 * widens it, whatever the public response cache holds), and an operator's take-down through `takeDownListing`,
 * with its reason, its hiding of a PUBLISHED listing and the subscriptions it ends (§20), while `archiveListing`
 * stays the agency's own.
 */
describe('catalog: listing statuses for operators and members, and take-downs', () => {
  let t: TestApp;
  let operator: string;
  let farm: Agency;
  let kitchen: Agency;
  let farmStaff: User;
  let buyer: User;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1', PUBLIC_CACHE_TTL_MS: '60000' });
    operator = await logInOperator(t);
    farm = await activePartnerAgency(t, operator, { name: '들녘농장 협동조합' });
    kitchen = await activePartnerAgency(t, operator, { name: '마을부엌 협동조합' });
    farmStaff = await agencyMember(t, farm, 'STAFF');
    buyer = await signUp(t, '구매자');
    await publishedListing(t, farm, { title: '농장 체험' });
    await t.ok(CREATE_LISTING, { input: serviceListingInput(farm.id, { title: '농장 초안' }) }, farm.owner.token);
    await t.ok(HIDE_LISTING, { id: await publishedListing(t, farm, { title: '농장 숨김' }) }, farm.owner.token);
    await publishedListing(t, kitchen, { title: '부엌 요리 교실' });
    await t.ok(CREATE_LISTING, { input: serviceListingInput(kitchen.id, { title: '부엌 초안' }) }, kitchen.owner.token);
  });
  afterAll(() => t.close());

  const titles = async (statuses: string[] | null, token?: string) => {
    const { listings } = await t.ok(LIST, { statuses }, token);
    expect(listings.totalCount).toBe(listings.nodes.length);
    return listings.nodes.map((node: { title: string }) => node.title).sort();
  };
  const runDueJobs = () => t.ok(ADVANCE_CLOCK, { to: new Date(t.app.get(ClockService).now().getTime() + 1000).toISOString() }, operator);

  describe('the statuses filter', () => {
    const NOT_PUBLISHED = ['DRAFT', 'HIDDEN', 'ARCHIVED'];

    it('the public and buyers: PUBLISHED only; any other state matches nothing', async () => {
      for (const token of [undefined, buyer.token]) {
        expect(await titles(['PUBLISHED'], token)).toEqual(['농장 체험', '부엌 요리 교실']);
        expect(await titles(NOT_PUBLISHED, token)).toEqual([]);
        expect(await titles(['DRAFT', 'PUBLISHED'], token)).toEqual(['농장 체험', '부엌 요리 교실']);
      }
    });

    it("a member: their own agency's listings in any state, others' PUBLISHED only", async () => {
      expect(await titles(['DRAFT'], farmStaff.token)).toEqual(['농장 초안']);
      expect(await titles(['DRAFT', 'HIDDEN'], farm.owner.token)).toEqual(['농장 숨김', '농장 초안']);
      expect(await titles(['DRAFT', 'PUBLISHED'], farmStaff.token)).toEqual(['농장 체험', '농장 초안', '부엌 요리 교실']);
      expect(await titles(NOT_PUBLISHED, kitchen.owner.token)).toEqual(['부엌 초안']);
    });

    it('an operator: every agency in every state; an empty or omitted list keeps all', async () => {
      expect(await titles(['DRAFT'], operator)).toEqual(['농장 초안', '부엌 초안']);
      expect(await titles(['HIDDEN'], operator)).toEqual(['농장 숨김']);
      const all = ['농장 숨김', '농장 체험', '농장 초안', '부엌 요리 교실', '부엌 초안'];
      expect(await titles(null, operator)).toEqual(all);
      expect(await titles([], operator)).toEqual(all);
    });

    it('refuses a state that does not exist (BAD_USER_INPUT on the variable)', async () => {
      expect(codeOf(await t.gql(LIST, { statuses: ['DELETED'] }, operator))).toBe('BAD_USER_INPUT');
    });

    it('an anonymous answer in the public cache is never served to a signed-in caller, nor theirs to the public', async () => {
      const post = (token?: string) => {
        const req = request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
        if (token) req.set('authorization', `Bearer ${token}`);
        return req.send({ query: LIST, variables: { statuses: ['DRAFT'] } });
      };
      const nodes = (res: request.Response) => res.body.data.listings.nodes.map((node: { title: string }) => node.title).sort();
      expect(nodes(await post())).toEqual([]);
      const cached = await post();
      expect(cached.headers['x-cache']).toBe('HIT');
      expect(nodes(cached)).toEqual([]);
      const operatorAnswer = await post(operator);
      expect(operatorAnswer.headers['x-cache']).toBeUndefined();
      expect(nodes(operatorAnswer)).toEqual(['농장 초안', '부엌 초안']);
      expect(nodes(await post(farm.owner.token))).toEqual(['농장 초안']);
      const publicAgain = await post();
      expect(publicAgain.headers['x-cache']).toBe('HIT');
      expect(nodes(publicAgain)).toEqual([]);
    });
  });

  describe("an operator's take-down", () => {
    it('archives a PUBLISHED subscription box with its reason: off the public lists and counts at once, its subscriptions ended', async () => {
      const box = await subscriptionListing(t, farm);
      const subscriber = await signUp(t, '구독자');
      const subscribed = await subscribe(t, subscriber.token, { listingId: box, billingMethodId: await billingMethod(t, subscriber.token) });
      expect(subscribed.errors).toBeUndefined();
      const subscriptionId: string = subscribed.data!.subscribe.id;
      const publicBefore = (await t.ok(LIST, { statuses: null })).listings.totalCount;

      expect(fieldsOf(await t.gql(TAKE_DOWN, { id: box, reason: '   ' }, operator))).toEqual(['reason']);
      expect(fieldsOf(await t.gql(TAKE_DOWN, { id: box, reason: '가'.repeat(1001) }, operator))).toEqual(['reason']);
      expect(codeOf(await t.gql(TAKE_DOWN, { id: box }, operator))).toBe('BAD_USER_INPUT');
      expect((await t.ok(LISTING, { id: box }, operator)).listing.status).toBe('PUBLISHED');

      const archived = await t.ok(TAKE_DOWN, { id: box, reason: '  원산지 허위 표시  ' }, operator);
      expect(archived.takeDownListing).toEqual({ id: box, status: 'ARCHIVED', archiveReason: '원산지 허위 표시' });
      expect(codeOf(await t.gql(LISTING, { id: box }))).toBe('NOT_FOUND');
      expect((await t.ok(LIST, { statuses: null })).listings.totalCount).toBe(publicBefore - 1);
      // The agency reads why on its listing.
      expect((await t.ok(LISTING, { id: box }, farmStaff.token)).listing).toEqual({ status: 'ARCHIVED', archiveReason: '원산지 허위 표시' });

      await runDueJobs();
      expect((await t.ok(BOX_SUBSCRIPTION, { id: subscriptionId }, subscriber.token)).boxSubscription).toMatchObject({
        status: 'CANCELLED',
        endReason: 'LISTING_ENDED',
      });
      expect(codeOf(await t.gql(TAKE_DOWN, { id: box, reason: '다시' }, operator))).toBe('INVALID_STATE');
    });

    it('archives a draft too; an unknown or malformed id is NOT_FOUND', async () => {
      const draft = (await t.ok(CREATE_LISTING, { input: serviceListingInput(kitchen.id, { title: '방치된 초안' }) }, kitchen.owner.token)).createListing.id;
      expect((await t.ok(TAKE_DOWN, { id: draft, reason: '허위 정보' }, operator)).takeDownListing.status).toBe('ARCHIVED');
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])
        expect(codeOf(await t.gql(TAKE_DOWN, { id, reason: '없음' }, operator))).toBe('NOT_FOUND');
    });

    it('is refused to everyone but operators: members of the agency FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
      const id = await publishedListing(t, kitchen, { title: '부엌 시식회' });
      for (const token of [kitchen.owner.token, buyer.token]) expect(codeOf(await t.gql(TAKE_DOWN, { id, reason: '위반' }, token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(TAKE_DOWN, { id, reason: '위반' }))).toBe('UNAUTHENTICATED');
      expect((await t.ok(LISTING, { id })).listing.status).toBe('PUBLISHED');
    });

    it("archiveListing stays the agency's own: an operator is FORBIDDEN whatever the arguments, and nothing changes", async () => {
      const published = await publishedListing(t, kitchen, { title: '부엌 장터' });
      const draft = (await t.ok(CREATE_LISTING, { input: serviceListingInput(kitchen.id, { title: '부엌 장터 초안' }) }, kitchen.owner.token)).createListing.id;
      for (const id of [published, draft])
        for (const reason of [undefined, '운영 정책 위반', '   ', '가'.repeat(1001)])
          expect(codeOf(await t.gql(ARCHIVE, { id, reason }, operator))).toBe('FORBIDDEN');
      expect((await t.ok(LISTING, { id: published }, operator)).listing).toEqual({ status: 'PUBLISHED', archiveReason: null });
      expect((await t.ok(LISTING, { id: draft }, operator)).listing).toEqual({ status: 'DRAFT', archiveReason: null });
    });

    it("the agency's own archive is unchanged: a PUBLISHED listing is hidden first, STAFF FORBIDDEN; a reason is optional and kept", async () => {
      const id = await publishedListing(t, farm, { title: '계절 마감 체험' });
      expect(codeOf(await t.gql(ARCHIVE, { id, reason: '시즌 종료' }, farm.owner.token))).toBe('INVALID_STATE');
      await t.ok(HIDE_LISTING, { id }, farm.owner.token);
      expect(codeOf(await t.gql(ARCHIVE, { id }, farmStaff.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ARCHIVE, { id }, kitchen.owner.token))).toBe('NOT_FOUND');
      expect(fieldsOf(await t.gql(ARCHIVE, { id, reason: '가'.repeat(1001) }, farm.owner.token))).toEqual(['reason']);
      expect((await t.ok(ARCHIVE, { id, reason: '시즌 종료' }, farm.owner.token)).archiveListing).toEqual({
        id,
        status: 'ARCHIVED',
        archiveReason: '시즌 종료',
      });
      const withoutReason = await publishedListing(t, farm, { title: '사유 없는 보관' });
      await t.ok(HIDE_LISTING, { id: withoutReason }, farm.owner.token);
      expect((await t.ok(ARCHIVE, { id: withoutReason }, farm.owner.token)).archiveListing.archiveReason).toBeNull();
    });
  });
});
