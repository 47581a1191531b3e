import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A B2B purchase's coupon uses are counted per buyer organization (docs/RULES.md §19): the live ones, indexed. */
export class CouponOrganizationUses1796517183374 implements MigrationInterface {
  name = 'CouponOrganizationUses1796517183374';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX coupon_redemption_live_organization_idx ON coupon_redemption (coupon_id, buyer_organization_id) WHERE released_at IS NULL AND buyer_organization_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX coupon_redemption_live_organization_idx`);
  }
}
