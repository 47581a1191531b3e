// npm run bench [-- --reseed] [-- --only a,b] [-- --profile] [-- --seconds 5] [-- --scale 0.2]
//   --reseed   seed the database again instead of reusing the cached one
//   --only     run only the scenarios with these letters (a: listings, b: a listing and its slots, c: reserve and pay, d: race for one slot,
//              e: check out and pay a three-line cart, f: a buyer's reservations, g: an agency's orders,
//              h: the listings page with its totalCount)
//   --profile  run the measured server with --cpu-prof and print its top frames (no report is written)
//   --seconds  measure each scenario this long (default 15) — with --scale, a short run on a busy machine
//   --scale    seed this fraction of the data set (default 1; a database seeded at another scale is seeded again)
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { statementCounter } from './measure.mjs';
import { BENCH_DIR, build, databaseExists, machineBusy, memoryOf, migrate, recreateDatabase, startPostgres, startServer } from './processes.mjs';
import { summarize } from './profile-summary.mjs';
import { isShort, render, writeReport, REPORT } from './report.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { cachedSeed, seed } from './seed.mjs';

const { values: args } = parseArgs({
  options: {
    reseed: { type: 'boolean', default: false },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '15' },
    scale: { type: 'string', default: '1' },
  },
});
const scale = Number(args.scale);
const seconds = Number(args.seconds);
const PROFILE_DIR = join(BENCH_DIR, 'profiles');
const log = (message) => console.log(`[bench] ${message}`);

async function seeded(postgres) {
  const cached = args.reseed ? null : cachedSeed(postgres.identity, scale);
  if (cached && (await databaseExists(postgres))) {
    log(`reusing the database seeded ${cached.seededAt} (--reseed to start over)`);
    migrate(postgres.url);
    return cached;
  }
  log('creating and migrating the bench database');
  await recreateDatabase(postgres);
  // Seeding is a bulk load by a few accounts from one address, thousands of mutations a minute: not
  // something the mutation rate limit is for, and not measured.
  const server = await startServer(postgres.url, { env: { MUTATION_RATE_LIMIT_PER_MINUTE: '1000000' } });
  try {
    log('seeding through the GraphQL API (a few minutes)');
    const { normalizeBusinessRegistrationNumber } = await import(resolve('dist/libs/identity/src/business-registration-number.js'));
    return await seed(server.url, postgres.identity, scale, normalizeBusinessRegistrationNumber, log);
  } finally {
    await server.stop();
  }
}

async function runScenarios(env) {
  const wanted = args.only?.split(',').map((key) => key.trim());
  const rows = [];
  for (const scenario of SCENARIOS.filter((s) => !wanted || wanted.includes(s.key))) {
    log(`${scenario.key}) ${scenario.title.replaceAll('`', '')}`);
    const result = await scenario.run(env);
    log(
      `   ${result.rps.toFixed(0)}/s, p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, ${result.statementsPerRequest.toFixed(2)} SQL/request, ` +
        `CPU ms/request: server ${result.cpuMsPerRequest.toFixed(2)}, load generator ${result.loadGeneratorCpuMsPerRequest.toFixed(2)}, PostgreSQL ${result.postgresCpuMsPerRequest.toFixed(2)}, ` +
        `peak RSS ${result.peakRssMb.toFixed(0)} MB, ${result.errors} errors${result.note ? `; ${result.note}` : ''}`,
    );
    if (result.firstError) log(`   first error: ${result.firstError}`);
    rows.push({ scenario, result });
  }
  return rows;
}

async function main() {
  log('building the server');
  build();
  const postgres = await startPostgres(log);
  let server;
  let counter;
  process.once('SIGINT', async () => {
    await counter?.close();
    await server?.stop();
    await postgres.stop();
    process.exit(130);
  });
  try {
    const data = await seeded(postgres);
    // As in production with workers (README, "How it scales"): the API process does not poll the job queue,
    // so every statement counted is one a request caused, and it sits behind a proxy it trusts. The
    // mutation rate limit is the default.
    server = await startServer(postgres.url, {
      nodeOptions: args.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
      env: { DURE_RUN_JOBS: 'false', TRUST_PROXY: 'true' },
    });
    counter = await statementCounter(postgres.url);
    await sleep(2_000);
    const idleMb = memoryOf(server.pid)?.rssMb;
    log(`server ${server.base} (pid ${server.pid}), idle RSS ${idleMb?.toFixed(0)} MB`);
    const busy = await machineBusy();
    log(`CPU busy before the run (other work on the machine): ${(busy * 100).toFixed(0)} %${busy > 0.2 ? ' — results will be low' : ''}`);
    const rows = await runScenarios({ server, postgres, counter, seed: data, seconds, log });
    await sleep(5_000);
    const { rssMb: idleAfterMb, peakMb } = memoryOf(server.pid) ?? {};
    log(`idle RSS after the run ${idleAfterMb?.toFixed(0)} MB, peak ${peakMb?.toFixed(0)} MB`);
    const version = await counter.version();
    await server.stop();
    if (args.profile) {
      const [latest] = readdirSync(PROFILE_DIR)
        .filter((file) => file.endsWith('.cpuprofile'))
        .sort()
        .reverse();
      console.log(summarize(join(PROFILE_DIR, latest)));
      return;
    }
    const section = render({
      rows,
      memory: { idleMb, idleAfterMb, peakMb },
      busy,
      seed: data,
      seconds,
      postgres: { identity: postgres.identity, version },
      statementMethod: counter.method,
    });
    writeReport(section, { short: isShort(seconds, scale) });
    console.log(`\n${section}\n`);
    log(`wrote ${REPORT}`);
  } finally {
    await counter?.close();
    await server?.stop();
    await postgres.stop();
  }
}

await main();
