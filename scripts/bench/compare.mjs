// npm run bench:compare -- --base <commit> [-- --only a,f,g] [-- --rounds 4] [-- --seconds 8] [-- --scale 1]
//   Runs the same scenarios (not d, whose one contested slot is used once) against two builds up at once, this checkout's and `--base`'s, alternated
//   round by round (base first in odd rounds, this build first in even ones), on the database `npm run bench`
//   seeded. Either build's result drifts with whatever else the machine does; alternating short runs puts
//   the drift on both sides, so the medians compare the builds, not the hours (docs/PERFORMANCE.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { bookableSlots } from './booking-scenarios.mjs';
import { statementCounter } from './measure.mjs';
import { BENCH_DIR, build, databaseExists, machineBusy, migrate, startPostgres, startServer } from './processes.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { cachedSeed } from './seed.mjs';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    only: { type: 'string', default: 'a,f,g' },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '8' },
    scale: { type: 'string', default: '1' },
  },
});
const log = (message) => console.log(`[compare] ${message}`);

/** The base commit built in a checkout of its own under .dure/bench/builds (kept for the next comparison). */
function builtBase(revision) {
  const commit = execFileSync('git', ['rev-parse', '--short', revision], { encoding: 'utf8' }).trim();
  const dir = join(BENCH_DIR, 'builds', commit);
  if (!existsSync(join(dir, 'dist', 'apps', 'api', 'src', 'main.js'))) {
    log(`building ${commit} in ${dir}`);
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C '${dir}'`]);
    // Its own dependencies when they differ from this checkout's, else this checkout's.
    const sameDependencies = spawnSync('git', ['diff', '--quiet', commit, '--', 'package-lock.json']).status === 0;
    if (!sameDependencies) execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    else if (!existsSync(join(dir, 'node_modules'))) symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
    execFileSync(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  }
  return { commit, dir };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const figures = (values, digits) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

async function main() {
  if (!args.base) throw new Error('--base <commit> is required');
  const scale = Number(args.scale);
  log('building this checkout');
  build();
  const base = builtBase(args.base);
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() ? ' with uncommitted changes' : '';
  const postgres = await startPostgres(log);
  const builds = [];
  let counter;
  try {
    const seed = cachedSeed(postgres.identity, scale);
    if (!seed || !(await databaseExists(postgres))) throw new Error(`no seeded bench database at scale ${scale}: run npm run bench first`);
    migrate(postgres.url);
    counter = await statementCounter(postgres.url);
    const serverEnv = { DURE_RUN_JOBS: 'false', TRUST_PROXY: 'true' };
    for (const [name, cwd] of [
      [`${base.commit} (base)`, base.dir],
      [`${head}${dirty}`, process.cwd()],
    ]) {
      const server = await startServer(postgres.url, { cwd, env: serverEnv });
      // Each build keeps its own scenario state (tokens signed with its own secret, carts, slots taken).
      builds.push({ name, server, env: { server, postgres, counter, seed, seconds: Number(args.seconds), log }, results: new Map() });
    }
    // Both servers share one database, so they book out of one pool of free slots (c, f), each slot once.
    if (/[cf]/.test(args.only)) builds[1].env.slots = await bookableSlots(builds[0].env);
    await sleep(2_000);
    const wanted = args.only.split(',').map((key) => key.trim());
    const scenarios = SCENARIOS.filter((scenario) => wanted.includes(scenario.key));
    log(`CPU busy before the run (other work on the machine): ${((await machineBusy()) * 100).toFixed(0)} %`);
    for (let round = 1; round <= Number(args.rounds); round++) {
      const order = round % 2 ? builds : [...builds].reverse();
      for (const scenario of scenarios) {
        for (const side of order) {
          const result = await scenario.run(side.env);
          if (result.errors) throw new Error(`${side.name}, ${scenario.key}): ${result.errors} errors, first ${result.firstError}`);
          if (!side.results.has(scenario)) side.results.set(scenario, []);
          side.results.get(scenario).push(result);
          log(
            `round ${round} ${scenario.key}) ${side.name}: ${result.rps.toFixed(0)}/s, server ${result.cpuMsPerRequest.toFixed(2)} CPU ms/request, ${result.statementsPerRequest.toFixed(2)} SQL`,
          );
        }
      }
    }
    const lines = [
      `Alternated comparison, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${args.rounds} rounds of ${args.seconds} s per scenario and build.`,
      'Median (range) per build.',
      '',
      `| Scenario | Build | Requests/s | Server CPU ms / request | PostgreSQL CPU ms / request | SQL / request |`,
      '|---|---|---:|---:|---:|---:|',
    ];
    for (const scenario of scenarios) {
      for (const side of builds) {
        const results = side.results.get(scenario);
        lines.push(
          `| ${scenario.key}) ${scenario.title} | ${side.name} | ${figures(
            results.map((r) => r.rps),
            0,
          )} | ${figures(
            results.map((r) => r.cpuMsPerRequest),
            2,
          )} | ${figures(
            results.map((r) => r.postgresCpuMsPerRequest),
            2,
          )} | ${median(results.map((r) => r.statementsPerRequest)).toFixed(2)} |`,
        );
      }
    }
    console.log(`\n${lines.join('\n')}\n`);
  } finally {
    await counter?.close();
    for (const { server } of builds) await server.stop();
    await postgres.stop();
  }
}

await main();
