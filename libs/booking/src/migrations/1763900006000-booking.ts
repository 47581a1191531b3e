import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Booking1763900006000 implements MigrationInterface {
  name = 'Booking1763900006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        partner_agency_id uuid NOT NULL,
        status text NOT NULL,
        preferred_times timestamptz[] NOT NULL,
        attribution_token text,
        closing_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT consultation_status_check CHECK (status IN ('OPEN', 'OFFERED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED'))
      )`);
    await q.query(`CREATE INDEX consultation_buyer_idx ON consultation (buyer_id, created_at, id)`);
    await q.query(`CREATE INDEX consultation_partner_agency_idx ON consultation (partner_agency_id, created_at, id)`);
    await q.query(`
      CREATE TABLE consultation_message (
        id uuid PRIMARY KEY,
        consultation_id uuid NOT NULL,
        author_id uuid NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT consultation_message_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX consultation_message_consultation_idx ON consultation_message (consultation_id, created_at)`);
    await q.query(`
      CREATE TABLE offer (
        id uuid PRIMARY KEY,
        consultation_id uuid NOT NULL,
        price bigint NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        note text,
        expires_at timestamptz NOT NULL,
        status text NOT NULL,
        sent_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT offer_status_check CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
        CONSTRAINT offer_price_check CHECK (price > 0),
        CONSTRAINT offer_time_check CHECK (ends_at > starts_at),
        CONSTRAINT offer_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX offer_consultation_idx ON offer (consultation_id, created_at)`);
    await q.query(`CREATE UNIQUE INDEX offer_pending_uq ON offer (consultation_id) WHERE status = 'PENDING'`);
    await q.query(`
      CREATE TABLE reservation (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        listing_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        partner_agency_id uuid NOT NULL,
        consultation_id uuid,
        status text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        amount bigint NOT NULL,
        hold_expires_at timestamptz,
        payment_id uuid,
        platform_fee_rate_bps integer,
        refunded_amount bigint NOT NULL,
        attribution_token text,
        cancellation_reason text,
        cancelled_by text,
        paid_at timestamptz,
        completed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT reservation_status_check
          CHECK (status IN ('PENDING_PAYMENT', 'CONFIRMED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'NO_SHOW')),
        CONSTRAINT reservation_cancelled_by_check CHECK (cancelled_by IN ('BUYER', 'PARTNER_AGENCY', 'OPERATOR')),
        CONSTRAINT reservation_time_check CHECK (ends_at > starts_at),
        CONSTRAINT reservation_amount_check CHECK (amount > 0 AND refunded_amount >= 0 AND refunded_amount <= amount),
        CONSTRAINT reservation_hold_check CHECK (status <> 'PENDING_PAYMENT' OR hold_expires_at IS NOT NULL),
        CONSTRAINT reservation_fee_rate_check CHECK (platform_fee_rate_bps BETWEEN 0 AND 10000),
        CONSTRAINT reservation_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES consultation (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX reservation_number_uq ON reservation (number)`);
    await q.query(`CREATE UNIQUE INDEX reservation_consultation_uq ON reservation (consultation_id)`);
    await q.query(`CREATE INDEX reservation_buyer_idx ON reservation (buyer_id, created_at, id)`);
    await q.query(`CREATE INDEX reservation_partner_agency_idx ON reservation (partner_agency_id, created_at, id)`);
    // btree_gist (foundation migration) lets the gist index compare uuid and smallint with =.
    await q.query(`
      CREATE TABLE reservation_seat (
        reservation_id uuid PRIMARY KEY,
        listing_id uuid NOT NULL,
        seat smallint NOT NULL,
        during tstzrange NOT NULL,
        hold_expires_at timestamptz,
        active boolean NOT NULL,
        CONSTRAINT reservation_seat_seat_check CHECK (seat >= 1),
        CONSTRAINT reservation_seat_during_check CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
        CONSTRAINT reservation_seat_reservation_id_fkey FOREIGN KEY (reservation_id) REFERENCES reservation (id) ON DELETE CASCADE,
        CONSTRAINT reservation_seat_no_overlap EXCLUDE USING gist (listing_id WITH =, seat WITH =, during WITH &&) WHERE (active)
      )`);
    await q.query(`
      CREATE TABLE reservation_idempotency_key (
        user_id uuid NOT NULL,
        key text NOT NULL,
        input_digest text NOT NULL,
        reservation_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX reservation_idempotency_key_created_idx ON reservation_idempotency_key (created_at)`);
    await q.query(`
      CREATE TABLE reservation_review (
        id uuid PRIMARY KEY,
        reservation_id uuid NOT NULL,
        listing_id uuid NOT NULL,
        author_id uuid NOT NULL,
        rating smallint NOT NULL,
        comment text,
        created_at timestamptz NOT NULL,
        CONSTRAINT reservation_review_rating_check CHECK (rating BETWEEN 1 AND 5),
        CONSTRAINT reservation_review_reservation_id_fkey FOREIGN KEY (reservation_id) REFERENCES reservation (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX reservation_review_reservation_uq ON reservation_review (reservation_id)`);
    await q.query(`CREATE INDEX reservation_review_listing_idx ON reservation_review (listing_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'reservation_review',
      'reservation_idempotency_key',
      'reservation_seat',
      'reservation',
      'offer',
      'consultation_message',
      'consultation',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
