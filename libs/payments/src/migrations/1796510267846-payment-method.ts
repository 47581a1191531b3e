import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How each payment was made, as the provider reports it (docs/RULES.md §23: card payments need no tax invoice). */
export class PaymentMethod1796510267846 implements MigrationInterface {
  name = 'PaymentMethod1796510267846';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE payment ADD COLUMN method text CONSTRAINT payment_method_check CHECK (method IN ('CARD', 'TRANSFER', 'VIRTUAL_ACCOUNT', 'EASY_PAY', 'OTHER'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment DROP COLUMN method`);
  }
}
