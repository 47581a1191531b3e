import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { RESERVATION_FIELDS, RESERVE, advanceTo, bookableService, codeOf, hoursAfter, seoulAt, serverNow } from '../support/booking.js';
import { REINSTATE, SUSPEND } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const CONSULTATION_FIELDS = `id status preferredTimes createdAt listing { id } buyer { id name } partnerAgency { id }
  messages { id body author { id } createdAt }
  offers { id price startsAt endsAt note expiresAt status consultation { id } }
  reservation { id status amount }`;
const REQUEST = `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { ${CONSULTATION_FIELDS} } }`;
const MESSAGE = `mutation($id: ID!, $body: String!) { postConsultationMessage(consultationId: $id, body: $body) { id body author { id } } }`;
const OFFER = `mutation($input: SendOfferInput!) { sendOffer(input: $input) { id price startsAt endsAt note expiresAt status consultation { id status } } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declineConsultation(consultationId: $id, reason: $reason) { id status offers { status } } }`;
const ACCEPT = `mutation($offerId: ID!, $key: String!) { acceptOffer(offerId: $offerId, idempotencyKey: $key) { ${RESERVATION_FIELDS} } }`;
const CONSULTATION = `query($id: ID!) { consultation(id: $id) { ${CONSULTATION_FIELDS} } }`;

