import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coupons and exhibitions (docs/RULES.md §19): the coupons, the listings they or an exhibition name, the
 * coupons entered in carts, the redemptions a checkout holds, and the platform-funded part of each line's
 * item discount and of each order's shipping discount (what settlement needs, §22).
 */
export class Coupons1796508325945 implements MigrationInterface {
  name = 'Coupons1796508325945';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exhibition (
        id uuid PRIMARY KEY,
        slug text NOT NULL,
        title text NOT NULL,
        summary text,
        description text,
        banner_image_url text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT exhibition_status_check CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        CONSTRAINT exhibition_window_check CHECK (starts_at < ends_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX exhibition_slug_uq ON exhibition (slug)`);
    await q.query(`CREATE INDEX exhibition_status_idx ON exhibition (status, starts_at, id)`);
    await q.query(`
      CREATE TABLE exhibition_listing (
        exhibition_id uuid NOT NULL CONSTRAINT exhibition_listing_exhibition_id_fkey REFERENCES exhibition (id) ON DELETE CASCADE,
        listing_id uuid NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (exhibition_id, listing_id)
      )`);
    await q.query(`CREATE INDEX exhibition_listing_listing_idx ON exhibition_listing (listing_id)`);
    await q.query(`
      CREATE TABLE coupon (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        description text,
        discount_type text NOT NULL,
        rate_bps integer,
        amount bigint,
        max_discount bigint,
        min_order_amount bigint NOT NULL,
        funded_by text NOT NULL,
        partner_agency_id uuid,
        scope text NOT NULL,
        exhibition_id uuid CONSTRAINT coupon_exhibition_id_fkey REFERENCES exhibition (id),
        applies_to_subscriptions boolean NOT NULL,
        subscription_cycles integer NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        total_usage_limit integer,
        per_user_limit integer NOT NULL,
        used_count integer NOT NULL,
        redeemed boolean NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT coupon_type_check CHECK (
          (discount_type = 'PERCENTAGE' AND rate_bps BETWEEN 1 AND 10000 AND amount IS NULL)
          OR (discount_type = 'FIXED_AMOUNT' AND amount >= 1 AND rate_bps IS NULL)
          OR (discount_type = 'FREE_SHIPPING' AND amount IS NULL AND rate_bps IS NULL)),
        CONSTRAINT coupon_funder_check CHECK ((funded_by = 'PARTNER_AGENCY') = (partner_agency_id IS NOT NULL) AND funded_by IN ('PLATFORM', 'PARTNER_AGENCY')),
        CONSTRAINT coupon_scope_check CHECK (scope IN ('ALL', 'EXHIBITION', 'LISTINGS') AND (scope = 'EXHIBITION') = (exhibition_id IS NOT NULL)),
        CONSTRAINT coupon_uses_check CHECK (used_count >= 0 AND per_user_limit >= 1 AND (total_usage_limit IS NULL OR total_usage_limit >= 0)),
        CONSTRAINT coupon_amounts_check CHECK (min_order_amount >= 0 AND (max_discount IS NULL OR max_discount >= 1) AND subscription_cycles BETWEEN 1 AND 12),
        CONSTRAINT coupon_window_check CHECK (starts_at < ends_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX coupon_code_uq ON coupon (code)`);
    await q.query(`CREATE INDEX coupon_partner_agency_idx ON coupon (partner_agency_id) WHERE partner_agency_id IS NOT NULL`);
    await q.query(`CREATE INDEX coupon_exhibition_idx ON coupon (exhibition_id) WHERE exhibition_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE coupon_listing (
        coupon_id uuid NOT NULL CONSTRAINT coupon_listing_coupon_id_fkey REFERENCES coupon (id) ON DELETE CASCADE,
        listing_id uuid NOT NULL,
        PRIMARY KEY (coupon_id, listing_id)
      )`);
    await q.query(`
      CREATE TABLE cart_coupon (
        user_id uuid NOT NULL CONSTRAINT cart_coupon_user_id_fkey REFERENCES cart (user_id) ON DELETE CASCADE,
        coupon_id uuid NOT NULL CONSTRAINT cart_coupon_coupon_id_fkey REFERENCES coupon (id),
        code text NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, coupon_id)
      )`);
    await q.query(`
      CREATE TABLE coupon_redemption (
        id uuid PRIMARY KEY,
        coupon_id uuid NOT NULL CONSTRAINT coupon_redemption_coupon_id_fkey REFERENCES coupon (id),
        checkout_id uuid NOT NULL CONSTRAINT coupon_redemption_checkout_id_fkey REFERENCES checkout (id),
        user_id uuid NOT NULL,
        buyer_organization_id uuid,
        code text NOT NULL,
        discount bigint NOT NULL,
        created_at timestamptz NOT NULL,
        released_at timestamptz,
        CONSTRAINT coupon_redemption_discount_check CHECK (discount >= 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX coupon_redemption_checkout_uq ON coupon_redemption (checkout_id, coupon_id)`);
    await q.query(`CREATE INDEX coupon_redemption_live_idx ON coupon_redemption (coupon_id, user_id) WHERE released_at IS NULL`);
    // Orders before coupons had no discount: 0 for the rows there are, then no default (every insert sets it).
    await q.query(`ALTER TABLE order_line ADD COLUMN platform_discount bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE order_line ALTER COLUMN platform_discount DROP DEFAULT`);
    await q.query(`ALTER TABLE order_line ADD CONSTRAINT order_line_platform_discount_check CHECK (platform_discount BETWEEN 0 AND item_discount)`);
    await q.query(`ALTER TABLE commerce_order ADD COLUMN platform_shipping_discount bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE commerce_order ALTER COLUMN platform_shipping_discount DROP DEFAULT`);
    await q.query(
      `ALTER TABLE commerce_order ADD CONSTRAINT commerce_order_platform_shipping_discount_check CHECK (platform_shipping_discount BETWEEN 0 AND shipping_discount)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_order DROP COLUMN platform_shipping_discount`);
    await q.query(`ALTER TABLE order_line DROP COLUMN platform_discount`);
    await q.query(`DROP TABLE coupon_redemption`);
    await q.query(`DROP TABLE cart_coupon`);
    await q.query(`DROP TABLE coupon_listing`);
    await q.query(`DROP TABLE coupon`);
    await q.query(`DROP TABLE exhibition_listing`);
    await q.query(`DROP TABLE exhibition`);
  }
}
