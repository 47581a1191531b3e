import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When and why an order's units were last cancelled (docs/RULES.md §18). */
export class OrderCancellation1796506111026 implements MigrationInterface {
  name = 'OrderCancellation1796506111026';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_order ADD COLUMN cancelled_at timestamptz, ADD COLUMN cancellation_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_order DROP COLUMN cancelled_at, DROP COLUMN cancellation_reason`);
  }
}
