import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CommissionService } from '../../libs/affiliate/src/index.js';
import { RequestContext } from '../../libs/common/src/index.js';
import { AccountKind, LedgerService, account } from '../../libs/ledger/src/index.js';
import { CREATE_LINK, REVIEW as REVIEW_CREATOR, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { advanceTo, bookableService, hoursAfter, hoursBefore, seoulAt, serverNow } from '../support/booking.js';
import { UPDATE_LISTING, activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, newBusinessRegistrationNumber, signUp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const PRICE = 30_000;
const REFERRED = `id status startsAt endsAt amount refundedAmount marketCreator { id } commission { id status baseAmount rateBps amount reversedAmount approvedAt }`;
const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { id endsAt } }`;
const PAY = `mutation($input: PayInput!) { payReservation(input: $input) { ${REFERRED} } }`;
const CANCEL = `mutation($input: CancelReservationInput!) { cancelReservation(input: $input) { ${REFERRED} } }`;
const COMPLETE = `mutation($id: ID!) { completeReservation(reservationId: $id) { ${REFERRED} } }`;
const NO_SHOW = `mutation($id: ID!) { markNoShow(reservationId: $id) { ${REFERRED} } }`;
const RESERVATION = `query($id: ID!) { reservation(id: $id) { ${REFERRED} } }`;

type Creator = { id: string; user: User; linkCode: string };
type Referred = {
  id: string;
  status: string;
  endsAt: string;
  startsAt: string;
  marketCreator: { id: string } | null;
  commission: Record<string, unknown> | null;
};

/** Referred sales end to end over GraphQL: reserve with the attribution token, pay, complete, cancel, pay out. */
describe('affiliate: referred reservations', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  let listingId: string;
  let slot = 0;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    listingId = await bookableService(t, agency);
  });
  afterAll(() => t.close());

  /** A new ACTIVE market creator (INDIVIDUAL unless told) with a link to the listing (the shared one unless told). */
  async function creatorWithLink({
    overrides = {},
    user,
    listing = listingId,
  }: { overrides?: Record<string, unknown>; user?: User; listing?: string } = {}): Promise<Creator> {
    user ??= await signUp(t, '크리에이터');
    const creator = await becomeMarketCreator(t, user.token, overrides);
    if (creator.status !== 'ACTIVE') await t.ok(REVIEW_CREATOR, { input: { id: creator.id, decision: 'APPROVE' } }, operator);
    const link = await t.ok(CREATE_LINK, { input: { listingId: listing } }, user.token);
    return { id: creator.id, user, linkCode: link.createReferralLink.code };
  }

  /** Reserves the next free hour (two or more days ahead) and pays for it; the payReservation response. */
  async function book(buyer: User, options: { attributionToken?: string; listing?: string } = {}): Promise<Referred> {
    const n = slot++;
    const startsAt = seoulAt(t, 2 + Math.floor(n / 9), 9 + (n % 9));
    const input = { listingId: options.listing ?? listingId, startsAt, idempotencyKey: randomUUID(), attributionToken: options.attributionToken };
    const { reserve } = await t.ok(RESERVE, { input }, buyer.token);
    return (await t.ok(PAY, { input: { id: reserve.id, paymentKey: `pk_${reserve.id}` } }, buyer.token)).payReservation;
  }
  const complete = async (reservation: Referred) => {
    if (serverNow(t) < new Date(reservation.endsAt)) await advanceTo(t, operator, hoursAfter(reservation.endsAt, 0.5));
    return (await t.ok(COMPLETE, { id: reservation.id }, agency.owner.token)).completeReservation as Referred;
  };
  const cancel = async (reservation: Referred, token: string) =>
    (await t.ok(CANCEL, { input: { reservationId: reservation.id, reason: '일정이 바뀌었어요' } }, token)).cancelReservation as Referred;
  const ledger = () => t.app.get(LedgerService);
  const balanceOf = (kind: AccountKind, ownerId: string | null = null) => ledger().balance(RequestContext.system(), account(kind, ownerId));

  it('creates the commission PENDING in the payReservation response, approves it in the completeReservation response, and counts the conversion', async () => {
    const creator = await creatorWithLink();
    const buyer = await signUp(t, '김구매');
    const { token } = await trackClick(t, creator.linkCode);
    const paid = await book(buyer, { attributionToken: token });
    expect(paid).toMatchObject({
      status: 'CONFIRMED',
      marketCreator: { id: creator.id },
      commission: { status: 'PENDING', baseAmount: PRICE, rateBps: 1_000, amount: 3_000, reversedAmount: 0, approvedAt: null },
    });
    expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(0);

    const agencyBefore = await balanceOf(AccountKind.PARTNER_AGENCY_PAYABLE, agency.id);
    const completed = await complete(paid);
    expect(completed).toMatchObject({ status: 'COMPLETED', commission: { status: 'APPROVED', amount: 3_000, approvedAt: expect.any(String) } });
    expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(3_000);
    expect((await balanceOf(AccountKind.PARTNER_AGENCY_PAYABLE, agency.id)) - agencyBefore).toBe(-3_000);

    const links = await t.ok(`{ me { marketCreator { referralLinks { clicks conversions } earnings { approved } } } }`, {}, creator.user.token);
    expect(links.me.marketCreator).toEqual({ referralLinks: [{ clicks: 1, conversions: 1 }], earnings: { approved: 3_000 } });
  });

  it('approves the commission on a no-show', async () => {
    const creator = await creatorWithLink();
    const { token } = await trackClick(t, creator.linkCode);
    const paid = await book(await signUp(t), { attributionToken: token });
    await advanceTo(t, operator, hoursAfter(paid.startsAt, 0.25));
    const noShow = (await t.ok(NO_SHOW, { id: paid.id }, agency.owner.token)).markNoShow;
    expect(noShow).toMatchObject({ status: 'NO_SHOW', commission: { status: 'APPROVED', amount: 3_000 } });
  });

  it('carries the token of a consultation to the reservation its accepted offer creates', async () => {
    const consulted = await bookableService(t, agency, { requiresConsultation: true }, { title: '맞춤 돌봄 상담' });
    const creator = await creatorWithLink({ listing: consulted });
    const buyer = await signUp(t);
    const { token } = await trackClick(t, creator.linkCode);
    const consultation = await t.ok(
      `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id } }`,
      { input: { listingId: consulted, message: '어머니 돌봄 상담을 원해요', attributionToken: token } },
      buyer.token,
    );
    const startsAt = seoulAt(t, 3, 14);
    const offer = await t.ok(
      `mutation($input: SendOfferInput!) { sendOffer(input: $input) { id } }`,
      { input: { consultationId: consultation.requestConsultation.id, price: 45_000, startsAt, endsAt: hoursAfter(startsAt, 2) } },
      agency.owner.token,
    );
    const accepted = await t.ok(
      `mutation($id: ID!, $key: String!) { acceptOffer(offerId: $id, idempotencyKey: $key) { id } }`,
      { id: offer.sendOffer.id, key: randomUUID() },
      buyer.token,
    );
    const paid = (await t.ok(PAY, { input: { id: accepted.acceptOffer.id, paymentKey: `pk_${accepted.acceptOffer.id}` } }, buyer.token)).payReservation;
    expect(paid).toMatchObject({ marketCreator: { id: creator.id }, commission: { status: 'PENDING', baseAmount: 45_000, amount: 4_500 } });
  });

  it('gives the sale to the newest remembered click (last click wins) and to the token over a remembered click', async () => {
    const first = await creatorWithLink();
    const last = await creatorWithLink();
    const buyer = await signUp(t);
    await trackClick(t, first.linkCode, { token: buyer.token });
    await advanceTo(t, operator, new Date(serverNow(t).getTime() + 60_000).toISOString());
    await trackClick(t, last.linkCode, { token: buyer.token });
    expect((await book(buyer)).marketCreator).toEqual({ id: last.id });

    const { token } = await trackClick(t, first.linkCode, { userAgent: 'family tablet' });
    expect((await book(buyer, { attributionToken: token })).marketCreator).toEqual({ id: first.id });
  });

  it("attributes nothing to the creator's own purchase, to a purchase by a member of its organization, or on another listing", async () => {
    const individual = await creatorWithLink();
    const own = await trackClick(t, individual.linkCode, { token: individual.user.token });
    expect(await book(individual.user, { attributionToken: own.token })).toMatchObject({ marketCreator: null, commission: null });

    const owner = await signUp(t, '법인대표');
    const organization = await t.ok(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: '착한소비 주식회사', kind: 'COMPANY', businessRegistrationNumber: newBusinessRegistrationNumber(), representativeName: '이대표' } },
      owner.token,
    );
    const corporate = await creatorWithLink({ overrides: { kind: 'CORPORATE', organizationId: organization.createOrganization.id }, user: owner });
    const colleague = await signUp(t, '법인직원');
    await addMember(t, organization.createOrganization.id, corporate.user.token, colleague);
    const fromColleague = await trackClick(t, corporate.linkCode, { token: colleague.token });
    expect(await book(colleague, { attributionToken: fromColleague.token })).toMatchObject({ marketCreator: null, commission: null });
    expect((await book(await signUp(t), { attributionToken: fromColleague.token })).marketCreator).toEqual({ id: corporate.id });

    const otherListing = await bookableService(t, agency, {}, { title: '다른 서비스' });
    const onLink = await trackClick(t, individual.linkCode);
    expect(await book(await signUp(t), { attributionToken: onLink.token, listing: otherListing })).toMatchObject({ marketCreator: null, commission: null });
  });

  it('a purchase for the creator’s organization is self-referral even when the buyer has left it before paying (docs/RULES.md §21)', async () => {
    const owner = await signUp(t, '법인대표');
    const organization = await t.ok(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: '함께구매 협동조합', kind: 'COOPERATIVE', businessRegistrationNumber: newBusinessRegistrationNumber(), representativeName: '최대표' } },
      owner.token,
    );
    const organizationId: string = organization.createOrganization.id;
    const corporate = await creatorWithLink({ overrides: { kind: 'CORPORATE', organizationId }, user: owner });
    const manager = await signUp(t, '구매담당');
    await addMember(t, organizationId, owner.token, manager, 'MANAGER');
    const { token } = await trackClick(t, corporate.linkCode, { token: manager.token });
    const onBehalfOf = { organizationId, taxInvoice: { email: 'buy@coop.kr', contactName: '구매담당' } };
    const n = slot++;
    const input = { listingId, startsAt: seoulAt(t, 2 + Math.floor(n / 9), 9 + (n % 9)), idempotencyKey: randomUUID(), attributionToken: token, onBehalfOf };
    const { reserve } = await t.ok(RESERVE, { input }, manager.token);
    await t.ok(`mutation($id: ID!) { leaveOrganization(organizationId: $id) }`, { id: organizationId }, manager.token);
    const paid = (await t.ok(PAY, { input: { id: reserve.id, paymentKey: `pk_${reserve.id}` } }, manager.token)).payReservation;
    expect(paid).toMatchObject({ marketCreator: null, commission: null });
  });

  it('keeps the rate of the sale when the listing changes its rate later', async () => {
    const creator = await creatorWithLink();
    const { token } = await trackClick(t, creator.linkCode);
    const paid = await book(await signUp(t), { attributionToken: token });
    await t.ok(UPDATE_LISTING, { id: listingId, input: { commissionRateBps: 2_500 } }, agency.owner.token);
    const completed = await complete(paid);
    expect(completed.commission).toMatchObject({ status: 'APPROVED', rateBps: 1_000, amount: 3_000 });
    await t.ok(UPDATE_LISTING, { id: listingId, input: { commissionRateBps: 1_000 } }, agency.owner.token);
  });

  it('reverses a commission in full on a full refund and in proportion on a partial one (the rest is earned)', async () => {
    const creator = await creatorWithLink();
    const { token } = await trackClick(t, creator.linkCode);

    const early = await book(await signUp(t), { attributionToken: token });
    const buyer = await signUp(t);
    const late = await book(buyer, { attributionToken: token });
    const cancelledEarly = await cancel(early, agency.owner.token);
    expect(cancelledEarly).toMatchObject({ status: 'CANCELLED', refundedAmount: PRICE, commission: { status: 'REVERSED', reversedAmount: 3_000 } });

    // The buyer cancels 10 hours before the start: the default policy refunds 50 %.
    await advanceTo(t, operator, hoursBefore(late.startsAt, 10));
    const cancelledLate = await cancel(late, buyer.token);
    expect(cancelledLate).toMatchObject({ refundedAmount: PRICE / 2, commission: { status: 'APPROVED', amount: 3_000, reversedAmount: 1_500 } });
    expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(1_500);
  });

  it('applies a buyer cancellation’s partial refund to the commission once, from the one ReservationCancelled event', async () => {
    const creator = await creatorWithLink();
    const { token } = await trackClick(t, creator.linkCode);
    const buyer = await signUp(t);
    const paid = await book(buyer, { attributionToken: token });
    await advanceTo(t, operator, hoursBefore(paid.startsAt, 10));
    const applyRefund = jest.spyOn(t.app.get(CommissionService), 'applyRefund');
    try {
      const cancelled = await cancel(paid, buyer.token);
      expect(cancelled).toMatchObject({ refundedAmount: PRICE / 2, commission: { status: 'APPROVED', amount: 3_000, reversedAmount: 1_500 } });
      expect(applyRefund.mock.calls.map(([, refund]) => refund)).toEqual([
        { reservationId: paid.id, refundedTotal: PRICE / 2, paidAmount: PRICE, saleEnded: true },
      ]);
    } finally {
      applyRefund.mockRestore();
    }
    const entries = await t.app.get(DataSource).query(
      `SELECT e.kind, p.amount::int AS amount FROM journal_entry e JOIN posting p ON p.entry_id = e.id
          WHERE e.reference_type = 'commission' AND e.reference_id = $1 AND p.account = 'MARKET_CREATOR_PAYABLE'`,
      [(paid.commission as { id: string }).id],
    );
    // The PENDING commission was never booked, so nothing is unbooked: only what remains is approved, once.
    expect(entries).toEqual([{ kind: 'COMMISSION_APPROVED', amount: -1_500 }]);
  });

  it("never shows the buyer to the market creator: the commission's reservation is for the buyer, the agency and operators", async () => {
    const creator = await creatorWithLink();
    const buyer = await signUp(t, '비공개구매자');
    const { token } = await trackClick(t, creator.linkCode);
    const paid = await book(buyer, { attributionToken: token });

    const seen = await t.ok(
      `{ me { marketCreator { commissions(first: 5) { nodes { amount status createdAt listing { id title } reservation { id buyer { name } } } } } } }`,
      {},
      creator.user.token,
    );
    expect(seen.me.marketCreator.commissions.nodes).toEqual([
      { amount: 3_000, status: 'PENDING', createdAt: expect.any(String), listing: { id: listingId, title: expect.any(String) }, reservation: null },
    ]);
    expect(JSON.stringify(seen)).not.toContain('비공개구매자');
    expect((await t.gql(RESERVATION, { id: paid.id }, creator.user.token)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    const byAgency = await t.ok(
      `query($id: ID!) { reservation(id: $id) { commission { amount reservation { id } } marketCreator { id } } }`,
      { id: paid.id },
      agency.owner.token,
    );
    expect(byAgency.reservation).toEqual({ commission: { amount: 3_000, reservation: { id: paid.id } }, marketCreator: { id: creator.id } });
    const staff = await agencyMember(t, agency, 'STAFF');
    expect((await t.ok(RESERVATION, { id: paid.id }, staff.token)).reservation.commission.amount).toBe(3_000);
  });

  it('pays out approved commissions once, with tax withheld, keeping the ledger balanced', async () => {
    const creator = await creatorWithLink();
    const { token } = await trackClick(t, creator.linkCode);
    for (let i = 0; i < 4; i++) await complete(await book(await signUp(t), { attributionToken: token }));
    await advanceTo(t, operator, new Date(serverNow(t).getTime() + DAY).toISOString());
    const periodEnd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(serverNow(t));
    const run = () =>
      t.ok(
        `mutation($periodEnd: Date!) { runPayouts(periodEnd: $periodEnd) { id marketCreator { id } grossAmount withholdingTax netAmount } }`,
        { periodEnd },
        operator,
      );
    const mine = (payouts: Array<{ id: string; marketCreator: { id: string } }>) => payouts.filter((p) => p.marketCreator.id === creator.id);

    const [payout] = mine((await run()).runPayouts);
    // 12,000: 3 % = 360, 0.3 % = 36 → 30.
    expect(payout).toMatchObject({ grossAmount: 12_000, withholdingTax: 390, netAmount: 11_610 });
    expect(mine((await run()).runPayouts)).toEqual([payout]);
    await t.ok(`mutation($id: ID!) { markPayoutPaid(payoutId: $id) { status } }`, { id: payout.id }, operator);
    expect(await balanceOf(AccountKind.MARKET_CREATOR_PAYABLE, creator.id)).toBe(0);

    const earnings = await t.ok(`{ me { marketCreator { earnings { pending approved paid reversed } payouts { status } } } }`, {}, creator.user.token);
    expect(earnings.me.marketCreator).toEqual({ earnings: { pending: 0, approved: 0, paid: 12_000, reversed: 0 }, payouts: [{ status: 'PAID' }] });

    // A list reads in a constant number of statements, whatever its page size.
    const statements = async (first: number) => {
      t.queries.count = 0;
      const query = `query($first: Int) { me { marketCreator { commissions(first: $first) { totalCount nodes { amount listing { title } reservation { id } marketCreator { handle } } } } } }`;
      const page = await t.ok(query, { first }, creator.user.token);
      expect(page.me.marketCreator.commissions.nodes).toHaveLength(first);
      return t.queries.count;
    };
    expect(await statements(4)).toBe(await statements(1));
  });

  it('attributes a click 29 days old and not one 31 days old (test clock)', async () => {
    // An agency on yearly dues, which a month of test clock leaves ACTIVE.
    const yearly = await activePartnerAgency(t, operator, { name: '사계절 협동조합', tierCode: 'PREMIUM' });
    const listing = await bookableService(t, yearly);
    const creator = await creatorWithLink({ listing });
    const buyer = await signUp(t);
    const { token } = await trackClick(t, creator.linkCode, { token: buyer.token });
    await advanceTo(t, operator, new Date(serverNow(t).getTime() + 29 * DAY).toISOString());
    expect((await book(buyer, { attributionToken: token, listing })).marketCreator).toEqual({ id: creator.id });
    await advanceTo(t, operator, new Date(serverNow(t).getTime() + 2 * DAY).toISOString());
    expect(await book(buyer, { attributionToken: token, listing })).toMatchObject({ marketCreator: null, commission: null });
    expect(await book(buyer, { listing })).toMatchObject({ marketCreator: null, commission: null });
  });

  it('keeps the trial balance at zero through all of it', async () => {
    const { total, accounts } = await ledger().trialBalance(RequestContext.system());
    expect(total).toBe(0);
    // The agency is owed its share of the sales less the commissions it pays; the creators were paid or are owed theirs.
    expect(accounts.find((a) => a.code === `PARTNER_AGENCY_PAYABLE:${agency.id}`)?.balance).toBeGreaterThan(0);
  });
});
