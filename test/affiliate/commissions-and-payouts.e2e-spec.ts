import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClockService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { CommissionService, type PaidReservation, type ReservationRefund } from '../../libs/affiliate/src/index.js';
import { AccountKind, LedgerService, account } from '../../libs/ledger/src/index.js';
import { CREATE_LINK, REVIEW, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { activePartnerAgency, publishedListing, type Agency } from '../support/catalog.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, newBusinessRegistrationNumber, signUp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const ADVANCE = `mutation($to: DateTime!) { advanceTestClock(to: $to) }`;
const RUN_PAYOUTS = `mutation($periodEnd: Date!) {
  runPayouts(periodEnd: $periodEnd) { id marketCreator { id } periodStart periodEnd grossAmount withholdingTax netAmount status paidAt }
}`;
const MARK_PAID = `mutation($id: ID!) { markPayoutPaid(payoutId: $id) { id status paidAt netAmount } }`;
const PAYOUTS = `query($filter: PayoutFilter, $first: Int, $after: String) {
  payouts(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id periodEnd status marketCreator { id handle displayName } }
  }
}`;
const MINE = `{ me { marketCreator {
  earnings { pending approved paid reversed }
  commissions(first: 50) { totalCount nodes { id status amount reversedAmount baseAmount rateBps approvedAt paidAt } }
  payouts { id grossAmount withholdingTax netAmount status }
} } }`;

type Creator = { id: string; token: string; userId: string; linkCode: string; listingId: string };

/**
 * Commissions and payouts at the service level: sales are recorded as the booking library's
 * reservation events will record them (CommissionService in the reservation's transaction), the rest
 * over GraphQL.
 */
describe('affiliate: commissions and payouts', () => {
  let t: TestApp;
  let operator: string;
  let commissions: CommissionService;
  let agency: Agency;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    commissions = t.app.get(CommissionService);
    agency = await activePartnerAgency(t, operator);
  });
  afterAll(() => t.close());

  const inTransaction = <T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    const ctx = RequestContext.system();
    return t.app.get(TransactionalConnection).withTransaction(ctx, () => work(ctx));
  };
  const now = () => t.app.get(ClockService).now();
  const advanceBy = (ms: number) => t.ok(ADVANCE, { to: new Date(now().getTime() + ms).toISOString() }, operator);
  const seoulToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(now());

  /** A market creator (INDIVIDUAL unless told) with a link to a listing (a new one unless told). */
  async function creatorWithLink(options: { kind?: string; listingId?: string } = {}): Promise<Creator> {
    const user = await signUp(t, '크리에이터');
    let overrides: Record<string, unknown> = { kind: options.kind ?? 'INDIVIDUAL' };
    if (options.kind === 'CORPORATE') {
      const organization = await t.ok(
        `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
        { input: { name: '착한소비 주식회사', kind: 'COMPANY', businessRegistrationNumber: newBusinessRegistrationNumber(), representativeName: '이대표' } },
        user.token,
      );
      overrides = { ...overrides, organizationId: organization.createOrganization.id };
    }
    const creator = await becomeMarketCreator(t, user.token, overrides);
    if (creator.status !== 'ACTIVE') await t.ok(REVIEW, { input: { id: creator.id, decision: 'APPROVE' } }, operator);
    const listingId = options.listingId ?? (await publishedListing(t, agency));
    const link = await t.ok(CREATE_LINK, { input: { listingId } }, user.token);
    return { id: creator.id, token: user.token, userId: user.id, linkCode: link.createReferralLink.code, listingId };
  }

  const sale = (buyerId: string, listingId: string, overrides: Partial<PaidReservation> = {}) =>
    inTransaction((ctx) =>
      commissions.recordSale(ctx, {
        reservationId: randomUUID(),
        partnerAgencyId: agency.id,
        buyerId,
        listingId,
        paidAmount: 50_000,
        commissionRateBps: 1_000,
        attributionToken: null,
        ...overrides,
      }),
    );
  const refund = (input: ReservationRefund) => inTransaction((ctx) => commissions.applyRefund(ctx, input));
  const approve = (reservationId: string) => inTransaction((ctx) => commissions.approveSale(ctx, { reservationId }));
  const trialBalance = () => t.app.get(LedgerService).trialBalance(RequestContext.system());
  const balanceOf = (kind: AccountKind, ownerId: string | null = null) => t.app.get(LedgerService).balance(RequestContext.system(), account(kind, ownerId));

  describe('attribution', () => {
    it('creates a PENDING commission at floor(base × rate), counts the conversion, and keeps the rate of the sale', async () => {
      const creator = await creatorWithLink();
      const buyer = await signUp(t);
      const { token } = await trackClick(t, creator.linkCode);
      const commission = await sale(buyer.id, creator.listingId, { attributionToken: token, paidAmount: 33_333, commissionRateBps: 1_250 });
      expect(commission).toMatchObject({
        marketCreatorId: creator.id,
        baseAmount: 33_333,
        rateBps: 1_250,
        amount: 4_166,
        reversedAmount: 0,
        status: 'PENDING',
      });

      const links = await t.ok(`{ me { marketCreator { referralLinks { clicks conversions } } } }`, {}, creator.token);
      expect(links.me.marketCreator.referralLinks).toEqual([{ clicks: 1, conversions: 1 }]);
    });

    it('gives the sale to the newest remembered click: last click wins between two creators', async () => {
      const listingId = await publishedListing(t, agency);
      const first = await creatorWithLink({ listingId });
      const last = await creatorWithLink({ listingId });
      const buyer = await signUp(t);
      await trackClick(t, first.linkCode, { token: buyer.token });
      await advanceBy(60_000);
      await trackClick(t, last.linkCode, { token: buyer.token });
      expect((await sale(buyer.id, listingId))?.marketCreatorId).toBe(last.id);
    });

    it('prefers the token sent with the purchase over a newer remembered click', async () => {
      const listingId = await publishedListing(t, agency);
      const viaToken = await creatorWithLink({ listingId });
      const remembered = await creatorWithLink({ listingId });
      const buyer = await signUp(t);
      const { token } = await trackClick(t, viaToken.linkCode, { userAgent: 'shared tablet' });
      await advanceBy(60_000);
      await trackClick(t, remembered.linkCode, { token: buyer.token });
      expect((await sale(buyer.id, listingId, { attributionToken: token }))?.marketCreatorId).toBe(viaToken.id);
      expect((await sale(buyer.id, listingId, { attributionToken: 'forged.token' }))?.marketCreatorId).toBe(remembered.id);
    });

    it("excludes self-referral by the creator's own user and by a member of its organization", async () => {
      const corporate = await creatorWithLink({ kind: 'CORPORATE' });
      const { token } = await trackClick(t, corporate.linkCode);
      expect(await sale(corporate.userId, corporate.listingId, { attributionToken: token })).toBeNull();

      const colleague = await signUp(t);
      const [{ id: organizationId }] = (await t.ok(`{ me { memberships { organization { id } } } }`, {}, corporate.token)).me.memberships.map(
        (m: { organization: { id: string } }) => m.organization,
      );
      await addMember(t, organizationId, corporate.token, colleague);
      expect(await sale(colleague.id, corporate.listingId, { attributionToken: token })).toBeNull();

      const stranger = await signUp(t);
      expect((await sale(stranger.id, corporate.listingId, { attributionToken: token }))?.marketCreatorId).toBe(corporate.id);
    });

    it('lets a listing link attribute only its listing, and nothing on a 0 rate', async () => {
      const creator = await creatorWithLink();
      const buyer = await signUp(t);
      const { token } = await trackClick(t, creator.linkCode, { token: buyer.token });
      expect(await sale(buyer.id, await publishedListing(t, agency), { attributionToken: token })).toBeNull();
      expect(await sale(buyer.id, creator.listingId, { attributionToken: token, commissionRateBps: 0 })).toBeNull();
      expect(await sale(buyer.id, creator.listingId, { attributionToken: token })).not.toBeNull();
    });

    it('attributes a click 29 days old and not one 31 days old (test clock)', async () => {
      const creator = await creatorWithLink();
      const buyer = await signUp(t);
      const { token } = await trackClick(t, creator.linkCode, { token: buyer.token });
      await advanceBy(29 * DAY);
      expect((await sale(buyer.id, creator.listingId, { attributionToken: token }))?.marketCreatorId).toBe(creator.id);
      expect((await sale(buyer.id, creator.listingId))?.marketCreatorId).toBe(creator.id);
      await advanceBy(2 * DAY);
      expect(await sale(buyer.id, creator.listingId, { attributionToken: token })).toBeNull();
      expect(await sale(buyer.id, creator.listingId)).toBeNull();
    });
  });

  describe('approval and reversal', () => {
    it('reverses floor(commission × refunded / paid) on a partial refund and approves the rest when the sale ends', async () => {
      const creator = await creatorWithLink();
      const buyer = await signUp(t);
      const { token } = await trackClick(t, creator.linkCode);
      const agencyBefore = await balanceOf(AccountKind.PARTNER_AGENCY_PAYABLE, agency.id);
      const commission = (await sale(buyer.id, creator.listingId, { attributionToken: token, paidAmount: 33_333, commissionRateBps: 1_000 }))!;
      expect(commission.amount).toBe(3_333);

      const partial = await refund({ reservationId: commission.reservationId!, refundedTotal: 16_667, paidAmount: 33_333, saleEnded: false });
      expect(partial).toMatchObject({ status: 'PENDING', reversedAmount: 1_666 });
      expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(0);

      const ended = await refund({ reservationId: commission.reservationId!, refundedTotal: 16_667, paidAmount: 33_333, saleEnded: true });
      expect(ended).toMatchObject({ status: 'APPROVED', reversedAmount: 1_666 });
      expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(1_667);
      expect((await balanceOf(AccountKind.PARTNER_AGENCY_PAYABLE, agency.id)) - agencyBefore).toBe(-1_667);
    });

    it('reverses a commission in full on a full refund, and approved money goes back to the agency', async () => {
      const creator = await creatorWithLink();
      const buyer = await signUp(t);
      const { token } = await trackClick(t, creator.linkCode);
      const agencyBefore = await balanceOf(AccountKind.PARTNER_AGENCY_PAYABLE, agency.id);
      const pending = (await sale(buyer.id, creator.listingId, { attributionToken: token }))!;
      expect(await refund({ reservationId: pending.reservationId!, refundedTotal: 50_000, paidAmount: 50_000, saleEnded: true })).toMatchObject({
        status: 'REVERSED',
        reversedAmount: 5_000,
      });

      const approved = (await sale(buyer.id, creator.listingId, { attributionToken: token }))!;
      expect(await approve(approved.reservationId!)).toMatchObject({ status: 'APPROVED', approvedAt: expect.any(Date) });
      expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(5_000);
      await refund({ reservationId: approved.reservationId!, refundedTotal: 20_000, paidAmount: 50_000, saleEnded: false });
      expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(3_000);
      expect(await refund({ reservationId: approved.reservationId!, refundedTotal: 50_000, paidAmount: 50_000, saleEnded: true })).toMatchObject({
        status: 'REVERSED',
        reversedAmount: 5_000,
      });
      expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(0);
      expect(await balanceOf(AccountKind.PARTNER_AGENCY_PAYABLE, agency.id)).toBe(agencyBefore);

      const mine = await t.ok(MINE, {}, creator.token);
      expect(mine.me.marketCreator.earnings).toEqual({ pending: 0, approved: 0, paid: 0, reversed: 10_000 });
      expect(mine.me.marketCreator.commissions.totalCount).toBe(2);
      expect((await trialBalance()).total).toBe(0);
    });

    it('approving or refunding a reservation without a commission does nothing', async () => {
      expect(await approve(randomUUID())).toBeNull();
      expect(await refund({ reservationId: randomUUID(), refundedTotal: 1, paidAmount: 2, saleEnded: true })).toBeNull();
    });
  });

  describe('payouts', () => {
    /** An approved commission of exactly `amount` (rate 10 %). */
    async function approvedCommission(creator: Creator, amount: number) {
      const buyer = await signUp(t);
      const { token } = await trackClick(t, creator.linkCode, { userAgent: randomUUID() });
      const commission = (await sale(buyer.id, creator.listingId, { attributionToken: token, paidAmount: amount * 10, commissionRateBps: 1_000 }))!;
      expect(commission.amount).toBe(amount);
      return approve(commission.reservationId!);
    }
    type PayoutRow = { id: string; marketCreator: { id: string }; netAmount: number };
    const payoutOf = (payouts: PayoutRow[], creator: Creator) => payouts.filter((p) => p.marketCreator.id === creator.id);

    it('withholds 3.3 % from individuals (20,000 → 660; 15,555 → 500), nothing from organizations, carries sums under 10,000 over, and runs once per period', async () => {
      const individual = await creatorWithLink();
      const odd = await creatorWithLink({ kind: 'CELEBRITY' });
      const small = await creatorWithLink();
      const corporate = await creatorWithLink({ kind: 'CORPORATE' });
      await approvedCommission(individual, 12_000);
      await approvedCommission(individual, 8_000);
      await approvedCommission(odd, 15_555);
      await approvedCommission(small, 9_990);
      await approvedCommission(corporate, 20_000);
      await advanceBy(DAY);
      const periodEnd = seoulToday();

      const first = (await t.ok(RUN_PAYOUTS, { periodEnd }, operator)).runPayouts;
      expect(payoutOf(first, individual)).toEqual([
        expect.objectContaining({ periodEnd, grossAmount: 20_000, withholdingTax: 660, netAmount: 19_340, status: 'SCHEDULED', paidAt: null }),
      ]);
      expect(payoutOf(first, odd)).toEqual([expect.objectContaining({ grossAmount: 15_555, withholdingTax: 500, netAmount: 15_055 })]);
      expect(payoutOf(first, corporate)).toEqual([expect.objectContaining({ grossAmount: 20_000, withholdingTax: 0, netAmount: 20_000 })]);
      expect(payoutOf(first, small)).toEqual([]);

      const again = (await t.ok(RUN_PAYOUTS, { periodEnd }, operator)).runPayouts;
      expect(again.map((p: { id: string }) => p.id).sort()).toEqual(first.map((p: { id: string }) => p.id).sort());
      const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM payout WHERE market_creator_id = $1`, [individual.id]);
      expect(n).toBe(1);

      // The carried-over 9,990 is paid once more commission brings it to the minimum.
      await approvedCommission(small, 10);
      await advanceBy(DAY);
      const next = (await t.ok(RUN_PAYOUTS, { periodEnd: seoulToday() }, operator)).runPayouts;
      expect(payoutOf(next, small)).toEqual([expect.objectContaining({ grossAmount: 10_000, withholdingTax: 330, netAmount: 9_670 })]);
      expect(payoutOf(next, individual)).toEqual([]);
    });

    it('marks a payout and its commissions PAID and books creator payable → withholding tax + cash paid out', async () => {
      const creator = await creatorWithLink();
      await approvedCommission(creator, 20_000);
      await advanceBy(DAY);
      const withheldBefore = await balanceOf(AccountKind.WITHHOLDING_TAX_PAYABLE);
      const paidOutBefore = await balanceOf(AccountKind.CASH_PAID_OUT);
      const [payout] = payoutOf((await t.ok(RUN_PAYOUTS, { periodEnd: seoulToday() }, operator)).runPayouts, creator);
      expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(20_000);
      expect((await t.gql(MARK_PAID, { id: payout.id }, creator.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

      const paid = (await t.ok(MARK_PAID, { id: payout.id }, operator)).markPayoutPaid;
      expect(paid).toMatchObject({ status: 'PAID', paidAt: expect.any(String), netAmount: 19_340 });
      expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(0);
      expect((await balanceOf(AccountKind.WITHHOLDING_TAX_PAYABLE)) - withheldBefore).toBe(660);
      expect((await balanceOf(AccountKind.CASH_PAID_OUT)) - paidOutBefore).toBe(19_340);

      const mine = (await t.ok(MINE, {}, creator.token)).me.marketCreator;
      expect(mine.earnings).toEqual({ pending: 0, approved: 0, paid: 20_000, reversed: 0 });
      expect(mine.commissions.nodes).toEqual([expect.objectContaining({ status: 'PAID', paidAt: expect.any(String) })]);
      expect(mine.payouts).toEqual([{ id: payout.id, grossAmount: 20_000, withholdingTax: 660, netAmount: 19_340, status: 'PAID' }]);

      expect((await t.gql(MARK_PAID, { id: payout.id }, operator)).errors?.[0]?.extensions.code).toBe('INVALID_STATE');
      expect((await trialBalance()).total).toBe(0);
    });

    it('refuses to mark a payout PAID, changing nothing, when a commission in it may no longer become PAID', async () => {
      const creator = await creatorWithLink();
      await approvedCommission(creator, 6_000);
      const stray = (await approvedCommission(creator, 7_000))!;
      await advanceBy(DAY);
      const [payout] = payoutOf((await t.ok(RUN_PAYOUTS, { periodEnd: seoulToday() }, operator)).runPayouts, creator);
      const db = t.app.get(DataSource);
      // Whatever took it out of APPROVED, paying the payout must not skip it silently.
      await db.query(`UPDATE commission SET status = 'REVERSED', reversed_amount = amount WHERE id = $1`, [stray.id]);

      expect((await t.gql(MARK_PAID, { id: payout.id }, operator)).errors?.[0]?.extensions.code).toBe('INVALID_STATE');
      const [row] = await db.query(`SELECT status, paid_at FROM payout WHERE id = $1`, [payout.id]);
      expect(row).toEqual({ status: 'SCHEDULED', paid_at: null });
      const statuses = await db.query(`SELECT status FROM commission WHERE payout_id = $1 ORDER BY amount`, [payout.id]);
      expect(statuses).toEqual([{ status: 'APPROVED' }, { status: 'REVERSED' }]);
      expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(13_000);
      // Put back as it was, so the ledger's books stay those of a consistent history.
      await db.query(`UPDATE commission SET status = 'APPROVED', reversed_amount = 0 WHERE id = $1`, [stray.id]);
    });

    it('marks a payout PAID once when many operators race to', async () => {
      const creator = await creatorWithLink();
      await approvedCommission(creator, 11_000);
      await advanceBy(DAY);
      const [payout] = payoutOf((await t.ok(RUN_PAYOUTS, { periodEnd: seoulToday() }, operator)).runPayouts, creator);
      const paidOutBefore = await balanceOf(AccountKind.CASH_PAID_OUT);

      const results = await Promise.all(Array.from({ length: 8 }, () => t.gql(MARK_PAID, { id: payout.id }, operator)));
      expect(results.filter((result) => result.data?.markPayoutPaid?.status === 'PAID')).toHaveLength(1);
      expect(results.filter((result) => result.errors?.[0]?.extensions.code === 'INVALID_STATE')).toHaveLength(7);
      expect((await balanceOf(AccountKind.CASH_PAID_OUT)) - paidOutBefore).toBe(payout.netAmount);
      expect((await t.ok(MINE, {}, creator.token)).me.marketCreator.earnings).toMatchObject({ approved: 0, paid: 11_000 });
    });

    describe("the operators' list", () => {
      type Listed = { id: string; periodEnd: string; status: string; marketCreator: { id: string } };
      type ListedPage = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Listed[] };
      const listed = async (variables: Record<string, unknown>): Promise<ListedPage> => (await t.ok(PAYOUTS, variables, operator)).payouts;
      const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

      it('lists payouts across creators newest first, by period, status and creator, and pages through them all', async () => {
        const [paid, scheduled, later] = [await creatorWithLink(), await creatorWithLink({ kind: 'CORPORATE' }), await creatorWithLink()];
        await approvedCommission(paid, 10_000);
        await approvedCommission(scheduled, 12_000);
        await advanceBy(DAY);
        const firstPeriod = seoulToday();
        const firstRun = (await t.ok(RUN_PAYOUTS, { periodEnd: firstPeriod }, operator)).runPayouts as PayoutRow[];
        const [paidPayout] = payoutOf(firstRun, paid);
        await t.ok(MARK_PAID, { id: paidPayout.id }, operator);
        await approvedCommission(later, 30_000);
        await advanceBy(DAY);
        const secondPeriod = seoulToday();
        const [laterPayout] = payoutOf((await t.ok(RUN_PAYOUTS, { periodEnd: secondPeriod }, operator)).runPayouts, later);

        // A period's list is what running it answers (oldest first), newest first.
        const period = await listed({ filter: { periodEnd: firstPeriod } });
        expect(period.totalCount).toBe(firstRun.length);
        expect(ids(period.nodes)).toEqual(ids(firstRun).reverse());
        expect(period.nodes.every((p) => p.periodEnd === firstPeriod)).toBe(true);
        expect(await listed({ filter: { periodEnd: firstPeriod, status: 'PAID' } })).toMatchObject({
          totalCount: 1,
          nodes: [expect.objectContaining({ id: paidPayout.id, status: 'PAID' })],
        });
        const stillScheduled = ids((await listed({ filter: { periodEnd: firstPeriod, status: 'SCHEDULED' } })).nodes);
        expect(stillScheduled).toContain(payoutOf(firstRun, scheduled)[0].id);
        expect(stillScheduled).not.toContain(paidPayout.id);
        const ofCreator = await listed({ filter: { marketCreatorId: later.id } });
        expect(ofCreator).toMatchObject({
          totalCount: 1,
          nodes: [{ id: laterPayout.id, periodEnd: secondPeriod, status: 'SCHEDULED', marketCreator: expect.objectContaining({ id: later.id }) }],
        });
        expect(await listed({ filter: { marketCreatorId: randomUUID() } })).toMatchObject({ totalCount: 0, nodes: [] });

        // Every payout once, in the same order page by page as in one page; the later run comes first.
        const all = await listed({ first: 100 });
        const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM payout`);
        expect(all.totalCount).toBe(n);
        expect(ids(all.nodes).indexOf(laterPayout.id)).toBeLessThan(ids(all.nodes).indexOf(paidPayout.id));
        const paged: string[] = [];
        let after: string | null = null;
        do {
          const page = await listed({ first: 2, after });
          paged.push(...ids(page.nodes));
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
        expect(paged).toEqual(ids(all.nodes));
      });

      it('reads a page and its creators in a constant number of statements whatever its size', async () => {
        for (const creator of [await creatorWithLink(), await creatorWithLink(), await creatorWithLink()]) await approvedCommission(creator, 10_000);
        await advanceBy(DAY);
        await t.ok(RUN_PAYOUTS, { periodEnd: seoulToday() }, operator);
        const statements = async (first: number) => {
          t.queries.count = 0;
          expect((await t.ok(PAYOUTS, { first }, operator)).payouts.nodes).toHaveLength(first);
          return t.queries.count;
        };
        expect(await statements(3)).toBe(await statements(1));
      });

      it('is for operators only, and refuses a creator id that is not a UUID and a date that does not exist', async () => {
        const creator = await creatorWithLink();
        expect((await t.gql(PAYOUTS, {}, creator.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
        expect((await t.gql(PAYOUTS, {})).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
        expect((await t.gql(PAYOUTS, { filter: { marketCreatorId: 'not-a-uuid' } }, operator)).errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'filter.marketCreatorId' }],
        });
        expect((await t.gql(PAYOUTS, { filter: { periodEnd: '2026-02-30' } }, operator)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      });
    });

    it('refuses a period that has not begun, and non-operators', async () => {
      const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(now().getTime() + DAY));
      expect((await t.gql(RUN_PAYOUTS, { periodEnd: tomorrow }, operator)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'periodEnd' }],
      });
      const user = await signUp(t);
      expect((await t.gql(RUN_PAYOUTS, { periodEnd: seoulToday() }, user.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(RUN_PAYOUTS, { periodEnd: '2026-02-30' }, operator)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  it('keeps the trial balance at zero through all of it', async () => {
    expect((await trialBalance()).total).toBe(0);
  });
});
