import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A subscription delivery's order line has no checkout (docs/RULES.md §21): a commission keeps a checkout only for
 * an order line, and an order line's may have none.
 */
export class SubscriptionCommission1796530484553 implements MigrationInterface {
  name = 'SubscriptionCommission1796530484553';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commission DROP CONSTRAINT commission_checkout_check`);
    await q.query(`ALTER TABLE commission ADD CONSTRAINT commission_checkout_check CHECK (checkout_id IS NULL OR order_line_id IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commission DROP CONSTRAINT commission_checkout_check`);
    await q.query(`ALTER TABLE commission ADD CONSTRAINT commission_checkout_check CHECK ((order_line_id IS NULL) = (checkout_id IS NULL))`);
  }
}
