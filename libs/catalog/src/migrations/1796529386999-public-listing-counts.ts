import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public's listing counts per kind and category (PublicListingCount), filled with what the public sees
 * now: PUBLISHED listings of ACTIVE agencies (docs/RULES.md §4). From here on the catalog keeps them in the
 * transactions that move listings and agencies; this once, the agencies' status is read from their table.
 */
export class PublicListingCounts1796529386999 implements MigrationInterface {
  name = 'PublicListingCounts1796529386999';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_listing_count (
        kind text NOT NULL,
        category text NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (kind, category)
      )`);
    await q.query(`
      INSERT INTO public_listing_count (kind, category, count)
      SELECT listing.kind, COALESCE(listing.category, ''), count(*)::integer
      FROM listing JOIN partner_agency agency ON agency.id = listing.partner_agency_id
      WHERE listing.status = 'PUBLISHED' AND agency.status = 'ACTIVE'
      GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE public_listing_count`);
  }
}
