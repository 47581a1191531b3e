import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Goods checkouts pay through payments with their own purpose (docs/RULES.md §16). */
export class CheckoutPurpose1764200100000 implements MigrationInterface {
  name = 'CheckoutPurpose1764200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment DROP CONSTRAINT payment_purpose_check`);
    await q.query(
      `ALTER TABLE payment ADD CONSTRAINT payment_purpose_check CHECK (purpose IN ('DUES_INVOICE', 'RESERVATION', 'ORDER', 'SUBSCRIPTION', 'CHECKOUT'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment DROP CONSTRAINT payment_purpose_check`);
    await q.query(`ALTER TABLE payment ADD CONSTRAINT payment_purpose_check CHECK (purpose IN ('DUES_INVOICE', 'RESERVATION', 'ORDER', 'SUBSCRIPTION'))`);
  }
}
