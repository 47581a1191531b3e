import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
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
    t = await createTestApp({ LOGIN_FAILURES_PER_EMAIL: '3', LOGIN_FAILURES_PER_ADDRESS: '20' });
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
    expect(fields).toEqual(['input.email', 'input.name', 'input.password']);
  });

  it('refuses malformed text as BAD_USER_INPUT: a lone UTF-16 surrogate in the email', async () => {
    const res = await t.gql(SIGN_UP, { input: { email: 'ha\uD800na@example.com', password: '0123456789', name: '하나' } });
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.email', message: expect.stringContaining('surrogate') }] });
  });

  it('normalizes names and emails (NFKC, no invisible characters) and refuses names that are only invisible', async () => {
    for (const name of ['\u200B', '\u3164', ' \u200D\uFEFF\u2060 ']) {
      const res = await t.gql(SIGN_UP, { input: { email: 'invisible@example.com', password: '0123456789', name } });
      expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.name', message: 'must not be blank' }] });
    }
    const data = await t.ok(SIGN_UP, { input: { email: 'ｎｆｋｃ\u200B@example.com', password: '0123456789', name: ' Ｈａｎａ\u200B  Park ' } });
    expect(data.signUp.user).toMatchObject({ email: 'nfkc@example.com', name: 'Hana Park' });
    const again = await t.gql(SIGN_UP, { input: { email: 'nfkc@example.com', password: '0123456789', name: 'B' } });
    expect(again.errors![0].extensions.code).toBe('CONFLICT');
    await t.ok(LOG_IN, { input: { email: 'nf\u200Ckc@ｅxample.com', password: '0123456789' } });
    const org = await t.gql(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: '\u200B\u3164', kind: 'COOPERATIVE', businessRegistrationNumber: '124-81-00998', representativeName: '\u200B' } },
      data.signUp.accessToken,
    );
    expect(org.errors![0].extensions.fields!.map((f) => f.field).sort()).toEqual(['input.name', 'input.representativeName']);
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

  it('verifies at most the limit of passwords for one email however many log-ins race, the right one included', async () => {
    const limited = await createTestApp({ LOGIN_FAILURES_PER_EMAIL: '5', LOGIN_FAILURES_PER_ADDRESS: '1000' });
    try {
      const user = await signUp(limited);
      const passwords = [
        ...Array.from({ length: 119 }, () => 'wrong password!'),
        'correct horse battery',
        ...Array.from({ length: 10 }, () => 'wrong password!'),
      ];
      const results = await Promise.all(passwords.map((password) => limited.gql(LOG_IN, { input: { email: user.email, password } })));
      const codes = results.map((r) => r.errors?.[0].extensions.code ?? 'OK');
      const verifiedWrong = codes.filter((code) => code === 'UNAUTHENTICATED').length;
      expect(verifiedWrong).toBeLessThanOrEqual(5);
      expect(verifiedWrong + codes.filter((code) => code === 'OK').length).toBeGreaterThanOrEqual(5);
      expect(codes.every((code) => ['OK', 'UNAUTHENTICATED', 'RATE_LIMITED'].includes(code))).toBe(true);
      const [{ attempts }] = await limited.app.get(DataSource).query(`SELECT count(*)::int AS attempts FROM login_attempt WHERE email = $1`, [user.email]);
      expect(attempts).toBe(verifiedWrong);
      const after = await limited.gql(LOG_IN, { input: { email: user.email, password: 'correct horse battery' } });
      expect(after.errors![0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('does not count a right password against the user: failures before it still do', async () => {
    const user = await signUp(t);
    await t.gql(LOG_IN, { input: { email: user.email, password: 'wrong password!' } });
    for (let i = 0; i < 4; i++) await t.ok(LOG_IN, { input: { email: user.email, password: 'correct horse battery' } });
    await t.gql(LOG_IN, { input: { email: user.email, password: 'wrong password!' } });
    await t.ok(LOG_IN, { input: { email: user.email, password: 'correct horse battery' } });
    await t.gql(LOG_IN, { input: { email: user.email, password: 'wrong password!' } });
    expect((await t.gql(LOG_IN, { input: { email: user.email, password: 'correct horse battery' } })).errors![0].extensions.code).toBe('RATE_LIMITED');
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

  it('rotates refresh tokens; replaying a rotated one after the reuse grace revokes the session, access tokens too', async () => {
    const graceOfOneSecond = await createTestApp({ REFRESH_TOKEN_REUSE_GRACE_SECONDS: '1' });
    try {
      const user = await signUp(graceOfOneSecond);
      const first = await graceOfOneSecond.ok(REFRESH, { token: user.refreshToken });
      expect(first.refreshSession.refreshToken).not.toBe(user.refreshToken);
      const second = await graceOfOneSecond.ok(REFRESH, { token: first.refreshSession.refreshToken });
      await sleep(1100);

      const replay = await graceOfOneSecond.gql(REFRESH, { token: user.refreshToken });
      expect(replay.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      // the newest tokens of the session were revoked by the replay
      const afterReplay = await graceOfOneSecond.gql(REFRESH, { token: second.refreshSession.refreshToken });
      expect(afterReplay.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await graceOfOneSecond.gql(ME, {}, second.refreshSession.accessToken)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await graceOfOneSecond.close();
    }
  });

  it('answers parallel refreshes of one token (two tabs) with the same new pair, and the user stays signed in', async () => {
    const user = await signUp(t);
    const results = await Promise.all([1, 2, 3].map(() => t.gql(REFRESH, { token: user.refreshToken })));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const pairs = new Set(results.map((r) => JSON.stringify(r.data!.refreshSession)));
    expect(pairs.size).toBe(1);
    const pair = results[0].data!.refreshSession;
    expect((await t.ok(ME, {}, pair.accessToken)).me.id).toBe(user.id);
    // presented again a little later, still within the grace: the same pair again
    expect((await t.ok(REFRESH, { token: user.refreshToken })).refreshSession).toEqual(pair);
    const next = await t.ok(REFRESH, { token: pair.refreshToken });
    expect((await t.ok(ME, {}, next.refreshSession.accessToken)).me.id).toBe(user.id);
  });

  it('logOut revokes the session at once, its access tokens included; other sessions of the user keep working', async () => {
    const user = await signUp(t);
    const other = await t.ok(LOG_IN, { input: { email: user.email, password: 'correct horse battery' } });
    expect((await t.ok(ME, {}, user.token)).me.id).toBe(user.id);
    expect(await t.ok(`mutation($t: String!) { logOut(refreshToken: $t) }`, { t: user.refreshToken })).toEqual({ logOut: true });
    expect((await t.gql(REFRESH, { token: user.refreshToken })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME, {}, user.token)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.ok(ME, {}, other.logIn.accessToken)).me.id).toBe(user.id);
    await t.ok(REFRESH, { token: other.logIn.refreshToken });
  });

  it('checks the session with one statement per request', async () => {
    const user = await signUp(t);
    t.queries.count = 0;
    await t.ok(`{ me { id } }`, {}, user.token);
    expect(t.queries.count).toBe(2); // the session, then the user `me` reads
  });

  it('refuses, as UNAUTHENTICATED, a well-signed token without exp, or whose subject or session is not a live one', async () => {
    const user = await signUp(t);
    const jwt = t.app.get(JwtService);
    const [{ sid }] = await t.app.get(DataSource).query(`SELECT id AS sid FROM user_session WHERE user_id = $1`, [user.id]);
    const iat = Math.floor(Date.now() / 1000);
    const forged = {
      withoutExp: jwt.sign({ sub: user.id, sid, iat }),
      subjectNotAUser: jwt.sign({ sub: 'not-a-user', sid, iat, exp: iat + 600 }),
      subjectUnknown: jwt.sign({ sub: randomUUID(), sid, iat, exp: iat + 600 }),
      sessionUnknown: jwt.sign({ sub: user.id, sid: randomUUID(), iat, exp: iat + 600 }),
      withoutSession: jwt.sign({ sub: user.id, iat, exp: iat + 600 }),
    };
    expect((await t.ok(ME, {}, jwt.sign({ sub: user.id, sid, iat, exp: iat + 600 }))).me.id).toBe(user.id);
    for (const token of Object.values(forged)) {
      const res = await t.gql(ME, {}, token);
      expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('does not say which framework serves it', async () => {
    const res = await request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' });
    expect(res.status).toBe(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
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
    const res = await t.gql(`query($id: ID!) { organization(id: $id) { members { user { name email } } } }`, { id: org.createOrganization.id }, a.token);
    expect(res.errors).toBeUndefined();
    const asOther = await t.gql(`query($id: ID!) { organization(id: $id) { name } }`, { id: org.createOrganization.id }, b.token);
    expect(asOther.data).toEqual({ organization: { name: '협동' } });
  });
});
