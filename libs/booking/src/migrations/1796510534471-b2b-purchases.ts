import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who a purchase was made for, with the buyer side of its tax invoice copied then (docs/RULES.md §23). */
export class BookingB2BPurchases1796510534471 implements MigrationInterface {
  name = 'BookingB2BPurchases1796510534471';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultation ADD COLUMN buyer_organization_id uuid, ADD COLUMN purchase_order_number text, ADD COLUMN b2b_buyer jsonb`);
    await q.query(
      `CREATE INDEX consultation_buyer_organization_idx ON consultation (buyer_organization_id, created_at, id) WHERE buyer_organization_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE reservation ADD COLUMN buyer_organization_id uuid, ADD COLUMN purchase_order_number text, ADD COLUMN b2b_buyer jsonb`);
    await q.query(
      `CREATE INDEX reservation_buyer_organization_idx ON reservation (buyer_organization_id, created_at, id) WHERE buyer_organization_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultation DROP COLUMN buyer_organization_id, DROP COLUMN purchase_order_number, DROP COLUMN b2b_buyer`);
    await q.query(`ALTER TABLE reservation DROP COLUMN buyer_organization_id, DROP COLUMN purchase_order_number, DROP COLUMN b2b_buyer`);
  }
}
