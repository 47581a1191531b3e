import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../libs/common/src/index.js';
import { AccountKind, LedgerService, account } from '../../libs/ledger/src/index.js';
import { CREATE_LINK, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { advanceTo, bookableService, codeOf, hoursAfter, seoulAt, serverNow } from '../support/booking.js';
import { ARCHIVE_LISTING, HIDE_LISTING, PUBLISH_LISTING, activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { REINSTATE, SUSPEND, WITHDRAW } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

/** STANDARD tier: 600 bps platform fee; the listing pays its market creator 1,000 bps. */
const PRICE = 30_000;
const AGENCY_SHARE = PRICE - 1_800;
const FIELDS = `id status startsAt endsAt refundedAmount cancelledBy cancellationReason
  payment { id status refundedAmount } paymentRequest { orderId } commission { status amount reversedAmount }`;
const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { ${FIELDS} } }`;
const PAY = `mutation($input: PayInput!) { payReservation(input: $input) { ${FIELDS} } }`;
const CANCEL = `mutation($input: CancelReservationInput!) { cancelReservation(input: $input) { ${FIELDS} } }`;
const COMPLETE = `mutation($id: ID!) { completeReservation(reservationId: $id) { ${FIELDS} } }`;
const NO_SHOW = `mutation($id: ID!) { markNoShow(reservationId: $id) { ${FIELDS} } }`;
const RESERVATION = `query($id: ID!) { reservation(id: $id) { ${FIELDS} } }`;
const STRIKES = `query($id: ID!) { partnerAgency(id: $id) { strikes { reason } } }`;

interface Booked {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  refundedAmount: number;
  payment: { id: string; status: string; refundedAmount: number };
  paymentRequest: { orderId: string } | null;
}

describe('booking: suspended and withdrawn agencies (docs/RULES.md §4)', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let operator: string;
  let buyer: User;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    dataSource = t.app.get(DataSource);
    operator = await logInOperator(t);
    buyer = await signUp(t, '김구매');
  });
  afterAll(() => t.close());

  /** An ACTIVE agency with a service of ten seats a slot. */
  async function agencyWithService(name: string): Promise<{ agency: Agency; listingId: string }> {
    const agency = await activePartnerAgency(t, operator, { name });
    return { agency, listingId: await bookableService(t, agency, { capacityPerSlot: 10 }) };
  }
  const hold = async (listingId: string, startsAt: string, who: User = buyer, attributionToken?: string): Promise<Booked> =>
    (await t.ok(RESERVE, { input: { listingId, startsAt, idempotencyKey: randomUUID(), attributionToken } }, who.token)).reserve;
  const pay = (reservation: Booked, who: User = buyer) => t.gql(PAY, { input: { id: reservation.id, paymentKey: `pk_${reservation.id}` } }, who.token);
  const paid = async (listingId: string, startsAt: string, who: User = buyer, attributionToken?: string): Promise<Booked> => {
    const res = await pay(await hold(listingId, startsAt, who, attributionToken), who);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.payReservation;
  };
  const view = async (id: string, token = operator) => (await t.ok(RESERVATION, { id }, token)).reservation;
  /** What reached the provider for this payment: confirm attempts logged and charges the simulated provider took. */
  const providerCalls = async (reservation: Booked) => ({
    attempts: Number((await dataSource.query(`SELECT count(*) FROM payment_attempt WHERE payment_id = $1`, [reservation.payment.id]))[0].count),
    charges: Number(
      (await dataSource.query(`SELECT count(*) FROM simulated_provider_payment WHERE order_id = $1`, [reservation.paymentRequest!.orderId]))[0].count,
    ),
  });
  const runDueJobs = () => advanceTo(t, operator, new Date(serverNow(t).getTime() + 1_000).toISOString());
  const ledger = () => t.app.get(LedgerService);
  const balanceOf = (kind: AccountKind, ownerId: string | null = null) => ledger().balance(RequestContext.system(), account(kind, ownerId));

  describe('paying a hold', () => {
    it('of a suspended agency is INVALID_STATE and reaches no provider; reinstated, the same hold is paid', async () => {
      const { agency, listingId } = await agencyWithService('정지될 협동조합');
      const confirmed = await paid(listingId, seoulAt(t, 2, 9));
      const held = await hold(listingId, seoulAt(t, 2, 10));
      await t.ok(SUSPEND, { id: agency.id, reason: '민원 조사' }, operator);

      expect(codeOf(await pay(held))).toBe('INVALID_STATE');
      expect(await providerCalls(held)).toEqual({ attempts: 0, charges: 0 });
      expect(await view(held.id)).toMatchObject({ status: 'PENDING_PAYMENT', payment: { status: 'READY' } });
      // Suspension leaves what is paid alone: the agency serves it, or the operator decides.
      await runDueJobs();
      expect((await view(confirmed.id)).status).toBe('CONFIRMED');

      await t.ok(REINSTATE, { id: agency.id }, operator);
      expect((await pay(held)).data?.payReservation.status).toBe('CONFIRMED');
    });

    it('on a listing hidden or archived since is INVALID_STATE and reaches no provider', async () => {
      const { agency, listingId } = await agencyWithService('숨길 협동조합');
      const held = await hold(listingId, seoulAt(t, 2, 11));
      await t.ok(HIDE_LISTING, { id: listingId }, agency.owner.token);
      expect(codeOf(await pay(held))).toBe('INVALID_STATE');
      await t.ok(PUBLISH_LISTING, { id: listingId }, agency.owner.token);
      const second = await hold(listingId, seoulAt(t, 2, 12));
      await t.ok(HIDE_LISTING, { id: listingId }, agency.owner.token);
      await t.ok(ARCHIVE_LISTING, { id: listingId }, agency.owner.token);
      expect(codeOf(await pay(second))).toBe('INVALID_STATE');
      expect([await providerCalls(held), await providerCalls(second)]).toEqual([
        { attempts: 0, charges: 0 },
        { attempts: 0, charges: 0 },
      ]);
    });
  });

  describe('withdrawal (퇴점)', () => {
    let agency: Agency;
    let listingId: string;
    let past: Booked;
    let started: Booked[];
    let upcoming: Booked[];
    let held: Booked;
    let outsider: User;

    beforeAll(async () => {
      ({ agency, listingId } = await agencyWithService('퇴점할 협동조합'));
      outsider = await signUp(t, '남');
      const creator = await signUp(t, '크리에이터');
      await becomeMarketCreator(t, creator.token);
      const link = await t.ok(CREATE_LINK, { input: { listingId } }, creator.token);
      const { token: attributionToken } = await trackClick(t, link.createReferralLink.code);

      past = await paid(listingId, seoulAt(t, 1, 9));
      started = [await paid(listingId, seoulAt(t, 1, 11)), await paid(listingId, seoulAt(t, 1, 11), await signUp(t))];
      await advanceTo(t, operator, hoursAfter(started[0].startsAt, 0.25));
      await t.ok(COMPLETE, { id: past.id }, agency.owner.token);

      upcoming = [];
      for (const hour of [9, 10, 11]) upcoming.push(await paid(listingId, seoulAt(t, 2, hour), await signUp(t), attributionToken));
      held = await hold(listingId, seoulAt(t, 2, 12));
      expect((await view(upcoming[0].id)).commission).toMatchObject({ status: 'PENDING', amount: 3_000 });

      await t.ok(WITHDRAW, { id: agency.id, reason: '운영 종료' }, agency.owner.token);
    });

    it('refuses to charge an open hold at once, before its cancellation has run', async () => {
      expect(codeOf(await pay(held))).toBe('INVALID_STATE');
      expect(await providerCalls(held)).toEqual({ attempts: 0, charges: 0 });
    });

    it('cancels every reservation that has not started, paid ones with a full refund on the agency side and their commission reversed', async () => {
      await runDueJobs();
      for (const { id } of upcoming) {
        expect(await view(id)).toMatchObject({
          status: 'CANCELLED',
          refundedAmount: PRICE,
          cancelledBy: 'PARTNER_AGENCY',
          cancellationReason: 'The partner agency withdrew (퇴점): 운영 종료',
          payment: { status: 'REFUNDED', refundedAmount: PRICE },
          commission: { status: 'REVERSED', reversedAmount: 3_000 },
        });
      }
      expect(await view(held.id)).toMatchObject({ status: 'CANCELLED', refundedAmount: 0, cancelledBy: 'PARTNER_AGENCY', payment: { status: 'FAILED' } });
      expect(await providerCalls(held)).toEqual({ attempts: 0, charges: 0 });
    });

    it('leaves started and past reservations alone, and gives no PROVIDER_CANCELLATION strike', async () => {
      expect((await view(past.id)).status).toBe('COMPLETED');
      for (const { id } of started) expect((await view(id)).status).toBe('CONFIRMED');
      expect((await t.ok(STRIKES, { id: agency.id }, operator)).partnerAgency.strikes).toEqual([]);
    });

    it('refunds each once, however often the jobs run, and keeps the books balanced', async () => {
      await runDueJobs();
      const refunds = await dataSource.query(`SELECT count(*)::int AS n FROM payment_refund WHERE payment_id = ANY($1)`, [upcoming.map((r) => r.payment.id)]);
      expect(refunds[0].n).toBe(3);
      const { total } = await ledger().trialBalance(RequestContext.system());
      expect(total).toBe(0);
      expect(await balanceOf(AccountKind.REFUNDS)).toBe(0);
      // What the agency keeps: the completed reservation and the two under way, less the platform fee.
      expect(await balanceOf(AccountKind.PARTNER_AGENCY_PAYABLE, agency.id)).toBe(3 * AGENCY_SHARE);
    });

    it("the withdrawn agency's members still read their reservations but complete, record no-shows and cancel none (FORBIDDEN)", async () => {
      const [first] = started;
      const manager = await agencyMember(t, agency, 'MANAGER');
      for (const token of [agency.owner.token, manager.token]) {
        expect((await view(first.id, token)).id).toBe(first.id);
        expect(codeOf(await t.gql(NO_SHOW, { id: first.id }, token))).toBe('FORBIDDEN');
        expect(codeOf(await t.gql(CANCEL, { input: { reservationId: first.id, reason: '취소' } }, token))).toBe('FORBIDDEN');
      }
      expect(codeOf(await t.gql(NO_SHOW, { id: first.id }, outsider.token))).toBe('NOT_FOUND');
      await advanceTo(t, operator, hoursAfter(first.endsAt, 0.25));
      expect(codeOf(await t.gql(COMPLETE, { id: first.id }, agency.owner.token))).toBe('FORBIDDEN');
      expect((await view(first.id)).status).toBe('CONFIRMED');
    });

    it('operators complete and record no-shows of what it left', async () => {
      const [first, second] = started;
      expect((await t.ok(COMPLETE, { id: first.id }, operator)).completeReservation.status).toBe('COMPLETED');
      expect((await t.ok(NO_SHOW, { id: second.id }, operator)).markNoShow).toMatchObject({ status: 'NO_SHOW', refundedAmount: 0 });
    });
  });

  it('operators cancel a reservation with a full refund and no strike', async () => {
    const { agency, listingId } = await agencyWithService('민원 협동조합');
    const reservation = await paid(listingId, seoulAt(t, 2, 13));
    const cancelled = (await t.ok(CANCEL, { input: { reservationId: reservation.id, reason: '기관 연락 두절' } }, operator)).cancelReservation;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledBy: 'OPERATOR', refundedAmount: PRICE, payment: { status: 'REFUNDED' } });
    expect((await t.ok(STRIKES, { id: agency.id }, operator)).partnerAgency.strikes).toEqual([]);
  });

  it('payments racing a withdrawal are refused before any charge or refunded in full; none stays CONFIRMED', async () => {
    const { agency, listingId } = await agencyWithService('경합 협동조합');
    const buyers = await Promise.all(Array.from({ length: 20 }, () => signUp(t)));
    const holds = await Promise.all(buyers.map((who, i) => hold(listingId, seoulAt(t, 3, 10 + (i % 2)), who)));
    // The withdrawal races ten payments; ten more follow as soon as the first of those is answered.
    const before = holds.slice(0, 10).map((reservation, i) => pay(reservation, buyers[i]));
    const withdrawal = t.gql(WITHDRAW, { id: agency.id, reason: '운영 종료' }, agency.owner.token);
    await Promise.race(before);
    const after = holds.slice(10).map((reservation, i) => pay(reservation, buyers[i + 10]));
    const payments = await Promise.all([...before, ...after]);
    expect((await withdrawal).errors).toBeUndefined();
    await runDueJobs();

    for (const [i, reservation] of holds.entries()) {
      const after = await view(reservation.id);
      expect(after.status).toBe('CANCELLED');
      if (payments[i].errors) {
        expect(codeOf(payments[i])).toBe('INVALID_STATE');
        expect((await providerCalls(reservation)).charges).toBe(0);
        expect(after.payment.status).toBe('FAILED');
      } else {
        expect(after).toMatchObject({ refundedAmount: PRICE, payment: { status: 'REFUNDED', refundedAmount: PRICE } });
      }
    }
    expect((await ledger().trialBalance(RequestContext.system())).total).toBe(0);
    expect(await balanceOf(AccountKind.REFUNDS)).toBe(0);
    expect(await balanceOf(AccountKind.PARTNER_AGENCY_PAYABLE, agency.id)).toBe(0);
  });
});
