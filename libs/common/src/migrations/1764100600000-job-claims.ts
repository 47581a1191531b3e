import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs are claimed one at a time with a heartbeat: when the latest attempt began (for operators), and an
 * index for finding the claims whose process stopped, so polling does not scan finished jobs.
 */
export class JobClaims1764100600000 implements MigrationInterface {
  name = 'JobClaims1764100600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job ADD COLUMN started_at timestamptz`);
    await q.query(`CREATE INDEX job_claim_expiry_idx ON job (locked_until) WHERE state = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX job_claim_expiry_idx`);
    await q.query(`ALTER TABLE job DROP COLUMN started_at`);
  }
}
