import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type { TestApp } from './test-app.js';

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

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const isReady = (url: string) => request(url).get('/ready');

/**
 * The production server (`dist/apps/api/src/main.js`, built by the test setup) as its own process, once
 * `ready` (by default `/ready`) answers 200; `entry` starts another program, such as the worker.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { entry = 'dist/apps/api/src/main.js', ready = isReady }: { entry?: string; ready?: (url: string) => request.Test } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
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
