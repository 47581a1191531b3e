import type { DureConfig } from '../config/dure-config.js';
import { startEmbeddedPostgres, type RunningDatabase } from './embedded-postgres.js';

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under the data folder. */
export async function resolveDatabase(config: DureConfig, log: (message: string) => void): Promise<RunningDatabase & { embedded: boolean }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  return { ...(await startEmbeddedPostgres(config.dataDir, 'dure', log)), embedded: true };
}