describe('booking: consultations and offers', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  let listingId: string;
  let buyer: User;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    listingId = await bookableService(t, agency, { requiresConsultation: true, durationMinutes: 120 });
    buyer = await signUp(t, '상담자');
  });
  afterAll(() => t.close());

  const request = async (who: User = buyer, input: Record<string, unknown> = {}) =>
    (await t.ok(REQUEST, { input: { listingId, message: '어머니 돌봄이 필요해요', ...input } }, who.token)).requestConsultation;
  const offer = (consultationId: string, startsAt: string, input: Record<string, unknown> = {}, token = agency.owner.token) =>
    t.gql(OFFER, { input: { consultationId, price: 55_000, startsAt, endsAt: hoursAfter(startsAt, 2), ...input } }, token);
  const sent = async (consultationId: string, startsAt: string, input: Record<string, unknown> = {}) => {
    const res = await offer(consultationId, startsAt, input);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.sendOffer;
  };
  const accept = (offerId: string, key: string, who: User = buyer) => t.gql(ACCEPT, { offerId, key }, who.token);
  const view = async (id: string, token = buyer.token) => (await t.ok(CONSULTATION, { id }, token)).consultation;

  it('request → messages both ways → offer → accept: a PENDING_PAYMENT reservation at the offer’s price and time', async () => {
    const preferred = [seoulAt(t, 3, 14), seoulAt(t, 2, 10)];
    const consultation = await request(buyer, { preferredTimes: preferred });
    expect(consultation).toMatchObject({
      status: 'OPEN',
      preferredTimes: [...preferred].sort(),
      listing: { id: listingId },
      buyer: { id: buyer.id },
      partnerAgency: { id: agency.id },
      messages: [{ body: '어머니 돌봄이 필요해요', author: { id: buyer.id } }],
      offers: [],
      reservation: null,
    });
    await t.ok(MESSAGE, { id: consultation.id, body: '화요일 오후 어떠세요?' }, agency.owner.token);
    await t.ok(MESSAGE, { id: consultation.id, body: '좋아요' }, buyer.token);

    const startsAt = seoulAt(t, 3, 13);
    const made = await sent(consultation.id, startsAt, { note: '2시간 방문' });
    expect(made).toMatchObject({
      price: 55_000,
      startsAt,
      endsAt: hoursAfter(startsAt, 2),
      note: '2시간 방문',
      status: 'PENDING',
      consultation: { status: 'OFFERED' },
    });
    expect(new Date(made.expiresAt).getTime()).toBeCloseTo(serverNow(t).getTime() + 48 * 3600_000, -4);

    const reservation = (await accept(made.id, 'accept-1')).data!.acceptOffer;
    expect(reservation).toMatchObject({
      status: 'PENDING_PAYMENT',
      amount: 55_000,
      startsAt,
      endsAt: hoursAfter(startsAt, 2),
      consultation: { id: consultation.id, status: 'ACCEPTED' },
    });
    expect((await accept(made.id, 'accept-1')).data!.acceptOffer.id).toBe(reservation.id);
    expect(codeOf(await accept(made.id, 'accept-2'))).toBe('INVALID_STATE');
    const after = await view(consultation.id, agency.owner.token);
    expect(after).toMatchObject({
      status: 'ACCEPTED',
      offers: [{ status: 'ACCEPTED' }],
      reservation: { id: reservation.id, status: 'PENDING_PAYMENT', amount: 55_000 },
    });
    expect(after.messages.map((m: { body: string }) => m.body)).toEqual(['어머니 돌봄이 필요해요', '화요일 오후 어떠세요?', '좋아요']);
    expect(codeOf(await t.gql(MESSAGE, { id: consultation.id, body: '감사합니다' }, buyer.token))).toBe('INVALID_STATE');
  });

  it('an offer accepted after its time was taken: SLOT_UNAVAILABLE, and the offer stays PENDING', async () => {
    const direct = await bookableService(t, agency, { capacityPerSlot: 1 });
    const consulted = await bookableService(t, agency, { requiresConsultation: true, capacityPerSlot: 1 });
    const consultation = await request(buyer, { listingId: consulted });
    const startsAt = seoulAt(t, 4, 10);
    const made = await sent(consultation.id, startsAt, { endsAt: hoursAfter(startsAt, 1) });
    const rival = await signUp(t, '경쟁자');
    const rivalConsultation = await request(rival, { listingId: consulted });
    const rivalOffer = await sent(rivalConsultation.id, startsAt, { endsAt: hoursAfter(startsAt, 1) });
    await t.ok(ACCEPT, { offerId: rivalOffer.id, key: 'rival' }, rival.token);

    expect(codeOf(await accept(made.id, 'too-late'))).toBe('SLOT_UNAVAILABLE');
    expect(await view(consultation.id)).toMatchObject({ status: 'OFFERED', offers: [{ id: made.id, status: 'PENDING' }], reservation: null });
    expect(codeOf(await t.gql(RESERVE, { input: { listingId: direct, startsAt, idempotencyKey: 'other-listing' } }, buyer.token))).toBeUndefined();
  });

  it('an offer needs free capacity, a future start and an end after it; a newer offer withdraws the older one', async () => {
    const consultation = await request();
    const startsAt = seoulAt(t, 5, 10);
    expect(codeOf(await offer(consultation.id, seoulAt(t, -1, 10)))).toBe('BAD_USER_INPUT');
    expect(codeOf(await offer(consultation.id, startsAt, { endsAt: startsAt }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await offer(consultation.id, startsAt, { price: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await offer(consultation.id, startsAt, {}, buyer.token))).toBe('FORBIDDEN');
    expect(codeOf(await offer(consultation.id, startsAt, {}, (await agencyMember(t, agency, 'STAFF')).token))).toBe('FORBIDDEN');

    const earlier = await signUp(t, '먼저 온 사람');
    const taken = await request(earlier);
    await t.ok(ACCEPT, { offerId: (await sent(taken.id, startsAt)).id, key: 'first' }, earlier.token);
    expect(codeOf(await offer(consultation.id, hoursAfter(startsAt, 1)))).toBe('SLOT_UNAVAILABLE');

    const older = await sent(consultation.id, hoursAfter(startsAt, 3));
    const newer = await sent(consultation.id, hoursAfter(startsAt, 5), { price: 50_000 });
    expect((await view(consultation.id)).offers.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
      [older.id, 'WITHDRAWN'],
      [newer.id, 'PENDING'],
    ]);
    expect(codeOf(await accept(older.id, 'withdrawn'))).toBe('INVALID_STATE');
  });

  it('declining: the agency DECLINES, the buyer CANCELS; a pending offer is declined with it', async () => {
    const byAgency = await request();
    const pending = await sent(byAgency.id, seoulAt(t, 6, 10));
    expect((await t.ok(DECLINE, { id: byAgency.id, reason: '해당 지역은 어렵습니다' }, agency.owner.token)).declineConsultation).toMatchObject({
      status: 'DECLINED',
      offers: [{ status: 'DECLINED' }],
    });
    expect(codeOf(await accept(pending.id, 'declined'))).toBe('INVALID_STATE');
    const byBuyer = await request();
    expect((await t.ok(DECLINE, { id: byBuyer.id, reason: '다른 곳을 찾았어요' }, buyer.token)).declineConsultation.status).toBe('CANCELLED');
    expect(codeOf(await t.gql(DECLINE, { id: byBuyer.id, reason: '다시' }, buyer.token))).toBe('INVALID_STATE');
  });

  it('an unanswered offer expires by job; the agency may offer again', async () => {
    const consultation = await request();
    const startsAt = seoulAt(t, 3, 9);
    const made = await sent(consultation.id, startsAt, { expiresAt: hoursAfter(serverNow(t).toISOString(), 2) });
    await advanceTo(t, operator, hoursAfter(made.expiresAt, 0.01));
    expect(await view(consultation.id)).toMatchObject({ status: 'EXPIRED', offers: [{ status: 'EXPIRED' }] });
    expect(codeOf(await accept(made.id, 'expired'))).toBe('INVALID_STATE');
    const renewed = await sent(consultation.id, seoulAt(t, 3, 11));
    expect((await view(consultation.id)).status).toBe('OFFERED');
    expect(codeOf(await offer(consultation.id, seoulAt(t, 3, 12), { expiresAt: seoulAt(t, 3, 13) }))).toBe('BAD_USER_INPUT');
    expect((await accept(renewed.id, 'renewed')).data!.acceptOffer.status).toBe('PENDING_PAYMENT');
  });

  it('a suspended agency’s offers cannot be accepted nor new ones sent until it is reinstated', async () => {
    const suspendable = await activePartnerAgency(t, operator, { name: '정지될 협동조합' });
    const consulted = await bookableService(t, suspendable, { requiresConsultation: true });
    const consultation = await request(buyer, { listingId: consulted });
    const startsAt = seoulAt(t, 7, 10);
    const made = (
      await t.ok(OFFER, { input: { consultationId: consultation.id, price: 40_000, startsAt, endsAt: hoursAfter(startsAt, 1) } }, suspendable.owner.token)
    ).sendOffer;
    await t.ok(SUSPEND, { id: suspendable.id, reason: '민원 조사' }, operator);
    expect(codeOf(await accept(made.id, 'while-suspended'))).toBe('INVALID_STATE');
    const again = await t.gql(
      OFFER,
      { input: { consultationId: consultation.id, price: 40_000, startsAt, endsAt: hoursAfter(startsAt, 1) } },
      suspendable.owner.token,
    );
    expect(codeOf(again)).toBe('INVALID_STATE');
    expect((await view(consultation.id)).offers).toMatchObject([{ id: made.id, status: 'PENDING' }]);
    await t.ok(REINSTATE, { id: suspendable.id }, operator);
    expect((await accept(made.id, 'reinstated')).data!.acceptOffer.status).toBe('PENDING_PAYMENT');
  });

  it('only the two parties and operators read a consultation; members of the agency cannot request one', async () => {
    const consultation = await request();
    const stranger = await signUp(t, '남');
    const otherAgency = await activePartnerAgency(t, operator, { name: '다른 협동조합' });
    for (const token of [stranger.token, otherAgency.owner.token]) {
      expect(codeOf(await t.gql(CONSULTATION, { id: consultation.id }, token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(MESSAGE, { id: consultation.id, body: '안녕하세요' }, token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(DECLINE, { id: consultation.id, reason: '?' }, token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(`query($id: ID!) { partnerAgencyConsultations(partnerAgencyId: $id) { totalCount } }`, { id: agency.id }, token))).toBe(
        'NOT_FOUND',
      );
    }
    expect((await view(consultation.id, operator)).id).toBe(consultation.id);
    expect(codeOf(await t.gql(MESSAGE, { id: consultation.id, body: '운영팀입니다' }, operator))).toBe('FORBIDDEN');
    const staff = await agencyMember(t, agency, 'STAFF');
    expect((await view(consultation.id, staff.token)).id).toBe(consultation.id);
    expect(codeOf(await t.gql(MESSAGE, { id: consultation.id, body: '확인했습니다' }, staff.token))).toBe('FORBIDDEN');
    const ownRequest = await t.gql(REQUEST, { input: { listingId, message: '우리 것' } }, staff.token);
    expect(codeOf(ownRequest)).toBe('FORBIDDEN');
    const contact = `query($id: ID!) { consultation(id: $id) { buyer { email } } }`;
    expect((await t.ok(contact, { id: consultation.id }, staff.token)).consultation.buyer.email).toBe(buyer.email);
  });

  it('lists: mine and the agency’s, filtered by status, with a constant number of SQL statements', async () => {
    const regular = await signUp(t, '단골');
    for (let i = 0; i < 5; i++) await request(regular, { message: `문의 ${i}` });
    const mine = `query($first: Int, $status: ConsultationStatus) { myConsultations(first: $first, status: $status) { totalCount nodes { ${CONSULTATION_FIELDS} } } }`;
    const statements = async (first: number) => {
      t.queries.count = 0;
      const page = (await t.ok(mine, { first }, regular.token)).myConsultations;
      expect(page).toMatchObject({ totalCount: 5 });
      expect(page.nodes).toHaveLength(first);
      return t.queries.count;
    };
    expect(await statements(5)).toBe(await statements(1));
    expect((await t.ok(mine, { status: 'OFFERED' }, regular.token)).myConsultations.totalCount).toBe(0);
    const agencyList = `query($id: ID!, $first: Int) { partnerAgencyConsultations(partnerAgencyId: $id, first: $first) { totalCount nodes { id buyer { name } } } }`;
    const page = (await t.ok(agencyList, { id: agency.id, first: 3 }, agency.owner.token)).partnerAgencyConsultations;
    expect(page.nodes).toHaveLength(3);
    expect(page.totalCount).toBeGreaterThanOrEqual(5);
  });
});
