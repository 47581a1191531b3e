import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ClockService, JobQueueService, MutationRateLimiter } from '../../libs/common/src/index.js';
import { createTestApp, newBusinessRegistrationNumber, type TestApp } from '../support/test-app.js';

const LIMIT = 10;
const MINUTE = 60_000;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const MY_ORGANIZATIONS = `{ me { memberships { organization { id } } } }`;

interface Answer {
  status: number;
  retryAfter?: string;
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

let serial = 0;
const organization = (overrides: Record<string, unknown> = {}) => ({
  name: `협동조합 ${serial++}`,
  kind: 'SOCIAL_COOPERATIVE',
  businessRegistrationNumber: newBusinessRegistrationNumber(),
  representativeName: '대표',
  ...overrides,
});

/**
 * MUTATION_RATE_LIMIT_PER_MINUTE over HTTP. The server's wall clock is held still (and moved by the
 * tests), so where a burst falls within the one-minute windows is known; each test starts two windows
 * after the last, with every client's budget whole again. Clients are told apart by X-Forwarded-For.
 */
describe('mutation rate limit', () => {
  let t: TestApp;
  let now = Math.floor(Date.now() / MINUTE) * MINUTE + 10_000;

  const send = async (
    query: string,
    variables: Record<string, unknown> = {},
    { token, address }: { token?: string; address?: string } = {},
  ): Promise<Answer> => {
    const req = request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    if (address) req.set('x-forwarded-for', address);
    const res = await req.send({ query, variables });
    return { status: res.status, retryAfter: res.headers['retry-after'], data: res.body.data, errors: res.body.errors };
  };
  const signUpFrom = async (address: string, email = `rate${serial++}@example.com`) => {
    const res = await send(SIGN_UP, { input: { email, password: 'correct horse battery', name: '한도' } }, { address });
    expect(res.errors).toBeUndefined();
    return { id: res.data!.signUp.user.id as string, token: res.data!.signUp.accessToken as string, address };
  };
  const createOrganization = (client: { token?: string; address?: string }) => send(CREATE_ORGANIZATION, { input: organization() }, client);
  const organizationsOf = async (client: { token: string }) => {
    const res = await send(MY_ORGANIZATIONS, {}, client);
    expect(res.status).toBe(200);
    return (res.data!.me.memberships as unknown[]).length;
  };
  const expectRateLimited = (res: Answer) => {
    expect(res.status).toBe(429);
    expect(res.errors).toEqual([{ message: `Too many mutations; try again in ${res.retryAfter} s`, extensions: { code: 'RATE_LIMITED' } }]);
    expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(res.retryAfter)).toBeLessThanOrEqual(120);
    expect(res.data).toBeUndefined();
  };
  const admitted = (res: Answer) => res.status === 200 && !res.errors;

  beforeAll(async () => {
    t = await createTestApp({ MUTATION_RATE_LIMIT_PER_MINUTE: String(LIMIT), PAYMENT_WEBHOOK_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' });
    jest.spyOn(t.app.get(ClockService), 'wallClock').mockImplementation(() => new Date(now));
  });
  beforeEach(() => {
    now += 2 * MINUTE;
  });
  afterAll(() => t.close());

  it('refuses a signed-in user over the limit with RATE_LIMITED, HTTP 429 and Retry-After before the mutation runs; queries still answer; others are not affected', async () => {
    const user = await signUpFrom('10.1.0.1');
    const other = await signUpFrom('10.1.0.2');
    for (let i = 0; i < LIMIT; i++) expect(admitted(await createOrganization(user))).toBe(true);

    expectRateLimited(await createOrganization(user));
    expect(await organizationsOf(user)).toBe(LIMIT);
    // Counted per user, from whatever address; the address's own (anonymous) budget is another.
    expectRateLimited(await createOrganization({ token: user.token, address: '10.1.0.9' }));
    expect(admitted(await createOrganization(other))).toBe(true);
    await signUpFrom('10.1.0.1');
  });

  it('counts anonymous clients per address, stored only as a keyed hash; an invalid token counts as anonymous', async () => {
    for (let i = 0; i < LIMIT; i++) await signUpFrom('10.2.0.1');
    const refused = await send(SIGN_UP, { input: { email: 'refused@example.com', password: 'correct horse battery', name: '거절' } }, { address: '10.2.0.1' });
    expectRateLimited(refused);
    const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM user_account WHERE email = 'refused@example.com'`);
    expect(n).toBe(0);
    expectRateLimited(await createOrganization({ token: 'not-a-token', address: '10.2.0.1' }));
    await signUpFrom('10.2.0.2');

    const keys: Array<{ key: string }> = await t.app.get(DataSource).query(`SELECT client_key AS key FROM mutation_rate_window`);
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) {
      expect(key).toMatch(/^(user:[0-9a-f-]{36}|address:[\w-]{43})$/);
      expect(key).not.toContain('10.2.0');
    }
  });

  it('checks the session in the counting statement: a token whose session has ended counts as its address and is refused', async () => {
    const user = await signUpFrom('10.9.0.1');
    const countedForUser = async () => {
      const [{ n }] = await t.app
        .get(DataSource)
        .query(`SELECT coalesce(sum(mutations), 0)::int AS n FROM mutation_rate_window WHERE client_key = $1`, [`user:${user.id}`]);
      return n;
    };
    expect(admitted(await createOrganization(user))).toBe(true);
    expect(await countedForUser()).toBe(1);
    await t.app.get(DataSource).query(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1`, [user.id]);
    expect((await createOrganization(user)).errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(await countedForUser()).toBe(1);
    // The address has counted the sign-up and the refused mutation.
    for (let i = 2; i < LIMIT; i++) await signUpFrom('10.9.0.1');
    expectRateLimited(await createOrganization({ address: '10.9.0.1' }));
  });

  it('counts every root mutation field, admits or refuses an operation whole, and counts mutations that fail', async () => {
    const user = await signUpFrom('10.3.0.1');
    const three = `mutation($a: CreateOrganizationInput!, $b: CreateOrganizationInput!, $c: CreateOrganizationInput!) {
      a: createOrganization(input: $a) { id } b: createOrganization(input: $b) { id } ...third }
      fragment third on Mutation { c: createOrganization(input: $c) { id } }`;
    const two = `mutation($a: CreateOrganizationInput!, $b: CreateOrganizationInput!) { a: createOrganization(input: $a) { id } b: createOrganization(input: $b) { id } }`;
    expect(admitted(await send(three, { a: organization(), b: organization(), c: organization() }, user))).toBe(true);
    expect(admitted(await send(three, { a: organization(), b: organization(), c: organization() }, user))).toBe(true);
    // Rolled back (an invalid registration number), and counted all the same.
    const failed = await send(three, { a: organization(), b: organization(), c: organization({ businessRegistrationNumber: '123-45-67890' }) }, user);
    expect(failed.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await organizationsOf(user)).toBe(8);

    expectRateLimited(await send(two, { a: organization(), b: organization() }, user));
    expect(await organizationsOf(user)).toBe(8);
    expect(admitted(await createOrganization(user))).toBe(true);
    expectRateLimited(await createOrganization(user));
    // `__typename` runs no mutation.
    expect(admitted(await send(`mutation { __typename }`, {}, user))).toBe(true);

    const tooMany = `mutation { ${Array.from({ length: LIMIT + 1 }, (_, i) => `m${i}: logOut(refreshToken: "x")`).join(' ')} }`;
    const refused = await send(tooMany, {}, await signUpFrom('10.3.0.2'));
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([
      { message: `This operation has ${LIMIT + 1} mutations; at most ${LIMIT} may run per minute`, extensions: { code: 'BAD_USER_INPUT', fields: [] } },
    ]);
  });

  it('admits again once Retry-After has passed, and the whole limit once the burst is two windows old', async () => {
    const user = await signUpFrom('10.4.0.1');
    for (let i = 0; i < LIMIT; i++) expect(admitted(await createOrganization(user))).toBe(true);
    const refused = await createOrganization(user);
    expectRateLimited(refused);
    const seconds = Number(refused.retryAfter);
    // The burst was 10 s into a window: it weighs 9 of 10 six seconds into the next one.
    expect(seconds).toBe(56);

    now += (seconds - 1) * 1000;
    expectRateLimited(await createOrganization(user));
    now += 1000;
    expect(admitted(await createOrganization(user))).toBe(true);
    expectRateLimited(await createOrganization(user));

    now += 2 * MINUTE;
    for (let i = 0; i < LIMIT; i++) expect(admitted(await createOrganization(user))).toBe(true);
    expect(await organizationsOf(user)).toBe(2 * LIMIT + 1);
  });

  it('admits exactly the limit of a concurrent burst from one client', async () => {
    const user = await signUpFrom('10.5.0.1');
    const results = await Promise.all(Array.from({ length: 30 }, () => createOrganization(user)));
    expect(results.filter(admitted)).toHaveLength(LIMIT);
    for (const refused of results.filter((res) => !admitted(res))) expectRateLimited(refused);
    expect(await organizationsOf(user)).toBe(LIMIT);
  });

  it('lets mutations run when their count cannot be made (the failure is logged)', async () => {
    const user = await signUpFrom('10.7.0.1');
    const admit = jest.spyOn(t.app.get(MutationRateLimiter), 'admitMutations').mockRejectedValue(new Error('connection lost'));
    try {
      expect(admitted(await createOrganization(user))).toBe(true);
    } finally {
      admit.mockRestore();
    }
  });

  it('limits payment webhook posts per client address (PAYMENT_WEBHOOK_RATE_LIMIT_PER_MINUTE), apart from its mutations', async () => {
    const notify = (address: string) =>
      request(t.app.getHttpServer())
        .post('/webhooks/payments/simulated')
        .set('x-forwarded-for', address)
        .send({ eventType: 'PAYMENT_STATUS_CHANGED', data: { paymentKey: 'pk_flood', orderId: 'no-such-order' } });
    const answers = await Promise.all(Array.from({ length: LIMIT + 5 }, () => notify('10.8.0.1')));
    expect(answers.filter((res) => res.status === 200)).toHaveLength(LIMIT);
    for (const refused of answers.filter((res) => res.status !== 200)) {
      expect(refused.status).toBe(429);
      const seconds = refused.headers['retry-after'];
      expect(Number(seconds)).toBeGreaterThanOrEqual(1);
      expect(refused.body).toEqual({
        errors: [{ message: `Too many payment notifications; try again in ${seconds} s`, extensions: { code: 'RATE_LIMITED' } }],
      });
    }
    expect((await notify('10.8.0.2')).status).toBe(200);
    await signUpFrom('10.8.0.1');
    now += 2 * MINUTE;
    expect((await notify('10.8.0.1')).status).toBe(200);
  });

  it('drops windows that no longer count with a recurring job', async () => {
    await signUpFrom('10.6.0.1');
    now += 5 * MINUTE;
    await signUpFrom('10.6.0.1');
    await t.app.get(JobQueueService).runDue();
    const windows: Array<{ start: Date }> = await t.app.get(DataSource).query(`SELECT DISTINCT window_start AS start FROM mutation_rate_window`);
    expect(windows.map(({ start }) => start.getTime())).toEqual([now - (now % MINUTE)]);
  });
});
