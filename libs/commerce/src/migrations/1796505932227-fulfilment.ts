import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Shipping, delivery and confirmation of orders (docs/RULES.md §17): parcels, dispatch delays, tracking pushes. */
export class Fulfilment1796505932227 implements MigrationInterface {
  name = 'Fulfilment1796505932227';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shipment (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        carrier text NOT NULL,
        carrier_name text,
        tracking_number text,
        shipped_at timestamptz NOT NULL,
        registered_at timestamptz NOT NULL,
        first_scan_at timestamptz,
        delivered_at timestamptz,
        delivery_assumed boolean NOT NULL,
        CONSTRAINT shipment_tracking_check
          CHECK ((carrier = 'DIRECT') = (tracking_number IS NULL) AND (carrier = 'OTHER') = (carrier_name IS NOT NULL) AND (delivered_at IS NOT NULL OR NOT delivery_assumed)),
        CONSTRAINT shipment_order_id_fkey FOREIGN KEY (order_id) REFERENCES commerce_order (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX shipment_order_idx ON shipment (order_id, shipped_at)`);
    // One carrier + number covers one parcel (docs/RULES.md §17): concurrent registrations of a number race here, not in a read.
    await q.query(`CREATE UNIQUE INDEX shipment_tracking_number_uq ON shipment (carrier, tracking_number) WHERE tracking_number IS NOT NULL`);
    await q.query(`ALTER TABLE order_line ADD COLUMN shipment_id uuid CONSTRAINT order_line_shipment_id_fkey REFERENCES shipment (id) ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX order_line_shipment_idx ON order_line (shipment_id) WHERE shipment_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE commerce_order
        ADD COLUMN dispatch_delayed_at timestamptz,
        ADD COLUMN dispatch_delay_previous_deadline timestamptz,
        ADD COLUMN dispatch_delay_reason text,
        ADD COLUMN dispatch_delay_note text,
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN auto_confirm_at timestamptz,
        ADD COLUMN confirmed_at timestamptz,
        ADD CONSTRAINT commerce_order_dispatch_delay_check
          CHECK ((dispatch_delayed_at IS NULL) = (dispatch_delay_previous_deadline IS NULL) AND (dispatch_delayed_at IS NULL) = (dispatch_delay_reason IS NULL)),
        ADD CONSTRAINT commerce_order_confirmed_check CHECK ((status = 'CONFIRMED') = (confirmed_at IS NOT NULL))`);
    await q.query(`
      CREATE TABLE tracking_webhook_event (
        provider text NOT NULL,
        event_id text NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (provider, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tracking_webhook_event`);
    await q.query(`
      ALTER TABLE commerce_order
        DROP CONSTRAINT commerce_order_confirmed_check,
        DROP CONSTRAINT commerce_order_dispatch_delay_check,
        DROP COLUMN dispatch_delayed_at,
        DROP COLUMN dispatch_delay_previous_deadline,
        DROP COLUMN dispatch_delay_reason,
        DROP COLUMN dispatch_delay_note,
        DROP COLUMN delivered_at,
        DROP COLUMN auto_confirm_at,
        DROP COLUMN confirmed_at`);
    await q.query(`ALTER TABLE order_line DROP COLUMN shipment_id`);
    await q.query(`DROP TABLE shipment`);
  }
}
