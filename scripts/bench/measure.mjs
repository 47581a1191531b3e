// What a scenario measures besides latency: SQL statements the database ran, and the server's memory.
import autocannon from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { memoryOf } from './processes.mjs';

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
  const query = exact
    ? 'SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())'
    : 'SELECT (xact_commit + xact_rollback)::bigint AS n FROM pg_stat_database WHERE datname = current_database()';
  return {
    method: exact ? 'pg_stat_statements' : 'pg_stat_database transactions',
    async count() {
      // pg_stat_database is flushed by backends about once a second; pg_stat_statements at once.
      if (!exact) await sleep(1_500);
      return Number((await client.query(query)).rows[0].n);
    },
    version: async () => (await client.query('SHOW server_version')).rows[0].server_version,
    close: () => client.end(),
  };
}

/** Samples the server's resident memory every 100 ms until stopped; returns the highest sample in MB. */
export function memorySampler(pid) {
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
export async function load({ url, connections, duration, overallRate, amount, requests }) {
  let graphqlErrors = 0;
  const countErrors = (status, body) => {
    if (body.includes('"errors"')) graphqlErrors++;
  };
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration,
    amount,
    overallRate,
    timeout: 10,
    requests: requests.map((request) => ({
      ...request,
      onResponse(status, body, context) {
        countErrors(status, body);
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
  };
}

/** Runs `work` while counting statements and sampling memory; adds both to the result. */
export async function measured(server, counter, work) {
  const before = await counter.count();
  const stopSampling = memorySampler(server.pid);
  const result = await work();
  const peakRssMb = stopSampling();
  const statements = (await counter.count()) - before;
  return { ...result, statementsPerRequest: statements / (result.operations ?? result.requests), peakRssMb };
}
