import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions later work relies on (exclusion constraints, trigram search, case-insensitive email) and the job queue. */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await q.query(`
      CREATE TABLE job (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        state text NOT NULL DEFAULT 'queued',
        run_at timestamptz NOT NULL,
        singleton_key text,
        repeat_every_ms integer,
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL DEFAULT 5,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX job_due_idx ON job (run_at) WHERE state = 'queued'`);
    await q.query(`CREATE UNIQUE INDEX job_singleton_uq ON job (singleton_key) WHERE state IN ('queued', 'active')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job`);
  }
}
