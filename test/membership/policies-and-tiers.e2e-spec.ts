import { DataSource } from 'typeorm';
import { APPLY, applicationInput, approvedAgency, newOrganization, viewAgency } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const CURRENT = `{ currentPolicies { id kind version title body publishedAt } }`;
const PUBLISH = `mutation($input: PublishPolicyInput!) { publishPolicy(input: $input) { id kind version title body publishedAt } }`;
const TIERS = `{ membershipTiers { code name description duesAmount billingPeriod platformFeeRateBps maxPublishedListings featuredListingSlots benefits active } }`;
const SAVE_TIER = `mutation($input: MembershipTierInput!) {
  saveMembershipTier(input: $input) { id code name description duesAmount billingPeriod platformFeeRateBps maxPublishedListings featuredListingSlots benefits active }
}`;

const tierInput = (overrides: Record<string, unknown> = {}) => ({
  code: 'COMMUNITY',
  name: '커뮤니티',
  description: '마을 단위 작은 조직을 위한 등급',
  duesAmount: 5_000,
  billingPeriod: 'MONTHLY',
  platformFeeRateBps: 700,
  maxPublishedListings: 5,
  featuredListingSlots: 1,
  benefits: ['상품 5개까지 게시'],
  active: true,
  ...overrides,
});

