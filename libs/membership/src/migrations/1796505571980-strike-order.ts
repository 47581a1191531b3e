import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Strikes name the order that caused them; at most one LATE_SHIPMENT and one MISSING_TRACKING_NUMBER per order (docs/RULES.md §17). */
export class StrikeOrder1796505571980 implements MigrationInterface {
  name = 'StrikeOrder1796505571980';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE strike ADD COLUMN order_id uuid`);
    await q.query(`ALTER TABLE strike DROP CONSTRAINT strike_reason_check`);
    await q.query(
      `ALTER TABLE strike ADD CONSTRAINT strike_reason_check CHECK (reason IN ('LATE_SHIPMENT', 'MISSING_TRACKING_NUMBER', 'LATE_RETURN_HANDLING', 'PROVIDER_CANCELLATION', 'PROVIDER_NO_SHOW', 'POLICY_VIOLATION'))`,
    );
    await q.query(`CREATE UNIQUE INDEX strike_order_once_uq ON strike (order_id, reason) WHERE reason IN ('LATE_SHIPMENT', 'MISSING_TRACKING_NUMBER')`);
    await q.query(`CREATE INDEX strike_order_idx ON strike (order_id) WHERE order_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX strike_order_idx`);
    await q.query(`DROP INDEX strike_order_once_uq`);
    await q.query(`DELETE FROM strike WHERE reason = 'LATE_RETURN_HANDLING'`);
    await q.query(`ALTER TABLE strike DROP CONSTRAINT strike_reason_check`);
    await q.query(
      `ALTER TABLE strike ADD CONSTRAINT strike_reason_check CHECK (reason IN ('LATE_SHIPMENT', 'MISSING_TRACKING_NUMBER', 'PROVIDER_CANCELLATION', 'PROVIDER_NO_SHOW', 'POLICY_VIOLATION'))`,
    );
    await q.query(`ALTER TABLE strike DROP COLUMN order_id`);
  }
}
