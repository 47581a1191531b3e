import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/RULES.md §20: subscription terms gain their ship anchor (TUESDAY for weekly and biweekly plans, day 15
 * for monthly ones), a cutoff (default 3 days) and an optional subscriber limit (none).
 */
export class SubscriptionTerms1796508219317 implements MigrationInterface {
  name = 'SubscriptionTerms1796508219317';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE listing SET subscription = jsonb_build_object(
          'shipWeekday', CASE WHEN subscription->>'interval' = 'MONTHLY' THEN NULL ELSE 'TUESDAY' END,
          'shipDayOfMonth', CASE WHEN subscription->>'interval' = 'MONTHLY' THEN 15 END,
          'cutoffDays', 3,
          'subscriberLimit', NULL) || subscription
      WHERE subscription IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE listing SET subscription = subscription - 'shipWeekday' - 'shipDayOfMonth' - 'cutoffDays' - 'subscriberLimit'
      WHERE subscription IS NOT NULL`);
  }
}
