import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The business calendar's non-business days and the years whose list is settled (docs/RULES.md §14). */
export class Calendar1764100800000 implements MigrationInterface {
  name = 'Calendar1764100800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE business_calendar_year (
        year integer PRIMARY KEY,
        source text NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT business_calendar_year_year_check CHECK (year BETWEEN 2000 AND 2100),
        CONSTRAINT business_calendar_year_source_check CHECK (source IN ('GAZETTE', 'OPERATOR'))
      )`);
    await q.query(`
      CREATE TABLE non_business_day (
        date date PRIMARY KEY,
        name text NOT NULL,
        CONSTRAINT non_business_day_name_check CHECK (length(name) BETWEEN 1 AND 100)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE non_business_day`);
    await q.query(`DROP TABLE business_calendar_year`);
  }
}
