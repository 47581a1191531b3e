import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Subscription boxes (docs/RULES.md §20): subscriptions with their plan copied at subscribe, cycles, idempotency keys. */
export class Subscriptions1796517735912 implements MigrationInterface {
  name = 'Subscriptions1796517735912';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE box_subscription (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        status text NOT NULL,
        listing_id uuid NOT NULL,
        title text NOT NULL,
        tax_free boolean NOT NULL,
        buyer_id uuid NOT NULL,
        partner_agency_id uuid NOT NULL,
        quantity integer NOT NULL,
        unit_price bigint NOT NULL,
        shipping_fee bigint NOT NULL,
        interval text NOT NULL,
        ship_weekday text,
        ship_day_of_month integer,
        cutoff_days integer NOT NULL,
        minimum_cycles integer NOT NULL,
        first_ship_date date NOT NULL,
        last_ship_date date NOT NULL,
        shipping_address jsonb NOT NULL,
        billing_method_id uuid NOT NULL,
        paid_cycles integer NOT NULL,
        failed_attempts integer NOT NULL,
        past_due_since timestamptz,
        next_retry_at timestamptz,
        resume_on date,
        skipped_ship_dates date[] NOT NULL,
        pending_price_change jsonb,
        market_creator_id uuid,
        referral_link_id uuid,
        commission_rate_bps integer,
        coupon_id uuid,
        buyer_organization_id uuid,
        purchase_order_number text,
        b2b_buyer jsonb,
        started_at timestamptz NOT NULL,
        cancelled_at timestamptz,
        end_reason text,
        cancellation_note text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT box_subscription_status_check CHECK (status IN ('ACTIVE', 'PAUSED', 'PAST_DUE', 'CANCELLED')),
        CONSTRAINT box_subscription_quantity_check CHECK (quantity BETWEEN 1 AND 99),
        CONSTRAINT box_subscription_amount_check CHECK (unit_price > 0 AND shipping_fee >= 0),
        CONSTRAINT box_subscription_plan_check CHECK (cutoff_days BETWEEN 1 AND 14 AND minimum_cycles >= 1 AND (ship_weekday IS NULL) <> (ship_day_of_month IS NULL)),
        CONSTRAINT box_subscription_paused_check CHECK ((status = 'PAUSED') = (resume_on IS NOT NULL)),
        CONSTRAINT box_subscription_past_due_check CHECK ((status = 'PAST_DUE') = (past_due_since IS NOT NULL)),
        CONSTRAINT box_subscription_cancelled_check CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL) AND (status = 'CANCELLED') = (end_reason IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX box_subscription_number_uq ON box_subscription (number)`);
    await q.query(`CREATE INDEX box_subscription_buyer_idx ON box_subscription (buyer_id, created_at, id)`);
    await q.query(`CREATE INDEX box_subscription_partner_agency_idx ON box_subscription (partner_agency_id, created_at, id)`);
    await q.query(`CREATE INDEX box_subscription_listing_idx ON box_subscription (listing_id, status)`);
    await q.query(
      `CREATE INDEX box_subscription_buyer_organization_idx ON box_subscription (buyer_organization_id, created_at, id) WHERE buyer_organization_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE subscription_cycle (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL CONSTRAINT subscription_cycle_subscription_id_fkey REFERENCES box_subscription (id) ON DELETE RESTRICT,
        index integer NOT NULL,
        ship_date date NOT NULL,
        cutoff_at timestamptz NOT NULL,
        status text NOT NULL,
        skip_reason text,
        amount bigint NOT NULL,
        discount bigint NOT NULL,
        quantity integer NOT NULL,
        unit_price bigint NOT NULL,
        attempts integer NOT NULL,
        next_retry_at timestamptz,
        charge_order_id text,
        payment_id uuid,
        order_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT subscription_cycle_status_check CHECK (status IN ('PAID', 'PAST_DUE', 'FAILED', 'SKIPPED')),
        CONSTRAINT subscription_cycle_skip_check CHECK ((status = 'SKIPPED') = (skip_reason IS NOT NULL)),
        CONSTRAINT subscription_cycle_paid_check CHECK ((status = 'PAID') = (order_id IS NOT NULL)),
        CONSTRAINT subscription_cycle_amount_check CHECK (amount >= 0 AND discount BETWEEN 0 AND amount AND attempts >= 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX subscription_cycle_ship_date_uq ON subscription_cycle (subscription_id, ship_date)`);
    await q.query(`CREATE UNIQUE INDEX subscription_cycle_index_uq ON subscription_cycle (subscription_id, index)`);
    await q.query(`CREATE UNIQUE INDEX subscription_cycle_order_uq ON subscription_cycle (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE subscription_idempotency_key (
        user_id uuid NOT NULL,
        key text NOT NULL,
        input_digest text NOT NULL,
        subscription_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX subscription_idempotency_key_created_idx ON subscription_idempotency_key (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscription_idempotency_key`);
    await q.query(`DROP TABLE subscription_cycle`);
    await q.query(`DROP TABLE box_subscription`);
  }
}
