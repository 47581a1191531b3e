// Plain JavaScript: Jest loads global setup outside its module mapper, so this uses the compiled
// server (built here, incrementally). Migrations run in a child process: loading the server's
// GraphQL types into this process would leak into the tests' own copies (Nest keeps them globally).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';

export const TEMPLATE_DATABASE = 'dure_test_template';
/** Where the embedded test PostgreSQL keeps its data for the run (removed by the global teardown). */
export const EMBEDDED_TEST_DIR = resolve('.dure/test');

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set (CI), else an embedded one under
 * .dure/test. A migrated template database is cloned for every test file.
 */
export default async function globalSetup() {
  execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const { startEmbeddedPostgres } = await import(resolve('dist/libs/common/src/database/embedded-postgres.js'));
  if (!process.env.DATABASE_URL) {
    const embedded = await startEmbeddedPostgres(EMBEDDED_TEST_DIR, 'dure', () => undefined);
    globalThis.embeddedPostgres = embedded;
    process.env.DATABASE_URL = embedded.url;
  }
  const serverUrl = process.env.DATABASE_URL;
  process.env.DURE_TEST_SERVER_URL = serverUrl;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  execFileSync(process.execPath, ['dist/apps/api/src/cli.js', 'migration:run'], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
