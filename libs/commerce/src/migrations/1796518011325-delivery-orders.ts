import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders paid without a checkout (subscription deliveries, docs/RULES.md §20): their own payment instead. */
export class DeliveryOrders1796518011325 implements MigrationInterface {
  name = 'DeliveryOrders1796518011325';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_order ALTER COLUMN checkout_id DROP NOT NULL, ADD COLUMN payment_id uuid`);
    await q.query(`ALTER TABLE commerce_order ADD CONSTRAINT commerce_order_source_check CHECK ((checkout_id IS NULL) <> (payment_id IS NULL))`);
    await q.query(`CREATE INDEX commerce_order_payment_idx ON commerce_order (payment_id) WHERE payment_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM commerce_order WHERE checkout_id IS NULL`);
    await q.query(`ALTER TABLE commerce_order DROP COLUMN payment_id, ALTER COLUMN checkout_id SET NOT NULL`);
  }
}
