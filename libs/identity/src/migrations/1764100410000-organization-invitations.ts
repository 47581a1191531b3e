import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Members join by accepting an invitation made to their e-mail address. */
export class OrganizationInvitations1764100410000 implements MigrationInterface {
  name = 'OrganizationInvitations1764100410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT organization_invitation_organization_id_fkey REFERENCES organization (id) ON DELETE CASCADE,
        email citext NOT NULL,
        role text NOT NULL CONSTRAINT organization_invitation_role_check CHECK (role IN ('OWNER', 'MANAGER', 'STAFF')),
        status text NOT NULL CONSTRAINT organization_invitation_status_check CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        responded_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX organization_invitation_pending_uq ON organization_invitation (organization_id, email) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX organization_invitation_email_idx ON organization_invitation (email) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organization_invitation`);
  }
}
