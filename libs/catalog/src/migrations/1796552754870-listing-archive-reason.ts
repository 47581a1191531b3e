import type { MigrationInterface, QueryRunner } from 'typeorm';

/** docs/RULES.md §6: why a listing was archived, kept with it (an operator's take-down always says). */
export class ListingArchiveReason1796552754870 implements MigrationInterface {
  name = 'ListingArchiveReason1796552754870';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE listing ADD COLUMN archive_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE listing DROP COLUMN archive_reason`);
  }
}
