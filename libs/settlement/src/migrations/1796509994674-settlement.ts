import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monthly settlement statements, their lines and partner agencies' payout accounts (docs/RULES.md §22). */
export class Settlement1796509994674 implements MigrationInterface {
  name = 'Settlement1796509994674';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE settlement_statement (
        id uuid PRIMARY KEY,
        partner_agency_id uuid NOT NULL,
        month text NOT NULL,
        status text NOT NULL,
        gross_sales bigint NOT NULL,
        returns bigint NOT NULL,
        agency_discounts bigint NOT NULL,
        sales_base bigint NOT NULL,
        platform_discounts bigint NOT NULL,
        platform_fee bigint NOT NULL,
        platform_fee_vat bigint NOT NULL,
        commissions bigint NOT NULL,
        shipping bigint NOT NULL,
        adjustments bigint NOT NULL,
        carried_over bigint NOT NULL,
        net_payable bigint NOT NULL,
        issued_at timestamptz,
        dispute_deadline timestamptz,
        dispute_reason text,
        disputed_at timestamptz,
        resolution_note text,
        payable_on date NOT NULL,
        paid_at timestamptz,
        transfer_reference text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT settlement_statement_status_check CHECK (status IN ('DRAFT', 'ISSUED', 'DISPUTED', 'PAID', 'CARRIED_OVER')),
        CONSTRAINT settlement_statement_month_check CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT settlement_statement_net_check CHECK (net_payable = sales_base - platform_fee - commissions + shipping + adjustments + carried_over),
        CONSTRAINT settlement_statement_issued_check CHECK (status = 'DRAFT' OR (issued_at IS NOT NULL AND dispute_deadline IS NOT NULL)),
        CONSTRAINT settlement_statement_paid_check CHECK ((status = 'PAID') = (paid_at IS NOT NULL AND transfer_reference IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX settlement_statement_agency_month_uq ON settlement_statement (partner_agency_id, month)`);
    await q.query(`CREATE INDEX settlement_statement_month_idx ON settlement_statement (month, id)`);
    await q.query(`
      CREATE TABLE settlement_line (
        id uuid PRIMARY KEY,
        statement_id uuid CONSTRAINT settlement_line_statement_id_fkey REFERENCES settlement_statement (id) ON DELETE CASCADE,
        partner_agency_id uuid NOT NULL,
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        description text NOT NULL,
        order_id uuid,
        order_line_id uuid,
        reservation_id uuid,
        gross_sales bigint NOT NULL,
        returns bigint NOT NULL,
        agency_discount bigint NOT NULL,
        platform_discount bigint NOT NULL,
        sales_base bigint NOT NULL,
        platform_fee_rate_bps integer,
        platform_fee bigint NOT NULL,
        commission bigint NOT NULL,
        shipping bigint NOT NULL,
        adjustment bigint NOT NULL,
        net bigint NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT settlement_line_kind_check CHECK (kind IN ('ORDER_LINE', 'SHIPPING', 'RESERVATION', 'POST_SETTLEMENT_REFUND', 'ADJUSTMENT', 'CARRIED_BALANCE')),
        CONSTRAINT settlement_line_net_check CHECK (net = sales_base - platform_fee - commission + shipping + adjustment),
        CONSTRAINT settlement_line_assigned_check CHECK (statement_id IS NOT NULL OR kind NOT IN ('ADJUSTMENT', 'CARRIED_BALANCE'))
      )`);
    await q.query(`CREATE INDEX settlement_line_statement_idx ON settlement_line (statement_id, occurred_at, id)`);
    await q.query(`CREATE INDEX settlement_line_unassigned_idx ON settlement_line (partner_agency_id, occurred_at) WHERE statement_id IS NULL`);
    await q.query(`CREATE INDEX settlement_line_order_idx ON settlement_line (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`CREATE INDEX settlement_line_reservation_idx ON settlement_line (reservation_id) WHERE reservation_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE partner_agency_payout_account (
        partner_agency_id uuid PRIMARY KEY,
        bank_code text NOT NULL,
        account_number text NOT NULL,
        account_holder text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_agency_payout_account`);
    await q.query(`DROP TABLE settlement_line`);
    await q.query(`DROP TABLE settlement_statement`);
  }
}
