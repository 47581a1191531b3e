import { rm } from 'node:fs/promises';
import { EMBEDDED_TEST_DIR } from './global-setup.js';

/**
 * Stops the embedded test PostgreSQL and removes its data (about 90 MB), unless DURE_KEEP_TEST_DATA=1
 * asks to keep it for a look. The next run creates it afresh.
 */
export default async function globalTeardown() {
  const embedded = globalThis.embeddedPostgres;
  if (!embedded) return;
  await embedded.stop();
  if (process.env.DURE_KEEP_TEST_DATA !== '1') await rm(EMBEDDED_TEST_DIR, { recursive: true, force: true });
}
