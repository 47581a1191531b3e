import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-client mutation counts per one-minute window. UNLOGGED: counters are written on every mutation
 * and worth nothing after a crash (PostgreSQL empties the table then), so they skip the WAL.
 */
export class MutationRateLimit1763900008000 implements MigrationInterface {
  name = 'MutationRateLimit1763900008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE mutation_rate_window (
        client_key text NOT NULL,
        window_start timestamptz NOT NULL,
        mutations integer NOT NULL,
        PRIMARY KEY (client_key, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mutation_rate_window`);
  }
}
