import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A coupon given at `subscribe` is one redemption of the subscription (docs/RULES.md §19): a redemption belongs to
 * a checkout or to a subscription (the subscriptions library's; no foreign key across libraries), one per each.
 */
export class SubscriptionCouponUses1796529281466 implements MigrationInterface {
  name = 'SubscriptionCouponUses1796529281466';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE coupon_redemption ALTER COLUMN checkout_id DROP NOT NULL, ADD COLUMN subscription_id uuid`);
    await q.query(`ALTER TABLE coupon_redemption ADD CONSTRAINT coupon_redemption_purchase_check CHECK ((checkout_id IS NULL) <> (subscription_id IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX coupon_redemption_subscription_uq ON coupon_redemption (subscription_id) WHERE subscription_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX coupon_redemption_subscription_uq`);
    await q.query(`DELETE FROM coupon_redemption WHERE subscription_id IS NOT NULL`);
    await q.query(`ALTER TABLE coupon_redemption DROP CONSTRAINT coupon_redemption_purchase_check, DROP COLUMN subscription_id`);
    await q.query(`ALTER TABLE coupon_redemption ALTER COLUMN checkout_id SET NOT NULL`);
  }
}
