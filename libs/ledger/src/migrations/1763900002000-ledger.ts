import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry journal. Besides the tables, the database itself guarantees what the ledger promises:
 * every entry balances when its transaction commits, and nothing once written is changed or removed.
 */
export class Ledger1763900002000 implements MigrationInterface {
  name = 'Ledger1763900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE journal_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        reference_type text NOT NULL,
        reference_id text NOT NULL,
        idempotency_key text,
        created_at timestamptz NOT NULL,
        CONSTRAINT journal_entry_idempotency_key_uq UNIQUE (idempotency_key)
      )`);
    await q.query(`CREATE INDEX journal_entry_reference_idx ON journal_entry (reference_type, reference_id)`);
    await q.query(`
      CREATE TABLE posting (
        id bigserial PRIMARY KEY,
        entry_id uuid NOT NULL CONSTRAINT posting_entry_id_fkey REFERENCES journal_entry (id),
        account text NOT NULL,
        owner_id uuid,
        amount bigint NOT NULL,
        CONSTRAINT posting_amount_nonzero CHECK (amount <> 0),
        CONSTRAINT posting_account_check CHECK (account IN ('PROVIDER_CLEARING', 'CASH_PAID_OUT', 'PLATFORM_REVENUE_FEES',
          'PLATFORM_REVENUE_DUES', 'PARTNER_AGENCY_PAYABLE', 'MARKET_CREATOR_PAYABLE', 'WITHHOLDING_TAX_PAYABLE', 'REFUNDS')),
        CONSTRAINT posting_owner_check CHECK ((owner_id IS NOT NULL) = (account IN ('PARTNER_AGENCY_PAYABLE', 'MARKET_CREATOR_PAYABLE')))
      )`);
    await q.query(`CREATE INDEX posting_entry_idx ON posting (entry_id)`);
    await q.query(`CREATE INDEX posting_account_idx ON posting (account, owner_id)`);

    // Checked at COMMIT (deferred), when all of an entry's postings are in: at least two, summing to zero.
    await q.query(`
      CREATE FUNCTION ledger_assert_balanced(entry uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        lines integer;
        total numeric;
      BEGIN
        SELECT count(*), coalesce(sum(amount), 0) INTO lines, total FROM posting WHERE entry_id = entry;
        IF lines < 2 OR total <> 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance (% postings summing to %)', entry, lines, total
            USING ERRCODE = 'check_violation';
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_assert_balanced(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION posting_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_assert_balanced(NEW.entry_id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER posting_balanced AFTER INSERT ON posting
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION posting_balanced()`);

    // Append-only: a mistake is corrected by another entry, so history is never lost.
    await q.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    await q.query(`
      CREATE TRIGGER posting_append_only BEFORE UPDATE OR DELETE ON posting
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE posting, journal_entry`);
    await q.query(`DROP FUNCTION ledger_append_only(), posting_balanced(), journal_entry_balanced(), ledger_assert_balanced(uuid)`);
  }
}
