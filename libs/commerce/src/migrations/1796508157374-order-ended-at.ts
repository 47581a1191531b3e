import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an order ended (CONFIRMED, CANCELLED or RETURNED): its agency sees the shipping address in full until
 * ADDRESS_RETENTION_DAYS after it (docs/RULES.md §25). Orders that ended before take their confirmation or
 * last cancellation.
 */
export class OrderEndedAt1796508157374 implements MigrationInterface {
  name = 'OrderEndedAt1796508157374';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_order ADD COLUMN ended_at timestamptz`);
    await q.query(
      `UPDATE commerce_order SET ended_at = CASE status WHEN 'CONFIRMED' THEN confirmed_at WHEN 'CANCELLED' THEN cancelled_at ELSE updated_at END
        WHERE status IN ('CONFIRMED', 'CANCELLED', 'RETURNED')`,
    );
    await q.query(
      `ALTER TABLE commerce_order ADD CONSTRAINT commerce_order_ended_check
        CHECK ((status IN ('CONFIRMED', 'CANCELLED', 'RETURNED')) = (ended_at IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commerce_order DROP CONSTRAINT commerce_order_ended_check, DROP COLUMN ended_at`);
  }
}
