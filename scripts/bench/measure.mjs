// How a scenario is measured: autocannon runs, the SQL statements the database ran, the server's CPU time and memory.
import autocannon from 'autocannon';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { cpuSecondsOf, memoryOf } from './processes.mjs';

const WARM_UP_SECONDS = 3;
const SECONDS = 15;

/**
 * Counts statements run in the bench database. With pg_stat_statements (preloaded in the embedded
 * server) it is the sum of `calls`, every statement including BEGIN/COMMIT; without it (an external server
 * that does not preload it) only committed and rolled-back transactions can be counted, which equals
 * statements for reads outside transactions and undercounts writes.
 */
export async function statementCounter(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let exact = true;
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
  } catch {
    exact = false;
  }
  // The counting statement itself is left out (the server never reads pg_stat_statements).
  const query = exact
    ? `SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'`
    : 'SELECT (xact_commit + xact_rollback)::bigint AS n FROM pg_stat_database WHERE datname = current_database()';
  let ownReads = 0;
  return {
    method: exact ? 'pg_stat_statements' : 'pg_stat_database transactions',
    async count() {
      if (exact) return Number((await client.query(query)).rows[0].n);
      // Backends flush pg_stat_database about once a second; each earlier read of ours was a transaction too.
      await sleep(1_500);
      return Number((await client.query(query)).rows[0].n) - ownReads++;
    },
    version: async () => (await client.query('SHOW server_version')).rows[0].server_version,
    close: () => client.end(),
  };
}

/** Samples the server's resident memory every 100 ms until stopped; returns the highest sample in MB. */
function memorySampler(pid) {
  let peak = memoryOf(pid)?.rssMb ?? NaN;
  const timer = setInterval(() => {
    const now = memoryOf(pid)?.rssMb;
    if (now > peak) peak = now;
  }, 100);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/**
 * One autocannon run against the GraphQL endpoint. A response that is not 2xx or whose body carries
 * GraphQL `errors` counts as an error. `requests` are autocannon request objects (setupRequest/onResponse).
 */
export async function load({ url, requests, ...limits }) {
  let graphqlErrors = 0;
  let firstError;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    timeout: 10,
    // connections, and duration or amount; autocannon refuses keys set to undefined.
    ...Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
    requests: requests.map((request) => ({
      ...request,
      onResponse(status, body, context) {
        if (body.includes('"errors"')) {
          graphqlErrors++;
          firstError ??= body.slice(0, 300);
        }
        request.onResponse?.(status, body, context);
      },
    })),
  });
  return {
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + graphqlErrors,
    firstError,
  };
}

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Requests at a fixed rate, evenly spaced, whatever the answers take (an open loop). autocannon's rate
 * limit lets every connection send its quota for the second at once, so its fixed-rate latencies measure
 * that burst's queue. Latency counts from when a request was due, so waiting for a socket counts too.
 */
export async function atFixedRate({ url, rate, duration, body, headers = {} }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * duration);
  const latencies = [];
  let errors = 0;
  let firstError;
  const failed = (what) => {
    errors++;
    firstError ??= what;
  };
  const post = (due) =>
    new Promise((resolve) => {
      const request = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => {
            if (response.statusCode !== 200 || text.includes('"errors"')) failed(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
            latencies.push(performance.now() - due);
            resolve();
          });
        },
      );
      request.on('error', (error) => {
        failed(String(error));
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  const pending = [];
  for (let sent = 0; sent < total;) {
    const now = performance.now();
    for (; sent < total && started + (sent * 1000) / rate <= now; sent++) pending.push(post(started + (sent * 1000) / rate));
    await sleep(Math.max(0, started + (sent * 1000) / rate - performance.now()));
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: duration,
    rps: latencies.length / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    firstError,
  };
}

/** The count once the server has finished what an earlier run left in flight (no change for half a second). */
export async function countWhenQuiet(counter) {
  let last = await counter.count();
  for (;;) {
    await sleep(500);
    const now = await counter.count();
    if (now === last) return now;
    last = now;
  }
}

/**
 * Statements per request, exactly: `amount` requests one at a time, so that none is still in flight
 * (running statements autocannon never sees answered) when counting stops.
 */
export async function statementsPerRequest(url, counter, requests, amount = 100) {
  const before = await countWhenQuiet(counter);
  await load({ url, connections: 1, amount, requests });
  return ((await counter.count()) - before) / amount;
}

/**
 * Runs `work` (answering `requests`) while sampling the server's memory; adds the peak and CPU time per
 * request: the server's (steadier than requests/s when other work shares the machine), the load
 * generator's (this process) and the embedded PostgreSQL's (NaN for a server named by DATABASE_URL,
 * which may be on another machine).
 */
export async function withServerUsage(env, work) {
  const pid = env.server.pid;
  const stopSampling = memorySampler(pid);
  const serverBefore = cpuSecondsOf(pid);
  const postgresBefore = env.postgres.cpuSeconds();
  const loadGeneratorBefore = process.cpuUsage();
  const result = await work();
  const { user, system } = process.cpuUsage(loadGeneratorBefore);
  const postgresAfter = env.postgres.cpuSeconds();
  const perRequest = (seconds) => (seconds * 1000) / result.requests;
  return {
    ...result,
    peakRssMb: stopSampling(),
    cpuMsPerRequest: perRequest(cpuSecondsOf(pid) - serverBefore),
    loadGeneratorCpuMsPerRequest: perRequest((user + system) / 1e6),
    postgresCpuMsPerRequest: postgresBefore === null || postgresAfter === null ? NaN : perRequest(postgresAfter - postgresBefore),
  };
}

/**
 * A scenario's measurement: warm-up, statements counted one request at a time (of `statementRequests`
 * when given: cached answers run none, so the work behind an answer is counted with fresh ones), then
 * the measured run (as fast as `connections` allow, or at a fixed `rate` of one request) with the
 * server's usage. A scenario that counts its statements itself passes `countedStatements` (per request).
 */
export async function measuredLoad(env, { rate, statementRequests, countedStatements, ...options }) {
  const url = env.server.url;
  await load({ ...options, url, duration: WARM_UP_SECONDS });
  const statements = countedStatements ?? (await statementsPerRequest(url, env.counter, statementRequests ?? options.requests));
  const [first] = options.requests;
  const run = rate
    ? () => atFixedRate({ url, rate, duration: env.seconds ?? SECONDS, body: first.body, headers: first.headers })
    : () => load({ ...options, url, duration: env.seconds ?? SECONDS });
  return { ...(await withServerUsage(env, run)), statementsPerRequest: statements };
}
