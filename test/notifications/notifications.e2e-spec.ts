import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ReservationEvents } from '../../libs/booking/src/index.js';
import { JobQueueService, RequestContext } from '../../libs/common/src/index.js';
import { DELIVER_JOB, FAN_OUT_JOB } from '../../libs/notifications/src/index.js';
import { CANCEL, PAY, RESERVE, advanceTo, bookableService, codeOf, hoursBefore, seoulAt } from '../support/booking.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { PAY_CHECKOUT, checkedOutCart, goodsListing } from '../support/commerce.js';
import { SUSPEND } from '../support/membership.js';
import { mailsTo, type NotificationView } from '../support/notifications.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const NOTIFICATION_FIELDS = `id kind title body link readAt createdAt deliveries { channel status sentAt failedAt }`;
const MY_NOTIFICATIONS = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount nodes { ${NOTIFICATION_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const UNREAD = `query { unreadNotificationCount }`;
const MARK_READ = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }`;
const MARK_ALL_READ = `mutation { markAllNotificationsRead }`;
const PREFERENCES = `query { notificationPreferences { kind channel enabled } }`;
const SET_PREFERENCE = `mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { kind channel enabled } }`;

describe('notifications: the outbox, in-app notices, e-mail files and preferences', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let jobs: JobQueueService;
  let operator: string;
  let agency: Agency;
  let manager: User;
  let staff: User;
  let listingId: string;
  let buyer: User;
  let keys = 0;
  const mailDir = () => join(t.config.dataDir, 'mail');

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1', DURE_DATA_DIR: mkdtempSync(join(tmpdir(), 'dure-notifications-')) });
    dataSource = t.app.get(DataSource);
    jobs = t.app.get(JobQueueService);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    manager = await agencyMember(t, agency, 'MANAGER');
    staff = await agencyMember(t, agency, 'STAFF');
    listingId = await bookableService(t, agency, {}, { title: '어르신 방문 목욕' });
    buyer = await signUp(t, '김민지');
  });
  afterAll(() => t.close());

  const mine = async (who: User, variables: Record<string, unknown> = {}) =>
    (await t.ok(MY_NOTIFICATIONS, { first: 50, ...variables }, who.token)).myNotifications as { totalCount: number; nodes: NotificationView[] };
  const ofKind = async (who: User, kind: string) => (await mine(who)).nodes.filter((n) => n.kind === kind);
  const paidReservation = async (startsAt: string) => {
    const reserved = (await t.ok(RESERVE, { input: { listingId, startsAt, idempotencyKey: `n-${keys++}` } }, buyer.token)).reserve;
    return (await t.ok(PAY, { input: { id: reserved.id, paymentKey: `pk_${reserved.id}` } }, buyer.token)).payReservation;
  };
  const sentEmails = async (kind: string) =>
    Number(
      (
        await dataSource.query(
          `SELECT count(*) FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.kind = $1 AND d.channel = 'EMAIL' AND d.status = 'SENT'`,
          [kind],
        )
      )[0].count,
    );

  it('a paid reservation tells the buyer and the agency’s OWNER and MANAGER (not staff), in the app and by e-mail', async () => {
    const reservation = await paidReservation(seoulAt(t, 3, 10));

    for (const who of [buyer, agency.owner, manager]) {
      const [confirmed] = await ofKind(who, 'RESERVATION_CONFIRMED');
      expect(confirmed).toMatchObject({ title: '예약이 확정되었어요', link: `/reservations/${reservation.id}`, readAt: null });
      expect(confirmed.body).toContain(`‘어르신 방문 목욕’`);
      expect(confirmed.body).toContain(reservation.number);
      // The deliveries come from the fan-out job, after the payment's transaction.
      expect(confirmed.deliveries).toEqual([]);
    }
    expect(await ofKind(staff, 'RESERVATION_CONFIRMED')).toEqual([]);

    await jobs.runDue();
    for (const who of [buyer, agency.owner, manager]) {
      const [confirmed] = await ofKind(who, 'RESERVATION_CONFIRMED');
      expect(confirmed.deliveries).toEqual([expect.objectContaining({ channel: 'EMAIL', status: 'SENT' })]);
    }
    const files = readdirSync(mailDir()).map((file) => readFileSync(join(mailDir(), file), 'utf8'));
    const toBuyer = files.filter((eml) => eml.includes(buyer.email) && eml.includes('=?UTF-8?'));
    expect(toBuyer.length).toBeGreaterThan(0);
  });

  it('a rolled-back change writes no notification and sends nothing', async () => {
    let failPayments = true;
    t.app.get(ReservationEvents).inTransaction('ReservationPaid', async () => {
      if (failPayments) throw new Error('a later step of the payment failed');
    });
    const before = await sentEmails('RESERVATION_CONFIRMED');
    const reserved = (await t.ok(RESERVE, { input: { listingId, startsAt: seoulAt(t, 4, 10), idempotencyKey: `n-${keys++}` } }, buyer.token)).reserve;
    const res = await t.gql(PAY, { input: { id: reserved.id, paymentKey: `pk_${reserved.id}` } }, buyer.token);
    failPayments = false;
    expect(res.errors).toBeDefined();

    const rows = await dataSource.query(`SELECT count(*) FROM notification WHERE event_key = $1`, [`reservation-confirmed:${reserved.id}`]);
    expect(Number(rows[0].count)).toBe(0);
    await jobs.runDue();
    expect(await sentEmails('RESERVATION_CONFIRMED')).toBe(before);
  });

  it('a fan-out job run again (a retry, a repeated event) creates and queues no delivery twice', async () => {
    const reservation = await paidReservation(seoulAt(t, 6, 10));
    const eventKey = `reservation-confirmed:${reservation.id}`;
    const deliveries = async () =>
      (
        await dataSource.query(
          `SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.event_key = $1 ORDER BY d.id`,
          [eventKey],
        )
      ).map((row: { id: string }) => row.id);
    const deliverJobs = async () =>
      Number(
        (await dataSource.query(`SELECT count(*) FROM job WHERE name = $1 AND payload->>'deliveryId' = ANY($2)`, [DELIVER_JOB, await deliveries()]))[0].count,
      );
    await jobs.runDue();
    const first = await deliveries();
    expect(first).toHaveLength(3);
    expect(await deliverJobs()).toBe(3);

    await jobs.enqueueMany(RequestContext.system('test'), [
      { name: FAN_OUT_JOB, payload: { eventKey } },
      { name: FAN_OUT_JOB, payload: { eventKey } },
    ]);
    await Promise.all([jobs.runDue(), jobs.runDue()]);
    expect(await deliveries()).toEqual(first);
    expect(await deliverJobs()).toBe(3);
    const [fanOuts] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE state = 'done') AS done, count(*) AS all FROM job WHERE name = $1 AND payload->>'eventKey' = $2`,
      [FAN_OUT_JOB, eventKey],
    );
    expect(fanOuts).toEqual({ done: '3', all: '3' });
  });

  it('a cancellation tells the side that did not cancel, with the refund', async () => {
    const reservation = await paidReservation(seoulAt(t, 5, 10));
    await t.ok(CANCEL, { input: { reservationId: reservation.id, reason: '일정이 바뀌었어요' } }, buyer.token);
    const [toOwner] = (await ofKind(agency.owner, 'RESERVATION_CANCELLED')).filter((n) => n.link === `/reservations/${reservation.id}`);
    expect(toOwner.title).toBe('예약이 취소되었어요');
    expect(toOwner.body).toContain('30,000원을 환불해 드렸어요');
    expect(await ofKind(buyer, 'RESERVATION_CANCELLED')).toEqual([]);
  });

  it('reminds both sides the day before, once, and not of a cancelled reservation', async () => {
    const startsAt = seoulAt(t, 7, 10);
    const reservation = await paidReservation(startsAt);
    const cancelled = await paidReservation(seoulAt(t, 7, 14));
    await t.ok(CANCEL, { input: { reservationId: cancelled.id, reason: '취소해요' } }, buyer.token);
    expect(await ofKind(buyer, 'RESERVATION_REMINDER')).toEqual([]);

    await advanceTo(t, operator, hoursBefore(startsAt, 23));
    await advanceTo(t, operator, hoursBefore(startsAt, 1));
    const about = (id: string) => (n: NotificationView) => n.link === `/reservations/${id}`;
    const reminders = await ofKind(buyer, 'RESERVATION_REMINDER');
    expect(reminders.filter(about(reservation.id))).toEqual([expect.objectContaining({ title: '내일 예약이 있어요' })]);
    expect(reminders.filter(about(cancelled.id))).toEqual([]);
    expect((await ofKind(manager, 'RESERVATION_REMINDER')).filter(about(reservation.id))).toHaveLength(1);
  });

  it('a paid goods order tells the selling agency’s OWNER and MANAGER (not staff, not the buyer) once, with its items, total and dispatch deadline', async () => {
    const rice = await goodsListing(t, agency, { dispatchBusinessDays: 2 }, { title: '유기농 현미 5kg', price: 12_000 });
    const oil = await goodsListing(t, agency, {}, { title: '들기름', price: 9_000 });
    const checkout = await checkedOutCart(t, buyer.token, [
      [rice, 2],
      [oil, 1],
    ]);
    const [order] = checkout.orders;
    // 2 × 12,000 + 9,000 = 33,000 reaches the free-shipping threshold of 30,000.
    expect(order.price.total).toBe(33_000);
    const paid = (await t.ok(PAY_CHECKOUT, { input: { id: checkout.id, paymentKey: `pk_${checkout.id}` } }, buyer.token)).payCheckout;
    const deadline = paid.orders[0].dispatchDeadline as string;
    // The deadline is the end of its last day (00:00 KST of the next): the notice names that last day.
    const lastDay = new Date(new Date(deadline).getTime() - 1).toLocaleDateString('en-CA', { timeZone: 'Asia/Seoul' }).split('-').map(Number);

    for (const who of [agency.owner, manager]) {
      const notices = (await ofKind(who, 'ORDER_PAID')).filter((n) => n.link === `/orders/${order.id}`);
      expect(notices).toHaveLength(1);
      expect(notices[0].title).toBe('새 주문이 들어왔어요');
      expect(notices[0].body).toContain(`주문(${order.number})이 결제되었어요. ${lastDay[1]}월 ${lastDay[2]}일 (`);
      expect(notices[0].body).toContain('까지 발송해 주세요.\n상품: ‘유기농 현미 5kg’ 2개, ‘들기름’ 1개\n결제 금액: 33,000원');
    }
    expect(await ofKind(staff, 'ORDER_PAID')).toEqual([]);
    expect(await ofKind(buyer, 'ORDER_PAID')).toEqual([]);
    const rows = await dataSource.query(`SELECT count(*) FROM notification WHERE event_key = $1`, [`order-paid:${order.id}`]);
    expect(Number(rows[0].count)).toBe(2);

    await jobs.runDue();
    const toManager = await mailsTo(t, manager, '새 주문이 들어왔어요');
    expect(toManager).toHaveLength(1);
    expect(toManager[0].text).toContain(`주문(${order.number})이 결제되었어요.`);
  });

  it('dues invoices and a suspension reach the agency’s OWNER and MANAGERs', async () => {
    const [issued] = await ofKind(agency.owner, 'DUES_INVOICE_ISSUED');
    expect(issued.title).toBe('회비 청구서가 발행되었어요');
    const other = await activePartnerAgency(t, operator, { name: '마을부엌 협동조합' });
    const [otherManager, otherStaff] = [await agencyMember(t, other, 'MANAGER'), await agencyMember(t, other, 'STAFF')];
    await t.ok(SUSPEND, { id: other.id, reason: '허위 정보가 확인되었어요' }, operator);
    const [suspended] = await ofKind(otherManager, 'PARTNER_AGENCY_SUSPENDED');
    expect(suspended.body).toContain('사유: 허위 정보가 확인되었어요');
    expect(await ofKind(otherStaff, 'PARTNER_AGENCY_SUSPENDED')).toEqual([]);
  });

  it('counts unread ones, marks the caller’s own read, and refuses another’s (NOT_FOUND, nothing changed)', async () => {
    const unread = (await t.ok(UNREAD, {}, buyer.token)).unreadNotificationCount as number;
    const { nodes } = await mine(buyer, { unreadOnly: true });
    expect(nodes).toHaveLength(unread);
    const [first, second] = nodes;

    const someoneElses = (await mine(agency.owner)).nodes[0].id;
    expect(codeOf(await t.gql(MARK_READ, { ids: [first.id, someoneElses] }, buyer.token))).toBe('NOT_FOUND');
    expect((await t.ok(UNREAD, {}, buyer.token)).unreadNotificationCount).toBe(unread);

    // Ids that cannot be a notification (the empty one too) are NOT_FOUND, like another user's.
    for (const ids of [[''], ['nope', first.id]]) expect(codeOf(await t.gql(MARK_READ, { ids }, buyer.token))).toBe('NOT_FOUND');
    const marked = (await t.ok(MARK_READ, { ids: [first.id, first.id] }, buyer.token)).markNotificationsRead;
    expect(marked).toEqual([{ id: first.id, readAt: expect.any(String) }]);
    expect((await t.ok(UNREAD, {}, buyer.token)).unreadNotificationCount).toBe(unread - 1);
    expect((await mine(buyer, { unreadOnly: true })).nodes.map((n) => n.id)).not.toContain(first.id);
    expect(second).toBeDefined();

    expect((await t.ok(MARK_ALL_READ, {}, buyer.token)).markAllNotificationsRead).toBe(unread - 1);
    expect((await t.ok(UNREAD, {}, buyer.token)).unreadNotificationCount).toBe(0);
  });

  it('pages newest first', async () => {
    const page = (await t.ok(MY_NOTIFICATIONS, { first: 1 }, buyer.token)).myNotifications;
    const next = (await t.ok(MY_NOTIFICATIONS, { first: 1, after: page.pageInfo.endCursor }, buyer.token)).myNotifications;
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(new Date(next.nodes[0].createdAt).getTime()).toBeLessThanOrEqual(new Date(page.nodes[0].createdAt).getTime());
    expect(next.nodes[0].id).not.toBe(page.nodes[0].id);
  });

  it('e-mail can be turned off per kind; in-app notices cannot', async () => {
    const preferences = (await t.ok(PREFERENCES, {}, buyer.token)).notificationPreferences;
    expect(preferences).toContainEqual({ kind: 'RESERVATION_CONFIRMED', channel: 'EMAIL', enabled: true });
    expect(preferences.some((p: { channel: string }) => p.channel === 'IN_APP')).toBe(false);

    const refused = await t.gql(SET_PREFERENCE, { input: { kind: 'RESERVATION_CONFIRMED', channel: 'IN_APP', enabled: false } }, buyer.token);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'input.channel' })]);

    const off = { kind: 'RESERVATION_CONFIRMED', channel: 'EMAIL', enabled: false };
    expect((await t.ok(SET_PREFERENCE, { input: off }, buyer.token)).setNotificationPreference).toEqual(off);
    const reservation = await paidReservation(seoulAt(t, 9, 10));
    await jobs.runDue();
    const [confirmed] = (await ofKind(buyer, 'RESERVATION_CONFIRMED')).filter((n) => n.link === `/reservations/${reservation.id}`);
    expect(confirmed.deliveries).toEqual([]);
    const [toOwner] = (await ofKind(agency.owner, 'RESERVATION_CONFIRMED')).filter((n) => n.link === `/reservations/${reservation.id}`);
    expect(toOwner.deliveries).toHaveLength(1);
  });
});
