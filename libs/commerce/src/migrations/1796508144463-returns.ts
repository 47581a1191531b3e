import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Returns and exchanges (docs/RULES.md §18): requests, their lines, and the replacement parcel of an exchange. */
export class Returns1796508144463 implements MigrationInterface {
  name = 'Returns1796508144463';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE return_request (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        order_id uuid NOT NULL,
        partner_agency_id uuid NOT NULL,
        reason text NOT NULL,
        resolution text NOT NULL,
        note text,
        status text NOT NULL,
        return_shipping_deduction bigint NOT NULL,
        refund_amount bigint,
        pickup_carrier text,
        pickup_tracking_number text,
        rejection_reason text,
        accept_by timestamptz,
        complete_by timestamptz,
        requested_at timestamptz NOT NULL,
        received_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        CONSTRAINT return_request_status_check CHECK (status IN ('REQUESTED', 'ACCEPTED', 'RECEIVED', 'COMPLETED', 'REJECTED', 'WITHDRAWN')),
        CONSTRAINT return_request_amount_check CHECK (return_shipping_deduction >= 0 AND (refund_amount IS NULL OR refund_amount >= 0)),
        CONSTRAINT return_request_exchange_check CHECK (reason <> 'CHANGE_OF_MIND' OR resolution = 'REFUND'),
        CONSTRAINT return_request_order_id_fkey FOREIGN KEY (order_id) REFERENCES commerce_order (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX return_request_number_uq ON return_request (number)`);
    await q.query(`CREATE INDEX return_request_order_idx ON return_request (order_id, requested_at)`);
    await q.query(`CREATE INDEX return_request_partner_agency_idx ON return_request (partner_agency_id, requested_at, id)`);
    // One open return per order (docs/RULES.md §18): concurrent requests race here, not in a read.
    await q.query(`CREATE UNIQUE INDEX return_request_open_uq ON return_request (order_id) WHERE status IN ('REQUESTED', 'ACCEPTED', 'RECEIVED')`);
    await q.query(`
      CREATE TABLE return_line (
        return_request_id uuid NOT NULL,
        order_line_id uuid NOT NULL,
        position integer NOT NULL,
        quantity integer NOT NULL,
        PRIMARY KEY (return_request_id, order_line_id),
        CONSTRAINT return_line_quantity_check CHECK (quantity > 0),
        CONSTRAINT return_line_return_request_id_fkey FOREIGN KEY (return_request_id) REFERENCES return_request (id) ON DELETE CASCADE,
        CONSTRAINT return_line_order_line_id_fkey FOREIGN KEY (order_line_id) REFERENCES order_line (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX return_line_order_line_idx ON return_line (order_line_id)`);
    await q.query(
      `ALTER TABLE shipment ADD COLUMN replacement_for_id uuid CONSTRAINT shipment_replacement_for_id_fkey REFERENCES return_request (id) ON DELETE RESTRICT`,
    );
    await q.query(`CREATE UNIQUE INDEX shipment_replacement_for_uq ON shipment (replacement_for_id) WHERE replacement_for_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipment DROP COLUMN replacement_for_id`);
    await q.query(`DROP TABLE return_line`);
    await q.query(`DROP TABLE return_request`);
  }
}
