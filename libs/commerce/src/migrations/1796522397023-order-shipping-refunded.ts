import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an order's shipping fee went back with a refund, so settlement stops crediting the agency the
 * platform's shipping waiver that the refund gave back (docs/RULES.md §22). Orders cancelled before had theirs
 * refunded; for others nothing recorded which, and they keep the waiver as before.
 */
export class OrderShippingRefunded1796522397023 implements MigrationInterface {
  name = 'OrderShippingRefunded1796522397023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_order ADD COLUMN shipping_refunded boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE commerce_order SET shipping_refunded = true WHERE status = 'CANCELLED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_order DROP COLUMN shipping_refunded`);
  }
}
