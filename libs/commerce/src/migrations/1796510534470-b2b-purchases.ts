import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who a purchase was made for, with the buyer side of its tax invoice copied then (docs/RULES.md §23). */
export class CommerceB2BPurchases1796510534470 implements MigrationInterface {
  name = 'CommerceB2BPurchases1796510534470';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE checkout ADD COLUMN buyer_organization_id uuid, ADD COLUMN purchase_order_number text, ADD COLUMN b2b_buyer jsonb`);
    await q.query(`CREATE INDEX checkout_buyer_organization_idx ON checkout (buyer_organization_id, created_at, id) WHERE buyer_organization_id IS NOT NULL`);
    await q.query(`ALTER TABLE commerce_order ADD COLUMN buyer_organization_id uuid, ADD COLUMN purchase_order_number text, ADD COLUMN b2b_buyer jsonb`);
    await q.query(
      `CREATE INDEX commerce_order_buyer_organization_idx ON commerce_order (buyer_organization_id, created_at, id) WHERE buyer_organization_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE checkout DROP COLUMN buyer_organization_id, DROP COLUMN purchase_order_number, DROP COLUMN b2b_buyer`);
    await q.query(`ALTER TABLE commerce_order DROP COLUMN buyer_organization_id, DROP COLUMN purchase_order_number, DROP COLUMN b2b_buyer`);
  }
}
