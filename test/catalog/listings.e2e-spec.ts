import { DataSource } from 'typeorm';
import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { ListingService } from '../../libs/catalog/src/index.js';
import {
  ARCHIVE_LISTING,
  CREATE_LISTING,
  HIDE_LISTING,
  LISTING,
  PUBLISH_LISTING,
  UPDATE_LISTING,
  activePartnerAgency,
  agencyMember,
  publishedListing,
  serviceListingInput,
  tierWithListingLimit,
  type Agency,
  type User,
} from '../support/catalog.js';
import { REINSTATE, SUSPEND, approvedAgency } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;
const fieldsOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.fields?.map((f) => f.field);

describe('catalog: listings', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  let manager: User;
  let staff: User;
  let outsider: User;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    manager = await agencyMember(t, agency, 'MANAGER');
    staff = await agencyMember(t, agency, 'STAFF');
    outsider = await signUp(t, '외부인');
  });
  afterAll(() => t.close());

  const create = (input: Record<string, unknown>, token = agency.owner.token) => t.gql(CREATE_LISTING, { input }, token);
  const draft = async (overrides: Record<string, unknown> = {}) =>
    (await t.ok(CREATE_LISTING, { input: serviceListingInput(agency.id, overrides) }, agency.owner.token)).createListing;
  const subscriptionPlan = (subscription: Record<string, unknown>) =>
    create({
      ...serviceListingInput(agency.id),
      kind: 'SUBSCRIPTION',
      service: undefined,
      subscription: { shippingFee: 3000, minimumCycles: 1, contents: ['빵'], ...subscription },
    });
  const statusOf = async (id: string) => (await t.ok(LISTING, { id }, operator)).listing.status;

  describe('creating', () => {
    it('an OWNER creates a DRAFT service with the default cancellation policy (full ≥ 24 h, 50 % ≥ 3 h)', async () => {
      const res = await create(serviceListingInput(agency.id));
      expect(res.errors).toBeUndefined();
      expect(res.data!.createListing).toMatchObject({
        kind: 'SERVICE',
        status: 'DRAFT',
        title: '어르신 방문 돌봄',
        price: 30000,
        taxFree: false,
        category: 'CARE',
        commissionRateBps: 1000,
        goods: null,
        subscription: null,
        service: {
          durationMinutes: 60,
          capacityPerSlot: 1,
          location: 'AT_CUSTOMER',
          requiresConsultation: false,
          cancellationPolicy: { fullRefundHoursBefore: 24, partialRefundHoursBefore: 3, partialRefundRateBps: 5000 },
        },
        ratingAverage: null,
        reviewCount: 0,
        partnerAgency: { id: agency.id },
      });
    });

    it('a MANAGER creates goods and subscription listings with their terms', async () => {
      const goods = await create(
        {
          ...serviceListingInput(agency.id),
          kind: 'GOODS',
          category: null,
          service: undefined,
          goods: { stock: 40, shippingFee: 3000, freeShippingOver: 50000 },
          taxFree: true,
        },
        manager.token,
      );
      expect(goods.data!.createListing).toMatchObject({
        kind: 'GOODS',
        taxFree: true,
        category: null,
        goods: { stock: 40, shippingFee: 3000, freeShippingOver: 50000 },
        service: null,
      });
      const subscription = await create(
        {
          ...serviceListingInput(agency.id),
          kind: 'SUBSCRIPTION',
          service: undefined,
          category: 'LIVING',
          subscription: { interval: 'BIWEEKLY', shippingFee: 0, minimumCycles: 3, contents: ['제철 채소', '두부'] },
        },
        manager.token,
      );
      expect(subscription.data!.createListing).toMatchObject({
        kind: 'SUBSCRIPTION',
        category: 'LIVING',
        subscription: { interval: 'BIWEEKLY', shippingFee: 0, minimumCycles: 3, contents: ['제철 채소', '두부'] },
      });
    });

    it('gives a subscription plan its anchor, a 3-day cutoff and no limit unless the agency names them (§20)', async () => {
      const weekly = await subscriptionPlan({ interval: 'WEEKLY' });
      expect(weekly.data!.createListing.subscription).toMatchObject({
        shipWeekday: 'TUESDAY',
        shipDayOfMonth: null,
        cutoffDays: 3,
        subscriberLimit: null,
        remainingSubscriptions: null,
      });
      const monthly = await subscriptionPlan({ interval: 'MONTHLY', shipDayOfMonth: 28, cutoffDays: 14, subscriberLimit: 40 });
      expect(monthly.data!.createListing.subscription).toMatchObject({
        shipWeekday: null,
        shipDayOfMonth: 28,
        cutoffDays: 14,
        subscriberLimit: 40,
        // No subscription exists yet, so every place is left.
        remainingSubscriptions: 40,
      });
      const { id } = monthly.data!.createListing;
      const updated = await t.ok(
        UPDATE_LISTING,
        { id, input: { subscription: { interval: 'WEEKLY', shippingFee: 3000, minimumCycles: 2, contents: ['빵'], subscriberLimit: null } } },
        agency.owner.token,
      );
      expect(updated.updateListing.subscription).toMatchObject({ shipWeekday: 'TUESDAY', shipDayOfMonth: null, cutoffDays: 14, subscriberLimit: null });
      expect((await t.ok(LISTING, { id }, agency.owner.token)).listing.subscription).toMatchObject({ minimumCycles: 2, cutoffDays: 14 });
    });

    it('refuses a cutoff, ship day or limit out of range and the other interval’s anchor, naming the fields', async () => {
      expect(fieldsOf(await subscriptionPlan({ interval: 'WEEKLY', cutoffDays: 0, subscriberLimit: 0 }))).toEqual([
        'input.subscription.cutoffDays',
        'input.subscription.subscriberLimit',
      ]);
      expect(fieldsOf(await subscriptionPlan({ interval: 'WEEKLY', cutoffDays: 15 }))).toEqual(['input.subscription.cutoffDays']);
      expect(fieldsOf(await subscriptionPlan({ interval: 'MONTHLY', shipDayOfMonth: 29 }))).toEqual(['input.subscription.shipDayOfMonth']);
      expect(fieldsOf(await subscriptionPlan({ interval: 'MONTHLY', shipDayOfMonth: 0 }))).toEqual(['input.subscription.shipDayOfMonth']);
      const weekdayOnMonthly = await subscriptionPlan({ interval: 'MONTHLY', shipWeekday: 'MONDAY' });
      expect(weekdayOnMonthly.errors![0].extensions.fields).toEqual([
        { field: 'input.subscription.shipWeekday', message: 'must be absent for a MONTHLY plan' },
      ]);
      expect(fieldsOf(await subscriptionPlan({ interval: 'BIWEEKLY', shipDayOfMonth: 5 }))).toEqual(['input.subscription.shipDayOfMonth']);
    });

    it('STAFF are FORBIDDEN, operators too; outsiders and unknown agencies get NOT_FOUND; nothing is written', async () => {
      const before = await listingCount();
      expect(codeOf(await create(serviceListingInput(agency.id), staff.token))).toBe('FORBIDDEN');
      expect(codeOf(await create(serviceListingInput(agency.id), operator))).toBe('FORBIDDEN');
      expect(codeOf(await create(serviceListingInput(agency.id), outsider.token))).toBe('NOT_FOUND');
      expect(codeOf(await create(serviceListingInput('5f0c9a52-94c4-4a83-9d62-6d1c5e1b2a11')))).toBe('NOT_FOUND');
      expect(codeOf(await create(serviceListingInput('not-an-id')))).toBe('NOT_FOUND');
      expect(codeOf(await create(serviceListingInput(agency.id), ''))).toBe('UNAUTHENTICATED');
      expect(await listingCount()).toBe(before);
    });

    it('requires the terms of its kind and refuses the others, naming the fields', async () => {
      const missing = await create({ ...serviceListingInput(agency.id), service: null });
      expect(codeOf(missing)).toBe('BAD_USER_INPUT');
      expect(missing.errors![0].extensions.fields).toEqual([{ field: 'input.service', message: 'is required for a SERVICE listing' }]);
      const foreign = await create({ ...serviceListingInput(agency.id), kind: 'GOODS', goods: { stock: 1, shippingFee: 0 } });
      expect(foreign.errors![0].extensions.fields).toEqual([{ field: 'input.service', message: 'must be absent for a GOODS listing' }]);
      const both = await create({
        ...serviceListingInput(agency.id),
        subscription: { interval: 'WEEKLY', shippingFee: 0, minimumCycles: 1, contents: ['빵'] },
      });
      expect(fieldsOf(both)).toEqual(['input.subscription']);
    });

    it('a service needs a category; terms and rates are validated field by field', async () => {
      expect(fieldsOf(await create({ ...serviceListingInput(agency.id), category: null }))).toEqual(['input.category']);
      expect(fieldsOf(await create({ ...serviceListingInput(agency.id), commissionRateBps: 3001 }))).toEqual(['input.commissionRateBps']);
      expect(fieldsOf(await create({ ...serviceListingInput(agency.id), commissionRateBps: -1 }))).toEqual(['input.commissionRateBps']);
      expect(fieldsOf(await create({ ...serviceListingInput(agency.id), price: 0 }))).toEqual(['input.price']);
      const service = { durationMinutes: 0, capacityPerSlot: 0, location: 'ONLINE', requiresConsultation: true };
      expect(fieldsOf(await create({ ...serviceListingInput(agency.id), service }))).toEqual([
        'input.service.durationMinutes',
        'input.service.capacityPerSlot',
      ]);
      const policy = { fullRefundHoursBefore: 1, partialRefundHoursBefore: 2, partialRefundRateBps: 5000 };
      const badPolicy = await create({ ...serviceListingInput(agency.id), service: { ...serviceListingInput('').service, cancellationPolicy: policy } });
      expect(fieldsOf(badPolicy)).toEqual(['input.service.cancellationPolicy.partialRefundHoursBefore']);
      const noContents = await create({
        ...serviceListingInput(agency.id),
        kind: 'SUBSCRIPTION',
        service: null,
        subscription: { interval: 'WEEKLY', shippingFee: 0, minimumCycles: 1, contents: [] },
      });
      expect(fieldsOf(noContents)).toEqual(['input.subscription.contents']);
    });

    it('accepts commission rates of exactly 0 and 3000 bps', async () => {
      expect((await draft({ commissionRateBps: 0 })).commissionRateBps).toBe(0);
      expect((await draft({ commissionRateBps: 3000 })).commissionRateBps).toBe(3000);
    });
  });

  describe('updating', () => {
    it('changes the given fields only; new service terms without a policy keep the current policy', async () => {
      const policy = { fullRefundHoursBefore: 48, partialRefundHoursBefore: 12, partialRefundRateBps: 3000 };
      const listing = await draft({ service: { ...serviceListingInput('').service, cancellationPolicy: policy } });
      const res = await t.gql(
        UPDATE_LISTING,
        {
          id: listing.id,
          input: {
            title: '어르신 말벗 돌봄',
            summary: null,
            price: 45000,
            service: { durationMinutes: 90, capacityPerSlot: 2, location: 'AT_PROVIDER', requiresConsultation: true },
          },
        },
        manager.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateListing).toMatchObject({
        title: '어르신 말벗 돌봄',
        summary: null,
        price: 45000,
        description: listing.description,
        region: '서울 마포구',
        service: { durationMinutes: 90, capacityPerSlot: 2, location: 'AT_PROVIDER', requiresConsultation: true, cancellationPolicy: policy },
      });
      expect(new Date(res.data!.updateListing.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(listing.updatedAt).getTime());
    });

    it('refuses terms of another kind, and staff, operators and outsiders as when creating', async () => {
      const { id } = await draft();
      expect(fieldsOf(await t.gql(UPDATE_LISTING, { id, input: { goods: { stock: 1, shippingFee: 0 } } }, agency.owner.token))).toEqual(['input.goods']);
      expect(codeOf(await t.gql(UPDATE_LISTING, { id, input: { title: 'x' } }, staff.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(UPDATE_LISTING, { id, input: { title: 'x' } }, operator))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(UPDATE_LISTING, { id, input: { title: 'x' } }, outsider.token))).toBe('NOT_FOUND');
      expect((await t.ok(LISTING, { id }, agency.owner.token)).listing.title).toBe('어르신 방문 돌봄');
    });
  });

  describe('lifecycle', () => {
    it('DRAFT → PUBLISHED ⇄ HIDDEN → ARCHIVED; every other move is INVALID_STATE and changes nothing', async () => {
      const { id } = await draft();
      const move = (mutation: string, token = agency.owner.token) => t.gql(mutation, { id }, token);
      expect(codeOf(await move(HIDE_LISTING))).toBe('INVALID_STATE');
      expect((await move(PUBLISH_LISTING)).data!.publishListing.status).toBe('PUBLISHED');
      expect(codeOf(await move(PUBLISH_LISTING))).toBe('INVALID_STATE');
      expect(codeOf(await move(ARCHIVE_LISTING))).toBe('INVALID_STATE');
      expect((await move(HIDE_LISTING, manager.token)).data!.hideListing.status).toBe('HIDDEN');
      expect((await move(PUBLISH_LISTING, manager.token)).data!.publishListing.status).toBe('PUBLISHED');
      expect((await move(HIDE_LISTING)).data!.hideListing.status).toBe('HIDDEN');
      expect((await move(ARCHIVE_LISTING)).data!.archiveListing.status).toBe('ARCHIVED');
      for (const mutation of [PUBLISH_LISTING, HIDE_LISTING, ARCHIVE_LISTING]) expect(codeOf(await move(mutation))).toBe('INVALID_STATE');
      expect(codeOf(await t.gql(UPDATE_LISTING, { id, input: { title: '다시' } }, agency.owner.token))).toBe('INVALID_STATE');
      expect(await statusOf(id)).toBe('ARCHIVED');
    });

    it('a draft can be discarded (archived) directly', async () => {
      const { id } = await draft();
      expect((await t.ok(ARCHIVE_LISTING, { id }, agency.owner.token)).archiveListing.status).toBe('ARCHIVED');
    });

    it('only OWNER and MANAGER move it: STAFF and operators FORBIDDEN, outsiders NOT_FOUND', async () => {
      const { id } = await draft();
      expect(codeOf(await t.gql(PUBLISH_LISTING, { id }, staff.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(PUBLISH_LISTING, { id }, operator))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(PUBLISH_LISTING, { id }, outsider.token))).toBe('NOT_FOUND');
      expect(await statusOf(id)).toBe('DRAFT');
    });

    it('publishing needs an ACTIVE agency (one still awaiting its dues may prepare drafts)', async () => {
      const waiting = await approvedAgency(t, operator, { pay: false, name: '늦은회비 협동조합' });
      const created = await t.ok(CREATE_LISTING, { input: serviceListingInput(waiting.id) }, waiting.owner.token);
      const res = await t.gql(PUBLISH_LISTING, { id: created.createListing.id }, waiting.owner.token);
      expect(codeOf(res)).toBe('INVALID_STATE');
      expect(await statusOf(created.createListing.id)).toBe('DRAFT');
    });
  });

  describe("the tier's published-listing limit", () => {
    it('refuses publishing beyond maxPublishedListings with LIMIT_EXCEEDED; hiding one makes room', async () => {
      await tierWithListingLimit(t, operator, 'LIMIT2', 2);
      const small = await activePartnerAgency(t, operator, { name: '두개만 협동조합', tierCode: 'LIMIT2' });
      const [a] = [await publishedListing(t, small), await publishedListing(t, small)];
      const third = (await t.ok(CREATE_LISTING, { input: serviceListingInput(small.id) }, small.owner.token)).createListing.id;
      expect(codeOf(await t.gql(PUBLISH_LISTING, { id: third }, small.owner.token))).toBe('LIMIT_EXCEEDED');
      expect(await statusOf(third)).toBe('DRAFT');
      await t.ok(HIDE_LISTING, { id: a }, small.owner.token);
      expect((await t.ok(PUBLISH_LISTING, { id: third }, small.owner.token)).publishListing.status).toBe('PUBLISHED');
      expect(codeOf(await t.gql(PUBLISH_LISTING, { id: a }, small.owner.token))).toBe('LIMIT_EXCEEDED');
    });

    it('concurrent publishes at the limit: exactly one wins, the rest get LIMIT_EXCEEDED', async () => {
      await tierWithListingLimit(t, operator, 'LIMIT1', 1);
      const tiny = await activePartnerAgency(t, operator, { name: '하나만 협동조합', tierCode: 'LIMIT1' });
      const drafts: string[] = [];
      for (let i = 0; i < 8; i++)
        drafts.push((await t.ok(CREATE_LISTING, { input: serviceListingInput(tiny.id, { title: `동시 ${i}` }) }, tiny.owner.token)).createListing.id);
      const results = await Promise.all(drafts.map((id) => t.gql(PUBLISH_LISTING, { id }, tiny.owner.token)));
      expect(results.filter((res) => res.data?.publishListing?.status === 'PUBLISHED')).toHaveLength(1);
      expect(results.filter((res) => codeOf(res) === 'LIMIT_EXCEEDED')).toHaveLength(7);
      const [{ n }] = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM listing WHERE partner_agency_id = $1 AND status = 'PUBLISHED'`, [tiny.id]);
      expect(n).toBe(1);
    });

    it('over a lower limit, the most recently published are hidden and the oldest kept', async () => {
      const crowded = await activePartnerAgency(t, operator, { name: '북적이는 협동조합' });
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push(await publishedListing(t, crowded, { title: `순서 ${i}` }));
      const ctx = RequestContext.system();
      await t.app.get(TransactionalConnection).withTransaction(ctx, () => t.app.get(ListingService).hideListingsOverLimit(ctx, crowded.id, 2));
      expect(await Promise.all(ids.map(statusOf))).toEqual(['PUBLISHED', 'PUBLISHED', 'HIDDEN', 'HIDDEN']);
    });
  });

  describe('who sees a listing', () => {
    it('the public sees PUBLISHED listings of ACTIVE agencies; drafts only the agency members and operators', async () => {
      const { id } = await draft();
      for (const token of [undefined, outsider.token]) expect(codeOf(await t.gql(LISTING, { id }, token))).toBe('NOT_FOUND');
      for (const token of [staff.token, manager.token, operator]) expect((await t.ok(LISTING, { id }, token)).listing.id).toBe(id);
      await t.ok(PUBLISH_LISTING, { id }, agency.owner.token);
      expect((await t.ok(LISTING, { id })).listing).toMatchObject({ id, status: 'PUBLISHED', partnerAgency: { id: agency.id } });
      await t.ok(HIDE_LISTING, { id }, agency.owner.token);
      expect(codeOf(await t.gql(LISTING, { id }))).toBe('NOT_FOUND');
    });

    it("a suspended agency's listings disappear from the public and come back when it is reinstated", async () => {
      const suspended = await activePartnerAgency(t, operator, { name: '정지될 협동조합' });
      const id = await publishedListing(t, suspended);
      const publicList = async () =>
        (await t.ok(`query($a: ID) { listings(filter: { partnerAgencyId: $a }) { totalCount nodes { id } } }`, { a: suspended.id })).listings;
      expect(await publicList()).toEqual({ totalCount: 1, nodes: [{ id }] });
      await t.ok(SUSPEND, { id: suspended.id, reason: '정책 위반 조사' }, operator);
      expect(codeOf(await t.gql(LISTING, { id }))).toBe('NOT_FOUND');
      expect(await publicList()).toEqual({ totalCount: 0, nodes: [] });
      expect((await t.ok(LISTING, { id }, suspended.owner.token)).listing.status).toBe('PUBLISHED');
      await t.ok(REINSTATE, { id: suspended.id }, operator);
      expect((await t.ok(LISTING, { id })).listing.id).toBe(id);
    });

    it('an unknown or malformed id is NOT_FOUND', async () => {
      expect(codeOf(await t.gql(LISTING, { id: '5f0c9a52-94c4-4a83-9d62-6d1c5e1b2a11' }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(LISTING, { id: 'nope' }))).toBe('NOT_FOUND');
    });
  });

  describe('reviews (recorded by booking)', () => {
    it('recordReview keeps the average and count; ratings outside 1..5 are refused', async () => {
      const id = await publishedListing(t, agency);
      const ctx = RequestContext.system();
      const listings = t.app.get(ListingService);
      await listings.recordReview(ctx, id, 5);
      await listings.recordReview(ctx, id, 4);
      expect((await t.ok(LISTING, { id })).listing).toMatchObject({ ratingAverage: 4.5, reviewCount: 2 });
      await expect(listings.recordReview(ctx, id, 6)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      await expect(listings.recordReview(ctx, '5f0c9a52-94c4-4a83-9d62-6d1c5e1b2a11', 3)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  async function listingCount(): Promise<number> {
    const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM listing`);
    return n;
  }
});
