import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing methods for subscription boxes (docs/RULES.md §20): a customer key per user, the billing keys
 * (encrypted), charges with a billing key in the attempt log (no payment key until the provider answers),
 * and the simulated provider's record of the charges it declined.
 */
export class BillingMethods1796508160576 implements MigrationInterface {
  name = 'BillingMethods1796508160576';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billing_customer (
        user_id uuid PRIMARY KEY,
        customer_key text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE billing_method (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL,
        provider text NOT NULL,
        customer_key text NOT NULL,
        auth_key_digest text NOT NULL,
        sealed_billing_key text,
        card_summary text,
        usable boolean NOT NULL,
        created_at timestamptz NOT NULL,
        removed_at timestamptz,
        CONSTRAINT billing_method_key_check CHECK ((removed_at IS NULL) = (sealed_billing_key IS NOT NULL)),
        CONSTRAINT billing_method_user_id_fkey FOREIGN KEY (user_id) REFERENCES billing_customer (user_id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX billing_customer_customer_key_uq ON billing_customer (customer_key)`);
    await q.query(`CREATE UNIQUE INDEX billing_method_auth_key_uq ON billing_method (user_id, auth_key_digest) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX billing_method_user_idx ON billing_method (user_id, created_at)`);

    await q.query(`ALTER TABLE payment_attempt ALTER COLUMN payment_key DROP NOT NULL`);
    await q.query(`ALTER TABLE payment_attempt DROP CONSTRAINT payment_attempt_operation_check`);
    await q.query(`ALTER TABLE payment_attempt ADD CONSTRAINT payment_attempt_operation_check CHECK (operation IN ('CONFIRM', 'CANCEL', 'CHARGE'))`);

    await q.query(`
      CREATE TABLE simulated_provider_billing_decline (
        billing_key text NOT NULL,
        order_id text NOT NULL,
        PRIMARY KEY (billing_key, order_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE simulated_provider_billing_decline`);
    await q.query(`DELETE FROM payment_attempt WHERE operation = 'CHARGE'`);
    await q.query(`ALTER TABLE payment_attempt DROP CONSTRAINT payment_attempt_operation_check`);
    await q.query(`ALTER TABLE payment_attempt ADD CONSTRAINT payment_attempt_operation_check CHECK (operation IN ('CONFIRM', 'CANCEL'))`);
    await q.query(`ALTER TABLE payment_attempt ALTER COLUMN payment_key SET NOT NULL`);
    await q.query(`DROP TABLE billing_method`);
    await q.query(`DROP TABLE billing_customer`);
  }
}
