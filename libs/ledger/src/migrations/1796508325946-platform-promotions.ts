import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACCOUNTS_BEFORE = `'PROVIDER_CLEARING', 'CASH_PAID_OUT', 'PLATFORM_REVENUE_FEES', 'PLATFORM_REVENUE_DUES', 'PARTNER_AGENCY_PAYABLE', 'MARKET_CREATOR_PAYABLE', 'WITHHOLDING_TAX_PAYABLE', 'REFUNDS'`;

/** PLATFORM_PROMOTIONS: the platform-funded coupon discounts it pays (docs/RULES.md §19, §22). */
export class PlatformPromotions1796508325946 implements MigrationInterface {
  name = 'PlatformPromotions1796508325946';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posting DROP CONSTRAINT posting_account_check`);
    await q.query(`ALTER TABLE posting ADD CONSTRAINT posting_account_check CHECK (account IN (${ACCOUNTS_BEFORE}, 'PLATFORM_PROMOTIONS'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posting DROP CONSTRAINT posting_account_check`);
    await q.query(`ALTER TABLE posting ADD CONSTRAINT posting_account_check CHECK (account IN (${ACCOUNTS_BEFORE}))`);
  }
}
