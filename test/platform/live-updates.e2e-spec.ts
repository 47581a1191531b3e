import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { bookableService } from '../support/booking.js';
import { activePartnerAgency, type Agency, type User } from '../support/catalog.js';
import { exited, serverProcessEnv, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const REQUEST = `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id } }`;
const MESSAGE = `mutation($id: ID!, $body: String!) { postConsultationMessage(consultationId: $id, body: $body) { id } }`;
const MESSAGE_ADDED = `subscription($id: ID!) { consultationMessageAdded(consultationId: $id) { id body author { id } } }`;
const NOTIFICATION_ADDED = `subscription { notificationAdded { id kind title } }`;
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
});
