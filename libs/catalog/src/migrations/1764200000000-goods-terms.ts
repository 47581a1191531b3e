import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/RULES.md §15: goods terms gain dispatch days (default 3), a return shipping fee (absent: follows
 * shippingFee) and `perishable`; stock can never go below zero, whatever writes it.
 */
export class GoodsTerms1764200000000 implements MigrationInterface {
  name = 'GoodsTerms1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE listing SET goods = jsonb_build_object('dispatchBusinessDays', 3, 'returnShippingFee', NULL, 'perishable', false) || goods
      WHERE goods IS NOT NULL`);
    await q.query(`ALTER TABLE listing ADD CONSTRAINT listing_goods_stock_check CHECK (kind <> 'GOODS' OR (goods->>'stock')::integer >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE listing DROP CONSTRAINT listing_goods_stock_check`);
    await q.query(`UPDATE listing SET goods = goods - 'dispatchBusinessDays' - 'returnShippingFee' - 'perishable' WHERE goods IS NOT NULL`);
  }
}
