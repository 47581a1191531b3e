import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A business registration number is exclusive only among verified organizations, so that whoever
 * registers a number first cannot lock its real owner out. Organizations whose partner agency was
 * already approved (approval issues the first dues invoice) count as verified since then.
 */
export class OrganizationVerification1764100400000 implements MigrationInterface {
  name = 'OrganizationVerification1764100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization ADD COLUMN verified_at timestamptz`);
    await q.query(`
      UPDATE organization o SET verified_at = approved.at
        FROM (SELECT pa.organization_id, min(di.created_at) AS at
                FROM partner_agency pa JOIN dues_invoice di ON di.partner_agency_id = pa.id
               GROUP BY pa.organization_id) approved
       WHERE approved.organization_id = o.id`);
    await q.query(`ALTER TABLE organization DROP CONSTRAINT organization_brn_uq`);
    await q.query(`CREATE INDEX organization_brn_idx ON organization (business_registration_number)`);
    await q.query(`CREATE UNIQUE INDEX organization_verified_brn_uq ON organization (business_registration_number) WHERE verified_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX organization_verified_brn_uq`);
    await q.query(`DROP INDEX organization_brn_idx`);
    await q.query(`ALTER TABLE organization ADD CONSTRAINT organization_brn_uq UNIQUE (business_registration_number)`);
    await q.query(`ALTER TABLE organization DROP COLUMN verified_at`);
  }
}
