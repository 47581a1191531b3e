import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tax-invoice data of B2B orders and reservations (docs/RULES.md §23). */
export class TaxInvoices1796517170428 implements MigrationInterface {
  name = 'TaxInvoices1796517170428';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tax_invoice (
        id uuid PRIMARY KEY,
        status text NOT NULL,
        partner_agency_id uuid NOT NULL,
        buyer_organization_id uuid NOT NULL,
        order_id uuid,
        reservation_id uuid,
        service_tax_free boolean,
        supplier jsonb NOT NULL,
        buyer jsonb NOT NULL,
        purchase_order_number text,
        supply_value bigint NOT NULL,
        vat bigint NOT NULL,
        tax_free_amount bigint NOT NULL,
        total bigint NOT NULL,
        written_on date,
        due_on date,
        approval_number text,
        tax_free_approval_number text,
        issued_on date,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT tax_invoice_status_check CHECK (status IN ('NOT_REQUIRED', 'PENDING', 'ISSUABLE', 'ISSUED')),
        CONSTRAINT tax_invoice_sale_check CHECK ((order_id IS NULL) <> (reservation_id IS NULL)),
        CONSTRAINT tax_invoice_amounts_check CHECK (total = supply_value + vat + tax_free_amount AND tax_free_amount >= 0 AND vat >= 0 AND supply_value >= 0),
        CONSTRAINT tax_invoice_issued_check CHECK ((status = 'ISSUED') = (issued_on IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX tax_invoice_order_uq ON tax_invoice (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX tax_invoice_reservation_uq ON tax_invoice (reservation_id) WHERE reservation_id IS NOT NULL`);
    await q.query(`CREATE INDEX tax_invoice_agency_idx ON tax_invoice (partner_agency_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tax_invoice`);
  }
}
