import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type { GraphQLResponse, TestApp } from './test-app.js';

export interface ServerProcess {
  url: string;
  process: ChildProcess;
}

/** What a server process needs to serve the test app's database (production's start-up path, in test mode). */
export function serverProcessEnv(t: TestApp): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: t.config.databaseUrl!,
    JWT_SECRET: t.config.jwtSecret,
    PAYMENT_PROVIDER: 'simulated',
    DURE_DEMO_DATA: 'false',
    LOG_LEVEL: 'fatal',
  };
}

const isReady = (url: string) => request(url).get('/ready');

/** The port the child reports once it listens (bootstrap's reportListening), or an error when it exits first. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start listening')), 30_000);
    child.on('message', (message: { dure?: string; port?: number }) => {
      if (message?.dure !== 'listening' || !message.port) return;
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening`));
    });
  });
}

/**
 * The production server (`dist/apps/api/src/main.js`, built by the test setup) as its own process, once
 * `ready` (by default `/ready`) answers 200; `entry` starts another program, such as the worker. It listens
 * on a port of its own choosing and reports it over IPC, so the test never probes a port another process took.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { entry = 'dist/apps/api/src/main.js', ready = isReady }: { entry?: string; ready?: (url: string) => request.Test } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let url: string;
  try {
    // localhost, the host of the local media URLs (followListeningPort): a console page uploads to its own origin.
    url = `http://localhost:${await listeningPort(child)}`;
  } catch (error) {
    child.kill();
    throw error;
  }
  for (let waited = 0; waited < 30_000; waited += 100) {
    const answered = await ready(url)
      .then((res) => res.status === 200)
      .catch(() => false);
    if (answered) return { url, process: child };
    await sleep(100);
  }
  child.kill();
  throw new Error('server did not become ready');
}

/** Resolves with the exit code once the process has ended. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** GraphQL over HTTP to one server process, signed in with `token`. */
export async function gqlTo(
  server: ServerProcess,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<GraphQLResponse<Record<string, any>>> {
  const res = await request(server.url)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${token}`)
    .send({ query, variables });
  return { status: res.status, data: res.body.data, errors: res.body.errors };
}
