import { createHmac } from 'node:crypto';
import request from 'supertest';
import { ClockService, JobQueueService } from '../../libs/common/src/index.js';
import { SIMULATED_SIGNATURE_HEADER, SIMULATED_TRACKING_WEBHOOK_SECRET } from '../../libs/commerce/src/tracking/simulated-tracking-provider.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { advanceTo } from '../support/booking.js';
import { goodsListing, paidOrder as paidOrderOf } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const SHIPMENT_FIELDS = `id carrier carrierName trackingNumber trackingUrl shippedAt firstScanAt deliveredAt deliveryAssumed lines { id } order { id }`;
const FULFILMENT_FIELDS = `id status dispatchDeadline deliveredAt autoConfirmAt confirmedAt
  dispatchDelay { previousDeadline newDeadline reason note createdAt }
  shipments { ${SHIPMENT_FIELDS} } lines { id shipment { id } }`;
const SHIP = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { ${FULFILMENT_FIELDS} } }`;
const UPDATE_SHIPMENT = `mutation($input: UpdateShipmentInput!) { updateShipment(input: $input) { ${SHIPMENT_FIELDS} } }`;
const MARK_DELIVERED = `mutation($id: ID!) { markShipmentDelivered(shipmentId: $id) { ${SHIPMENT_FIELDS} } }`;
const DELAY = `mutation($input: DelayDispatchInput!) { delayDispatch(input: $input) { ${FULFILMENT_FIELDS} } }`;
const CONFIRM = `mutation($id: ID!) { confirmOrder(orderId: $id) { ${FULFILMENT_FIELDS} } }`;
const ORDER = `query($id: ID!) { order(id: $id) { ${FULFILMENT_FIELDS} } }`;
const STRIKES = `query($id: ID!) { partnerAgency(id: $id) { strikes { reason createdAt order { id } } } }`;
const OVERDUE = `query($id: ID!) { partnerAgencyOrders(partnerAgencyId: $id, overdueOnly: true, first: 50) { nodes { id } } }`;
const SEARCH = `query($search: String!) { listings(filter: { search: $search, kind: GOODS }) { nodes { id } } }`;
const SET_NON_BUSINESS_DAYS = `mutation($year: Int!, $days: [NonBusinessDayInput!]!) { setNonBusinessDays(year: $year, days: $days) { date } }`;

/** docs/RULES.md §17 and §26 over HTTP, on one timeline that starts Friday 2027-03-12 15:00 KST with Tuesday 03-16 closed. */
describe('shipping, deadlines, delivery and confirmation of orders (docs/RULES.md §17, §26)', () => {
  let t: TestApp;
  let operator: string;
  let sunny: Agency;
  let staff: User;
  let rice: string;
  let tofu: string;
  let buyer: User;
  let stranger: User;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    // Friday 2027-03-12 15:00 KST; the agency is made then, so its dues stay current.
    await advanceTo(t, operator, '2027-03-12T06:00:00Z');
    await t.ok(SET_NON_BUSINESS_DAYS, { year: 2027, days: [{ date: '2027-03-16', name: '임시공휴일' }] }, operator);
    sunny = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    staff = await agencyMember(t, sunny, 'STAFF');
    rice = await goodsListing(t, sunny, { stock: 500 }, { title: '유기농 현미 5kg' });
    tofu = await goodsListing(t, sunny, { stock: 500 }, { title: '손두부' });
    buyer = await signUp(t, '김구매');
    stranger = await signUp(t, '남');
  });
  afterAll(() => t.close());

  /** A PAID order of `lines` bought by `buyer`; its id and line ids. */
  const paidOrder = (lines: Array<[string, number]> = [[rice, 1]]) => paidOrderOf(t, buyer.token, lines);
  const ship = (input: Record<string, unknown>, token = sunny.owner.token) => t.gql(SHIP, { input }, token);
  const order = async (id: string) => (await t.ok(ORDER, { id }, buyer.token)).order;
  const strikesOf = async (orderId: string) =>
    (await t.ok(STRIKES, { id: sunny.id }, operator)).partnerAgency.strikes.filter((strike: { order: { id: string } | null }) => strike.order?.id === orderId);
  const codeOf = (res: { errors?: Array<{ extensions: { code: string } }> }) => res.errors?.[0]?.extensions.code;

  let partial: { id: string; lineIds: string[] };
  let scanned: { id: string; shipmentId: string };
  let neverScanned: string;
  let delayed: string;
  let unshipped: string;
  let fullPath: string;
  let assumed: string;
  let pushed: string;

  it('shipOrder: who may, formats, partial shipment stays PAID, the rest makes it SHIPPED, a number once (CONFLICT)', async () => {
    partial = await paidOrder([
      [rice, 1],
      [tofu, 2],
    ]);
    const cj = { orderId: partial.id, carrier: 'CJ_LOGISTICS', trackingNumber: '1234-5678-9012', orderLineIds: [partial.lineIds[0]] };
    expect(codeOf(await ship(cj, staff.token))).toBe('FORBIDDEN');
    expect(codeOf(await ship(cj, buyer.token))).toBe('FORBIDDEN');
    expect(codeOf(await ship(cj, stranger.token))).toBe('NOT_FOUND');
    const wrong = await ship({ ...cj, trackingNumber: '12345678901' });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.trackingNumber' }] });
    expect((await ship({ ...cj, carrier: 'OTHER' })).errors?.[0].extensions.fields).toEqual([expect.objectContaining({ field: 'input.carrierName' })]);

    const first = (await t.ok(SHIP, { input: cj }, sunny.owner.token)).shipOrder;
    expect(first.status).toBe('PAID');
    expect(first.shipments).toEqual([
      expect.objectContaining({
        carrier: 'CJ_LOGISTICS',
        trackingNumber: '123456789012',
        trackingUrl: 'https://trace.cjlogistics.com/next/tracking.html?wblNo=123456789012',
        shippedAt: expect.stringMatching(/^2027-03-12T06:/),
        firstScanAt: null,
        deliveryAssumed: false,
        lines: [{ id: partial.lineIds[0] }],
        order: { id: partial.id },
      }),
    ]);
    expect(codeOf(await ship(cj))).toBe('INVALID_STATE');
    const other = await paidOrder();
    expect(codeOf(await ship({ orderId: other.id, carrier: 'CJ_LOGISTICS', trackingNumber: '123456789012' }))).toBe('CONFLICT');

    const rest = (await t.ok(SHIP, { input: { orderId: partial.id, carrier: 'DIRECT' } }, operator)).shipOrder;
    expect(rest.status).toBe('SHIPPED');
    expect(rest.shipments[1]).toMatchObject({ carrier: 'DIRECT', trackingNumber: null, trackingUrl: null, lines: [{ id: partial.lineIds[1] }] });
    expect(rest.lines).toEqual([
      { id: partial.lineIds[0], shipment: { id: rest.shipments[0].id } },
      { id: partial.lineIds[1], shipment: { id: rest.shipments[1].id } },
    ]);
    expect(codeOf(await ship({ orderId: partial.id, carrier: 'DIRECT' }))).toBe('INVALID_STATE');
  });

  it('two concurrent shipOrder calls with one number on two orders: exactly one wins, the other is CONFLICT', async () => {
    const [a, b] = [await paidOrder(), await paidOrder()];
    const results = await Promise.all([a, b].map((o) => ship({ orderId: o.id, carrier: 'HANJIN', trackingNumber: '5555-1234-5678' })));
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    const statuses = await Promise.all([a, b].map(async (o) => (await order(o.id)).status));
    expect(statuses.sort()).toEqual(['PAID', 'SHIPPED']);
  });

  it('markShipmentDelivered: the agency for DIRECT and OTHER parcels, operators for any; once', async () => {
    const [cjParcel, directParcel] = (await order(partial.id)).shipments;
    expect(codeOf(await t.gql(MARK_DELIVERED, { id: cjParcel.id }, sunny.owner.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(MARK_DELIVERED, { id: directParcel.id }, staff.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(MARK_DELIVERED, { id: directParcel.id }, stranger.token))).toBe('NOT_FOUND');
    const marked = (await t.ok(MARK_DELIVERED, { id: directParcel.id }, sunny.owner.token)).markShipmentDelivered;
    expect(marked).toMatchObject({ deliveredAt: expect.stringMatching(/^2027-03-12T06:/), deliveryAssumed: false });
    expect(codeOf(await t.gql(MARK_DELIVERED, { id: directParcel.id }, sunny.owner.token))).toBe('INVALID_STATE');
    expect((await order(partial.id)).status).toBe('SHIPPED');
    const last = (await t.ok(MARK_DELIVERED, { id: cjParcel.id }, operator)).markShipmentDelivered;
    // DELIVERED when every parcel is, at the last one's delivery; it confirms itself 8 days later.
    const delivered = await order(partial.id);
    expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredAt: last.deliveredAt });
    expect(new Date(delivered.autoConfirmAt).getTime() - new Date(last.deliveredAt).getTime()).toBe(8 * 86_400_000);
  });

  it('confirmOrder: the buyer, once SHIPPED or DELIVERED; others FORBIDDEN; a PAID order INVALID_STATE', async () => {
    expect(codeOf(await t.gql(CONFIRM, { id: partial.id }, sunny.owner.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CONFIRM, { id: partial.id }, stranger.token))).toBe('NOT_FOUND');
    const confirmed = (await t.ok(CONFIRM, { id: partial.id }, buyer.token)).confirmOrder;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', confirmedAt: expect.stringMatching(/^2027-03-12T06:/) });
    expect(codeOf(await t.gql(CONFIRM, { id: partial.id }, buyer.token))).toBe('INVALID_STATE');
    const notShipped = await paidOrder();
    expect(codeOf(await t.gql(CONFIRM, { id: notShipped.id }, buyer.token))).toBe('INVALID_STATE');
  });

  it('delayDispatch: once, before the deadline, up to L + 14 days; the old deadline no longer counts', async () => {
    delayed = (await paidOrder()).id;
    unshipped = (await paidOrder()).id;
    // §14 with Tue 03-16 closed: paid Fri 03-12 15:00 KST, N = 3 → Mon 15, Wed 17, Thu 18 → 2027-03-19 00:00 KST.
    expect((await order(delayed)).dispatchDeadline).toBe('2027-03-18T15:00:00.000Z');
    const input = { orderId: delayed, newDispatchDate: '2027-04-02', reason: 'RESTOCKING', note: ' 재입고 후 발송합니다 ' };
    expect((await t.gql(DELAY, { input }, sunny.owner.token)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.newDispatchDate' }],
    });
    expect(codeOf(await t.gql(DELAY, { input: { ...input, newDispatchDate: '2027-03-11' } }, sunny.owner.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(DELAY, { input: { ...input, newDispatchDate: '2027-04-01' } }, buyer.token))).toBe('FORBIDDEN');
    const moved = (await t.ok(DELAY, { input: { ...input, newDispatchDate: '2027-04-01' } }, sunny.owner.token)).delayDispatch;
    expect(moved).toMatchObject({
      status: 'PAID',
      dispatchDeadline: '2027-04-01T15:00:00.000Z',
      dispatchDelay: {
        previousDeadline: '2027-03-18T15:00:00.000Z',
        newDeadline: '2027-04-01T15:00:00.000Z',
        reason: 'RESTOCKING',
        note: '재입고 후 발송합니다',
        createdAt: expect.stringMatching(/^2027-03-12T06:/),
      },
    });
    expect(codeOf(await t.gql(DELAY, { input: { ...input, newDispatchDate: '2027-03-30' } }, sunny.owner.token))).toBe('INVALID_STATE');
  });

  it('ships the parcels the later steps follow: the full path from search, a never-scanned number, an OTHER parcel, a pushed one', async () => {
    const found = (await t.ok(SEARCH, { search: '현미' }, buyer.token)).listings.nodes.map((node: { id: string }) => node.id);
    expect(found).toContain(rice);
    fullPath = (await paidOrder([[rice, 2]])).id;
    const shipped = (await t.ok(SHIP, { input: { orderId: fullPath, carrier: 'LOGEN', trackingNumber: '31234567890' } }, sunny.owner.token)).shipOrder;
    scanned = { id: fullPath, shipmentId: shipped.shipments[0].id };
    expect(shipped.status).toBe('SHIPPED');

    neverScanned = (await paidOrder()).id;
    const fake = (await t.ok(SHIP, { input: { orderId: neverScanned, carrier: 'LOTTE', trackingNumber: '999000111' } }, sunny.owner.token)).shipOrder;
    // Before its first scan a parcel may be corrected; the scan check starts again from the correction.
    const corrected = (
      await t.ok(UPDATE_SHIPMENT, { input: { shipmentId: fake.shipments[0].id, carrier: 'CJ_LOGISTICS', trackingNumber: '9990001112' } }, sunny.owner.token)
    ).updateShipment;
    expect(corrected).toMatchObject({ carrier: 'CJ_LOGISTICS', trackingNumber: '9990001112', firstScanAt: null });
    expect(
      codeOf(await t.gql(UPDATE_SHIPMENT, { input: { shipmentId: corrected.id, carrier: 'LOGEN', trackingNumber: '31234567890' } }, sunny.owner.token)),
    ).toBe('CONFLICT');

    assumed = (await paidOrder()).id;
    await t.ok(SHIP, { input: { orderId: assumed, carrier: 'OTHER', carrierName: '천일택배', trackingNumber: '123456789' } }, sunny.owner.token);
    pushed = (await paidOrder()).id;
    await t.ok(SHIP, { input: { orderId: pushed, carrier: 'KOREA_POST', trackingNumber: '9991234567890' } }, sunny.owner.token);
  });

  it('the simulated tracker scans at registration; then updateShipment is INVALID_STATE', async () => {
    await advanceTo(t, operator, '2027-03-12T06:30:00Z');
    const [parcel] = (await order(scanned.id)).shipments;
    expect(parcel.firstScanAt).toBe(parcel.shippedAt);
    expect(parcel.deliveredAt).toBeNull();
    const res = await t.gql(UPDATE_SHIPMENT, { input: { shipmentId: scanned.shipmentId, carrier: 'LOGEN', trackingNumber: '31234567899' } }, sunny.owner.token);
    expect(codeOf(res)).toBe('INVALID_STATE');
    expect((await order(neverScanned)).shipments[0].firstScanAt).toBeNull();
  });

  it('POST /webhooks/tracking/:provider: verified, applied once when sent twice; unknown provider 404, bad signature 401, unreadable 400', async () => {
    const server = t.app.getHttpServer();
    const body = JSON.stringify({
      events: [
        { eventId: 'push-1', carrier: 'KOREA_POST', trackingNumber: '9991234567890', firstScanAt: '2027-03-12T06:40:00Z', deliveredAt: '2027-03-12T06:45:00Z' },
      ],
    });
    const sign = (raw: string) => createHmac('sha256', SIMULATED_TRACKING_WEBHOOK_SECRET).update(raw).digest('hex');
    const post = (provider: string, raw: string, signature: string) =>
      request(server).post(`/webhooks/tracking/${provider}`).set('content-type', 'application/json').set(SIMULATED_SIGNATURE_HEADER, signature).send(raw);
    expect((await post('sweettracker', body, sign(body))).status).toBe(404);
    expect((await post('simulated', body, sign(`${body} `))).status).toBe(401);
    expect((await post('simulated', '{"events": 1}', sign('{"events": 1}'))).status).toBe(400);
    const first = await post('simulated', body, sign(body));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 1, applied: 1 });
    expect((await post('simulated', body, sign(body))).body).toEqual({ received: 1, applied: 0 });
    const delivered = await order(pushed);
    expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredAt: '2027-03-12T06:45:00.000Z', autoConfirmAt: '2027-03-20T06:45:00.000Z' });
    expect(delivered.shipments[0]).toMatchObject({ firstScanAt: '2027-03-12T06:40:00.000Z', deliveredAt: '2027-03-12T06:45:00.000Z' });
  });

  it('a late worker records LATE_SHIPMENT and MISSING_TRACKING_NUMBER at their due times, once per order; overdueOnly lists PAID orders past the deadline', async () => {
    const clock = t.app.get(ClockService);
    // The worker is down: the clock passes the scan deadline (Wed 03-17 end) and the dispatch deadline (Thu 03-18 end).
    clock.moveTo(new Date('2027-03-19T00:00:00Z'));
    const overdue = (await t.ok(OVERDUE, { id: sunny.id }, sunny.owner.token)).partnerAgencyOrders.nodes.map((node: { id: string }) => node.id);
    expect(overdue).toContain(unshipped);
    expect(overdue).not.toContain(delayed);
    expect(overdue).not.toContain(fullPath);
    expect(codeOf(await t.gql(DELAY, { input: { orderId: unshipped, newDispatchDate: '2027-03-25', reason: 'OTHER' } }, sunny.owner.token))).toBe(
      'INVALID_STATE',
    );
    // Shipped late, before the job ran: still late at the deadline.
    await t.ok(SHIP, { input: { orderId: unshipped, carrier: 'DIRECT' } }, sunny.owner.token);
    await t.app.get(JobQueueService).runDue();

    expect(await strikesOf(unshipped)).toEqual([{ reason: 'LATE_SHIPMENT', createdAt: '2027-03-18T15:00:00.000Z', order: { id: unshipped } }]);
    expect(await strikesOf(neverScanned)).toEqual([{ reason: 'MISSING_TRACKING_NUMBER', createdAt: '2027-03-17T15:00:00.000Z', order: { id: neverScanned } }]);
    expect(await strikesOf(delayed)).toEqual([]);
    expect(await strikesOf(fullPath)).toEqual([]);
    // Delivered 18:00 KST on the 2nd business day after registration (Wed 03-17, Tue 03-16 being closed), recorded then.
    expect(await order(fullPath)).toMatchObject({ status: 'DELIVERED', deliveredAt: '2027-03-17T09:00:00.000Z', autoConfirmAt: '2027-03-25T09:00:00.000Z' });

    await advanceTo(t, operator, '2027-03-20T00:00:00Z');
    expect(await strikesOf(unshipped)).toHaveLength(1);
    expect(await strikesOf(neverScanned)).toHaveLength(1);
  });

  it('assumed delivery 7 days after shipping, then auto-confirm 8 days after delivery; the full path ends CONFIRMED', async () => {
    await advanceTo(t, operator, '2027-03-21T00:00:00Z');
    const other = await order(assumed);
    expect(other.shipments[0]).toMatchObject({ firstScanAt: null, deliveredAt: expect.stringMatching(/^2027-03-19T06:/), deliveryAssumed: true });
    expect(other.status).toBe('DELIVERED');
    expect((await order(pushed)).status).toBe('CONFIRMED');

    await advanceTo(t, operator, '2027-03-26T00:00:00Z');
    expect(await order(fullPath)).toMatchObject({ status: 'CONFIRMED', confirmedAt: '2027-03-25T09:00:00.000Z' });
    await advanceTo(t, operator, '2027-03-28T00:00:00Z');
    expect((await order(assumed)).status).toBe('CONFIRMED');
  });

  it('the delayed order is judged at its new deadline', async () => {
    await advanceTo(t, operator, '2027-04-02T00:00:00Z');
    expect(await strikesOf(delayed)).toEqual([{ reason: 'LATE_SHIPMENT', createdAt: '2027-04-01T15:00:00.000Z', order: { id: delayed } }]);
  });
});
