import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reservation lists by a range of starts, in start order (docs/RULES.md §8, "Reservation lists"): a buyer's and an agency's. */
export class ReservationStartsAt1796552970176 implements MigrationInterface {
  name = 'ReservationStartsAt1796552970176';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX reservation_buyer_starts_at_idx ON reservation (buyer_id, starts_at, id)`);
    await q.query(`CREATE INDEX reservation_partner_agency_starts_at_idx ON reservation (partner_agency_id, starts_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reservation_partner_agency_starts_at_idx`);
    await q.query(`DROP INDEX reservation_buyer_starts_at_idx`);
  }
}
