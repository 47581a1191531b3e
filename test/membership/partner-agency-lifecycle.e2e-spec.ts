import { DataSource } from 'typeorm';
import {
  APPLY,
  REINSTATE,
  REVIEW,
  SUSPEND,
  WITHDRAW,
  advanceTo,
  applicationInput,
  approvedAgency,
  currentPolicyIds,
  newOrganization,
  viewAgency,
} from '../support/membership.js';
import {
  OPERATOR_ENV,
  addMember,
  createTestApp,
  logInOperator,
  newBusinessRegistrationNumber,
  signUp,
  type GraphQLResponse,
  type TestApp,
} from '../support/test-app.js';

type Status = 'PENDING_REVIEW' | 'CHANGES_REQUESTED' | 'REJECTED' | 'AWAITING_DUES' | 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';
type Operation = 'apply' | 'approve' | 'requestChanges' | 'reject' | 'suspend' | 'reinstate' | 'withdraw';

const STATUSES: Status[] = ['PENDING_REVIEW', 'CHANGES_REQUESTED', 'REJECTED', 'AWAITING_DUES', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN'];
const OPERATIONS: Operation[] = ['apply', 'approve', 'requestChanges', 'reject', 'suspend', 'reinstate', 'withdraw'];

/** docs/RULES.md §4: what each operation does from each status; every pair not listed must be INVALID_STATE. */
const ALLOWED: Record<Status, Partial<Record<Operation, Status>>> = {
  PENDING_REVIEW: { approve: 'AWAITING_DUES', requestChanges: 'CHANGES_REQUESTED', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  CHANGES_REQUESTED: { apply: 'PENDING_REVIEW', withdraw: 'WITHDRAWN' },
  REJECTED: { withdraw: 'WITHDRAWN' }, // applying again only after 30 days, tested below
  AWAITING_DUES: { withdraw: 'WITHDRAWN' }, // paying the first invoice: see dues-lifecycle
  ACTIVE: { suspend: 'SUSPENDED', withdraw: 'WITHDRAWN' },
  SUSPENDED: { reinstate: 'ACTIVE', withdraw: 'WITHDRAWN' },
  WITHDRAWN: {},
};

describe('membership: applying, review and the partner agency lifecycle', () => {
  let t: TestApp;
  let operator: string;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await advanceTo(t, operator, '2031-03-10');
  });
  afterAll(() => t.close());

  /** An agency of a new organization brought into `status` through the API. */
  async function agencyIn(status: Status) {
    if (['AWAITING_DUES', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN'].includes(status)) {
      const agency = await approvedAgency(t, operator, { pay: status !== 'AWAITING_DUES' });
      if (status === 'SUSPENDED') await t.ok(SUSPEND, { id: agency.id, reason: '조사 중' }, operator);
      if (status === 'WITHDRAWN') await t.ok(WITHDRAW, { id: agency.id, reason: '퇴점' }, agency.owner.token);
      return agency;
    }
    const { owner, organizationId } = await newOrganization(t);
    const id: string = (await t.ok(APPLY, { input: await applicationInput(t, organizationId) }, owner.token)).applyAsPartnerAgency.id;
    const decision = { CHANGES_REQUESTED: 'REQUEST_CHANGES', REJECTED: 'REJECT' }[status as string];
    if (decision) await t.ok(REVIEW, { input: { id, decision, note: '사유' } }, operator);
    return { id, owner, organizationId };
  }

  async function perform(operation: Operation, agency: Awaited<ReturnType<typeof agencyIn>>): Promise<GraphQLResponse> {
    const review = (decision: string) => t.gql(REVIEW, { input: { id: agency.id, decision, note: '심사 의견' } }, operator);
    switch (operation) {
      case 'apply':
        return t.gql(APPLY, { input: await applicationInput(t, agency.organizationId, { introduction: '고친 소개', tierCode: 'BASIC' }) }, agency.owner.token);
      case 'approve':
        return review('APPROVE');
      case 'requestChanges':
        return review('REQUEST_CHANGES');
      case 'reject':
        return review('REJECT');
      case 'suspend':
        return t.gql(SUSPEND, { id: agency.id, reason: '사유' }, operator);
      case 'reinstate':
        return t.gql(REINSTATE, { id: agency.id }, operator);
      case 'withdraw':
        return t.gql(WITHDRAW, { id: agency.id, reason: '사유' }, agency.owner.token);
    }
  }

  const snapshot = async (id: string) => {
    const view = await viewAgency(t, id, operator);
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT introduction, applied_at, status_changed_at, status_reason FROM partner_agency WHERE id = $1`, [id]);
    return { ...view, row };
  };

  describe('every transition the table does not allow is INVALID_STATE and changes nothing', () => {
    const agencies = new Map<Status, Awaited<ReturnType<typeof agencyIn>>>();
    beforeAll(async () => {
      for (const status of STATUSES) agencies.set(status, await agencyIn(status));
    });

    const disallowed = STATUSES.flatMap((status) =>
      OPERATIONS.filter((operation) => !ALLOWED[status][operation]).map((operation) => [status, operation] as const),
    );
    it.each(disallowed)('%s: %s', async (status, operation) => {
      const agency = agencies.get(status)!;
      const before = await snapshot(agency.id);
      expect(before.status).toBe(status);
      const res = await perform(operation, agency);
      expect(res.errors?.[0].extensions.code).toBe('INVALID_STATE');
      expect(await snapshot(agency.id)).toEqual(before);
    });
  });

  describe('every transition the table allows works', () => {
    const allowed = STATUSES.flatMap((status) => Object.entries(ALLOWED[status]).map(([operation, to]) => [status, operation as Operation, to] as const));
    it.each(allowed)('%s: %s → %s', async (status, operation, to) => {
      const agency = await agencyIn(status);
      const res = await perform(operation, agency);
      expect(res.errors).toBeUndefined();
      expect((await viewAgency(t, agency.id, operator)).status).toBe(to);
    });
  });

  describe('applying', () => {
    it('needs the current ethics code: BAD_USER_INPUT on agreedPolicyIds naming it, and nothing is recorded', async () => {
      const { owner, organizationId } = await newOrganization(t);
      const policies = await currentPolicyIds(t);
      const res = await t.gql(APPLY, { input: await applicationInput(t, organizationId, { agreedPolicyIds: [policies.OPERATING_PRINCIPLES] }) }, owner.token);
      expect(res.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.agreedPolicyIds', message: 'ETHICS_CODE: agree to the current version' }],
      });
      const none = await t.gql(APPLY, { input: await applicationInput(t, organizationId, { agreedPolicyIds: [policies.MARKET_CREATOR_TERMS] }) }, owner.token);
      expect(none.errors![0].extensions.fields!.map((f) => f.message)).toEqual([
        'OPERATING_PRINCIPLES: agree to the current version',
        'ETHICS_CODE: agree to the current version',
      ]);
      const [{ count }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS count FROM policy_agreement WHERE organization_id = $1`, [organizationId]);
      expect(count).toBe(0);
      const org = await t.ok(`query($id: ID!) { organization(id: $id) { partnerAgency { id } } }`, { id: organizationId }, owner.token);
      expect(org.organization.partnerAgency).toBeNull();
    });

    it('an agreement to an earlier version no longer counts once a new one is published; ids that name no policy are refused', async () => {
      const { owner, organizationId } = await newOrganization(t);
      const old = await currentPolicyIds(t);
      await t.ok(`mutation { publishPolicy(input: { kind: ETHICS_CODE, title: "두레 윤리강령 (개정)", body: "개정된 윤리강령" }) { version } }`, {}, operator);
      const stale = await t.gql(
        APPLY,
        { input: await applicationInput(t, organizationId, { agreedPolicyIds: [old.OPERATING_PRINCIPLES, old.ETHICS_CODE] }) },
        owner.token,
      );
      expect(stale.errors![0].extensions.fields).toEqual([{ field: 'input.agreedPolicyIds', message: 'ETHICS_CODE: agree to the current version' }]);
      const unknown = await t.gql(APPLY, { input: await applicationInput(t, organizationId, { agreedPolicyIds: ['nope'] }) }, owner.token);
      expect(unknown.errors![0].extensions.fields).toContainEqual({ field: 'input.agreedPolicyIds', message: 'nope: no such policy' });
      await t.ok(APPLY, { input: await applicationInput(t, organizationId) }, owner.token);
    });

    it('records each agreement with the policy version, user, organization and time', async () => {
      const { owner, organizationId } = await newOrganization(t);
      await t.ok(APPLY, { input: await applicationInput(t, organizationId) }, owner.token);
      const rows = await t.app
        .get(DataSource)
        .query(`SELECT kind, version, user_id, agreed_at FROM policy_agreement WHERE organization_id = $1 ORDER BY kind`, [organizationId]);
      expect(rows).toEqual([
        { kind: 'ETHICS_CODE', version: 2, user_id: owner.id, agreed_at: expect.any(Date) },
        { kind: 'OPERATING_PRINCIPLES', version: 1, user_id: owner.id, agreed_at: expect.any(Date) },
      ]);
    });

    it('is for owners and managers: outsiders get NOT_FOUND, staff FORBIDDEN', async () => {
      const { owner, organizationId } = await newOrganization(t);
      const [manager, staff, outsider] = [await signUp(t), await signUp(t), await signUp(t)];
      await addMember(t, organizationId, owner.token, manager, 'MANAGER');
      await addMember(t, organizationId, owner.token, staff, 'STAFF');
      const input = await applicationInput(t, organizationId);
      expect((await t.gql(APPLY, { input }, outsider.token)).errors![0].extensions.code).toBe('NOT_FOUND');
      expect((await t.gql(APPLY, { input }, staff.token)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(APPLY, { input })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await t.ok(APPLY, { input }, manager.token)).applyAsPartnerAgency.status).toBe('PENDING_REVIEW');
    });

    it('needs an existing, active tier and at least one service category', async () => {
      const { owner, organizationId } = await newOrganization(t);
      await t.ok(
        `mutation { saveMembershipTier(input: { code: "RETIRED", name: "옛 등급", duesAmount: 5000, billingPeriod: MONTHLY, platformFeeRateBps: 900,
          maxPublishedListings: 5, featuredListingSlots: 0, benefits: [], active: false }) { id } }`,
        {},
        operator,
      );
      for (const tierCode of ['GOLD', 'RETIRED']) {
        const res = await t.gql(APPLY, { input: await applicationInput(t, organizationId, { tierCode }) }, owner.token);
        expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.tierCode' }] });
      }
      const res = await t.gql(APPLY, { input: await applicationInput(t, organizationId, { serviceCategories: [] }) }, owner.token);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.serviceCategories' }] });
    });
  });

  describe('review', () => {
    it('is for operators only', async () => {
      const agency = await agencyIn('PENDING_REVIEW');
      for (const token of [agency.owner.token, (await signUp(t)).token]) {
        const res = await t.gql(REVIEW, { input: { id: agency.id, decision: 'APPROVE' } }, token);
        expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
      }
      expect((await viewAgency(t, agency.id, operator)).status).toBe('PENDING_REVIEW');
    });

    it('rejecting or requesting changes needs a note, which the applicant sees; unknown ids are NOT_FOUND', async () => {
      const agency = await agencyIn('PENDING_REVIEW');
      for (const decision of ['REJECT', 'REQUEST_CHANGES']) {
        const res = await t.gql(REVIEW, { input: { id: agency.id, decision, note: '  ' } }, operator);
        expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.note' }] });
      }
      await t.ok(REVIEW, { input: { id: agency.id, decision: 'REQUEST_CHANGES', note: '소개를 자세히 써 주세요' } }, operator);
      expect(await viewAgency(t, agency.id, agency.owner.token)).toMatchObject({ status: 'CHANGES_REQUESTED', reviewNote: '소개를 자세히 써 주세요' });
      const unknown = await t.gql(REVIEW, { input: { id: '00000000-0000-4000-8000-000000000000', decision: 'APPROVE' } }, operator);
      expect(unknown.errors![0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('verification of the organization', () => {
    const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
    const FLAGS = `query($id: ID!) { organization(id: $id) { verifiedAt duplicateRegistrationNumber } }`;
    const claim = async (businessRegistrationNumber: string) => {
      const owner = await signUp(t);
      const input = { name: '같은번호 협동조합', kind: 'COOPERATIVE', businessRegistrationNumber, representativeName: '대표' };
      return { owner, res: await t.gql<{ createOrganization: { id: string } }>(CREATE_ORGANIZATION, { input }, owner.token) };
    };

    it("a number is shared by unverified organizations (flagged to operators only) and becomes one organization's at approval; racing approvals: one wins, the other is a CONFLICT", async () => {
      const number = newBusinessRegistrationNumber();
      const claims = [await claim(number), await claim(number)];
      const [first, second] = claims.map(({ owner, res }) => ({ owner, organizationId: res.data!.createOrganization.id }));
      expect((await t.ok(FLAGS, { id: first.organizationId }, operator)).organization).toEqual({ verifiedAt: null, duplicateRegistrationNumber: true });
      const asOwner = await t.gql(FLAGS, { id: first.organizationId }, first.owner.token);
      expect(asOwner.errors!.map((e) => [e.path, e.extensions.code])).toEqual([[['organization', 'duplicateRegistrationNumber'], 'FORBIDDEN']]);

      const agencyIds = await Promise.all(
        [first, second].map(
          async ({ owner, organizationId }) =>
            (await t.ok(APPLY, { input: await applicationInput(t, organizationId) }, owner.token)).applyAsPartnerAgency.id as string,
        ),
      );
      const reviews = await Promise.all(agencyIds.map((id) => t.gql(REVIEW, { input: { id, decision: 'APPROVE' } }, operator)));
      expect(reviews.map((res) => res.errors?.[0].extensions.code ?? 'APPROVED').sort()).toEqual(['APPROVED', 'CONFLICT']);
      const winner = reviews.findIndex((res) => !res.errors);
      const organizations = [first, second].map(({ organizationId }) => organizationId);
      expect((await t.ok(FLAGS, { id: organizations[winner] }, operator)).organization.verifiedAt).toEqual(expect.any(String));
      expect((await t.ok(FLAGS, { id: organizations[1 - winner] }, operator)).organization.verifiedAt).toBeNull();
      expect((await viewAgency(t, agencyIds[1 - winner], operator)).status).toBe('PENDING_REVIEW');

      const late = await claim(number);
      expect(late.res.errors![0].extensions.code).toBe('CONFLICT');
      const unique = await claim(newBusinessRegistrationNumber());
      expect((await t.ok(FLAGS, { id: unique.res.data!.createOrganization.id }, operator)).organization.duplicateRegistrationNumber).toBe(false);
    });
  });

  describe('applying again', () => {
    it('after changes were requested, the same agency goes back to review with the new details', async () => {
      const agency = await agencyIn('CHANGES_REQUESTED');
      const input = await applicationInput(t, agency.organizationId, {
        introduction: '방문 돌봄과 가사 지원을 합니다.',
        tierCode: 'BASIC',
        serviceCategories: ['CARE', 'LIVING'],
      });
      const res = await t.ok(APPLY, { input }, agency.owner.token);
      expect(res.applyAsPartnerAgency).toMatchObject({
        id: agency.id,
        status: 'PENDING_REVIEW',
        introduction: '방문 돌봄과 가사 지원을 합니다.',
        serviceCategories: ['CARE', 'LIVING'],
        tier: { code: 'BASIC' },
      });
    });

    it('after a rejection, only once 30 days have passed; before that INVALID_STATE names the date', async () => {
      await advanceTo(t, operator, '2031-04-01');
      const agency = await agencyIn('REJECTED');
      const apply = async () => t.gql(APPLY, { input: await applicationInput(t, agency.organizationId) }, agency.owner.token);
      const early = await apply();
      expect(early.errors![0]).toMatchObject({ message: expect.stringContaining('2031-05-01'), extensions: { code: 'INVALID_STATE' } });
      await advanceTo(t, operator, '2031-04-30');
      expect((await apply()).errors![0].extensions.code).toBe('INVALID_STATE');
      await advanceTo(t, operator, '2031-05-01');
      const res = await apply();
      expect(res.data!.applyAsPartnerAgency).toMatchObject({ id: agency.id, status: 'PENDING_REVIEW' });
    });
  });
});
