// Start and stop of what the bench measures: the build, PostgreSQL, migrations and the API server process.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** Git-ignored: the embedded database, the seed marker, the server log and CPU profiles. */
export const BENCH_DIR = resolve('.dure/bench');
export const DATABASE = 'dure_bench';
export const OPERATOR = { email: 'operator@bench.dure.local', password: 'bench-operator-password' };

export function build() {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}

export function withDatabaseName(url, name) {
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return copy.toString();
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function embeddedPostgres(log) {
  const { startEmbeddedPostgres } = await import(resolve('dist/libs/common/src/database/embedded-postgres.js'));
  return startEmbeddedPostgres(BENCH_DIR, DATABASE, log);
}

/**
 * The PostgreSQL server to use: DATABASE_URL's when set, else an embedded one under .dure/bench, started
 * with pg_stat_statements preloaded (one restart the first time) so statements can be counted exactly.
 * `adminUrl` reaches the server outside the bench database; `url` is the bench database.
 */
export async function startPostgres(log) {
  if (process.env.DATABASE_URL) {
    const adminUrl = process.env.DATABASE_URL;
    return {
      adminUrl,
      url: withDatabaseName(adminUrl, DATABASE),
      identity: `${new URL(adminUrl).host}/${DATABASE}`,
      cpuSeconds: () => null,
      stop: async () => undefined,
    };
  }
  let running = await embeddedPostgres(log);
  const preloaded = await withClient(running.url, async (client) => (await client.query('SHOW shared_preload_libraries')).rows[0].shared_preload_libraries);
  if (!preloaded.includes('pg_stat_statements')) {
    log('enabling pg_stat_statements in the embedded PostgreSQL (restart)');
    await withClient(running.url, (client) => client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`));
    await running.stop();
    running = await embeddedPostgres(log);
  }
  const postmasterPid = Number(readFileSync(join(BENCH_DIR, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    adminUrl: withDatabaseName(running.url, 'postgres'),
    url: running.url,
    identity: 'embedded',
    cpuSeconds: () => postgresCpuSeconds(postmasterPid),
    stop: running.stop,
  };
}

/** Drops and creates the bench database, then applies every migration with the server's own CLI. */
export async function recreateDatabase(postgres) {
  await withClient(postgres.adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${DATABASE}`);
  });
  migrate(postgres.url);
}

export function migrate(url) {
  execFileSync(process.execPath, ['dist/apps/api/src/cli.js', 'migration:run'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function databaseExists(postgres) {
  return withClient(postgres.adminUrl, async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).rowCount === 1);
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const START_WORDS = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start.split(/\s+/);

/** The node flags `npm start` gives the server (its memory budget), so the bench measures what runs. */
export const START_FLAGS = START_WORDS.filter((word) => word.startsWith('--'));

/** The environment `npm start` sets before `node` (the C library's allocator settings). */
export const START_ENV = Object.fromEntries(START_WORDS.slice(0, START_WORDS.indexOf('node')).map((word) => word.split('=', 2)));

/**
 * Starts the built API as its own process, in production mode against `databaseUrl`, with the flags and
 * environment of `npm start`, and waits for /ready. `nodeOptions` are added (e.g. --cpu-prof), `env` adds settings.
 * Output goes to .dure/bench/server.log. `cwd` is the checkout whose build runs (another commit's, to compare).
 */
export async function startServer(databaseUrl, { nodeOptions = [], env = {}, cwd = process.cwd() } = {}) {
  const port = await freePort();
  mkdirSync(BENCH_DIR, { recursive: true });
  const logFile = join(BENCH_DIR, 'server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...START_FLAGS, ...nodeOptions, 'dist/apps/api/src/main.js'], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      PAYMENT_PROVIDER: 'simulated',
      JWT_SECRET: randomBytes(32).toString('base64'),
      BILLING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DURE_OPERATOR_EMAIL: OPERATOR.email,
      DURE_OPERATOR_PASSWORD: OPERATOR.password,
      DURE_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      ...START_ENV,
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up; see ${logFile}`);
    if (attempt > 600) throw new Error(`the server was not ready after a minute; see ${logFile}`);
    if (
      await fetch(`${base}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  return {
    pid: child.pid,
    base,
    url: `${base}/graphql`,
    /** SIGTERM: the server closes Nest and its pool, then exits (and writes a CPU profile when asked to). */
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process now and at its peak (VmHWM), in MB; null where /proc is missing. */
export function memoryOf(pid) {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return null;
  const status = readFileSync(file, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces); null when it is gone. */
function statFields(pid) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  try {
    return readFileSync(file, 'utf8').split(') ')[1].split(' ').map(Number);
  } catch {
    return null; // exited meanwhile
  }
}

/** CPU time a process has used (user + system), in seconds; null where /proc is missing. */
export function cpuSecondsOf(pid) {
  const fields = statFields(pid);
  // utime and stime are the 12th and 13th fields after the command name.
  return fields && (fields[11] + fields[12]) / 100;
}

/**
 * CPU time of a PostgreSQL server, in seconds: the postmaster's, its running processes' (backends,
 * walwriter, checkpointer…) and what its exited processes had used.
 */
function postgresCpuSeconds(postmasterPid) {
  const own = statFields(postmasterPid);
  if (!own) return null;
  // cutime and cstime (children it has reaped) follow utime and stime; the parent pid is the 2nd field.
  let ticks = own[11] + own[12] + own[13] + own[14];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields?.[1] === postmasterPid) ticks += fields[11] + fields[12];
  }
  return ticks / 100;
}

function cpuTimes() {
  // user nice system idle iowait irq softirq steal (guest time is already counted in user and nice).
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = fields[3] + fields[4];
  return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
}

/** Share of the machine's CPU busy over `ms` (other work competes with the benchmark); null without /proc. */
export async function machineBusy(ms = 3_000) {
  if (!existsSync('/proc/stat')) return null;
  const before = cpuTimes();
  await sleep(ms);
  const after = cpuTimes();
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}
