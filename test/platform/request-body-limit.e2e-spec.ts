import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';

const LIMIT = 4096;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { user { email } } }`;
const JSON_TYPE = 'application/json';

/**
 * A signUp whose JSON body is exactly `bytes` long: an undeclared variable (which GraphQL ignores) is
 * padded with Korean text (3 bytes a character in UTF-8) and ASCII, so the limit is seen to count bytes.
 */
function signUpBody(email: string, bytes: number): string {
  const body = (padding: string) =>
    JSON.stringify({ query: SIGN_UP, variables: { input: { email, password: 'correct horse battery', name: '김한도' }, padding } });
  const room = bytes - Buffer.byteLength(body(''));
  const padding = '가'.repeat(Math.floor(room / 3)) + 'x'.repeat(room % 3);
  const result = body(padding);
  expect(Buffer.byteLength(result)).toBe(bytes);
  return result;
}

const refusal = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', fields: [] } }] });

describe('request bodies', () => {
  let t: TestApp;
  const post = (path: string, body: string, contentType = JSON_TYPE) => request(t.app.getHttpServer()).post(path).set('content-type', contentType).send(body);
  const usersWithEmail = async (email: string) =>
    Number((await t.app.get(DataSource).query<Array<{ n: string }>>(`SELECT count(*) AS n FROM user_account WHERE email = $1`, [email]))[0].n);
  const jobs = async () => Number((await t.app.get(DataSource).query<Array<{ n: string }>>(`SELECT count(*) AS n FROM job`))[0].n);

  beforeAll(async () => {
    t = await createTestApp({ REQUEST_BODY_LIMIT_BYTES: String(LIMIT) });
  });
  afterAll(() => t.close());

  it('up to the limit in bytes are executed; one byte more is 413 BAD_USER_INPUT in the GraphQL shape, and nothing is written', async () => {
    const fits = await post('/graphql', signUpBody('fits@example.com', LIMIT));
    expect(fits.status).toBe(200);
    expect(fits.body.data.signUp.user.email).toBe('fits@example.com');

    const over = await post('/graphql', signUpBody('over@example.com', LIMIT + 1));
    expect(over.status).toBe(413);
    expect(over.headers['content-type']).toMatch(/^application\/json/);
    expect(over.body).toEqual(refusal(`The request body is larger than the limit of ${LIMIT} bytes`));
    expect(await usersWithEmail('over@example.com')).toBe(0);
  });

  it('that are not JSON are 400 BAD_USER_INPUT in the GraphQL shape; an unsupported charset is 415', async () => {
    for (const body of ['{"query": ', 'not json', '"a string"']) {
      const res = await post('/graphql', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(refusal('The request body is not valid JSON'));
    }
    const latin = await post('/graphql', JSON.stringify({ query: '{ __typename }' }), 'application/json; charset=latin1');
    expect(latin.status).toBe(415);
    expect(latin.body).toEqual(refusal('unsupported charset "LATIN1"'));
  });

  it('are limited and checked the same way on the payment webhook', async () => {
    const event = (padding: string) => JSON.stringify({ eventType: 'PAYMENT_STATUS_CHANGED', data: { paymentKey: 'pk', orderId: 'unknown-order' }, padding });
    const before = await jobs();
    expect((await post('/webhooks/payments/simulated', event(''))).body).toEqual({ received: false });
    const over = await post('/webhooks/payments/simulated', event('x'.repeat(LIMIT)));
    expect(over.status).toBe(413);
    expect(over.body).toEqual(refusal(`The request body is larger than the limit of ${LIMIT} bytes`));
    const malformed = await post('/webhooks/payments/simulated', '{"eventType"');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual(refusal('The request body is not valid JSON'));
    expect(await jobs()).toBe(before);
  });

  it('by default (1 MiB) take the 100 KB Korean strings of the hostile-input test to the resolvers', async () => {
    const roomy = await createTestApp();
    try {
      expect(roomy.config.requestBodyLimitBytes).toBe(1024 * 1024);
      const res = await roomy.gql(SIGN_UP, { input: { email: 'long@example.com', password: 'correct horse battery', name: '가'.repeat(100 * 1024) } });
      expect(res.status).toBe(200);
      expect(res.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'input.name' })] } }),
      ]);
    } finally {
      await roomy.close();
    }
  });
});
