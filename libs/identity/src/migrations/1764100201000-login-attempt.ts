import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Log-in attempts are now recorded before the password is verified, not only once it failed. */
export class LoginAttempt1764100201000 implements MigrationInterface {
  name = 'LoginAttempt1764100201000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE login_failure RENAME TO login_attempt`);
    await q.query(`ALTER TABLE login_attempt RENAME COLUMN failed_at TO attempted_at`);
    await q.query(`ALTER SEQUENCE login_failure_id_seq RENAME TO login_attempt_id_seq`);
    await q.query(`ALTER INDEX login_failure_pkey RENAME TO login_attempt_pkey`);
    await q.query(`ALTER INDEX login_failure_email_idx RENAME TO login_attempt_email_idx`);
    await q.query(`ALTER INDEX login_failure_address_idx RENAME TO login_attempt_address_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX login_attempt_address_idx RENAME TO login_failure_address_idx`);
    await q.query(`ALTER INDEX login_attempt_email_idx RENAME TO login_failure_email_idx`);
    await q.query(`ALTER INDEX login_attempt_pkey RENAME TO login_failure_pkey`);
    await q.query(`ALTER SEQUENCE login_attempt_id_seq RENAME TO login_failure_id_seq`);
    await q.query(`ALTER TABLE login_attempt RENAME COLUMN attempted_at TO failed_at`);
    await q.query(`ALTER TABLE login_attempt RENAME TO login_failure`);
  }
}
