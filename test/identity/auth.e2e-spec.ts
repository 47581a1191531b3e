import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id email name isOperator } }
}`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }`;
const ME = `{ me { id email name } }`;

describe('identity: sign-up, log-in, sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_FAILURES_PER_EMAIL: '3', LOGIN_FAILURES_PER_ADDRESS: '8' });
  });
  afterAll(() => t.close());

  it('signs up, returns a working access token and reads me', async () => {
    const data = await t.ok(SIGN_UP, { input: { email: 'Hana@Example.com', password: '0123456789', name: '하나' } });
    expect(data.signUp.user).toMatchObject({ email: 'Hana@Example.com', name: '하나', isOperator: false });
    expect(new Date(data.signUp.accessTokenExpiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const me = await t.ok(ME, {}, data.signUp.accessToken);
    expect(me.me).toEqual({ id: data.signUp.user.id, email: 'Hana@Example.com', name: '하나' });
  });

  it('refuses bad sign-up input with BAD_USER_INPUT naming each field', async () => {
    const res = await t.gql(SIGN_UP, { input: { email: 'not-an-email', password: 'short', name: ' ' } });
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const fields = res.errors![0].extensions.fields!.map((f) => f.field).sort();
    expect(fields).toEqual(['email', 'name', 'password']);
  });

  it('treats emails case-insensitively: a second account with another casing is a CONFLICT', async () => {
    await t.ok(SIGN_UP, { input: { email: 'dup@example.com', password: '0123456789', name: 'A' } });
    const res = await t.gql(SIGN_UP, { input: { email: 'DUP@example.com', password: '0123456789', name: 'B' } });
    expect(res.errors![0].extensions.code).toBe('CONFLICT');
  });

  it('logs in with any casing of the email; wrong password and unknown email fail alike', async () => {
    const user = await signUp(t);
    const good = await t.ok(LOG_IN, { input: { email: user.email.toUpperCase(), password: 'correct horse battery' } });
    expect(good.logIn.user.id).toBe(user.id);
    const wrong = await t.gql(LOG_IN, { input: { email: user.email, password: 'wrong password!' } });
    const unknown = await t.gql(LOG_IN, { input: { email: 'nobody@example.com', password: 'wrong password!' } });
    expect(wrong.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0]).toEqual({ ...wrong.errors![0] });
  });

  it('rate-limits repeated failures for one email, even with the right password afterwards', async () => {
    const user = await signUp(t);
    for (let i = 0; i < 3; i++) {
      const res = await t.gql(LOG_IN, { input: { email: user.email, password: 'wrong password!' } });
      expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const limited = await t.gql(LOG_IN, { input: { email: user.email, password: 'correct horse battery' } });
    expect(limited.errors![0].extensions.code).toBe('RATE_LIMITED');
  });

  it('rate-limits repeated failures from one client address across emails', async () => {
    const limited = await createTestApp({ LOGIN_FAILURES_PER_EMAIL: '100', LOGIN_FAILURES_PER_ADDRESS: '4' });
    try {
      for (let i = 0; i < 4; i++) await limited.gql(LOG_IN, { input: { email: `x${i}@example.com`, password: 'wrong password!' } });
      const res = await limited.gql(LOG_IN, { input: { email: 'fresh@example.com', password: 'wrong password!' } });
      expect(res.errors![0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('rotates refresh tokens; replaying a rotated one revokes the whole family', async () => {
    const user = await signUp(t);
    const first = await t.ok(REFRESH, { token: user.refreshToken });
    expect(first.refreshSession.refreshToken).not.toBe(user.refreshToken);
    const second = await t.ok(REFRESH, { token: first.refreshSession.refreshToken });

    const replay = await t.gql(REFRESH, { token: user.refreshToken });
    expect(replay.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    // the newest token of the family was revoked by the replay
    const afterReplay = await t.gql(REFRESH, { token: second.refreshSession.refreshToken });
    expect(afterReplay.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('logOut revokes the session; other sessions of the user keep working', async () => {
    const user = await signUp(t);
    const other = await t.ok(LOG_IN, { input: { email: user.email, password: 'correct horse battery' } });
    expect(await t.ok(`mutation($t: String!) { logOut(refreshToken: $t) }`, { t: user.refreshToken })).toEqual({ logOut: true });
    expect((await t.gql(REFRESH, { token: user.refreshToken })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    await t.ok(REFRESH, { token: other.logIn.refreshToken });
  });

  it('refuses an invalid access token and asks anonymous callers to sign in', async () => {
    expect((await t.gql(ME, {}, 'not-a-jwt')).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('hides other users private fields: FORBIDDEN on email of someone else', async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const org = await t.ok(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: '협동', kind: 'COOPERATIVE', businessRegistrationNumber: '124-81-00998', representativeName: '가' } },
      a.token,
    );
    const res = await t.gql(
      `query($id: ID!) { organization(id: $id) { members { user { name email } } } }`,
      { id: org.createOrganization.id },
      a.token,
    );
    expect(res.errors).toBeUndefined();
    const asOther = await t.gql(`query($id: ID!) { organization(id: $id) { name } }`, { id: org.createOrganization.id }, b.token);
    expect(asOther.data).toEqual({ organization: { name: '협동' } });
  });
});