describe('membership: policies and tiers', () => {
  let t: TestApp;
  let operator: string;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
  });
  afterAll(() => t.close());

  describe('policies', () => {
    it('a fresh database has version 1 of each policy in Korean, for everyone to read', async () => {
      const data = await t.ok(CURRENT);
      expect(data.currentPolicies).toEqual([
        expect.objectContaining({ kind: 'ETHICS_CODE', version: 1, title: '두레 윤리강령' }),
        expect.objectContaining({ kind: 'MARKET_CREATOR_TERMS', version: 1, title: '두레 마켓 크리에이터 약관' }),
        expect.objectContaining({ kind: 'OPERATING_PRINCIPLES', version: 1, title: '두레 운영원칙' }),
      ]);
      for (const policy of data.currentPolicies) expect(policy.body.length).toBeGreaterThan(100);
    });

    it('publishing adds the next version of that kind, which becomes current; earlier agreements are kept', async () => {
      const { owner, organizationId } = await newOrganization(t);
      await t.ok(APPLY, { input: await applicationInput(t, organizationId) }, owner.token);
      const published = await t.ok(PUBLISH, { input: { kind: 'OPERATING_PRINCIPLES', title: '두레 운영원칙 (2판)', body: '개정 본문' } }, operator);
      expect(published.publishPolicy).toMatchObject({
        kind: 'OPERATING_PRINCIPLES',
        version: 2,
        title: '두레 운영원칙 (2판)',
        publishedAt: expect.any(String),
      });
      const current = (await t.ok(CURRENT)).currentPolicies;
      expect(current.find((policy: { kind: string }) => policy.kind === 'OPERATING_PRINCIPLES')).toMatchObject({ id: published.publishPolicy.id, version: 2 });
      expect(current.find((policy: { kind: string }) => policy.kind === 'ETHICS_CODE').version).toBe(1);
      const agreements = await t.app
        .get(DataSource)
        .query(`SELECT kind, version FROM policy_agreement WHERE organization_id = $1 ORDER BY kind`, [organizationId]);
      expect(agreements).toEqual([
        { kind: 'ETHICS_CODE', version: 1 },
        { kind: 'OPERATING_PRINCIPLES', version: 1 },
      ]);
    });

    it('concurrent publishes of one kind get consecutive versions', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) => t.ok(PUBLISH, { input: { kind: 'MARKET_CREATOR_TERMS', title: `약관 ${n}`, body: '본문' } }, operator)),
      );
      expect(results.map((result) => result.publishPolicy.version).sort()).toEqual([2, 3, 4, 5]);
    });

    it('only operators publish; blank titles are refused', async () => {
      const user = await signUp(t);
      const input = { kind: 'ETHICS_CODE', title: '윤리강령', body: '본문' };
      expect((await t.gql(PUBLISH, { input }, user.token)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(PUBLISH, { input })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(PUBLISH, { input: { ...input, title: '   ' } }, operator)).errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.title' }],
      });
    });
  });

  describe('tiers', () => {
    it('a fresh database has the three tiers of docs/RULES.md §5, smallest first', async () => {
      const data = await t.ok(TIERS);
      expect(data.membershipTiers).toEqual([
        expect.objectContaining({
          code: 'BASIC',
          duesAmount: 10_000,
          billingPeriod: 'MONTHLY',
          platformFeeRateBps: 800,
          maxPublishedListings: 10,
          featuredListingSlots: 0,
          active: true,
        }),
        expect.objectContaining({
          code: 'STANDARD',
          duesAmount: 30_000,
          billingPeriod: 'MONTHLY',
          platformFeeRateBps: 600,
          maxPublishedListings: 50,
          featuredListingSlots: 2,
          active: true,
        }),
        expect.objectContaining({
          code: 'PREMIUM',
          duesAmount: 300_000,
          billingPeriod: 'YEARLY',
          platformFeeRateBps: 400,
          maxPublishedListings: null,
          featuredListingSlots: 5,
          active: true,
        }),
      ]);
    });

    it('saveMembershipTier creates a tier by code, then updates the same one', async () => {
      const created = (await t.ok(SAVE_TIER, { input: tierInput() }, operator)).saveMembershipTier;
      expect(created).toMatchObject(tierInput());
      const updated = (await t.ok(SAVE_TIER, { input: tierInput({ duesAmount: 6_000, maxPublishedListings: null, benefits: [] }) }, operator))
        .saveMembershipTier;
      expect(updated).toMatchObject({ id: created.id, duesAmount: 6_000, maxPublishedListings: null, benefits: [] });
      expect((await t.ok(TIERS)).membershipTiers.map((tier: { code: string }) => tier.code)).toEqual(['BASIC', 'STANDARD', 'COMMUNITY', 'PREMIUM']);
    });

    it('refuses invalid tiers, naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ platformFeeRateBps: 10_001 }, 'platformFeeRateBps'],
        [{ platformFeeRateBps: -1 }, 'platformFeeRateBps'],
        [{ duesAmount: 0 }, 'duesAmount'],
        [{ code: 'gold tier' }, 'code'],
        [{ name: ' ' }, 'name'],
        [{ maxPublishedListings: -1 }, 'maxPublishedListings'],
        [{ featuredListingSlots: 6 }, 'featuredListingSlots'],
        [{ benefits: [''] }, 'benefits'],
      ];
      for (const [overrides, field] of cases) {
        const res = await t.gql(SAVE_TIER, { input: tierInput({ code: 'INVALID', ...overrides }) }, operator);
        expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
        expect(new Set(res.errors![0].extensions.fields!.map((error) => error.field))).toEqual(new Set([`input.${field}`]));
      }
      expect((await t.gql(SAVE_TIER, { input: tierInput({ duesAmount: -5 }) }, operator)).errors![0].extensions.code).toBe('BAD_USER_INPUT');
      const codes = (await t.ok(TIERS, {}, operator)).membershipTiers.map((tier: { code: string }) => tier.code);
      expect(codes).not.toContain('INVALID');
    });

    it('only operators save tiers', async () => {
      const user = await signUp(t);
      expect((await t.gql(SAVE_TIER, { input: tierInput() }, user.token)).errors![0].extensions.code).toBe('FORBIDDEN');
    });

    it('a deactivated tier is hidden from the public and closed to applicants, and its members keep it', async () => {
      const member = await approvedAgency(t, operator, { tierCode: 'COMMUNITY' });
      await t.ok(SAVE_TIER, { input: tierInput({ active: false }) }, operator);
      expect((await t.ok(TIERS)).membershipTiers.map((tier: { code: string }) => tier.code)).not.toContain('COMMUNITY');
      expect((await t.ok(TIERS, {}, operator)).membershipTiers.find((tier: { code: string }) => tier.code === 'COMMUNITY')).toMatchObject({ active: false });
      expect(await viewAgency(t, member.id, member.owner.token)).toMatchObject({ status: 'ACTIVE', tier: { code: 'COMMUNITY' } });
      const { owner, organizationId } = await newOrganization(t);
      const res = await t.gql(APPLY, { input: await applicationInput(t, organizationId, { tierCode: 'COMMUNITY' }) }, owner.token);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.tierCode' }] });
    });
  });
});
