import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { ReservationEvents } from '../../libs/booking/src/index.js';
import { jwtKey } from '../../libs/common/src/index.js';
import { CANCEL, PAY, RESERVE, bookableService, seoulAt } from '../support/booking.js';
import { PAY_CHECKOUT, checkedOutCart, goodsListing } from '../support/commerce.js';
import { activePartnerAgency, type Agency, type User } from '../support/catalog.js';
import { exited, serverProcessEnv, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const REQUEST = `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id } }`;
const MESSAGE = `mutation($id: ID!, $body: String!) { postConsultationMessage(consultationId: $id, body: $body) { id } }`;
const MESSAGE_ADDED = `subscription($id: ID!) { consultationMessageAdded(consultationId: $id) { id body author { id } } }`;
const NOTIFICATION_ADDED = `subscription { notificationAdded { id kind title } }`;
const RESERVATION_UPDATED = `subscription($id: ID!) { reservationUpdated(reservationId: $id) { id status payment { status } } }`;
const ORDER_UPDATED = `subscription($id: ID!) { orderUpdated(orderId: $id) { id status dispatchDeadline } }`;
const LOG_OUT = `mutation($refreshToken: String!) { logOut(refreshToken: $refreshToken) }`;
const MESSAGE_PAGE = `query($id: ID!, $first: Int, $after: String) {
  consultation(id: $id) { messagesConnection(first: $first, after: $after) { nodes { body } pageInfo { hasNextPage endCursor } totalCount } } }`;

type Result = FormattedExecutionResult<Record<string, any>, unknown>;

/** One subscription's results and how it ended, as a real graphql-ws client sees them. */
function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: Result[] = [];
  const ended = new Promise<unknown>((resolve) => {
    client.subscribe<Record<string, any>>({ query, variables }, { next: (result) => results.push(result), error: resolve, complete: () => resolve(null) });
  });
  return { results, ended };
}

/** Resolves once the client's connection was accepted (connection init acknowledged). */
const connected = (client: Client) => new Promise<void>((resolve) => client.on('connected', () => resolve()));

/** The claims of an access token, unverified (the test signs a variant of one). */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string; sid: string };

/** Resolves once `check` holds, polling; fails after 10 s. */
async function eventually(check: () => boolean, act: () => Promise<unknown> = async () => undefined): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 250) {
    if (check()) return;
    await act();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('timed out');
}

/**
 * docs/RULES.md §31: subscriptions over graphql-ws on the API's port, the access token checked at
 * connection init, each subscriber authorized like the queries, and events crossing processes through
 * PostgreSQL NOTIFY: mutations go to this test's in-process server, subscriptions to a separate server process.
 */
