import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Payments1763900003000 implements MigrationInterface {
  name = 'Payments1763900003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY,
        order_id text NOT NULL,
        order_name text NOT NULL,
        purpose text NOT NULL,
        reference_id uuid NOT NULL,
        provider text NOT NULL,
        amount bigint NOT NULL,
        refunded_amount bigint NOT NULL,
        status text NOT NULL,
        payment_key text,
        approved_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT payment_order_id_check CHECK (order_id ~ '^[A-Za-z0-9_-]{6,64}$'),
        CONSTRAINT payment_purpose_check CHECK (purpose IN ('DUES_INVOICE', 'RESERVATION', 'ORDER', 'SUBSCRIPTION')),
        CONSTRAINT payment_status_check CHECK (status IN ('READY', 'PAID', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
        CONSTRAINT payment_amount_check CHECK (amount > 0 AND refunded_amount >= 0 AND refunded_amount <= amount),
        CONSTRAINT payment_captured_check CHECK (status IN ('READY', 'FAILED') OR (payment_key IS NOT NULL AND approved_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_order_id_uq ON payment (order_id)`);
    await q.query(`CREATE UNIQUE INDEX payment_payment_key_uq ON payment (payment_key)`);
    await q.query(`CREATE INDEX payment_reference_idx ON payment (purpose, reference_id)`);
    await q.query(`
      CREATE TABLE payment_refund (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL,
        amount bigint NOT NULL,
        refund_key text NOT NULL,
        reason text NOT NULL,
        requested_by_us boolean NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT payment_refund_amount_check CHECK (amount > 0),
        CONSTRAINT payment_refund_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES payment (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_refund_key_uq ON payment_refund (payment_id, refund_key)`);
    await q.query(`
      CREATE TABLE payment_attempt (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL,
        operation text NOT NULL,
        refund_key text,
        refund_reason text,
        payment_key text NOT NULL,
        idempotency_key text NOT NULL,
        amount bigint NOT NULL,
        outcome text NOT NULL,
        provider_code text,
        message text,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        CONSTRAINT payment_attempt_operation_check CHECK (operation IN ('CONFIRM', 'CANCEL')),
        CONSTRAINT payment_attempt_outcome_check
          CHECK (outcome IN ('PENDING', 'SUCCEEDED', 'DECLINED', 'UNAVAILABLE', 'UNKNOWN', 'INVALID_REQUEST', 'NOT_FOUND'))
      )`);
    await q.query(`CREATE INDEX payment_attempt_payment_idx ON payment_attempt (payment_id)`);
    await q.query(`CREATE INDEX payment_attempt_unsettled_idx ON payment_attempt (started_at) WHERE outcome IN ('PENDING', 'UNKNOWN')`);

    // The simulated provider's own books (no entities: it stands for another system).
    await q.query(`
      CREATE TABLE simulated_provider_payment (
        payment_key text PRIMARY KEY,
        order_id text NOT NULL UNIQUE,
        status text NOT NULL,
        total_amount bigint NOT NULL,
        balance_amount bigint NOT NULL CHECK (balance_amount >= 0 AND balance_amount <= total_amount),
        approved_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE simulated_provider_request (
        idempotency_key text PRIMARY KEY,
        response jsonb,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['simulated_provider_request', 'simulated_provider_payment', 'payment_attempt', 'payment_refund', 'payment']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
