import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { account, accountCode, assertAccount, normalBalance, type Account, type AccountKind } from './account.js';
import { parseWon, toSafeWon } from './amount.js';
import { JournalEntry, JournalEntryKind } from './journal-entry.entity.js';
import { assertBalancedLines, sameLines, type LedgerLine } from './journal-lines.js';
import { Posting } from './posting.entity.js';

export interface LedgerReference {
  type: string;
  id: string;
}

export interface PostEntryInput {
  kind: JournalEntryKind;
  reference: LedgerReference;
  /** Derived from the business event (e.g. `refund:<refundId>`), so posting it twice writes it once. */
  idempotencyKey?: string;
  lines: LedgerLine[];
}

export interface AccountBalance {
  account: Account;
  code: string;
  /** Sum of the postings, debit positive. */
  net: number;
  /** The same on the account's normal side (what an agency is owed is positive). */
  balance: number;
}

export interface TrialBalance {
  accounts: AccountBalance[];
  /** Sum of every posting: zero, or the books are broken. */
  total: number;
}

function accountBalanceOf(of: Account, net: bigint): AccountBalance {
  return { account: of, code: accountCode(of), net: toSafeWon(net), balance: normalBalance(of.kind, net) };
}

/** The only way money is recorded: other libraries post entries here and never write ledger rows. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /**
   * Writes one balanced entry in the caller's transaction, so the entry and the change that caused it
   * commit or roll back together. With an idempotency key already used, returns the entry written then.
   */
  async post(ctx: RequestContext, input: PostEntryInput): Promise<JournalEntry> {
    assertBalancedLines(input.lines);
    if (!input.reference.type || !input.reference.id) throw new Error('A journal entry needs a reference');
    if (input.idempotencyKey === '') throw new Error('An idempotency key must not be empty');
    if (!ctx.manager) throw new Error('Post ledger entries inside the transaction of the change they record');

    const key = input.idempotencyKey ?? null;
    const createdAt = this.clock.now();
    // One statement for the entry and its postings. ON CONFLICT DO NOTHING (only the key can conflict; the
    // id is a fresh uuid) rather than catching the unique violation, which would abort the caller's
    // transaction: no entry row, no postings. A racing post of the same key makes this wait until that
    // transaction ends: committed, this inserts nothing and the replay finds its entry.
    const [inserted]: Array<{ entryId: string; postingIds: string[] }> = await this.connection.manager(ctx).query(
      `WITH entry AS (
         INSERT INTO journal_entry (kind, reference_type, reference_id, idempotency_key, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING
         RETURNING id),
       lines AS (
         INSERT INTO posting (entry_id, account, owner_id, amount)
         SELECT entry.id, line.account, line.owner_id, line.amount
           FROM entry, unnest($6::text[], $7::uuid[], $8::bigint[]) WITH ORDINALITY AS line (account, owner_id, amount, n)
          ORDER BY line.n
         RETURNING id)
       SELECT entry.id AS "entryId", ARRAY(SELECT id FROM lines ORDER BY id) AS "postingIds" FROM entry`,
      [
        input.kind,
        input.reference.type,
        input.reference.id,
        key,
        createdAt,
        input.lines.map((line) => line.account.kind),
        input.lines.map((line) => line.account.ownerId),
        input.lines.map((line) => line.amount),
      ],
    );
    if (!inserted) return this.replay(ctx, key!, input);

    const postings = this.connection.getRepository(ctx, Posting);
    const rows = input.lines.map((line, i) =>
      postings.create({
        id: inserted.postingIds[i],
        entryId: inserted.entryId,
        account: line.account.kind,
        ownerId: line.account.ownerId,
        amount: line.amount,
      }),
    );
    return this.connection.getRepository(ctx, JournalEntry).create({
      id: inserted.entryId,
      kind: input.kind,
      referenceType: input.reference.type,
      referenceId: input.reference.id,
      idempotencyKey: key,
      createdAt,
      postings: rows,
    });
  }

  /** The balance on the account's normal side (see `normalBalance`). */
  async balance(ctx: RequestContext, of: Account): Promise<number> {
    return (await this.accountBalance(ctx, of)).balance;
  }

  /** One account's postings summed; an account without postings has 0. */
  async accountBalance(ctx: RequestContext, of: Account): Promise<AccountBalance> {
    assertAccount(of);
    const query = this.connection
      .getRepository(ctx, Posting)
      .createQueryBuilder('p')
      .select('COALESCE(SUM(p.amount), 0)', 'net')
      .where('p.account = :kind', { kind: of.kind });
    if (of.ownerId === null) query.andWhere('p.owner_id IS NULL');
    else query.andWhere('p.owner_id = :ownerId', { ownerId: of.ownerId });
    const row = await query.getRawOne<{ net: string }>();
    return accountBalanceOf(of, parseWon(row!.net));
  }

  /** Every account that has postings, with its balance, and the sum of all postings. */
  async trialBalance(ctx: RequestContext): Promise<TrialBalance> {
    const rows = await this.connection
      .getRepository(ctx, Posting)
      .createQueryBuilder('p')
      .select('p.account', 'kind')
      .addSelect('p.owner_id', 'ownerId')
      .addSelect('SUM(p.amount)', 'net')
      .groupBy('p.account')
      .addGroupBy('p.owner_id')
      .orderBy('p.account')
      .addOrderBy('p.owner_id')
      .getRawMany<{ kind: AccountKind; ownerId: string | null; net: string }>();
    let total = 0n;
    const accounts = rows.map((row) => {
      const net = parseWon(row.net);
      total += net;
      return accountBalanceOf(account(row.kind, row.ownerId), net);
    });
    return { accounts, total: toSafeWon(total) };
  }

  /** The entries recorded for a business object, oldest first, with their postings. */
  entriesFor(ctx: RequestContext, reference: LedgerReference): Promise<JournalEntry[]> {
    return this.connection.getRepository(ctx, JournalEntry).find({
      where: { referenceType: reference.type, referenceId: reference.id },
      relations: { postings: true },
      order: { createdAt: 'ASC', id: 'ASC', postings: { id: 'ASC' } },
    });
  }

  /** The key was used before (or by a racing transaction that has since committed). */
  private async replay(ctx: RequestContext, key: string, input: PostEntryInput): Promise<JournalEntry> {
    const existing = await this.connection.getRepository(ctx, JournalEntry).findOne({
      where: { idempotencyKey: key },
      relations: { postings: true },
      order: { postings: { id: 'ASC' } },
    });
    if (!existing) throw new Error(`Journal entry with idempotency key ${key} exists but is not visible to this transaction`);
    const lines = existing.postings.map((p) => ({ account: account(p.account, p.ownerId), amount: p.amount }));
    const same =
      existing.kind === input.kind &&
      existing.referenceType === input.reference.type &&
      existing.referenceId === input.reference.id &&
      sameLines(lines, input.lines);
    if (!same) throw new Error(`Idempotency key ${key} was already used for a different journal entry`);
    return existing;
  }
}