describe('live updates over graphql-ws across server processes', () => {
  let t: TestApp;
  let server: ServerProcess;
  let agency: Agency;
  let buyer: User;
  let consultationId: string;
  const clients: Client[] = [];

  const connect = (token: string | null) => {
    const client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    server = await startServerProcess({ ...serverProcessEnv(t), ...OPERATOR_ENV });
    agency = await activePartnerAgency(t, await logInOperator(t));
    const listingId = await bookableService(t, agency, { requiresConsultation: true });
    buyer = await signUp(t, '실시간 구매자');
    consultationId = (await t.ok(REQUEST, { input: { listingId, message: '상담 부탁드려요' } }, buyer.token)).requestConsultation.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    server?.process.kill('SIGTERM');
    if (server) await exited(server.process);
    await t.close();
  });

  it('the buyer’s client receives a message the agency posts through another process; another buyer is refused NOT_FOUND', async () => {
    const live = subscribe(connect(buyer.token), MESSAGE_ADDED, { id: consultationId });
    const posted: string[] = [];
    // The subscription is set up asynchronously on the other process: post until the first message arrives.
    await eventually(
      () => live.results.length > 0,
      async () => posted.push((await t.ok(MESSAGE, { id: consultationId, body: '화요일 어떠세요?' }, agency.owner.token)).postConsultationMessage.id),
    );
    const sent = (await t.ok(MESSAGE, { id: consultationId, body: '오후 2시 가능합니다' }, agency.owner.token)).postConsultationMessage.id;
    await eventually(() => live.results.some((result) => result.data?.consultationMessageAdded.id === sent));
    expect(live.results.every((result) => !result.errors)).toBe(true);
    expect(live.results.at(-1)!.data!.consultationMessageAdded).toEqual({ id: sent, body: '오후 2시 가능합니다', author: { id: agency.owner.id } });
    expect([...posted, sent]).toEqual(expect.arrayContaining(live.results.map((result) => result.data!.consultationMessageAdded.id)));

    const stranger = await signUp(t, '다른 구매자');
    const refused = subscribe(connect(stranger.token), MESSAGE_ADDED, { id: consultationId });
    expect(await refused.ended).toBeNull();
    expect(refused.results).toEqual([{ errors: [expect.objectContaining({ path: ['consultationMessageAdded'], extensions: { code: 'NOT_FOUND' } })] }]);
  });

  it('notificationAdded brings the agency owner a new consultation message notice, and nobody else’s', async () => {
    const owner = subscribe(connect(agency.owner.token), NOTIFICATION_ADDED);
    const other = subscribe(connect((await signUp(t, '구경꾼')).token), NOTIFICATION_ADDED);
    await eventually(
      () => owner.results.length > 0,
      () => t.ok(MESSAGE, { id: consultationId, body: '언제 오실 수 있나요?' }, buyer.token),
    );
    expect(owner.results[0].data!.notificationAdded).toMatchObject({ kind: 'CONSULTATION_MESSAGE' });
    expect(other.results).toEqual([]);
  });

  it('a connection without a valid access token is closed at connection init', async () => {
    for (const token of [null, 'not-a-token']) {
      const refused = subscribe(connect(token), NOTIFICATION_ADDED);
      expect(await refused.ended).toMatchObject({ code: 4403 });
    }
  });

  it('messagesConnection pages a consultation’s messages oldest first', async () => {
    const first = (await t.ok(MESSAGE_PAGE, { id: consultationId, first: 1 }, buyer.token)).consultation.messagesConnection;
    expect(first.nodes).toEqual([{ body: '상담 부탁드려요' }]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await t.ok(MESSAGE_PAGE, { id: consultationId, first: 100, after: first.pageInfo.endCursor }, buyer.token)).consultation.messagesConnection;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(rest.nodes.length).toBe(first.totalCount - 1);
    expect(rest.nodes.at(-1)).toEqual({ body: '언제 오실 수 있나요?' });
  });

  /**
   * Subscriptions start asynchronously on the other process: after subscribing to what is tested, a
   * consultation subscription on the same connection is warmed up with messages until one arrives.
   */
  const warmedUp = async (client: Client) => {
    const warm = subscribe(client, MESSAGE_ADDED, { id: consultationId });
    await eventually(
      () => warm.results.length > 0,
      () => t.ok(MESSAGE, { id: consultationId, body: '확인 부탁드려요' }, agency.owner.token),
    );
  };

  it('a reservation’s status changes reach its buyer through another process, whoever makes them, rolled-back ones never; another buyer is refused NOT_FOUND', async () => {
    const listingId = await bookableService(t, agency);
    const input = { listingId, startsAt: seoulAt(t, 3, 10), idempotencyKey: `live-${process.pid}` };
    const reservationId = (await t.ok(RESERVE, { input }, buyer.token)).reserve.id;
    const client = connect(buyer.token);
    const live = subscribe(client, RESERVATION_UPDATED, { id: reservationId });
    await warmedUp(client);

    // The payment's transaction moves the reservation to CONFIRMED, then a later step fails: all rolls back.
    let failPayment = true;
    t.app.get(ReservationEvents).inTransaction('ReservationPaid', async () => {
      if (failPayment) throw new Error('a later step of the payment failed');
    });
    expect((await t.gql(PAY, { input: { id: reservationId, paymentKey: `pk_${reservationId}` } }, buyer.token)).errors).toBeDefined();
    failPayment = false;
    await t.ok(PAY, { input: { id: reservationId, paymentKey: `pk_${reservationId}` } }, buyer.token);
    await eventually(() => live.results.length > 0);
    // Cancelled by the agency: the buyer hears it too, with the refunded payment read afresh.
    await t.ok(CANCEL, { input: { reservationId, reason: '강사 사정으로 취소해요' } }, agency.owner.token);
    await eventually(() => live.results.length > 1);
    expect(live.results).toEqual([
      { data: { reservationUpdated: { id: reservationId, status: 'CONFIRMED', payment: { status: 'PAID' } } } },
      { data: { reservationUpdated: { id: reservationId, status: 'CANCELLED', payment: { status: 'REFUNDED' } } } },
    ]);

    const stranger = await signUp(t, '남의 예약');
    const refused = subscribe(connect(stranger.token), RESERVATION_UPDATED, { id: reservationId });
    expect(await refused.ended).toBeNull();
    expect(refused.results).toEqual([{ errors: [expect.objectContaining({ path: ['reservationUpdated'], extensions: { code: 'NOT_FOUND' } })] }]);
  });

  it('an order’s payment reaches its buyer through another process; the selling agency may follow it only once paid', async () => {
    const listingId = await goodsListing(t, agency, {}, { title: '들기름', price: 9_000 });
    const checkout = await checkedOutCart(t, buyer.token, [[listingId, 1]]);
    const orderId = checkout.orders[0].id as string;
    const unpaid = subscribe(connect(agency.owner.token), ORDER_UPDATED, { id: orderId });
    expect(await unpaid.ended).toBeNull();
    expect(unpaid.results).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })] }]);

    const client = connect(buyer.token);
    const live = subscribe(client, ORDER_UPDATED, { id: orderId });
    await warmedUp(client);
    const paid = (await t.ok(PAY_CHECKOUT, { input: { id: checkout.id, paymentKey: `pk_${checkout.id}` } }, buyer.token)).payCheckout;
    await eventually(() => live.results.length > 0);
    expect(live.results).toEqual([{ data: { orderUpdated: { id: orderId, status: 'PAID', dispatchDeadline: paid.orders[0].dispatchDeadline } } }]);
  });

  it('signing out closes that session’s live connection in every process (4403); other sessions stay', async () => {
    const leaving = await signUp(t, '로그아웃할 사람');
    const client = connect(leaving.token);
    const isUp = connected(client);
    const live = subscribe(client, NOTIFICATION_ADDED);
    await isUp;
    const staying = subscribe(connect(buyer.token), NOTIFICATION_ADDED);
    await t.ok(LOG_OUT, { refreshToken: leaving.refreshToken });
    expect(await live.ended).toMatchObject({ code: 4403, reason: 'Forbidden: the session has ended' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await Promise.race([staying.ended, 'open'])).toBe('open');
    // A new connection with the signed-out token is refused at init.
    expect(await subscribe(connect(leaving.token), NOTIFICATION_ADDED).ended).toMatchObject({ code: 4403 });
  });

  it('a connection is closed (4403) when its access token expires, so a client reconnects with a fresh one', async () => {
    const { sub, sid } = claimsOf(buyer.token);
    const iat = Math.floor(Date.now() / 1000);
    const shortLived = jwt.sign({ sub, sid, iat, exp: iat + 2 }, jwtKey(t.config.jwtSecret), { algorithm: 'HS256' });
    const client = connect(shortLived);
    const isUp = connected(client);
    const live = subscribe(client, NOTIFICATION_ADDED);
    await isUp;
    expect(await live.ended).toMatchObject({ code: 4403, reason: 'Forbidden: the access token has expired' });
  });
});
