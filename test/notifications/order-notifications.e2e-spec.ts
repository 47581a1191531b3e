import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { JobQueueService } from '../../libs/common/src/index.js';
import { advanceTo } from '../support/booking.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { PAY_CHECKOUT, checkedOutCart, goodsListing } from '../support/commerce.js';
import { mailsTo, type NotificationView } from '../support/notifications.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const MY_NOTIFICATIONS = `query { myNotifications(first: 100) { nodes { id kind title body link readAt deliveries { channel status } } } }`;
const SET_PREFERENCE = `mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { enabled } }`;
const SHIP = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { id status } }`;
const DELAY = `mutation($input: DelayDispatchInput!) { delayDispatch(input: $input) { id dispatchDeadline } }`;
const CANCEL = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { id status refundedAmount } }`;

interface PaidOrder {
  id: string;
  number: string;
  dispatchDeadline: string;
  lines: Array<{ id: string; title: string }>;
}

const ORDER_KINDS = ['ORDER_SHIPPED', 'DISPATCH_DEADLINE_TOMORROW', 'DISPATCH_DELAYED', 'ORDER_CANCELLED_BY_SELLER'];

/**
 * docs/RULES.md §30: the goods-order notices, over HTTP on one timeline from Wednesday 2027-03-10 10:00 KST;
 * orders paid then with 2 business days to dispatch must leave by Friday 03-12 (deadline 03-13 00:00 KST).
 */
