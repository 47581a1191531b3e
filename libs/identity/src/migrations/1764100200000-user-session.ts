import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session is what one log-in started: its refresh tokens and the access tokens issued with them. Its
 * row is what access tokens are checked against on every request, so revoking it ends them at once.
 * Existing refresh-token families become sessions; a family with a revoked token is a revoked session.
 */
export class UserSession1764100200000 implements MigrationInterface {
  name = 'UserSession1764100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT user_session_user_id_fkey REFERENCES user_account (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id)`);
    await q.query(`
      INSERT INTO user_session (id, user_id, created_at, revoked_at)
      SELECT DISTINCT ON (family_id) family_id, user_id, min(created_at) OVER w, max(revoked_at) OVER w
        FROM refresh_token
      WINDOW w AS (PARTITION BY family_id)`);
    await q.query(`ALTER TABLE refresh_token RENAME COLUMN family_id TO session_id`);
    await q.query(`ALTER INDEX refresh_token_family_idx RENAME TO refresh_token_session_idx`);
    await q.query(`
      ALTER TABLE refresh_token ADD CONSTRAINT refresh_token_session_id_fkey
        FOREIGN KEY (session_id) REFERENCES user_session (id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE refresh_token DROP COLUMN revoked_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_token ADD COLUMN revoked_at timestamptz`);
    await q.query(`UPDATE refresh_token t SET revoked_at = s.revoked_at FROM user_session s WHERE s.id = t.session_id`);
    await q.query(`ALTER TABLE refresh_token DROP CONSTRAINT refresh_token_session_id_fkey`);
    await q.query(`ALTER INDEX refresh_token_session_idx RENAME TO refresh_token_family_idx`);
    await q.query(`ALTER TABLE refresh_token RENAME COLUMN session_id TO family_id`);
    await q.query(`DROP TABLE user_session`);
  }
}
