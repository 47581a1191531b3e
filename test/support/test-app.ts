import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { QueryCounter, createLogger, loadConfig, type DureConfig } from '../../libs/common/src/index.js';
import { AppModule } from '../../apps/api/src/app.module.js';
import { HTTP_APP_OPTIONS, configureHttp } from '../../apps/api/src/http.js';
import { normalizeBusinessRegistrationNumber } from '../../libs/identity/src/index.js';
import { TEMPLATE_DATABASE, databaseUrl, withAdminClient } from './database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string; fields?: Array<{ field: string; message: string }> } }>;
}

export interface TestApp {
  app: INestApplication;
  config: DureConfig;
  queries: QueryCounter;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  close(): Promise<void>;
}

/** A server on a fresh database cloned from the migrated template, spoken to over HTTP. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const serverUrl = process.env.DURE_TEST_SERVER_URL!;
  const database = `dure_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(serverUrl, database),
    JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    DURE_RUN_JOBS: 'false',
    DURE_DATA_DIR: '.dure/test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'fatal',
    // Tests sign up and act as many users from one address; the limit itself is tested with low values.
    MUTATION_RATE_LIMIT_PER_MINUTE: '100000',
    PAYMENT_WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const queries = new QueryCounter();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, databaseUrl: config.databaseUrl!, queryCounter: queries })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ ...HTTP_APP_OPTIONS, logger: ['fatal'] });
  configureHttp(app, config, createLogger(config.logLevel));
  await app.init();
  const server = app.getHttpServer();

  const gql: TestApp['gql'] = async (query, variables, token) => {
    const req = request(server).post('/graphql').set('content-type', 'application/json');
    if (token) req.set('authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data, errors: res.body.errors };
  };
  const ok: TestApp['ok'] = async (query, variables, token) => {
    const res = await gql(query, variables, token);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as never;
  };
  return {
    app,
    config,
    queries,
    gql,
    ok,
    async close() {
      await app.close();
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    },
  };
}

let counter = 0;

/** Signs up a fresh user and returns its tokens and id. */
export async function signUp(t: TestApp, name = 'Test User'): Promise<{ id: string; email: string; token: string; refreshToken: string }> {
  const email = `user${Date.now()}${counter++}@example.com`;
  const data = await t.ok<{ signUp: { accessToken: string; refreshToken: string; user: { id: string } } }>(
    `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id } } }`,
    { input: { email, password: 'correct horse battery', name } },
  );
  return { id: data.signUp.user.id, email, token: data.signUp.accessToken, refreshToken: data.signUp.refreshToken };
}

/** An operator account created through the start-up path (DURE_OPERATOR_EMAIL), logged in. */
export async function logInOperator(t: TestApp): Promise<string> {
  const data = await t.ok<{ logIn: { accessToken: string } }>(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, {
    input: { email: t.config.operatorEmail, password: t.config.operatorPassword },
  });
  return data.logIn.accessToken;
}

export const OPERATOR_ENV = { DURE_OPERATOR_EMAIL: 'ops@dure.test', DURE_OPERATOR_PASSWORD: 'operator-password-123' };

let registrationSerial = 100_000;

/** A fresh valid business registration number, unique within the run: the check digit that normalizes. */
export function newBusinessRegistrationNumber(): string {
  const nine = `${String((process.pid % 900) + 100)}81${String(registrationSerial++).padStart(4, '0').slice(-4)}`;
  const candidates = Array.from({ length: 10 }, (_, d) => `${nine.slice(0, 3)}-${nine.slice(3, 5)}-${nine.slice(5)}${d}`);
  return candidates.find((number) => normalizeBusinessRegistrationNumber(number) !== null)!;
}

const INVITE_MEMBER = `mutation($org: ID!, $email: String!, $role: OrganizationRole!) {
  addOrganizationMember(organizationId: $org, email: $email, role: $role) { invitation { id } }
}`;
const ACCEPT_INVITATION = `mutation($id: ID!) { acceptOrganizationInvitation(invitationId: $id) { role } }`;

/** Makes `member` a member of the organization the way people do: `inviterToken`'s owner or manager invites, the member accepts. */
export async function addMember(
  t: TestApp,
  organizationId: string,
  inviterToken: string,
  member: { email: string; token: string },
  role = 'STAFF',
): Promise<void> {
  const invited = await t.ok(INVITE_MEMBER, { org: organizationId, email: member.email, role }, inviterToken);
  await t.ok(ACCEPT_INVITATION, { id: invited.addOrganizationMember.invitation.id }, member.token);
}
