import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pick-up waybill is tracked (docs/RULES.md §18): when it was registered (the simulated courier and the
 * jobs count from it), and one return per carrier and number, as for outgoing parcels. Waybills registered
 * before count from the return's last change.
 */
export class ReturnPickupTracking1796517857028 implements MigrationInterface {
  name = 'ReturnPickupTracking1796517857028';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE return_request ADD COLUMN pickup_registered_at timestamptz`);
    await q.query(`UPDATE return_request SET pickup_registered_at = updated_at WHERE pickup_tracking_number IS NOT NULL`);
    await q.query(
      `ALTER TABLE return_request ADD CONSTRAINT return_request_pickup_check
        CHECK ((pickup_tracking_number IS NULL) = (pickup_registered_at IS NULL))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX return_request_pickup_uq ON return_request (pickup_carrier, pickup_tracking_number)
        WHERE pickup_tracking_number IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX return_request_pickup_uq`);
    await q.query(`ALTER TABLE return_request DROP CONSTRAINT return_request_pickup_check, DROP COLUMN pickup_registered_at`);
  }
}
