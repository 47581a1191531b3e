import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Listing images and the uploads waiting to become one (docs/RULES.md §29). */
export class Media1764400000000 implements MigrationInterface {
  name = 'Media1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE listing_image (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL,
        position integer NOT NULL,
        alt_text text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        content_type text NOT NULL,
        variants jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT listing_image_position_check CHECK (position >= 0),
        CONSTRAINT listing_image_size_check CHECK (width > 0 AND height > 0)
      )`);
    await q.query(`CREATE INDEX listing_image_listing_idx ON listing_image (listing_id, position)`);
    await q.query(`
      CREATE TABLE listing_image_upload (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        listing_id uuid NOT NULL,
        requested_by uuid NOT NULL,
        content_type text NOT NULL,
        byte_size integer NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX listing_image_upload_listing_idx ON listing_image_upload (listing_id, expires_at)`);
    await q.query(`CREATE INDEX listing_image_upload_created_idx ON listing_image_upload (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE listing_image_upload`);
    await q.query(`DROP TABLE listing_image`);
  }
}
