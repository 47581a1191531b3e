import { DataSource } from 'typeorm';
import { APPLY, CREATE_LINK, REVIEW, TRACK, application, becomeMarketCreator, newHandle, trackClick } from '../support/affiliate.js';
import { currentPolicyIds } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, newBusinessRegistrationNumber, signUp, type TestApp } from '../support/test-app.js';

const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const PRIVATE_FIELDS = [
  'user { id }',
  'earnings { pending }',
  'commissions { totalCount }',
  'payouts { id }',
  'referralLinks { id }',
  'payoutAccount { bankCode }',
];
const ADVANCE = `mutation($to: DateTime!) { advanceTestClock(to: $to) }`;

describe('affiliate: market creators, referral links and clicks', () => {
  let t: TestApp;
  let operator: string;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1', PUBLIC_WEB_URL: 'https://dure.example/' });
    operator = await logInOperator(t);
  });
  afterAll(() => t.close());

  const newOrganization = async (token: string) =>
    (
      await t.ok(
        CREATE_ORGANIZATION,
        {
          input: {
            name: '우리동네 사회적협동조합',
            kind: 'SOCIAL_COOPERATIVE',
            businessRegistrationNumber: newBusinessRegistrationNumber(),
            representativeName: '김대표',
          },
        },
        token,
      )
    ).createOrganization.id as string;
  const errorOf = async (query: string, variables: Record<string, unknown>, token?: string) => (await t.gql(query, variables, token)).errors?.[0]?.extensions;

  describe('applying', () => {
    it('approves an INDIVIDUAL at once, stores the payout account and shows it masked', async () => {
      const user = await signUp(t, '박하나');
      const handle = newHandle('hana');
      const data = await t.ok(APPLY, { input: await application(t, { handle }) }, user.token);
      expect(data.applyAsMarketCreator).toMatchObject({
        handle,
        kind: 'INDIVIDUAL',
        status: 'ACTIVE',
        organization: null,
        payoutAccount: { bankCode: '004', maskedAccountNumber: '********7890', accountHolder: '박하나' },
      });
      const [row] = await t.app.get(DataSource).query(`SELECT payout_account_number FROM market_creator WHERE id = $1`, [data.applyAsMarketCreator.id]);
      expect(row.payout_account_number).toBe('110234567890');
      const me = await t.ok(`{ me { marketCreator { id handle user { id } } } }`, {}, user.token);
      expect(me.me.marketCreator).toEqual({ id: data.applyAsMarketCreator.id, handle, user: { id: user.id } });
    });

    it('records the agreement to the current MARKET_CREATOR_TERMS, and refuses an application without it', async () => {
      const user = await signUp(t);
      const refused = await errorOf(APPLY, { input: await application(t, { agreedPolicyIds: [] }) }, user.token);
      expect(refused).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.agreedPolicyIds', message: expect.stringContaining('MARKET_CREATOR_TERMS') }],
      });
      expect((await t.ok(`{ me { marketCreator { id } } }`, {}, user.token)).me.marketCreator).toBeNull();

      await becomeMarketCreator(t, user.token);
      const agreements = await t.app.get(DataSource).query(`SELECT policy_id, kind, version FROM policy_agreement WHERE user_id = $1`, [user.id]);
      expect(agreements).toEqual([{ policy_id: (await currentPolicyIds(t)).MARKET_CREATOR_TERMS, kind: 'MARKET_CREATOR_TERMS', version: 1 }]);
    });

    it.each([['ab'], ['a'.repeat(31)], ['Upper-Case'], ['under_score'], ['한글핸들'], ['with space']])('refuses the handle %j', async (handle) => {
      const user = await signUp(t);
      expect(await errorOf(APPLY, { input: await application(t, { handle }) }, user.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.handle' }],
      });
    });

    it('accepts handles of 3 and 30 characters of a-z, 0-9 and -', async () => {
      for (const handle of [`${newHandle('x').slice(-3)}`.replace(/^-/, 'a'), `z-${newHandle()}`.padEnd(30, '0').slice(0, 30)]) {
        const user = await signUp(t);
        expect((await becomeMarketCreator(t, user.token, { handle })).handle).toBe(handle);
      }
    });

    it('refuses a taken handle and a second market creator for one user (CONFLICT)', async () => {
      const first = await signUp(t);
      const { handle } = await becomeMarketCreator(t, first.token);
      const second = await signUp(t);
      expect((await errorOf(APPLY, { input: await application(t, { handle }) }, second.token))?.code).toBe('CONFLICT');
      expect((await errorOf(APPLY, { input: await application(t) }, first.token))?.code).toBe('CONFLICT');
    });

    it('needs an organization the caller acts for, for CORPORATE and PUBLIC_INTEREST only', async () => {
      const owner = await signUp(t);
      const staff = await signUp(t);
      const organizationId = await newOrganization(owner.token);
      await addMember(t, organizationId, owner.token, staff);
      const outsider = await signUp(t);

      expect(await errorOf(APPLY, { input: await application(t, { kind: 'CORPORATE' }) }, owner.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.organizationId' }],
      });
      expect(await errorOf(APPLY, { input: await application(t, { kind: 'INDIVIDUAL', organizationId }) }, owner.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.organizationId' }],
      });
      expect((await errorOf(APPLY, { input: await application(t, { kind: 'PUBLIC_INTEREST', organizationId }) }, staff.token))?.code).toBe('FORBIDDEN');
      expect((await errorOf(APPLY, { input: await application(t, { kind: 'CORPORATE', organizationId }) }, outsider.token))?.code).toBe('NOT_FOUND');

      const corporate = await t.ok(APPLY, { input: await application(t, { kind: 'CORPORATE', organizationId }) }, owner.token);
      expect(corporate.applyAsMarketCreator).toMatchObject({ kind: 'CORPORATE', status: 'PENDING_REVIEW', organization: { id: organizationId } });
    });

    it('refuses a bad payout account, naming the field', async () => {
      const user = await signUp(t);
      const input = await application(t, { payoutAccount: { bankCode: '4', accountNumber: '12-ab', accountHolder: ' ' } });
      const error = await errorOf(APPLY, { input }, user.token);
      expect(error?.code).toBe('BAD_USER_INPUT');
      expect((error?.fields ?? []).map((f: { field: string }) => f.field).sort()).toEqual([
        'input.payoutAccount.accountHolder',
        'input.payoutAccount.accountNumber',
        'input.payoutAccount.bankCode',
      ]);
    });
  });

  describe('review and suspension (operator)', () => {
    it('approves or rejects a pending application; a rejected user may apply again', async () => {
      const approved = await signUp(t);
      const pending = await becomeMarketCreator(t, approved.token, { kind: 'CELEBRITY' });
      expect(pending.status).toBe('PENDING_REVIEW');
      expect((await errorOf(REVIEW, { input: { id: pending.id, decision: 'APPROVE' } }, approved.token))?.code).toBe('FORBIDDEN');
      expect((await t.ok(REVIEW, { input: { id: pending.id, decision: 'APPROVE' } }, operator)).reviewMarketCreator.status).toBe('ACTIVE');
      expect((await errorOf(REVIEW, { input: { id: pending.id, decision: 'REJECT', note: '이미 승인됨' } }, operator))?.code).toBe('INVALID_STATE');

      const rejected = await signUp(t);
      const celebrity = await becomeMarketCreator(t, rejected.token, { kind: 'CELEBRITY' });
      expect((await errorOf(REVIEW, { input: { id: celebrity.id, decision: 'REQUEST_CHANGES', note: '보완 요청' } }, operator))?.code).toBe('BAD_USER_INPUT');
      expect(await errorOf(REVIEW, { input: { id: celebrity.id, decision: 'REJECT' } }, operator)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.note' }],
      });
      expect((await t.ok(REVIEW, { input: { id: celebrity.id, decision: 'REJECT', note: '활동 이력 확인 불가' } }, operator)).reviewMarketCreator.status).toBe(
        'REJECTED',
      );
      const again = await becomeMarketCreator(t, rejected.token, { kind: 'CELEBRITY' });
      expect(again).toMatchObject({ id: celebrity.id, status: 'PENDING_REVIEW' });
    });

    it('reinstates only a suspended market creator: an application is approved by review, not by reinstatement', async () => {
      const REINSTATE = `mutation($id: ID!) { reinstateMarketCreator(marketCreatorId: $id) { status } }`;
      const pending = await becomeMarketCreator(t, (await signUp(t)).token, { kind: 'CELEBRITY' });
      expect((await errorOf(REINSTATE, { id: pending.id }, operator))?.code).toBe('INVALID_STATE');
      const rejected = await becomeMarketCreator(t, (await signUp(t)).token, { kind: 'CELEBRITY' });
      await t.ok(REVIEW, { input: { id: rejected.id, decision: 'REJECT', note: '활동 이력 확인 불가' } }, operator);
      expect((await errorOf(REINSTATE, { id: rejected.id }, operator))?.code).toBe('INVALID_STATE');
      const status = `query($id: ID!) { marketCreator(id: $id) { status } }`;
      expect((await t.ok(status, { id: pending.id }, operator)).marketCreator.status).toBe('PENDING_REVIEW');
      expect((await t.ok(status, { id: rejected.id }, operator)).marketCreator.status).toBe('REJECTED');
    });

    it('a suspended market creator can neither share links nor have its links clicked, until reinstated', async () => {
      const user = await signUp(t);
      const creator = await becomeMarketCreator(t, user.token);
      const link = (await t.ok(CREATE_LINK, { input: {} }, user.token)).createReferralLink;
      const SUSPEND = `mutation($id: ID!, $reason: String!) { suspendMarketCreator(marketCreatorId: $id, reason: $reason) { status } }`;
      expect(await errorOf(SUSPEND, { id: creator.id, reason: '  ' }, operator)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
      await t.ok(SUSPEND, { id: creator.id, reason: '허위 홍보' }, operator);

      expect((await errorOf(CREATE_LINK, { input: {} }, user.token))?.code).toBe('INVALID_STATE');
      expect((await errorOf(TRACK, { code: link.code }))?.code).toBe('NOT_FOUND');
      expect((await errorOf(`query($id: ID!) { marketCreator(id: $id) { id } }`, { id: creator.id }))?.code).toBe('NOT_FOUND');
      expect((await t.ok(`query($id: ID!) { marketCreator(id: $id) { status } }`, { id: creator.id }, user.token)).marketCreator.status).toBe('SUSPENDED');

      await t.ok(`mutation($id: ID!) { reinstateMarketCreator(marketCreatorId: $id) { status } }`, { id: creator.id }, operator);
      expect((await trackClick(t, link.code)).marketCreator.id).toBe(creator.id);
    });
  });

  describe('visibility (docs/RULES.md §11)', () => {
    it('shows public fields to anyone and private ones only to the creator and operators (FORBIDDEN for others)', async () => {
      const user = await signUp(t);
      const creator = await becomeMarketCreator(t, user.token);
      const other = await signUp(t);
      const query = (field: string) => `query($id: ID!) { marketCreator(id: $id) { id handle displayName kind status ${field} } }`;

      expect((await t.ok(query(''), { id: creator.id })).marketCreator).toMatchObject({ id: creator.id, handle: creator.handle, status: 'ACTIVE' });
      for (const field of PRIVATE_FIELDS) {
        for (const token of [undefined, other.token]) {
          const res = await t.gql(query(field), { id: creator.id }, token);
          expect(res.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
        }
        await t.ok(query(field), { id: creator.id }, user.token);
        await t.ok(query(field), { id: creator.id }, operator);
      }
    });

    it("hides applications under review from others (NOT_FOUND), and User.marketCreator is the user's own", async () => {
      const owner = await signUp(t);
      const colleague = await signUp(t);
      const organizationId = await newOrganization(owner.token);
      await addMember(t, organizationId, owner.token, colleague);
      const pending = await becomeMarketCreator(t, owner.token, { kind: 'CORPORATE', organizationId });

      expect((await errorOf(`query($id: ID!) { marketCreator(id: $id) { id } }`, { id: pending.id }, colleague.token))?.code).toBe('NOT_FOUND');
      expect((await t.ok(`query($id: ID!) { marketCreator(id: $id) { status } }`, { id: pending.id }, operator)).marketCreator.status).toBe('PENDING_REVIEW');
      const members = await t.gql(
        `query($id: ID!) { organization(id: $id) { members { user { id marketCreator { id } } } } }`,
        { id: organizationId },
        colleague.token,
      );
      expect(members.errors?.map((e) => e.extensions.code)).toContain('FORBIDDEN');
    });
  });

  describe('referral links and clicks', () => {
    it('creates links with a short random code and the public URL; only market creators may', async () => {
      const user = await signUp(t);
      await becomeMarketCreator(t, user.token);
      const links = await Promise.all([1, 2, 3].map(() => t.ok(CREATE_LINK, { input: { campaign: 'instagram' } }, user.token)));
      const codes = links.map((l) => l.createReferralLink.code);
      expect(new Set(codes).size).toBe(3);
      for (const link of links.map((l) => l.createReferralLink)) {
        expect(link.code).toMatch(/^[A-Za-z0-9]{8}$/);
        expect(link).toMatchObject({ url: `https://dure.example/r/${link.code}`, campaign: 'instagram', clicks: 0, conversions: 0 });
      }
      const mine = await t.ok(`{ me { marketCreator { referralLinks { code } } } }`, {}, user.token);
      expect(mine.me.marketCreator.referralLinks.map((l: { code: string }) => l.code).sort()).toEqual([...codes].sort());

      const stranger = await signUp(t);
      expect((await errorOf(CREATE_LINK, { input: {} }, stranger.token))?.code).toBe('FORBIDDEN');
      expect((await errorOf(CREATE_LINK, { input: {} }))?.code).toBe('UNAUTHENTICATED');
    });

    it('counts a click once per client and hour, returns a token valid for the window, and stores no address', async () => {
      const user = await signUp(t);
      const creator = await becomeMarketCreator(t, user.token);
      const link = (await t.ok(CREATE_LINK, { input: {} }, user.token)).createReferralLink;
      const clicks = async () => (await t.ok(`{ me { marketCreator { referralLinks { clicks } } } }`, {}, user.token)).me.marketCreator.referralLinks[0].clicks;

      const before = Date.now();
      const first = await trackClick(t, link.code, { userAgent: 'Phone A' });
      expect(first.marketCreator).toEqual({ id: creator.id, handle: creator.handle });
      const days = (new Date(first.expiresAt).getTime() - before) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(30);
      expect(days).toBeLessThan(30.01);

      await trackClick(t, link.code, { userAgent: 'Phone A' });
      await trackClick(t, link.code, { userAgent: 'Phone A' });
      expect(await clicks()).toBe(1);
      await trackClick(t, link.code, { userAgent: 'Laptop B' });
      expect(await clicks()).toBe(2);

      const now = new Date((await t.ok(ADVANCE, { to: new Date(Date.now() + 61 * 60_000).toISOString() }, operator)).advanceTestClock);
      await trackClick(t, link.code, { userAgent: 'Phone A' });
      expect(await clicks()).toBe(3);
      expect(now.getTime()).toBeGreaterThan(before);

      const rows = await t.app.get(DataSource).query(`SELECT to_jsonb(c)::text AS row FROM referral_click c WHERE referral_link_id = $1`, [link.id]);
      expect(rows).toHaveLength(5);
      for (const { row } of rows) expect(row).not.toMatch(/127\.0\.0\.1|::1|Phone A|Laptop B/);
    });

    it('remembers the click for a signed-in caller only', async () => {
      const user = await signUp(t);
      await becomeMarketCreator(t, user.token);
      const link = (await t.ok(CREATE_LINK, { input: {} }, user.token)).createReferralLink;
      const buyer = await signUp(t);
      await trackClick(t, link.code, { token: buyer.token, userAgent: 'signed-in' });
      await trackClick(t, link.code, { userAgent: 'anonymous' });
      const rows = await t.app.get(DataSource).query(`SELECT user_id FROM referral_click WHERE referral_link_id = $1 ORDER BY clicked_at`, [link.id]);
      expect(rows.map((r: { user_id: string | null }) => r.user_id)).toEqual([buyer.id, null]);
    });

    it('answers NOT_FOUND for an unknown code', async () => {
      expect((await errorOf(TRACK, { code: 'nope1234' }))?.code).toBe('NOT_FOUND');
    });
  });
});