describe('notifications of goods orders: shipped, dispatch deadline tomorrow, dispatch delayed, cancelled by the seller', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let jobs: JobQueueService;
  let operator: string;
  let agency: Agency;
  let manager: User;
  let staff: User;
  let rice: string;
  let tofu: string;
  let buyer: User;
  let otherBuyer: User;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1', DURE_DATA_DIR: mkdtempSync(join(tmpdir(), 'dure-order-notifications-')) });
    dataSource = t.app.get(DataSource);
    jobs = t.app.get(JobQueueService);
    operator = await logInOperator(t);
    await advanceTo(t, operator, '2027-03-10T01:00:00Z');
    agency = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    manager = await agencyMember(t, agency, 'MANAGER');
    staff = await agencyMember(t, agency, 'STAFF');
    rice = await goodsListing(t, agency, { stock: 100, dispatchBusinessDays: 2 }, { title: '유기농 현미 5kg', price: 12_000 });
    tofu = await goodsListing(t, agency, { stock: 100, dispatchBusinessDays: 2 }, { title: '손두부', price: 5_000 });
    buyer = await signUp(t, '김구매');
    otherBuyer = await signUp(t, '이웃');
  });
  afterAll(() => t.close());

  async function paidOrder(lines: Array<[string, number]>, who = buyer): Promise<PaidOrder> {
    const checkout = await checkedOutCart(t, who.token, lines);
    const paid = (await t.ok(PAY_CHECKOUT, { input: { id: checkout.id, paymentKey: `pk_${checkout.id}` } }, who.token)).payCheckout;
    return paid.orders[0];
  }
  const ofKind = async (who: User, kind: string, orderId?: string) =>
    ((await t.ok(MY_NOTIFICATIONS, {}, who.token)).myNotifications.nodes as NotificationView[]).filter(
      (n) => n.kind === kind && (!orderId || n.link === `/orders/${orderId}`),
    );
  const noOrderNotices = async (who: User, orderId: string) => {
    for (const kind of ORDER_KINDS) expect(await ofKind(who, kind, orderId)).toEqual([]);
  };
  const rowsOf = async (eventKeyPrefix: string) =>
    Number((await dataSource.query(`SELECT count(*) FROM notification WHERE event_key LIKE $1`, [`${eventKeyPrefix}%`]))[0].count);

  it('tells the buyer of each parcel once: carrier in Korean, tracking number and link; a direct delivery without them', async () => {
    const order = await paidOrder([
      [rice, 2],
      [tofu, 1],
    ]);
    const [riceLine, tofuLine] = order.lines;
    const first = (
      await t.ok(
        SHIP,
        { input: { orderId: order.id, carrier: 'CJ_LOGISTICS', trackingNumber: '1234-5678-9012', orderLineIds: [riceLine.id] } },
        agency.owner.token,
      )
    ).shipOrder;
    expect(first.status).toBe('PAID');

    const [parcel] = await ofKind(buyer, 'ORDER_SHIPPED', order.id);
    expect(parcel.title).toBe('주문하신 상품 일부가 출발했어요');
    expect(parcel.body).toBe(
      `주문(${order.number}) 상품을 택배로 보냈어요.\n택배사: CJ대한통운\n송장번호: 123456789012\n배송 조회: https://trace.cjlogistics.com/next/tracking.html?wblNo=123456789012`,
    );

    await t.ok(SHIP, { input: { orderId: order.id, carrier: 'DIRECT', orderLineIds: [tofuLine.id] } }, manager.token);
    const notices = await ofKind(buyer, 'ORDER_SHIPPED', order.id);
    expect(notices).toHaveLength(2);
    const direct = notices.find((n) => n.id !== parcel.id)!;
    expect(direct).toMatchObject({ title: '주문하신 상품이 출발했어요', body: `주문(${order.number}) 상품을 판매 기관이 직접 배송해 드려요.` });
    expect(await rowsOf(`order-shipped:`)).toBe(2);
    for (const who of [agency.owner, manager, staff, otherBuyer]) expect(await ofKind(who, 'ORDER_SHIPPED', order.id)).toEqual([]);

    await jobs.runDue();
    const [mail] = await mailsTo(t, buyer, '주문하신 상품 일부가 출발했어요');
    expect(mail.text).toContain('택배사: CJ대한통운');
    expect(mail.text).toContain('https://trace.cjlogistics.com/next/tracking.html?wblNo=123456789012');
    expect((await ofKind(buyer, 'ORDER_SHIPPED', order.id)).every((n) => n.deliveries.some((d) => d.channel === 'EMAIL' && d.status === 'SENT'))).toBe(true);
  });

  it('a buyer who turned e-mail off for parcels still sees them in the app', async () => {
    await t.ok(SET_PREFERENCE, { input: { kind: 'ORDER_SHIPPED', channel: 'EMAIL', enabled: false } }, otherBuyer.token);
    const order = await paidOrder([[rice, 1]], otherBuyer);
    await t.ok(SHIP, { input: { orderId: order.id, carrier: 'KOREA_POST', trackingNumber: '6123456789012' } }, agency.owner.token);
    await jobs.runDue();
    const [parcel] = await ofKind(otherBuyer, 'ORDER_SHIPPED', order.id);
    expect(parcel.body).toContain('택배사: 우체국택배');
    expect(parcel.deliveries).toEqual([]);
  });

  it('tells the buyer when the agency or an operator cancels (units, reason, refund), and nobody when the buyer does', async () => {
    const order = await paidOrder([
      [rice, 2],
      [tofu, 1],
    ]);
    const [riceLine, tofuLine] = order.lines;
    await t.ok(
      CANCEL,
      { input: { orderId: order.id, lines: [{ orderLineId: tofuLine.id, quantity: 1 }], reason: '손두부가 품절되었어요' } },
      agency.owner.token,
    );
    const [bySeller] = await ofKind(buyer, 'ORDER_CANCELLED_BY_SELLER', order.id);
    expect(bySeller).toMatchObject({
      title: '주문이 취소되었어요',
      body: `판매 기관 사정으로 주문(${order.number})의 상품이 취소되었어요. 불편을 드려 죄송해요.\n취소 상품: ‘손두부’ 1개\n사유: 손두부가 품절되었어요\n환불 금액: 5,000원`,
    });

    // The rest, by an operator: both rice units and the 3,000 won shipping fee (24,000 is under the free-shipping 30,000).
    const cancelled = (await t.ok(CANCEL, { input: { orderId: order.id, lines: [{ orderLineId: riceLine.id, quantity: 2 }] } }, operator)).cancelOrder;
    expect(cancelled.status).toBe('CANCELLED');
    const notices = await ofKind(buyer, 'ORDER_CANCELLED_BY_SELLER', order.id);
    expect(notices).toHaveLength(2);
    expect(notices.find((n) => n.id !== bySeller.id)!.body).toBe(
      `두레 운영팀이 주문(${order.number})의 상품을 취소했어요. 불편을 드려 죄송해요.\n취소 상품: ‘유기농 현미 5kg’ 2개\n환불 금액: 27,000원`,
    );
    for (const who of [agency.owner, manager, otherBuyer]) expect(await ofKind(who, 'ORDER_CANCELLED_BY_SELLER', order.id)).toEqual([]);

    const own = await paidOrder([[tofu, 1]]);
    await t.ok(CANCEL, { input: { orderId: own.id } }, buyer.token);
    for (const who of [buyer, agency.owner, manager]) await noOrderNotices(who, own.id);
    expect(await rowsOf(`order-cancelled-by-seller:order-cancel:${own.id}`)).toBe(0);
  });

  it('tells the buyer of a delay (new date, reason in Korean, may still cancel) and reminds the agency the day before each deadline still open', async () => {
    const delayed = await paidOrder([[rice, 1]]);
    const open = await paidOrder([[rice, 1]]);
    const shipped = await paidOrder([[tofu, 1]]);
    const cancelled = await paidOrder([[tofu, 1]]);
    // Paid Wed 03-10, 2 business days: the last shipping day is Fri 03-12; the reminder is due Thu 03-11 09:00 KST.
    expect(open.dispatchDeadline).toBe('2027-03-12T15:00:00.000Z');

    const input = { orderId: delayed.id, newDispatchDate: '2027-03-16', reason: 'RESTOCKING', note: '다음 주 입고 예정이에요' };
    expect((await t.ok(DELAY, { input }, agency.owner.token)).delayDispatch.dispatchDeadline).toBe('2027-03-16T15:00:00.000Z');
    const [delay] = await ofKind(buyer, 'DISPATCH_DELAYED', delayed.id);
    expect(delay).toMatchObject({
      title: '상품 발송이 늦어져요',
      body:
        `주문(${delayed.number}) 상품을 3월 16일 (화)까지 보내 드릴게요. 기다리시게 해서 죄송해요.\n` +
        '사유: 재입고 대기 (다음 주 입고 예정이에요)\n기다리기 어려우시면 발송 전까지 주문을 취소하실 수 있어요.',
    });
    for (const who of [agency.owner, manager, otherBuyer]) expect(await ofKind(who, 'DISPATCH_DELAYED', delayed.id)).toEqual([]);

    await t.ok(SHIP, { input: { orderId: shipped.id, carrier: 'HANJIN', trackingNumber: '412345678901' } }, agency.owner.token);
    await t.ok(CANCEL, { input: { orderId: cancelled.id } }, buyer.token);

    await advanceTo(t, operator, '2027-03-10T23:59:00Z');
    expect(await ofKind(agency.owner, 'DISPATCH_DEADLINE_TOMORROW', open.id)).toEqual([]);
    await advanceTo(t, operator, '2027-03-11T00:01:00Z');
    for (const who of [agency.owner, manager]) {
      const reminders = await ofKind(who, 'DISPATCH_DEADLINE_TOMORROW', open.id);
      expect(reminders).toEqual([
        expect.objectContaining({
          title: '내일까지 발송할 주문이 있어요',
          body: `주문(${open.number})의 발송 기한이 내일 3월 12일 (금)까지예요. 기한 안에 송장을 등록해 주세요.`,
        }),
      ]);
    }
    for (const orderId of [delayed.id, shipped.id, cancelled.id]) expect(await ofKind(agency.owner, 'DISPATCH_DEADLINE_TOMORROW', orderId)).toEqual([]);
    for (const who of [staff, buyer]) expect(await ofKind(who, 'DISPATCH_DEADLINE_TOMORROW')).toEqual([]);

    // The delayed order is reminded of its new deadline only: Mon 03-15 09:00 KST, the day before Tue 03-16.
    await advanceTo(t, operator, '2027-03-15T00:01:00Z');
    const [reminder] = await ofKind(manager, 'DISPATCH_DEADLINE_TOMORROW', delayed.id);
    expect(reminder.body).toBe(`주문(${delayed.number})의 발송 기한이 내일 3월 16일 (화)까지예요. 기한 안에 송장을 등록해 주세요.`);
    expect(await rowsOf(`dispatch-deadline-tomorrow:${delayed.id}:`)).toBe(2);
    expect(await rowsOf(`dispatch-deadline-tomorrow:${open.id}:`)).toBe(2);

    await jobs.runDue();
    const texts = (await mailsTo(t, manager, '내일까지 발송할 주문이 있어요')).map((mail) => mail.text);
    expect(texts).toEqual(expect.arrayContaining([expect.stringContaining(`주문(${open.number})`), expect.stringContaining(`주문(${delayed.number})`)]));
  });
});
