import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A commission is for one sale: a reservation or a goods order line (docs/RULES.md §21). An order line's
 * commission names its checkout, where a link counts one conversion however many lines it earns.
 */
export class OrderLineCommission1796505834616 implements MigrationInterface {
  name = 'OrderLineCommission1796505834616';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commission ADD COLUMN order_line_id uuid, ADD COLUMN checkout_id uuid`);
    await q.query(`ALTER TABLE commission ADD CONSTRAINT commission_sale_check CHECK ((reservation_id IS NULL) <> (order_line_id IS NULL))`);
    await q.query(`ALTER TABLE commission ADD CONSTRAINT commission_checkout_check CHECK ((order_line_id IS NULL) = (checkout_id IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX commission_order_line_uq ON commission (order_line_id) WHERE order_line_id IS NOT NULL`);
    await q.query(`CREATE INDEX commission_checkout_idx ON commission (checkout_id, referral_link_id) WHERE checkout_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM commission WHERE order_line_id IS NOT NULL`);
    await q.query(`DROP INDEX commission_checkout_idx`);
    await q.query(`DROP INDEX commission_order_line_uq`);
    await q.query(`ALTER TABLE commission DROP CONSTRAINT commission_checkout_check, DROP CONSTRAINT commission_sale_check`);
    await q.query(`ALTER TABLE commission DROP COLUMN checkout_id, DROP COLUMN order_line_id`);
  }
}
