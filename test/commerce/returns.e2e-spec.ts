import { createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SIMULATED_SIGNATURE_HEADER, SIMULATED_TRACKING_WEBHOOK_SECRET } from '../../libs/commerce/src/tracking/simulated-tracking-provider.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { advanceTo, codeOf } from '../support/booking.js';
import { goodsListing, paidOrder as paidOrderOf } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const RETURN_FIELDS = `id number status reason resolution note returnShippingDeduction refundAmount pickupCarrier pickupTrackingNumber
  rejectionReason acceptBy completeBy requestedAt receivedAt completedAt lines { quantity orderLine { id } } order { id }
  replacementShipment { id carrier lines { id } replacementFor { id } }`;
const ORDER_FIELDS = `id status refundedAmount deliveredAt autoConfirmAt confirmedAt payment { status }
  lines { id quantity returnedQuantity refundedAmount paidAmount } returns { id status } shipments { id replacementFor { id } }`;
const ORDER = `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const REQUEST = `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { ${RETURN_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawReturn(returnRequestId: $id) { ${RETURN_FIELDS} } }`;
const ACCEPT = `mutation($input: AcceptReturnInput!) { acceptReturn(input: $input) { ${RETURN_FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectReturn(returnRequestId: $id, reason: $reason) { ${RETURN_FIELDS} } }`;
const RECEIVED = `mutation($id: ID!) { markReturnReceived(returnRequestId: $id) { ${RETURN_FIELDS} } }`;
const COMPLETE = `mutation($input: CompleteReturnInput!) { completeReturn(input: $input) { ${RETURN_FIELDS} } }`;
const REFUND_ORDER = `mutation($input: RefundOrderInput!) { refundOrder(input: $input) { ${ORDER_FIELDS} } }`;
const AGENCY_RETURNS = `query($id: ID!, $status: ReturnStatus) { partnerAgencyReturns(partnerAgencyId: $id, status: $status, first: 50) { totalCount nodes { id status } } }`;
const SHIP = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { shipments { id } } }`;
const MARK_DELIVERED = `mutation($id: ID!) { markShipmentDelivered(shipmentId: $id) { deliveredAt } }`;
const CONFIRM = `mutation($id: ID!) { confirmOrder(orderId: $id) { status } }`;
const TRIAL_BALANCE = `{ ledgerTrialBalance { total balanced } }`;
const DAY_MS = 24 * 3600_000;

/** docs/RULES.md §18 and §26 over HTTP, on one timeline from Monday 2027-04-05 10:00 KST (no holiday in the weeks used). */
describe('returns, exchanges and the operator’s refundOrder (docs/RULES.md §18)', () => {
  let t: TestApp;
  let operator: string;
  let shop: Agency;
  let staff: User;
  let buyer: User;
  let stranger: User;
  let rice: string;
  let tofu: string;
  let kimchi: string;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await advanceTo(t, operator, '2027-04-05T01:00:00Z');
    shop = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    staff = await agencyMember(t, shop, 'STAFF');
    rice = await goodsListing(t, shop, { stock: 500, freeShippingOver: null, returnShippingFee: 4_000 }, { title: '유기농 현미 5kg', price: 12_000 });
    tofu = await goodsListing(t, shop, { stock: 500, freeShippingOver: null }, { title: '손두부', price: 8_000 });
    kimchi = await goodsListing(t, shop, { stock: 500, freeShippingOver: null, perishable: true }, { title: '배추김치', price: 20_000 });
    buyer = await signUp(t, '김구매');
    stranger = await signUp(t, '남');
  });
  afterAll(() => t.close());

  const paidOrder = (lines: Array<[string, number]>) => paidOrderOf(t, buyer.token, lines);
  /** Shipped by the agency itself (DIRECT) and, unless told otherwise, marked delivered now. */
  async function shipped(orderId: string, { deliver = true } = {}): Promise<string> {
    const [shipment] = (await t.ok(SHIP, { input: { orderId, carrier: 'DIRECT' } }, shop.owner.token)).shipOrder.shipments;
    if (deliver) await t.ok(MARK_DELIVERED, { id: shipment.id }, shop.owner.token);
    return shipment.id;
  }
  const order = async (id: string) => (await t.ok(ORDER, { id }, buyer.token)).order;
  const requestReturn = (input: Record<string, unknown>, token = buyer.token) => t.gql(REQUEST, { input }, token);
  const requested = async (input: Record<string, unknown>) => (await t.ok(REQUEST, { input }, buyer.token)).requestReturn;
  const fieldsOf = (res: { errors?: Array<{ extensions: Record<string, unknown> }> }) =>
    (res.errors?.[0].extensions.fields as Array<{ field: string }> | undefined)?.map((problem) => problem.field);
  const trialBalance = async () => (await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance;
  /** Accepted and received by the agency's owner. */
  async function received(id: string) {
    await t.ok(ACCEPT, { input: { returnRequestId: id } }, shop.owner.token);
    return (await t.ok(RECEIVED, { id }, shop.owner.token)).markReturnReceived;
  }

  it('change of mind: the largest returnShippingFee once, who may act, the order kept open then RETURNED when nothing is kept', async () => {
    const bought = await paidOrder([
      [rice, 2],
      [tofu, 1],
    ]);
    await shipped(bought.id);
    const delivered = await order(bought.id);
    expect(delivered).toMatchObject({ status: 'DELIVERED', autoConfirmAt: new Date(Date.parse(delivered.deliveredAt) + 8 * DAY_MS).toISOString() });

    const request = await requested({
      orderId: bought.id,
      reason: 'CHANGE_OF_MIND',
      resolution: 'REFUND',
      note: ' 생각보다 많아요 ',
      lines: [
        { orderLineId: bought.lineIds[0], quantity: 1 },
        { orderLineId: bought.lineIds[1], quantity: 1 },
      ],
    });
    // Deduction: the larger of rice's 4,000 and tofu's 3,000 (its shippingFee), once; the estimate 12,000 + 8,000 − 4,000.
    expect(request).toMatchObject({
      number: expect.stringMatching(/^X270405-[0-9A-Z]{6}$/),
      status: 'REQUESTED',
      note: '생각보다 많아요',
      returnShippingDeduction: 4_000,
      refundAmount: 16_000,
      acceptBy: '2027-04-08T15:00:00.000Z',
      completedAt: null,
      order: { id: bought.id },
      lines: [
        { quantity: 1, orderLine: { id: bought.lineIds[0] } },
        { quantity: 1, orderLine: { id: bought.lineIds[1] } },
      ],
    });
    expect((await order(bought.id)).autoConfirmAt).toBeNull();
    expect(
      codeOf(await requestReturn({ orderId: bought.id, reason: 'DEFECTIVE', resolution: 'REFUND', lines: [{ orderLineId: bought.lineIds[0], quantity: 1 }] })),
    ).toBe('CONFLICT');
    expect(codeOf(await t.gql(CONFIRM, { id: bought.id }, buyer.token))).toBe('INVALID_STATE');

    const accept = (input: Record<string, unknown>, token: string) => t.gql(ACCEPT, { input: { returnRequestId: request.id, ...input } }, token);
    expect(codeOf(await accept({}, staff.token))).toBe('FORBIDDEN');
    expect(codeOf(await accept({}, buyer.token))).toBe('FORBIDDEN');
    expect(codeOf(await accept({}, stranger.token))).toBe('NOT_FOUND');
    expect(fieldsOf(await accept({ pickupCarrier: 'CJ_LOGISTICS', pickupTrackingNumber: '12345' }, shop.owner.token))).toEqual(['input.pickupTrackingNumber']);
    expect(fieldsOf(await accept({ pickupCarrier: 'DIRECT' }, shop.owner.token))).toEqual(['input.pickupCarrier']);
    const accepted = (await accept({ pickupCarrier: 'CJ_LOGISTICS', pickupTrackingNumber: '1234-5678-9012' }, shop.owner.token)).data!.acceptReturn;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', pickupCarrier: 'CJ_LOGISTICS', pickupTrackingNumber: '123456789012' });
    expect(codeOf(await t.gql(COMPLETE, { input: { returnRequestId: request.id } }, shop.owner.token))).toBe('INVALID_STATE');
    const inHand = (await t.ok(RECEIVED, { id: request.id }, shop.owner.token)).markReturnReceived;
    expect(inHand).toMatchObject({ status: 'RECEIVED', receivedAt: expect.any(String), completeBy: '2027-04-08T15:00:00.000Z' });
    expect(fieldsOf(await t.gql(COMPLETE, { input: { returnRequestId: request.id, replacementCarrier: 'DIRECT' } }, shop.owner.token))).toEqual([
      'input.replacementCarrier',
    ]);

    const completed = (await t.ok(COMPLETE, { input: { returnRequestId: request.id } }, shop.owner.token)).completeReturn;
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      resolution: 'REFUND',
      refundAmount: 16_000,
      returnShippingDeduction: 4_000,
      completedAt: expect.any(String),
    });
    const kept = await order(bought.id);
    expect(kept).toMatchObject({
      status: 'DELIVERED',
      refundedAmount: 16_000,
      payment: { status: 'PARTIALLY_REFUNDED' },
      lines: [
        { returnedQuantity: 1, refundedAmount: 12_000 },
        { returnedQuantity: 1, refundedAmount: 8_000 },
      ],
      returns: [{ id: request.id, status: 'COMPLETED' }],
    });
    // The last return closed at once after delivery: max(deliveredAt + 8 days, closing + 1 day) is the first.
    expect(kept.autoConfirmAt).toBe(delivered.autoConfirmAt);
    expect(await trialBalance()).toEqual({ total: 0, balanced: true });

    // The tofu line has nothing left to send back.
    expect(
      fieldsOf(
        await requestReturn({ orderId: bought.id, reason: 'DEFECTIVE', resolution: 'REFUND', lines: [{ orderLineId: bought.lineIds[1], quantity: 1 }] }),
      ),
    ).toEqual(['input.lines.0.quantity']);
    const last = await requested({
      orderId: bought.id,
      reason: 'CHANGE_OF_MIND',
      resolution: 'REFUND',
      lines: [{ orderLineId: bought.lineIds[0], quantity: 1 }],
    });
    expect(last).toMatchObject({ returnShippingDeduction: 4_000, refundAmount: 8_000 });
    expect(
      codeOf(await requestReturn({ orderId: bought.id, reason: 'DEFECTIVE', resolution: 'REFUND', lines: [{ orderLineId: bought.lineIds[1], quantity: 1 }] })),
    ).toBe('CONFLICT');
    await received(last.id);
    expect((await t.ok(COMPLETE, { input: { returnRequestId: last.id } }, operator)).completeReturn.refundAmount).toBe(8_000);
    // Nothing is kept: RETURNED; a change of mind never gets the 3,000 shipping back.
    expect(await order(bought.id)).toMatchObject({ status: 'RETURNED', refundedAmount: 24_000, lines: [{ returnedQuantity: 2, refundedAmount: 24_000 }, {}] });
    expect(await trialBalance()).toEqual({ total: 0, balanced: true });
    expect(
      codeOf(await requestReturn({ orderId: bought.id, reason: 'DEFECTIVE', resolution: 'REFUND', lines: [{ orderLineId: bought.lineIds[1], quantity: 1 }] })),
    ).toBe('INVALID_STATE');
  });

  it('the seller’s fault, nothing kept: the shipping fee comes back too and the payment is fully refunded', async () => {
    const bought = await paidOrder([[tofu, 2]]);
    await shipped(bought.id);
    const request = await requested({
      orderId: bought.id,
      reason: 'DEFECTIVE',
      resolution: 'REFUND',
      lines: [{ orderLineId: bought.lineIds[0], quantity: 2 }],
    });
    expect(request).toMatchObject({ returnShippingDeduction: 0, refundAmount: 19_000 });
    await received(request.id);
    expect((await t.ok(COMPLETE, { input: { returnRequestId: request.id } }, shop.owner.token)).completeReturn.refundAmount).toBe(19_000);
    expect(await order(bought.id)).toMatchObject({ status: 'RETURNED', refundedAmount: 19_000, payment: { status: 'REFUNDED' } });
    expect(await trialBalance()).toEqual({ total: 0, balanced: true });
  });

  it('one open return per order, also when requests race', async () => {
    const bought = await paidOrder([[tofu, 3]]);
    await shipped(bought.id);
    const input = { orderId: bought.id, reason: 'DAMAGED_IN_DELIVERY', resolution: 'REFUND', lines: [{ orderLineId: bought.lineIds[0], quantity: 1 }] };
    const results = await Promise.all(Array.from({ length: 6 }, () => requestReturn(input)));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors).map(codeOf)).toEqual(Array(5).fill('CONFLICT'));
    expect((await order(bought.id)).returns).toHaveLength(1);
  });

  it('rejecting needs a reason and restarts the timer; only an operator reopens; the buyer withdraws', async () => {
    const bought = await paidOrder([[rice, 1]]);
    await shipped(bought.id);
    const request = await requested({
      orderId: bought.id,
      reason: 'NOT_AS_DESCRIBED',
      resolution: 'REFUND',
      lines: [{ orderLineId: bought.lineIds[0], quantity: 1 }],
    });
    expect(fieldsOf(await t.gql(REJECT, { id: request.id, reason: '  ' }, shop.owner.token))).toEqual(['reason']);
    expect(codeOf(await t.gql(REJECT, { id: request.id, reason: '설명과 같음' }, staff.token))).toBe('FORBIDDEN');
    const rejected = (await t.ok(REJECT, { id: request.id, reason: ' 설명과 같음 ' }, shop.owner.token)).rejectReturn;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: '설명과 같음' });
    expect((await order(bought.id)).autoConfirmAt).not.toBeNull();
    expect(codeOf(await t.gql(ACCEPT, { input: { returnRequestId: request.id } }, shop.owner.token))).toBe('FORBIDDEN');
    expect((await t.ok(ACCEPT, { input: { returnRequestId: request.id } }, operator)).acceptReturn.status).toBe('ACCEPTED');
    expect((await order(bought.id)).autoConfirmAt).toBeNull();
    expect(codeOf(await t.gql(WITHDRAW, { id: request.id }, shop.owner.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(WITHDRAW, { id: request.id }, stranger.token))).toBe('NOT_FOUND');
    expect((await t.ok(WITHDRAW, { id: request.id }, buyer.token)).withdrawReturn.status).toBe('WITHDRAWN');
    expect(codeOf(await t.gql(WITHDRAW, { id: request.id }, buyer.token))).toBe('INVALID_STATE');
    expect((await order(bought.id)).autoConfirmAt).not.toBeNull();

    const listed = async (token: string, status: string | null) => await t.gql(AGENCY_RETURNS, { id: shop.id, status }, token);
    expect((await listed(staff.token, 'WITHDRAWN')).data!.partnerAgencyReturns.nodes).toContainEqual({ id: request.id, status: 'WITHDRAWN' });
    expect((await listed(shop.owner.token, 'REQUESTED')).data!.partnerAgencyReturns.nodes).not.toContainEqual(expect.objectContaining({ id: request.id }));
    expect(codeOf(await listed(stranger.token, null))).toBe('NOT_FOUND');
  });

  it('exchange: a replacement parcel, then auto-confirm 8 days after the replacement’s delivery', async () => {
    const bought = await paidOrder([[rice, 1]]);
    await shipped(bought.id);
    const request = await requested({
      orderId: bought.id,
      reason: 'DEFECTIVE',
      resolution: 'EXCHANGE',
      lines: [{ orderLineId: bought.lineIds[0], quantity: 1 }],
    });
    expect(request).toMatchObject({ resolution: 'EXCHANGE', refundAmount: 0, returnShippingDeduction: 0 });
    await received(request.id);
    expect(fieldsOf(await t.gql(COMPLETE, { input: { returnRequestId: request.id } }, shop.owner.token))).toEqual(['input.replacementCarrier']);
    expect(
      fieldsOf(
        await t.gql(COMPLETE, { input: { returnRequestId: request.id, replacementCarrier: 'KOREA_POST', replacementTrackingNumber: '123' } }, shop.owner.token),
      ),
    ).toEqual(['input.replacementTrackingNumber']);
    const completed = (await t.ok(COMPLETE, { input: { returnRequestId: request.id, replacementCarrier: 'DIRECT' } }, shop.owner.token)).completeReturn;
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      refundAmount: 0,
      replacementShipment: { carrier: 'DIRECT', lines: [{ id: bought.lineIds[0] }], replacementFor: { id: request.id } },
    });
    const waiting = await order(bought.id);
    expect(waiting).toMatchObject({ status: 'DELIVERED', refundedAmount: 0, autoConfirmAt: null, lines: [{ returnedQuantity: 0 }] });
    expect(waiting.shipments).toEqual([
      { id: expect.any(String), replacementFor: null },
      { id: completed.replacementShipment.id, replacementFor: { id: request.id } },
    ]);

    await advanceTo(t, operator, '2027-04-06T01:00:00Z');
    const { deliveredAt } = (await t.ok(MARK_DELIVERED, { id: completed.replacementShipment.id }, shop.owner.token)).markShipmentDelivered;
    const replaced = await order(bought.id);
    expect(replaced.autoConfirmAt).toBe(new Date(Date.parse(deliveredAt) + 8 * DAY_MS).toISOString());
    await advanceTo(t, operator, replaced.autoConfirmAt);
    expect((await order(bought.id)).status).toBe('CONFIRMED');
  });

  it('windows: change of mind until deliveredAt + 7 days (also before delivery), never for perishable goods once delivered; other reasons until confirmation', async () => {
    const bought = await paidOrder([
      [kimchi, 1],
      [rice, 1],
    ]);
    const shipment = await shipped(bought.id, { deliver: false });
    const [kimchiLine, riceLine] = bought.lineIds;
    const early = await requested({ orderId: bought.id, reason: 'CHANGE_OF_MIND', resolution: 'REFUND', lines: [{ orderLineId: kimchiLine, quantity: 1 }] });
    await t.ok(WITHDRAW, { id: early.id }, buyer.token);
    await t.ok(MARK_DELIVERED, { id: shipment }, shop.owner.token);
    const { deliveredAt } = await order(bought.id);

    const changeOfMind = (orderLineId: string, resolution = 'REFUND') =>
      requestReturn({ orderId: bought.id, reason: 'CHANGE_OF_MIND', resolution, lines: [{ orderLineId, quantity: 1 }] });
    expect(codeOf(await changeOfMind(kimchiLine))).toBe('INVALID_STATE');
    expect(fieldsOf(await changeOfMind(riceLine, 'EXCHANGE'))).toEqual(['input.resolution']);
    // The test clock runs on from where it is moved: just before the window's end, then just after it.
    await advanceTo(t, operator, new Date(Date.parse(deliveredAt) + 7 * DAY_MS - 5_000).toISOString());
    const lastMoment = await changeOfMind(riceLine);
    expect(lastMoment.errors).toBeUndefined();
    await t.ok(WITHDRAW, { id: lastMoment.data!.requestReturn.id }, buyer.token);
    await advanceTo(t, operator, new Date(Date.parse(deliveredAt) + 7 * DAY_MS + 1000).toISOString());
    expect(codeOf(await changeOfMind(riceLine))).toBe('INVALID_STATE');
    const defective = await requestReturn({ orderId: bought.id, reason: 'DEFECTIVE', resolution: 'REFUND', lines: [{ orderLineId: kimchiLine, quantity: 1 }] });
    expect(defective.data?.requestReturn.status).toBe('REQUESTED');
  });

  it('acceptBy and completeBy jobs: accepted for the agency, then refunded (an exchange too) with a LATE_RETURN_HANDLING strike at completeBy', async () => {
    // Monday 2027-04-26 10:00 KST, with 어린이날 (Wednesday 05-05) the only non-business day of 2027 here.
    await advanceTo(t, operator, '2027-04-26T01:00:00Z');
    await t.ok(
      `mutation($days: [NonBusinessDayInput!]!) { setNonBusinessDays(year: 2027, days: $days) { date } }`,
      { days: [{ date: '2027-05-05', name: '어린이날' }] },
      operator,
    );
    const bought = await paidOrder([[tofu, 1]]);
    await shipped(bought.id);
    const request = await requested({
      orderId: bought.id,
      reason: 'WRONG_ITEM',
      resolution: 'EXCHANGE',
      lines: [{ orderLineId: bought.lineIds[0], quantity: 1 }],
    });
    expect(request.acceptBy).toBe('2027-04-29T15:00:00.000Z');
    await advanceTo(t, operator, '2027-04-29T15:00:00Z');
    const ACCEPTED = `query($id: ID!) { order(id: $id) { returns { ${RETURN_FIELDS} } } }`;
    expect((await t.ok(ACCEPTED, { id: bought.id }, buyer.token)).order.returns[0].status).toBe('ACCEPTED');
    const inHand = (await t.ok(RECEIVED, { id: request.id }, shop.owner.token)).markReturnReceived;
    // Received Friday 2027-04-30 00:00 KST: Mon 05-03, Tue 05-04, (어린이날), Thu 05-06 → end of Thursday.
    expect(inHand.completeBy).toBe('2027-05-06T15:00:00.000Z');
    await advanceTo(t, operator, '2027-05-07T00:00:00Z');
    const [late] = (await t.ok(ACCEPTED, { id: bought.id }, buyer.token)).order.returns;
    expect(late).toMatchObject({ status: 'COMPLETED', resolution: 'REFUND', refundAmount: 11_000, completedAt: '2027-05-06T15:00:00.000Z' });
    expect(await order(bought.id)).toMatchObject({ status: 'RETURNED', refundedAmount: 11_000 });
    const strikes = await t.app.get(DataSource).query(`SELECT reason, created_at AS "createdAt" FROM strike WHERE order_id = $1`, [bought.id]);
    expect(strikes).toEqual([{ reason: 'LATE_RETURN_HANDLING', createdAt: new Date('2027-05-06T15:00:00.000Z') }]);
    expect(await trialBalance()).toEqual({ total: 0, balanced: true });
  });

  it('refundOrder: operators only, CONFIRMED or RETURNED orders, spread over the lines by what each still has paid, never beyond it', async () => {
    const bought = await paidOrder([
      [rice, 2],
      [tofu, 1],
    ]);
    await shipped(bought.id);
    const refund = (input: Record<string, unknown>, token = operator) =>
      t.gql(REFUND_ORDER, { input: { orderId: bought.id, reason: '분쟁 조정', ...input } }, token);
    expect(codeOf(await refund({ amount: 1_000 }))).toBe('INVALID_STATE');
    await t.ok(CONFIRM, { id: bought.id }, buyer.token);
    expect(codeOf(await refund({ amount: 1_000 }, buyer.token))).toBe('FORBIDDEN');
    expect(codeOf(await refund({ amount: 1_000 }, shop.owner.token))).toBe('FORBIDDEN');
    expect(codeOf(await refund({ amount: 1_000 }, stranger.token))).toBe('NOT_FOUND');
    expect(fieldsOf(await refund({ amount: 1_000, reason: ' ' }))).toEqual(['input.reason']);
    expect(fieldsOf(await refund({ amount: 32_001 }))).toEqual(['input.amount']);
    expect(fieldsOf(await refund({ amount: 0 }))).toEqual(['input.amount']);

    // 10,000 over 24,000 and 8,000: 7,500 and 2,500.
    const first = (await refund({ amount: 10_000 })).data!.refundOrder;
    expect(first).toMatchObject({ status: 'CONFIRMED', refundedAmount: 10_000, lines: [{ refundedAmount: 7_500 }, { refundedAmount: 2_500 }] });
    // 7 over 16,500 and 5,500: floor 5 and 1, the leftover won to the larger.
    const second = (await refund({ amount: 7 })).data!.refundOrder;
    expect(second.lines).toMatchObject([{ refundedAmount: 7_506 }, { refundedAmount: 2_501 }]);
    expect(fieldsOf(await refund({ amount: 21_994 }))).toEqual(['input.amount']);
    const rest = (await refund({ amount: 21_993 })).data!.refundOrder;
    expect(rest).toMatchObject({
      refundedAmount: 32_000,
      lines: [{ refundedAmount: 24_000 }, { refundedAmount: 8_000 }],
      payment: { status: 'PARTIALLY_REFUNDED' },
    });
    expect(fieldsOf(await refund({ amount: 1 }))).toEqual(['input.amount']);
    expect(await trialBalance()).toEqual({ total: 0, balanced: true });
  });
  it('partnerAgencyReturns takes the same number of statements for 5 and 10 returns, nested fields included', async () => {
    const LISTED = `query($id: ID!, $first: Int) { partnerAgencyReturns(partnerAgencyId: $id, first: $first) {
      totalCount nodes { ${RETURN_FIELDS} order { lines { id } } } } }`;
    const statements = async (first: number) => {
      t.queries.count = 0;
      const data = await t.ok(LISTED, { id: shop.id, first }, shop.owner.token);
      return { count: t.queries.count, nodes: data.partnerAgencyReturns.nodes as Array<{ status: string; replacementShipment: unknown }> };
    };
    const five = await statements(5);
    const ten = await statements(10);
    expect([five.nodes.length, ten.nodes.length]).toEqual([5, 10]);
    // Both pages hold open returns (their estimate reads the order's lines) and an exchange's replacement parcel.
    for (const page of [five, ten]) {
      expect(page.nodes.some((node) => ['REQUESTED', 'ACCEPTED', 'RECEIVED'].includes(node.status))).toBe(true);
      expect(page.nodes.some((node) => node.replacementShipment)).toBe(true);
    }
    expect(ten.count).toBe(five.count);
  });

  it('a pick-up waybill is tracked: its delivery to the agency receives the return, by the courier’s check or its push; one return per waybill', async () => {
    // Monday 2027-05-17 10:00 KST; the simulated courier delivers at 18:00 KST on the 2nd business day after registration.
    await advanceTo(t, operator, '2027-05-17T01:00:00Z');
    const returnOf = async (lines: Array<[string, number]>) => {
      const bought = await paidOrder(lines);
      await shipped(bought.id);
      return requested({ orderId: bought.id, reason: 'DEFECTIVE', resolution: 'REFUND', lines: [{ orderLineId: bought.lineIds[0], quantity: 1 }] });
    };
    const accept = (id: string, pickupTrackingNumber: string) =>
      t.gql(ACCEPT, { input: { returnRequestId: id, pickupCarrier: 'CJ_LOGISTICS', pickupTrackingNumber } }, shop.owner.token);
    const view = async ({ id, order }: { id: string; order: { id: string } }) =>
      (await t.ok(`query($id: ID!) { order(id: $id) { returns { ${RETURN_FIELDS} } } }`, { id: order.id }, shop.owner.token)).order.returns.find(
        (request: { id: string }) => request.id === id,
      );

    const checked = await returnOf([[tofu, 1]]);
    expect((await accept(checked.id, '5555-6666-7777')).data!.acceptReturn).toMatchObject({ status: 'ACCEPTED', pickupTrackingNumber: '555566667777' });
    const pushed = await returnOf([[rice, 1]]);
    expect(codeOf(await accept(pushed.id, '555566667777'))).toBe('CONFLICT');
    expect((await accept(pushed.id, '555566668888')).data!.acceptReturn.status).toBe('ACCEPTED');

    await advanceTo(t, operator, '2027-05-19T08:59:00Z');
    expect((await view(checked)).status).toBe('ACCEPTED');
    // Its courier pushes first: received as of the pushed delivery.
    const body = JSON.stringify({
      events: [
        {
          eventId: 'pickup-1',
          carrier: 'CJ_LOGISTICS',
          trackingNumber: '555566668888',
          firstScanAt: '2027-05-18T02:00:00Z',
          deliveredAt: '2027-05-19T05:30:00Z',
        },
        { eventId: 'pickup-2', carrier: 'CJ_LOGISTICS', trackingNumber: '555566669999', firstScanAt: null, deliveredAt: '2027-05-19T05:30:00Z' },
      ],
    });
    const signature = createHmac('sha256', SIMULATED_TRACKING_WEBHOOK_SECRET).update(body).digest('hex');
    const push = await request(t.app.getHttpServer())
      .post('/webhooks/tracking/simulated')
      .set('content-type', 'application/json')
      .set(SIMULATED_SIGNATURE_HEADER, signature)
      .send(body);
    expect(push.body).toEqual({ received: 2, applied: 2 });
    // Wed 05-19 14:30 KST: Thu, Fri, Mon → end of Monday 05-24.
    expect(await view(pushed)).toMatchObject({ status: 'RECEIVED', receivedAt: '2027-05-19T05:30:00.000Z', completeBy: '2027-05-24T15:00:00.000Z' });

    await advanceTo(t, operator, '2027-05-19T10:00:00Z');
    expect(await view(checked)).toMatchObject({ status: 'RECEIVED', receivedAt: '2027-05-19T09:00:00.000Z', completeBy: '2027-05-24T15:00:00.000Z' });
    // The later check of the pushed one's waybill changes nothing.
    expect((await view(pushed)).receivedAt).toBe('2027-05-19T05:30:00.000Z');
  });

  it('a return request is told to the agency’s OWNER and MANAGERs once, with the reason and the answer deadline (docs/RULES.md §30)', async () => {
    const NOTICES = `{ myNotifications(first: 50) { nodes { kind title body link } } }`;
    const returnNotices = async (token: string) =>
      ((await t.ok(NOTICES, {}, token)).myNotifications.nodes as Array<{ kind: string; title: string; body: string; link: string }>).filter(
        (notice) => notice.kind === 'RETURN_REQUESTED',
      );
    const before = (await returnNotices(shop.owner.token)).length;
    const bought = await paidOrder([[tofu, 2]]);
    await shipped(bought.id);
    const [line] = (await order(bought.id)).lines;
    const request = await requested({ orderId: bought.id, reason: 'DEFECTIVE', resolution: 'EXCHANGE', lines: [{ orderLineId: line.id, quantity: 1 }] });
    const notices = await returnNotices(shop.owner.token);
    expect(notices).toHaveLength(before + 1);
    expect(notices[0]).toMatchObject({ title: '교환 요청이 들어왔어요', link: `/returns/${request.id}` });
    expect(notices[0].body).toContain(`교환 요청(${request.number})`);
    expect(notices[0].body).toContain('사유: 상품 불량');
    expect(notices[0].body).toContain('‘손두부’ 1개');
    expect(await returnNotices(staff.token)).toHaveLength(0);
    expect(await returnNotices(buyer.token)).toHaveLength(0);
  });
});
