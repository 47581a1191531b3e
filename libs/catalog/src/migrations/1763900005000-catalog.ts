import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1763900005000 implements MigrationInterface {
  name = 'Catalog1763900005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE listing (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_agency_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        organization_kind text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        title text NOT NULL,
        summary text,
        description text NOT NULL,
        price bigint NOT NULL,
        tax_free boolean NOT NULL,
        category text,
        region text,
        commission_rate_bps integer NOT NULL,
        goods jsonb,
        service jsonb,
        subscription jsonb,
        search_text text NOT NULL,
        rating_sum integer NOT NULL,
        rating_count integer NOT NULL,
        published_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT listing_kind_check CHECK (kind IN ('GOODS', 'SERVICE', 'SUBSCRIPTION')),
        CONSTRAINT listing_status_check CHECK (status IN ('DRAFT', 'PUBLISHED', 'HIDDEN', 'ARCHIVED')),
        CONSTRAINT listing_category_check CHECK (category IN ('CARE', 'LIVING', 'EDUCATION', 'BUSINESS_SUPPORT')),
        CONSTRAINT listing_service_category_check CHECK (kind <> 'SERVICE' OR category IS NOT NULL),
        CONSTRAINT listing_terms_check CHECK ((kind = 'GOODS') = (goods IS NOT NULL) AND (kind = 'SERVICE') = (service IS NOT NULL) AND (kind = 'SUBSCRIPTION') = (subscription IS NOT NULL)),
        CONSTRAINT listing_price_check CHECK (price > 0),
        CONSTRAINT listing_commission_rate_check CHECK (commission_rate_bps BETWEEN 0 AND 3000),
        CONSTRAINT listing_rating_check CHECK (rating_count >= 0 AND rating_sum BETWEEN rating_count AND 5 * rating_count),
        CONSTRAINT listing_published_at_check CHECK (status <> 'PUBLISHED' OR published_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX listing_partner_agency_idx ON listing (partner_agency_id, status)`);
    await q.query(`CREATE INDEX listing_status_created_idx ON listing (status, created_at, id)`);
    await q.query(`CREATE INDEX listing_status_price_idx ON listing (status, price, id)`);
    await q.query(`CREATE INDEX listing_search_text_trgm_idx ON listing USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE listing_availability (
        listing_id uuid PRIMARY KEY,
        timezone text NOT NULL,
        slot_interval_minutes integer,
        weekly_hours jsonb NOT NULL,
        exceptions jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT listing_availability_interval_check CHECK (slot_interval_minutes BETWEEN 5 AND 1440),
        CONSTRAINT listing_availability_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES listing (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE listing_availability, listing`);
  }
}
