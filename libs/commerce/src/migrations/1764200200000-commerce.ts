import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Carts, checkouts and orders of goods (docs/RULES.md §15, §16). */
export class Commerce1764200200000 implements MigrationInterface {
  name = 'Commerce1764200200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cart (user_id uuid PRIMARY KEY, updated_at timestamptz NOT NULL)`);
    await q.query(`
      CREATE TABLE cart_line (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        listing_id uuid NOT NULL,
        quantity integer NOT NULL,
        added_at timestamptz NOT NULL,
        CONSTRAINT cart_line_quantity_check CHECK (quantity BETWEEN 1 AND 999),
        CONSTRAINT cart_line_user_id_fkey FOREIGN KEY (user_id) REFERENCES cart (user_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX cart_line_listing_uq ON cart_line (user_id, listing_id)`);
    await q.query(`
      CREATE TABLE checkout (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        status text NOT NULL,
        buyer_id uuid NOT NULL,
        items_total bigint NOT NULL,
        item_discount bigint NOT NULL,
        shipping_fee bigint NOT NULL,
        shipping_discount bigint NOT NULL,
        total bigint NOT NULL,
        shipping_address jsonb NOT NULL,
        hold_expires_at timestamptz,
        payment_id uuid,
        refunded_amount bigint NOT NULL,
        attribution_token text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        paid_at timestamptz,
        CONSTRAINT checkout_status_check CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'EXPIRED')),
        CONSTRAINT checkout_hold_check CHECK (status <> 'PENDING_PAYMENT' OR hold_expires_at IS NOT NULL),
        CONSTRAINT checkout_amount_check
          CHECK (total = items_total - item_discount + shipping_fee - shipping_discount AND total >= 0 AND refunded_amount BETWEEN 0 AND total)
      )`);
    await q.query(`CREATE UNIQUE INDEX checkout_number_uq ON checkout (number)`);
    await q.query(`CREATE INDEX checkout_buyer_idx ON checkout (buyer_id, created_at, id)`);
    await q.query(`
      CREATE TABLE commerce_order (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        status text NOT NULL,
        checkout_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        partner_agency_id uuid NOT NULL,
        items_total bigint NOT NULL,
        item_discount bigint NOT NULL,
        shipping_fee bigint NOT NULL,
        shipping_discount bigint NOT NULL,
        total bigint NOT NULL,
        refunded_amount bigint NOT NULL,
        shipping_address jsonb NOT NULL,
        hold_expires_at timestamptz,
        platform_fee_rate_bps integer,
        dispatch_deadline timestamptz,
        paid_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT commerce_order_status_check
          CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CONFIRMED', 'CANCELLED', 'RETURNED', 'EXPIRED')),
        CONSTRAINT commerce_order_amount_check
          CHECK (total = items_total - item_discount + shipping_fee - shipping_discount AND total >= 0 AND refunded_amount BETWEEN 0 AND total),
        CONSTRAINT commerce_order_fee_rate_check CHECK (platform_fee_rate_bps BETWEEN 0 AND 10000),
        CONSTRAINT commerce_order_paid_check
          CHECK (status IN ('PENDING_PAYMENT', 'EXPIRED') OR (paid_at IS NOT NULL AND platform_fee_rate_bps IS NOT NULL AND dispatch_deadline IS NOT NULL)),
        CONSTRAINT commerce_order_checkout_id_fkey FOREIGN KEY (checkout_id) REFERENCES checkout (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX commerce_order_number_uq ON commerce_order (number)`);
    await q.query(`CREATE INDEX commerce_order_checkout_idx ON commerce_order (checkout_id)`);
    await q.query(`CREATE INDEX commerce_order_buyer_idx ON commerce_order (buyer_id, created_at, id)`);
    await q.query(`CREATE INDEX commerce_order_partner_agency_idx ON commerce_order (partner_agency_id, created_at, id)`);
    await q.query(`
      CREATE TABLE order_line (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        position integer NOT NULL,
        listing_id uuid NOT NULL,
        title text NOT NULL,
        unit_price bigint NOT NULL,
        quantity integer NOT NULL,
        cancelled_quantity integer NOT NULL,
        returned_quantity integer NOT NULL,
        item_discount bigint NOT NULL,
        refunded_amount bigint NOT NULL,
        tax_free boolean NOT NULL,
        dispatch_business_days integer NOT NULL,
        CONSTRAINT order_line_quantity_check
          CHECK (quantity > 0 AND cancelled_quantity >= 0 AND returned_quantity >= 0 AND cancelled_quantity + returned_quantity <= quantity),
        CONSTRAINT order_line_amount_check CHECK (unit_price > 0 AND item_discount BETWEEN 0 AND unit_price * quantity AND refunded_amount >= 0),
        CONSTRAINT order_line_order_id_fkey FOREIGN KEY (order_id) REFERENCES commerce_order (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX order_line_order_idx ON order_line (order_id, position)`);
    await q.query(`CREATE INDEX order_line_listing_idx ON order_line (listing_id)`);
    await q.query(`
      CREATE TABLE checkout_idempotency_key (
        user_id uuid NOT NULL,
        key text NOT NULL,
        input_digest text NOT NULL,
        checkout_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX checkout_idempotency_key_created_idx ON checkout_idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['checkout_idempotency_key', 'order_line', 'commerce_order', 'checkout', 'cart_line', 'cart']) await q.query(`DROP TABLE ${table}`);
  }
}
