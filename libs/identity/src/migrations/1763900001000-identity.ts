import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763900001000 implements MigrationInterface {
  name = 'Identity1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL,
        password_hash text NOT NULL,
        name text NOT NULL,
        phone text,
        is_operator boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        CONSTRAINT user_account_email_uq UNIQUE (email)
      )`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT refresh_token_hash_uq UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`
      CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        email citext NOT NULL,
        address_hash text NOT NULL,
        failed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX login_failure_email_idx ON login_failure (email, failed_at)`);
    await q.query(`CREATE INDEX login_failure_address_idx ON login_failure (address_hash, failed_at)`);
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL,
        business_registration_number char(10) NOT NULL,
        representative_name text NOT NULL,
        address text,
        created_at timestamptz NOT NULL,
        CONSTRAINT organization_brn_uq UNIQUE (business_registration_number),
        CONSTRAINT organization_brn_digits CHECK (business_registration_number ~ '^[0-9]{10}$')
      )`);
    await q.query(`
      CREATE TABLE organization_member (
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        role text NOT NULL CONSTRAINT organization_member_role_check CHECK (role IN ('OWNER', 'MANAGER', 'STAFF')),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, user_id)
      )`);
    await q.query(`CREATE INDEX organization_member_user_idx ON organization_member (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organization_member, organization, login_failure, refresh_token, user_account`);
  }
}
