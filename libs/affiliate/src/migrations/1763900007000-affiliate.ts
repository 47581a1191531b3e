import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Affiliate1763900007000 implements MigrationInterface {
  name = 'Affiliate1763900007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE market_creator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        organization_id uuid,
        kind text NOT NULL,
        handle text NOT NULL,
        display_name text NOT NULL,
        bio text,
        status text NOT NULL,
        payout_bank_code text NOT NULL,
        payout_account_number text NOT NULL,
        payout_account_holder text NOT NULL,
        status_note text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT market_creator_kind_check CHECK (kind IN ('INDIVIDUAL', 'CORPORATE', 'PUBLIC_INTEREST', 'CELEBRITY')),
        CONSTRAINT market_creator_status_check CHECK (status IN ('PENDING_REVIEW', 'ACTIVE', 'REJECTED', 'SUSPENDED')),
        CONSTRAINT market_creator_handle_check CHECK (handle ~ '^[a-z0-9-]{3,30}$'),
        CONSTRAINT market_creator_organization_check CHECK ((kind IN ('CORPORATE', 'PUBLIC_INTEREST')) = (organization_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX market_creator_user_uq ON market_creator (user_id)`);
    await q.query(`CREATE UNIQUE INDEX market_creator_handle_uq ON market_creator (handle)`);
    await q.query(`CREATE INDEX market_creator_organization_idx ON market_creator (organization_id) WHERE organization_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE market_listing (
        market_creator_id uuid NOT NULL,
        listing_id uuid NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (market_creator_id, listing_id),
        CONSTRAINT market_listing_market_creator_id_fkey FOREIGN KEY (market_creator_id) REFERENCES market_creator (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX market_listing_listing_idx ON market_listing (listing_id)`);

    await q.query(`
      CREATE TABLE referral_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        market_creator_id uuid NOT NULL,
        code text NOT NULL,
        listing_id uuid,
        campaign text,
        clicks integer NOT NULL,
        conversions integer NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT referral_link_counts_check CHECK (clicks >= 0 AND conversions >= 0),
        CONSTRAINT referral_link_market_creator_id_fkey FOREIGN KEY (market_creator_id) REFERENCES market_creator (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX referral_link_code_uq ON referral_link (code)`);
    await q.query(`CREATE INDEX referral_link_market_creator_idx ON referral_link (market_creator_id, created_at)`);

    await q.query(`
      CREATE TABLE referral_click (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_link_id uuid NOT NULL,
        market_creator_id uuid NOT NULL,
        listing_id uuid,
        user_id uuid,
        client_hash text NOT NULL,
        counted boolean NOT NULL,
        clicked_at timestamptz NOT NULL,
        CONSTRAINT referral_click_referral_link_id_fkey FOREIGN KEY (referral_link_id) REFERENCES referral_link (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX referral_click_user_idx ON referral_click (user_id, clicked_at) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX referral_click_client_idx ON referral_click (referral_link_id, client_hash, clicked_at)`);
    await q.query(`CREATE INDEX referral_click_clicked_at_idx ON referral_click (clicked_at)`);

    await q.query(`
      CREATE TABLE payout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        market_creator_id uuid NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        gross_amount bigint NOT NULL,
        income_tax bigint NOT NULL,
        local_income_tax bigint NOT NULL,
        withholding_tax bigint NOT NULL,
        net_amount bigint NOT NULL,
        status text NOT NULL,
        paid_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT payout_status_check CHECK (status IN ('SCHEDULED', 'PAID')),
        CONSTRAINT payout_period_check CHECK (period_start <= period_end),
        CONSTRAINT payout_amount_check CHECK (gross_amount > 0 AND income_tax >= 0 AND local_income_tax >= 0
          AND withholding_tax = income_tax + local_income_tax AND net_amount = gross_amount - withholding_tax),
        CONSTRAINT payout_paid_check CHECK ((status = 'PAID') = (paid_at IS NOT NULL)),
        CONSTRAINT payout_market_creator_id_fkey FOREIGN KEY (market_creator_id) REFERENCES market_creator (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX payout_period_uq ON payout (market_creator_id, period_end)`);

    await q.query(`
      CREATE TABLE commission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        market_creator_id uuid NOT NULL,
        referral_link_id uuid NOT NULL,
        reservation_id uuid,
        listing_id uuid NOT NULL,
        partner_agency_id uuid NOT NULL,
        base_amount bigint NOT NULL,
        rate_bps integer NOT NULL,
        amount bigint NOT NULL,
        reversed_amount bigint NOT NULL,
        status text NOT NULL,
        approved_at timestamptz,
        paid_at timestamptz,
        payout_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT commission_status_check CHECK (status IN ('PENDING', 'APPROVED', 'PAID', 'REVERSED')),
        CONSTRAINT commission_amount_check CHECK (base_amount > 0 AND rate_bps > 0 AND rate_bps <= 10000 AND amount >= 0
          AND reversed_amount >= 0 AND reversed_amount <= amount),
        CONSTRAINT commission_approved_check CHECK (status NOT IN ('APPROVED', 'PAID') OR approved_at IS NOT NULL),
        CONSTRAINT commission_paid_check CHECK ((status = 'PAID') = (paid_at IS NOT NULL)),
        CONSTRAINT commission_market_creator_id_fkey FOREIGN KEY (market_creator_id) REFERENCES market_creator (id),
        CONSTRAINT commission_referral_link_id_fkey FOREIGN KEY (referral_link_id) REFERENCES referral_link (id),
        CONSTRAINT commission_payout_id_fkey FOREIGN KEY (payout_id) REFERENCES payout (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX commission_reservation_uq ON commission (reservation_id) WHERE reservation_id IS NOT NULL`);
    await q.query(`CREATE INDEX commission_market_creator_idx ON commission (market_creator_id, created_at)`);
    await q.query(`CREATE INDEX commission_payable_idx ON commission (market_creator_id, approved_at) WHERE status = 'APPROVED' AND payout_id IS NULL`);
    await q.query(`CREATE INDEX commission_payout_idx ON commission (payout_id) WHERE payout_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['commission', 'payout', 'referral_click', 'referral_link', 'market_listing', 'market_creator']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
