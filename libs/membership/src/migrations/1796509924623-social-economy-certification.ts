import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Social-economy certifications an organization submits and operators check (docs/RULES.md §23). */
export class SocialEconomyCertification1796509924623 implements MigrationInterface {
  name = 'SocialEconomyCertification1796509924623';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE social_economy_certification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT social_economy_certification_organization_id_fkey REFERENCES organization (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT social_economy_certification_kind_check CHECK (kind NOT IN ('PUBLIC_INSTITUTION', 'COMPANY')),
        certificate_number text NOT NULL CONSTRAINT social_economy_certification_number_check CHECK (length(certificate_number) BETWEEN 1 AND 40),
        issued_on date NOT NULL,
        valid_until date,
        status text NOT NULL CONSTRAINT social_economy_certification_status_check CHECK (status IN ('PENDING', 'VERIFIED', 'REJECTED')),
        review_note text,
        submitted_at timestamptz NOT NULL,
        reviewed_at timestamptz,
        CONSTRAINT social_economy_certification_validity_check CHECK (valid_until IS NULL OR valid_until >= issued_on)
      )`);
    await q.query(`CREATE INDEX social_economy_certification_organization_idx ON social_economy_certification (organization_id, issued_on)`);
    await q.query(`CREATE INDEX social_economy_certification_pending_idx ON social_economy_certification (submitted_at) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE social_economy_certification`);
  }
}
