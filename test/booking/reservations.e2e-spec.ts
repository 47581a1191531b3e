import { DataSource } from 'typeorm';
import { ClockService } from '../../libs/common/src/index.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import {
  CANCEL,
  COMPLETE,
  NO_SHOW,
  PAY,
  RESERVATION,
  RESERVATION_FIELDS,
  RESERVE,
  REVIEW,
  SLOTS,
  advanceTo,
  bookableService,
  codeOf,
  hoursAfter,
  hoursBefore,
  seoulAt,
  serverNow,
} from '../support/booking.js';
import { SUSPEND } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

/** STANDARD tier: 600 bps platform fee. */
const PRICE = 30_000;

describe('booking: reservations', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let operator: string;
  let agency: Agency;
  let listingId: string;
  let buyer: User;
  let keys = 0;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    dataSource = t.app.get(DataSource);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    listingId = await bookableService(t, agency);
    buyer = await signUp(t, '김구매');
  });
  afterAll(() => t.close());

  const reserve = (startsAt: string, who: User = buyer, input: Record<string, unknown> = {}) =>
    t.gql(RESERVE, { input: { listingId, startsAt, idempotencyKey: `key-${keys++}`, ...input } }, who.token);
  const reserved = async (startsAt: string, who: User = buyer, input: Record<string, unknown> = {}) => {
    const res = await reserve(startsAt, who, input);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.reserve;
  };
  const pay = (id: string, paymentKey: string, who: User = buyer) => t.gql(PAY, { input: { id, paymentKey } }, who.token);
  const paid = async (startsAt: string, who: User = buyer) => {
    const reservation = await reserved(startsAt, who);
    return (await t.ok(PAY, { input: { id: reservation.id, paymentKey: `pk_${reservation.id}` } }, who.token)).payReservation;
  };
  const cancel = (id: string, token: string, reason = '일정이 바뀌었어요') => t.gql(CANCEL, { input: { reservationId: id, reason } }, token);
  const view = async (id: string, token = buyer.token) => (await t.ok(RESERVATION, { id }, token)).reservation;
  const providerCharges = async (orderId: string) =>
    Number((await dataSource.query(`SELECT count(*) FROM simulated_provider_payment WHERE order_id = $1`, [orderId]))[0].count);
  const confirmAttempts = async (paymentId: string) =>
    Number((await dataSource.query(`SELECT count(*) FROM payment_attempt WHERE payment_id = $1 AND operation = 'CONFIRM'`, [paymentId]))[0].count);
  const slotsAround = async (startsAt: string) =>
    (await t.ok(SLOTS, { id: listingId, from: hoursBefore(startsAt, 1), to: hoursAfter(startsAt, 2) }, buyer.token)).availableSlots as Array<{
      startsAt: string;
      remainingCapacity: number;
    }>;
  const moveClockWithoutJobs = (to: string) => t.app.get(ClockService).moveTo(new Date(to));

  it('reserve → pay → complete → review: from a slot to a rated listing', async () => {
    const startsAt = seoulAt(t, 2, 10);
    const before = serverNow(t).getTime();
    const reservation = await reserved(startsAt);
    expect(reservation).toMatchObject({
      status: 'PENDING_PAYMENT',
      startsAt,
      endsAt: hoursAfter(startsAt, 1),
      amount: PRICE,
      refundedAmount: 0,
      listing: { id: listingId },
      partnerAgency: { id: agency.id },
      buyer: { id: buyer.id, name: '김구매' },
      consultation: null,
      payment: { status: 'READY', amount: PRICE, refundedAmount: 0 },
      paymentRequest: { amount: PRICE },
    });
    expect(reservation.number).toMatch(/^R\d{6}-[0-9A-Z]{6}$/);
    expect(new Date(reservation.holdExpiresAt).getTime() - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(new Date(reservation.holdExpiresAt).getTime() - before).toBeLessThanOrEqual(15 * 60_000 + 5000);
    expect((await slotsAround(startsAt)).map((slot) => slot.startsAt)).not.toContain(startsAt);

    const confirmed = (await pay(reservation.id, 'pk_flow')).data!.payReservation;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', holdExpiresAt: null, paymentRequest: null, payment: { status: 'PAID', amount: PRICE } });
    expect(codeOf(await t.gql(COMPLETE, { id: reservation.id }, agency.owner.token))).toBe('INVALID_STATE');

    await advanceTo(t, operator, hoursAfter(startsAt, 1));
    expect(codeOf(await t.gql(REVIEW, { input: { reservationId: reservation.id, rating: 5 } }, buyer.token))).toBe('INVALID_STATE');
    expect((await t.ok(COMPLETE, { id: reservation.id }, agency.owner.token)).completeReservation).toEqual({ id: reservation.id, status: 'COMPLETED' });
    expect(codeOf(await t.gql(REVIEW, { input: { reservationId: reservation.id, rating: 5 } }, agency.owner.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(REVIEW, { input: { reservationId: reservation.id, rating: 6 } }, buyer.token))).toBe('BAD_USER_INPUT');
    const review = (await t.ok(REVIEW, { input: { reservationId: reservation.id, rating: 4, comment: '친절했어요' } }, buyer.token)).reviewReservation;
    expect(review).toMatchObject({ rating: 4, comment: '친절했어요', author: { id: buyer.id } });
    expect(codeOf(await t.gql(REVIEW, { input: { reservationId: reservation.id, rating: 1 } }, buyer.token))).toBe('CONFLICT');
    const listing = (await t.ok(`query($id: ID!) { listing(id: $id) { ratingAverage reviewCount } }`, { id: listingId })).listing;
    expect(listing).toEqual({ ratingAverage: 4, reviewCount: 1 });
  });

  it('only listings without consultation and only real future slots can be reserved directly', async () => {
    const consulted = await bookableService(t, agency, { requiresConsultation: true });
    const startsAt = seoulAt(t, 2, 11);
    const res = await t.gql(RESERVE, { input: { listingId: consulted, startsAt, idempotencyKey: 'c-1' } }, buyer.token);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.listingId' }] });
    const offGrid = await reserve(hoursAfter(startsAt, 0.5));
    expect(offGrid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.startsAt' }] });
    expect(codeOf(await reserve(seoulAt(t, 2, 20)))).toBe('BAD_USER_INPUT');
    expect(codeOf(await reserve(seoulAt(t, -1, 10)))).toBe('BAD_USER_INPUT');
    expect(codeOf(await reserve(startsAt, agency.owner))).toBe('FORBIDDEN');
  });

  it('the same idempotency key gives the same reservation; with another time, IDEMPOTENCY_KEY_REUSED', async () => {
    const startsAt = seoulAt(t, 2, 12);
    const first = await reserved(startsAt, buyer, { idempotencyKey: 'double-tap' });
    const again = await reserved(startsAt, buyer, { idempotencyKey: 'double-tap' });
    expect(again.id).toBe(first.id);
    expect(codeOf(await reserve(seoulAt(t, 2, 13), buyer, { idempotencyKey: 'double-tap' }))).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a declined payment leaves the reservation PENDING_PAYMENT; paying twice with one key charges once', async () => {
    const reservation = await reserved(seoulAt(t, 2, 14));
    expect(codeOf(await pay(reservation.id, 'sim_decline_card'))).toBe('PAYMENT_FAILED');
    expect(await view(reservation.id)).toMatchObject({ status: 'PENDING_PAYMENT', payment: { status: 'READY' }, paymentRequest: { amount: PRICE } });
    const first = (await pay(reservation.id, 'pk_twice')).data!.payReservation;
    const second = (await pay(reservation.id, 'pk_twice')).data!.payReservation;
    expect(first.status).toBe('CONFIRMED');
    expect(second).toEqual(first);
    expect(await providerCharges(reservation.paymentRequest.orderId)).toBe(1);
    expect(codeOf(await pay(reservation.id, 'pk_another'))).toBe('INVALID_STATE');
  });

  it('paying after the hold expired is INVALID_STATE and charges nothing, before and after the expiry job', async () => {
    const reservation = await reserved(seoulAt(t, 3, 9));
    moveClockWithoutJobs(hoursAfter(reservation.holdExpiresAt, 1 / 60));
    expect(codeOf(await pay(reservation.id, 'pk_late'))).toBe('INVALID_STATE');
    expect(await view(reservation.id)).toMatchObject({ status: 'PENDING_PAYMENT', paymentRequest: null });
    await advanceTo(t, operator, hoursAfter(reservation.holdExpiresAt, 2 / 60));
    expect(await view(reservation.id)).toMatchObject({ status: 'EXPIRED', payment: { status: 'FAILED' } });
    expect(codeOf(await pay(reservation.id, 'pk_late'))).toBe('INVALID_STATE');
    expect(await providerCharges(reservation.paymentRequest.orderId)).toBe(0);
    expect(await confirmAttempts(reservation.payment.id)).toBe(0);
  });

  it('an expired hold frees the seat for the next buyer, before and after the expiry job ran', async () => {
    const other = await signUp(t, '박다음');
    const startsAt = seoulAt(t, 3, 10);
    const first = await reserved(startsAt);
    expect(codeOf(await reserve(startsAt, other))).toBe('SLOT_UNAVAILABLE');
    moveClockWithoutJobs(hoursAfter(first.holdExpiresAt, 1 / 60));
    expect((await slotsAround(startsAt)).find((slot) => slot.startsAt === startsAt)).toMatchObject({ remainingCapacity: 1 });
    const second = await reserved(startsAt, other);
    expect(second.status).toBe('PENDING_PAYMENT');
    expect((await view(first.id)).status).toBe('PENDING_PAYMENT');

    const later = seoulAt(t, 3, 11);
    const third = await reserved(later);
    await advanceTo(t, operator, hoursAfter(third.holdExpiresAt, 1 / 60));
    expect((await view(first.id)).status).toBe('EXPIRED');
    expect((await view(third.id)).status).toBe('EXPIRED');
    expect((await reserved(later, other)).status).toBe('PENDING_PAYMENT');
  });

  describe('cancellation', () => {
    it('by the buyer refunds by the default policy: all 25 h before, half 10 h before, nothing 1 h before', async () => {
      const [early, middle, late] = await Promise.all([paid(seoulAt(t, 4, 10)), paid(seoulAt(t, 4, 11)), paid(seoulAt(t, 4, 12))]);
      await advanceTo(t, operator, hoursBefore(early.startsAt, 25));
      const a = (await cancel(early.id, buyer.token)).data!.cancelReservation;
      expect(a).toMatchObject({
        status: 'CANCELLED',
        refundedAmount: 30_000,
        cancellationReason: '일정이 바뀌었어요',
        payment: { status: 'REFUNDED', refundedAmount: 30_000 },
      });
      await advanceTo(t, operator, hoursBefore(middle.startsAt, 10));
      const b = (await cancel(middle.id, buyer.token)).data!.cancelReservation;
      expect(b).toMatchObject({ status: 'CANCELLED', refundedAmount: 15_000, payment: { status: 'PARTIALLY_REFUNDED', refundedAmount: 15_000 } });
      await advanceTo(t, operator, hoursBefore(late.startsAt, 1));
      const c = (await cancel(late.id, buyer.token)).data!.cancelReservation;
      expect(c).toMatchObject({ status: 'CANCELLED', refundedAmount: 0, payment: { status: 'PAID', refundedAmount: 0 } });
      expect(codeOf(await cancel(late.id, buyer.token))).toBe('INVALID_STATE');
    });

    it('by the agency refunds everything and adds a PROVIDER_CANCELLATION strike', async () => {
      const reservation = await paid(seoulAt(t, 2, 15));
      const manager = await agencyMember(t, agency, 'MANAGER');
      const cancelled = (await cancel(reservation.id, manager.token, '담당자 건강 문제')).data!.cancelReservation;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', refundedAmount: PRICE, payment: { status: 'REFUNDED', refundedAmount: PRICE } });
      const strikes = (await t.ok(`query($id: ID!) { partnerAgency(id: $id) { strikes { reason note } } }`, { id: agency.id }, agency.owner.token))
        .partnerAgency.strikes;
      expect(strikes).toContainEqual({ reason: 'PROVIDER_CANCELLATION', note: `Reservation ${reservation.number}: 담당자 건강 문제` });
      expect((await slotsAround(reservation.startsAt)).find((slot) => slot.startsAt === reservation.startsAt)).toMatchObject({ remainingCapacity: 1 });
    });

    it('of an unpaid reservation lets its seat and payment go', async () => {
      const reservation = await reserved(seoulAt(t, 2, 16));
      const cancelled = (await cancel(reservation.id, buyer.token)).data!.cancelReservation;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', refundedAmount: 0, payment: { status: 'FAILED' }, paymentRequest: null });
      expect((await reserved(reservation.startsAt)).status).toBe('PENDING_PAYMENT');
    });
  });

  it('a no-show is recorded by the agency once the start has passed, without refund', async () => {
    const reservation = await paid(seoulAt(t, 2, 17));
    expect(codeOf(await t.gql(NO_SHOW, { id: reservation.id }, agency.owner.token))).toBe('INVALID_STATE');
    await advanceTo(t, operator, hoursAfter(reservation.startsAt, 0.25));
    expect(codeOf(await t.gql(NO_SHOW, { id: reservation.id }, buyer.token))).toBe('FORBIDDEN');
    expect((await t.ok(NO_SHOW, { id: reservation.id }, agency.owner.token)).markNoShow).toEqual({ id: reservation.id, status: 'NO_SHOW', refundedAmount: 0 });
  });

  it('a CONFIRMED reservation nobody marked is completed 72 h after its end', async () => {
    const reservation = await paid(seoulAt(t, 1, 9));
    await advanceTo(t, operator, hoursAfter(reservation.endsAt, 71));
    expect((await view(reservation.id)).status).toBe('CONFIRMED');
    await advanceTo(t, operator, hoursAfter(reservation.endsAt, 72.01));
    expect((await view(reservation.id)).status).toBe('COMPLETED');
  });

  it('a suspended agency keeps and serves its confirmed reservations, and takes no new ones', async () => {
    const suspendable = await activePartnerAgency(t, operator, { name: '정지될 협동조합' });
    const service = await bookableService(t, suspendable);
    const startsAt = seoulAt(t, 2, 9);
    const reservation = (await t.ok(RESERVE, { input: { listingId: service, startsAt, idempotencyKey: `key-${keys++}` } }, buyer.token)).reserve;
    await pay(reservation.id, 'pk_before_suspension');
    await t.ok(SUSPEND, { id: suspendable.id, reason: '회비 미납 조사' }, operator);
    expect(codeOf(await t.gql(RESERVE, { input: { listingId: service, startsAt: seoulAt(t, 2, 10), idempotencyKey: `key-${keys++}` } }, buyer.token))).toBe(
      'NOT_FOUND',
    );
    await advanceTo(t, operator, hoursAfter(startsAt, 1));
    expect((await t.ok(COMPLETE, { id: reservation.id }, suspendable.owner.token)).completeReservation.status).toBe('COMPLETED');
  });

  describe('access', () => {
    let reservationId: string;
    beforeAll(async () => {
      reservationId = (await reserved(seoulAt(t, 5, 10))).id;
    });

    it('other buyers and other agencies get NOT_FOUND, for reading and for acting', async () => {
      const stranger = await signUp(t, '남');
      const otherAgency = await activePartnerAgency(t, operator, { name: '다른 협동조합' });
      for (const token of [stranger.token, otherAgency.owner.token]) {
        expect(codeOf(await t.gql(RESERVATION, { id: reservationId }, token))).toBe('NOT_FOUND');
        expect(codeOf(await pay(reservationId, 'pk_x', { ...stranger, token }))).toBe('NOT_FOUND');
        expect(codeOf(await cancel(reservationId, token))).toBe('NOT_FOUND');
        expect(codeOf(await t.gql(COMPLETE, { id: reservationId }, token))).toBe('NOT_FOUND');
        const list = await t.gql(`query($id: ID!) { partnerAgencyReservations(partnerAgencyId: $id) { totalCount } }`, { id: agency.id }, token);
        expect(codeOf(list)).toBe('NOT_FOUND');
      }
      expect(codeOf(await t.gql(RESERVATION, { id: 'not-a-uuid' }, buyer.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(RESERVATION, { id: reservationId }))).toBe('UNAUTHENTICATED');
    });

    it('agency staff and operators read it; staff may not act; the agency sees the buyer’s contact', async () => {
      const staff = await agencyMember(t, agency, 'STAFF');
      for (const token of [staff.token, operator]) expect((await view(reservationId, token)).id).toBe(reservationId);
      expect(codeOf(await cancel(reservationId, staff.token))).toBe('FORBIDDEN');
      const contact = `query($id: ID!) { reservation(id: $id) { buyer { email } } }`;
      expect((await t.ok(contact, { id: reservationId }, staff.token)).reservation.buyer.email).toBe(buyer.email);
      const list = `query($id: ID!) { partnerAgencyReservations(partnerAgencyId: $id, status: PENDING_PAYMENT) { totalCount nodes { id } } }`;
      expect((await t.ok(list, { id: agency.id }, staff.token)).partnerAgencyReservations.nodes.map((r: { id: string }) => r.id)).toContain(reservationId);
    });

    it('a buyer’s contact is closed to members of agencies the buyer has not booked', async () => {
      const otherAgency = await activePartnerAgency(t, operator, { name: '또다른 협동조합' });
      await addMember(t, otherAgency.organizationId, otherAgency.owner.token, buyer);
      const members = `query($id: ID!) { organization(id: $id) { members { user { id email } } } }`;
      const res = await t.gql(members, { id: otherAgency.organizationId }, otherAgency.owner.token);
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    });
  });

  it('reserves and pays in a fixed number of statements (the write path of npm run bench c)', async () => {
    // In this process's main pool; the provider-attempt log and the simulated provider's own books are on
    // their own connections. Raising either figure puts a round trip on every reservation.
    const statements = async <T>(send: () => Promise<T>) => {
      t.queries.count = 0;
      const result = await send();
      return { result, count: t.queries.count };
    };
    const reserved = await statements(() =>
      t.ok(
        `mutation($input: ReserveInput!) { reserve(input: $input) { id status } }`,
        { input: { listingId, startsAt: seoulAt(t, 7, 10), idempotencyKey: `key-${keys++}` } },
        buyer.token,
      ),
    );
    const { id } = reserved.result.reserve;
    const paid = await statements(() =>
      t.ok(`mutation($input: PayInput!) { payReservation(input: $input) { id status } }`, { input: { id, paymentKey: `pk_${id}` } }, buyer.token),
    );
    expect(paid.result.payReservation).toEqual({ id, status: 'CONFIRMED' });
    // Each includes the one statement that checks the access token's session (README, Security).
    // Pay's notifications (README, Notifications) are 2: the agency's members (the listing is loaded already) and
    // one INSERT of every recipient's notification. Its jobs (completion, fan-out, reminder) are one statement
    // before COMMIT, written with everything else the transaction queued.
    expect({ reserve: reserved.count, pay: paid.count }).toEqual({ reserve: 10, pay: 15 });
  });

  it('lists issue a constant number of SQL statements whatever their size', async () => {
    const regular = await signUp(t, '단골');
    for (let hour = 9; hour < 15; hour++) await reserved(seoulAt(t, 6, hour), regular);
    const query = `query($first: Int) { myReservations(first: $first) { totalCount pageInfo { hasNextPage endCursor }
      nodes { ${RESERVATION_FIELDS} } } }`;
    const statements = async (first: number) => {
      t.queries.count = 0;
      const page = (await t.ok(query, { first }, regular.token)).myReservations;
      expect(page.nodes).toHaveLength(first);
      expect(page.totalCount).toBe(6);
      return t.queries.count;
    };
    expect(await statements(6)).toBe(await statements(1));
    const partner = `query($id: ID!, $first: Int) { partnerAgencyReservations(partnerAgencyId: $id, first: $first) { nodes { ${RESERVATION_FIELDS} } } }`;
    const agencyStatements = async (first: number) => {
      t.queries.count = 0;
      await t.ok(partner, { id: agency.id, first }, agency.owner.token);
      return t.queries.count;
    };
    expect(await agencyStatements(10)).toBe(await agencyStatements(2));
  });
});
