import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { PartnerAgencyService, StrikeReason, StrikeService } from '../../libs/membership/src/index.js';
import { APPLY, SUSPEND, applicationInput, approvedAgency, newOrganization } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const PRIVATE = `query($id: ID!) { partnerAgency(id: $id) { id duesInvoices { id } strikes { id reason note createdAt } } }`;
const PUBLIC = `query($id: ID!) { partnerAgency(id: $id) { id status introduction organization { id name } tier { code } duesPaidThrough } }`;
const LIST = `query($filter: PartnerAgencyFilter, $first: Int, $after: String) {
  partnerAgencies(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } nodes { id status organization { name } }
  }
}`;
const ADD_STRIKE = `mutation($id: ID!, $reason: StrikeReason!, $note: String) { addStrike(partnerAgencyId: $id, reason: $reason, note: $note) { id reason note createdAt } }`;

describe('membership: who sees partner agencies, their dues and strikes', () => {
  let t: TestApp;
  let operator: string;
  let active: Awaited<ReturnType<typeof approvedAgency>>;
  let pending: { id: string; organizationId: string; owner: { token: string } };
  let staff: Awaited<ReturnType<typeof signUp>>;
  let outsider: Awaited<ReturnType<typeof signUp>>;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    active = await approvedAgency(t, operator, { name: 'Sunshine 돌봄 협동조합' });
    const org = await newOrganization(t, '새싹 교육 협동조합');
    pending = {
      ...org,
      id: (await t.ok(APPLY, { input: await applicationInput(t, org.organizationId, { tierCode: 'BASIC' }) }, org.owner.token)).applyAsPartnerAgency.id,
    };
    [staff, outsider] = [await signUp(t, '직원'), await signUp(t, '외부인')];
    await addMember(t, active.organizationId, active.owner.token, staff);
  });
  afterAll(() => t.close());

  it('an ACTIVE agency is public; one under review is NOT_FOUND except to its members and operators', async () => {
    expect((await t.ok(PUBLIC, { id: active.id })).partnerAgency).toMatchObject({
      status: 'ACTIVE',
      organization: { id: active.organizationId, name: 'Sunshine 돌봄 협동조합' },
      tier: { code: 'STANDARD' },
      duesPaidThrough: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    for (const token of [undefined, outsider.token, active.owner.token]) {
      expect((await t.gql(PUBLIC, { id: pending.id }, token)).errors![0].extensions.code).toBe('NOT_FOUND');
    }
    for (const token of [pending.owner.token, operator]) expect((await t.ok(PUBLIC, { id: pending.id }, token)).partnerAgency.status).toBe('PENDING_REVIEW');
    expect((await t.gql(PUBLIC, { id: 'not-an-id' })).errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('Organization.partnerAgency follows the same rule (null when hidden)', async () => {
    const query = `query($id: ID!) { organization(id: $id) { partnerAgency { id status } } }`;
    expect((await t.ok(query, { id: active.organizationId })).organization.partnerAgency).toEqual({ id: active.id, status: 'ACTIVE' });
    expect((await t.ok(query, { id: pending.organizationId }, outsider.token)).organization.partnerAgency).toBeNull();
    expect((await t.ok(query, { id: pending.organizationId }, pending.owner.token)).organization.partnerAgency).toEqual({
      id: pending.id,
      status: 'PENDING_REVIEW',
    });
  });

  it('duesInvoices and strikes are FORBIDDEN to anyone but its members (any role) and operators', async () => {
    for (const token of [undefined, outsider.token, pending.owner.token]) {
      for (const field of ['duesInvoices', 'strikes']) {
        const res = await t.gql(`query($id: ID!) { partnerAgency(id: $id) { id ${field} { id } } }`, { id: active.id }, token);
        expect(res.errors!.map((error) => [error.extensions.code, error.path])).toEqual([['FORBIDDEN', ['partnerAgency', field]]]);
      }
    }
    for (const token of [staff.token, active.owner.token, operator]) {
      expect((await t.ok(PRIVATE, { id: active.id }, token)).partnerAgency.duesInvoices).toHaveLength(1);
    }
  });

  it('operators add strikes, other libraries through StrikeService; only members and operators see them', async () => {
    const added = await t.ok(ADD_STRIKE, { id: active.id, reason: 'POLICY_VIOLATION', note: '허위 광고' }, operator);
    expect(added.addStrike).toMatchObject({ reason: 'POLICY_VIOLATION', note: '허위 광고' });
    const ctx = RequestContext.system();
    await t.app
      .get(TransactionalConnection)
      .withTransaction(ctx, () => t.app.get(StrikeService).addStrike(ctx, { partnerAgencyId: active.id, reason: StrikeReason.PROVIDER_NO_SHOW, note: null }));
    const strikes = (await t.ok(PRIVATE, { id: active.id }, staff.token)).partnerAgency.strikes;
    expect(strikes.map((strike: { reason: string; note: string | null }) => [strike.reason, strike.note])).toEqual([
      ['POLICY_VIOLATION', '허위 광고'],
      ['PROVIDER_NO_SHOW', null],
    ]);
    expect((await t.gql(ADD_STRIKE, { id: active.id, reason: 'LATE_SHIPMENT' }, active.owner.token)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(ADD_STRIKE, { id: '00000000-0000-4000-8000-000000000000', reason: 'LATE_SHIPMENT' }, operator)).errors![0].extensions.code).toBe(
      'NOT_FOUND',
    );
  });

  describe('partnerAgencies', () => {
    const ids = (data: Record<string, any>) => data.partnerAgencies.nodes.map((node: { id: string }) => node.id);

    it('shows the public ACTIVE agencies only, whatever status it asks for', async () => {
      const all = await t.ok(LIST, {});
      expect(ids(all)).toContain(active.id);
      expect(all.partnerAgencies.nodes.every((node: { status: string }) => node.status === 'ACTIVE')).toBe(true);
      expect(ids(await t.ok(LIST, { filter: { status: 'PENDING_REVIEW' } }, outsider.token))).toEqual([]);
    });

    it('lets operators see and filter every status', async () => {
      const everything = ids(await t.ok(LIST, {}, operator));
      expect(everything).toEqual(expect.arrayContaining([active.id, pending.id]));
      expect(ids(await t.ok(LIST, { filter: { status: 'PENDING_REVIEW' } }, operator))).toEqual([pending.id]);
      expect(ids(await t.ok(LIST, { filter: { status: 'PENDING_REVIEW', tierCode: 'STANDARD' } }, operator))).toEqual([]);
      expect(ids(await t.ok(LIST, { filter: { tierCode: 'BASIC' } }, operator))).toEqual([pending.id]);
    });

    it('searches the organization name (any case) and filters by organization kind', async () => {
      expect(ids(await t.ok(LIST, { filter: { search: 'sunSHINE' } }))).toEqual([active.id]);
      expect(ids(await t.ok(LIST, { filter: { search: '100%' } }))).toEqual([]);
      expect(ids(await t.ok(LIST, { filter: { search: '새싹' } }, operator))).toEqual([pending.id]);
      expect(ids(await t.ok(LIST, { filter: { organizationKind: 'SOCIAL_COOPERATIVE' } }))).toEqual([active.id]);
      expect(ids(await t.ok(LIST, { filter: { organizationKind: 'COMPANY' } }))).toEqual([]);
    });

    it('pages newest application first with cursors and a total count', async () => {
      const more = [await approvedAgency(t, operator, { name: '둘째 협동조합' }), await approvedAgency(t, operator, { name: '셋째 협동조합' })];
      const first = await t.ok(LIST, { first: 2 });
      expect(ids(first)).toEqual([more[1].id, more[0].id]);
      expect(first.partnerAgencies).toMatchObject({
        totalCount: 3,
        pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: first.partnerAgencies.edges[0].cursor },
      });
      const second = await t.ok(LIST, { first: 2, after: first.partnerAgencies.pageInfo.endCursor });
      expect(ids(second)).toEqual([active.id]);
      expect(second.partnerAgencies.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true, startCursor: second.partnerAgencies.edges[0].cursor });
    });

    it('runs a constant number of SQL statements whatever the page size', async () => {
      const query = `{ partnerAgencies(first: 50) { nodes { id organization { name kind } tier { code } scheduledTier { code } duesPaidThrough
        duesInvoices { amount tier { code } payment { status } paymentRequest { orderId } } strikes { reason } } } }`;
      const count = async () => {
        t.queries.count = 0;
        await t.ok(query, {}, operator);
        return t.queries.count;
      };
      const before = await count();
      for (let i = 0; i < 3; i++) await approvedAgency(t, operator, { name: `추가 협동조합 ${i}` });
      expect(await count()).toBe(before);
      expect(before).toBeLessThanOrEqual(8);
    });
  });

  describe('what the catalog asks', () => {
    const inTransaction = <T>(work: (ctx: RequestContext, agencies: PartnerAgencyService) => Promise<T>) => {
      const ctx = RequestContext.system();
      return t.app.get(TransactionalConnection).withTransaction(ctx, () => work(ctx, t.app.get(PartnerAgencyService)));
    };
    const codeOf = (work: Promise<unknown>) =>
      work.then(
        () => 'OK',
        (error: { code?: string }) => error.code,
      );

    it('may publish while ACTIVE and under the tier limit (STANDARD: 50)', async () => {
      expect(await codeOf(inTransaction((ctx, agencies) => agencies.assertMayPublish(ctx, active.id, 49)))).toBe('OK');
      expect(await codeOf(inTransaction((ctx, agencies) => agencies.assertMayPublish(ctx, active.id, 50)))).toBe('LIMIT_EXCEEDED');
      expect(await codeOf(inTransaction((ctx, agencies) => agencies.assertMayPublish(ctx, pending.id, 0)))).toBe('INVALID_STATE');
    });

    it('says which agencies are sellable and which fee rate applies', async () => {
      const suspended = await approvedAgency(t, operator, { name: '정지 협동조합' });
      await t.ok(SUSPEND, { id: suspended.id, reason: '조사' }, operator);
      const sellable = await inTransaction((ctx, agencies) => agencies.sellableAgencyIds(ctx, [active.id, pending.id, suspended.id, 'junk']));
      expect([...sellable]).toEqual([active.id]);
      expect(await inTransaction((ctx, agencies) => agencies.isSellable(ctx, suspended.id))).toBe(false);
      expect(await inTransaction((ctx, agencies) => agencies.platformFeeRateBps(ctx, active.id))).toBe(600);
    });
  });
});
