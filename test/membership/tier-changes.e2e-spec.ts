import { OrganizationRole } from '../../libs/identity/src/index.js';
import { ListingService } from '../../libs/catalog/src/index.js';
import {
  APPLY,
  CHANGE_TIER,
  advanceTo,
  applicationInput,
  approvedAgency,
  newOrganization,
  payInvoice,
  viewAgency,
  type Invoice,
} from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

/**
 * Agencies approved on 2031-03-10, so the current period is 03-10..04-09 (31 days) and the next starts 04-10.
 * BASIC is 10,000 won a month, STANDARD 30,000 a month, PREMIUM 300,000 a year.
 */
describe('membership: tier changes', () => {
  let t: TestApp;
  let operator: string;
  const hidden: Array<{ partnerAgencyId: string; limit: number }> = [];
  const change = (id: string, tierCode: string, token?: string) => t.gql(CHANGE_TIER, { id, tierCode }, token);
  const invoicesOf = async (agency: { id: string; owner: { token: string } }) => (await viewAgency(t, agency.id, agency.owner.token)).duesInvoices;
  const summary = (invoices: Invoice[]) =>
    invoices.map(({ kind, status, periodStart, periodEnd, amount, tier }) => ({ kind, status, periodStart, periodEnd, amount, tier: tier.code }));

  let upgraded: Awaited<ReturnType<typeof approvedAgency>>;
  let downgraded: Awaited<ReturnType<typeof approvedAgency>>;
  let toPremium: Awaited<ReturnType<typeof approvedAgency>>;
  let standardToPremium: Awaited<ReturnType<typeof approvedAgency>>;
  let lateUpgrade: Awaited<ReturnType<typeof approvedAgency>>;
  let lateDowngrade: Awaited<ReturnType<typeof approvedAgency>>;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    // The catalog is the registered enforcer; record what membership asks of it.
    const listings = t.app.get(ListingService);
    const hideListingsOverLimit = listings.hideListingsOverLimit.bind(listings);
    listings.hideListingsOverLimit = async (ctx, partnerAgencyId, limit) => {
      hidden.push({ partnerAgencyId, limit });
      return hideListingsOverLimit(ctx, partnerAgencyId, limit);
    };
    await advanceTo(t, operator, '2031-03-10');
    upgraded = await approvedAgency(t, operator, { tierCode: 'BASIC' });
    downgraded = await approvedAgency(t, operator, { tierCode: 'STANDARD' });
    toPremium = await approvedAgency(t, operator, { tierCode: 'BASIC' });
    standardToPremium = await approvedAgency(t, operator, { tierCode: 'STANDARD' });
    lateUpgrade = await approvedAgency(t, operator, { tierCode: 'BASIC' });
    lateDowngrade = await approvedAgency(t, operator, { tierCode: 'STANDARD' });
    await advanceTo(t, operator, '2031-03-20');
  });
  afterAll(() => t.close());

  it('an upgrade applies at once and bills round_down(new_daily − old_daily) × remaining days', async () => {
    const res = await change(upgraded.id, 'STANDARD', upgraded.owner.token);
    expect(res.data!.changeMembershipTier).toMatchObject({ tier: { code: 'STANDARD' }, scheduledTier: null, scheduledTierFrom: null });
    const [, prorated] = await invoicesOf(upgraded);
    // floor(30,000/31 − 10,000/31) = floor(645.16) = 645 won a day, for 03-20..04-09 = 21 days.
    expect(prorated).toMatchObject({
      kind: 'PRORATED',
      status: 'OPEN',
      periodStart: '2031-03-20',
      periodEnd: '2031-04-09',
      dueDate: '2031-03-20',
      amount: 645 * 21,
      tier: { code: 'STANDARD' },
      paymentRequest: { orderName: '두레 회비 STANDARD 변경 차액 2031-03-20~2031-04-09', amount: 13_545 },
    });
    await payInvoice(t, prorated.id, upgraded.owner.token);
    expect((await viewAgency(t, upgraded.id, upgraded.owner.token)).status).toBe('ACTIVE');
  });

  it('an upgrade to a yearly tier prorates over a yearly period and restarts the schedule at the next period', async () => {
    await change(toPremium.id, 'PREMIUM', toPremium.owner.token);
    const [, prorated] = await invoicesOf(toPremium);
    // 2031-03-10..2032-03-09 has 366 days: floor(300,000/366 − 10,000/31) = floor(497.09) = 497, × 21 days.
    expect(prorated).toMatchObject({ kind: 'PRORATED', amount: 497 * 21, tier: { code: 'PREMIUM' } });
    await payInvoice(t, prorated.id, toPremium.owner.token);
  });

  it('a downgrade waits for the next period', async () => {
    const res = await change(downgraded.id, 'BASIC', downgraded.owner.token);
    expect(res.data!.changeMembershipTier).toMatchObject({ tier: { code: 'STANDARD' }, scheduledTier: { code: 'BASIC' }, scheduledTierFrom: '2031-04-10' });
    expect(await invoicesOf(downgraded)).toHaveLength(1);
  });

  it('STANDARD → PREMIUM costs less per day (300,000/366 < 30,000/31), so it waits for the next period too', async () => {
    const res = await change(standardToPremium.id, 'PREMIUM', operator);
    expect(res.data!.changeMembershipTier).toMatchObject({ tier: { code: 'STANDARD' }, scheduledTier: { code: 'PREMIUM' }, scheduledTierFrom: '2031-04-10' });
  });

  it('next invoices are issued at the tier each period will have', async () => {
    await advanceTo(t, operator, '2031-04-03');
    expect(summary(await invoicesOf(upgraded)).at(-1)).toEqual({
      kind: 'REGULAR',
      status: 'OPEN',
      periodStart: '2031-04-10',
      periodEnd: '2031-05-09',
      amount: 30_000,
      tier: 'STANDARD',
    });
    expect(summary(await invoicesOf(downgraded)).at(-1)).toEqual({
      kind: 'REGULAR',
      status: 'OPEN',
      periodStart: '2031-04-10',
      periodEnd: '2031-05-09',
      amount: 10_000,
      tier: 'BASIC',
    });
    expect(summary(await invoicesOf(toPremium)).at(-1)).toEqual({
      kind: 'REGULAR',
      status: 'OPEN',
      periodStart: '2031-04-10',
      periodEnd: '2032-04-09',
      amount: 300_000,
      tier: 'PREMIUM',
    });
    expect(summary(await invoicesOf(standardToPremium)).at(-1)).toMatchObject({
      periodStart: '2031-04-10',
      periodEnd: '2032-04-09',
      amount: 300_000,
      tier: 'PREMIUM',
    });
  });

  it('an upgrade after the next invoice was issued bills the rest of this period and reissues the next at the new tier', async () => {
    await advanceTo(t, operator, '2031-04-05');
    await change(lateUpgrade.id, 'STANDARD', lateUpgrade.owner.token);
    expect(summary(await invoicesOf(lateUpgrade))).toEqual([
      { kind: 'REGULAR', status: 'PAID', periodStart: '2031-03-10', periodEnd: '2031-04-09', amount: 10_000, tier: 'BASIC' },
      { kind: 'PRORATED', status: 'OPEN', periodStart: '2031-04-05', periodEnd: '2031-04-09', amount: 645 * 5, tier: 'STANDARD' },
      { kind: 'REGULAR', status: 'VOID', periodStart: '2031-04-10', periodEnd: '2031-05-09', amount: 10_000, tier: 'BASIC' },
      { kind: 'REGULAR', status: 'OPEN', periodStart: '2031-04-10', periodEnd: '2031-05-09', amount: 30_000, tier: 'STANDARD' },
    ]);
  });

  it('a downgrade after the next invoice was issued reissues it; choosing the current tier again cancels the downgrade', async () => {
    await change(lateDowngrade.id, 'BASIC', lateDowngrade.owner.token);
    let invoices = summary(await invoicesOf(lateDowngrade)).filter((invoice) => invoice.status !== 'VOID');
    expect(invoices.at(-1)).toMatchObject({ periodStart: '2031-04-10', amount: 10_000, tier: 'BASIC' });
    const res = await change(lateDowngrade.id, 'STANDARD', lateDowngrade.owner.token);
    expect(res.data!.changeMembershipTier).toMatchObject({ tier: { code: 'STANDARD' }, scheduledTier: null, scheduledTierFrom: null });
    invoices = summary(await invoicesOf(lateDowngrade));
    expect(invoices.filter((invoice) => invoice.status !== 'VOID')).toEqual([
      { kind: 'REGULAR', status: 'PAID', periodStart: '2031-03-10', periodEnd: '2031-04-09', amount: 30_000, tier: 'STANDARD' },
      { kind: 'REGULAR', status: 'OPEN', periodStart: '2031-04-10', periodEnd: '2031-05-09', amount: 30_000, tier: 'STANDARD' },
    ]);
    expect(invoices.filter((invoice) => invoice.status === 'VOID').map((invoice) => invoice.tier)).toEqual(['STANDARD', 'BASIC']);
  });

  it('at the period end the downgrade takes effect and listings over the new limit are hidden', async () => {
    await advanceTo(t, operator, '2031-04-09');
    expect((await viewAgency(t, downgraded.id, downgraded.owner.token)).tier.code).toBe('STANDARD');
    expect(hidden).toEqual([]);
    await advanceTo(t, operator, '2031-04-10');
    expect(await viewAgency(t, downgraded.id, downgraded.owner.token)).toMatchObject({ tier: { code: 'BASIC' }, scheduledTier: null, scheduledTierFrom: null });
    expect((await viewAgency(t, standardToPremium.id, operator)).tier.code).toBe('PREMIUM');
    // PREMIUM has no limit, so only the BASIC downgrade hides listings (BASIC allows 10).
    expect(hidden).toEqual([{ partnerAgencyId: downgraded.id, limit: 10 }]);
  });

  it('only owners, managers and operators change tiers, of members, to active tiers', async () => {
    const staff = await signUp(t, '직원');
    await addMember(t, upgraded.organizationId, upgraded.owner.token, staff, OrganizationRole.STAFF);
    const outsider = await signUp(t, '외부인');
    expect((await change(upgraded.id, 'PREMIUM', staff.token)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await change(upgraded.id, 'PREMIUM', outsider.token)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await change(upgraded.id, 'PREMIUM')).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await change(upgraded.id, 'GOLD', upgraded.owner.token)).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'tierCode' }],
    });

    const { owner, organizationId } = await newOrganization(t);
    const pending = (await t.ok(APPLY, { input: await applicationInput(t, organizationId) }, owner.token)).applyAsPartnerAgency;
    expect((await change(pending.id, 'BASIC', owner.token)).errors![0].extensions.code).toBe('INVALID_STATE');
    expect((await change(pending.id, 'BASIC', outsider.token)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await viewAgency(t, upgraded.id, operator)).tier.code).toBe('STANDARD');
  });
});
