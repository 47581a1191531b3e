import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClockService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { AccountKind, JournalEntryKind, LedgerService, account, type Account, type LedgerLine, type PostEntryInput } from '../../libs/ledger/src/index.js';
import { withAdminClient } from '../support/database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const clearing = account(AccountKind.PROVIDER_CLEARING);
const fees = account(AccountKind.PLATFORM_REVENUE_FEES);
const refunds = account(AccountKind.REFUNDS);
const agencyPayable = (agencyId: string) => account(AccountKind.PARTNER_AGENCY_PAYABLE, agencyId);
const PAYABLES: readonly AccountKind[] = [
  AccountKind.PARTNER_AGENCY_PAYABLE,
  AccountKind.MARKET_CREATOR_PAYABLE,
  AccountKind.WITHHOLDING_TAX_PAYABLE,
  AccountKind.REFUNDS,
];

/** Zero lines are left out: a 0 % fee or a refund of only the fee moves nothing on that account. */
const lines = (...pairs: Array<[Account, number]>): LedgerLine[] => pairs.filter(([, amount]) => amount !== 0).map(([of, amount]) => ({ account: of, amount }));

/** A payment of `amount` for an agency, the platform keeping `fee`. */
const captured = (paymentId: string, agencyId: string, amount: number, fee: number, idempotencyKey?: string): PostEntryInput => ({
  kind: JournalEntryKind.PAYMENT_CAPTURED,
  reference: { type: 'payment', id: paymentId },
  idempotencyKey,
  lines: lines([clearing, amount], [agencyPayable(agencyId), -(amount - fee)], [fees, -fee]),
});

describe('ledger', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let connection: TransactionalConnection;

  beforeAll(async () => {
    t = await createTestApp({ DURE_TEST_CLOCK: '1' });
    ledger = t.app.get(LedgerService);
    connection = t.app.get(TransactionalConnection);
  });
  afterAll(() => t.close());

  /** Like a mutation: a fresh context and its own transaction. */
  const inTransaction = <T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    const ctx = RequestContext.system();
    return connection.withTransaction(ctx, () => work(ctx));
  };
  const post = (input: PostEntryInput) => inTransaction((ctx) => ledger.post(ctx, input));
  const balance = (of: Account) => ledger.balance(RequestContext.system(), of);
  const entriesFor = (paymentId: string) => ledger.entriesFor(RequestContext.system(), { type: 'payment', id: paymentId });
  const rawClient = <T>(work: Parameters<typeof withAdminClient<T>>[1]) => withAdminClient(t.config.databaseUrl!, work);

  it('posts a balanced entry with its postings, dated by the business clock', async () => {
    const clock = t.app.get(ClockService);
    const now = clock.moveTo(new Date(Date.now() + 3 * DAY));
    const paymentId = randomUUID();
    const agencyId = randomUUID();

    const entry = await post(captured(paymentId, agencyId, 10_000, 1_000));

    expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(entry.postings.map((p) => [p.account, p.ownerId, p.amount])).toEqual([
      [AccountKind.PROVIDER_CLEARING, null, 10_000],
      [AccountKind.PARTNER_AGENCY_PAYABLE, agencyId, -9_000],
      [AccountKind.PLATFORM_REVENUE_FEES, null, -1_000],
    ]);
    const [stored] = await entriesFor(paymentId);
    expect(stored).toMatchObject({ id: entry.id, kind: 'PAYMENT_CAPTURED', referenceType: 'payment', referenceId: paymentId, idempotencyKey: null });
    expect(stored.createdAt).toEqual(entry.createdAt);
    expect(stored.postings.map((p) => ({ id: p.id, amount: p.amount }))).toEqual(entry.postings.map((p) => ({ id: p.id, amount: p.amount })));
    expect(await balance(agencyPayable(agencyId))).toBe(9_000);
  });

  it('refuses an unbalanced entry and writes nothing', async () => {
    const paymentId = randomUUID();
    const input = captured(paymentId, randomUUID(), 10_000, 1_000);
    input.lines[2].amount = -999;
    await expect(post(input)).rejects.toThrow('Journal entry does not balance: its lines sum to 1');
    expect(await entriesFor(paymentId)).toEqual([]);
  });

  it('refuses to post outside a transaction, where the entry could outlive or miss its cause', async () => {
    await expect(ledger.post(RequestContext.system(), captured(randomUUID(), randomUUID(), 100, 10))).rejects.toThrow('inside the transaction');
  });

  it('leaves no entry when the caller’s transaction rolls back', async () => {
    const paymentId = randomUUID();
    const agencyId = randomUUID();
    await expect(
      inTransaction(async (ctx) => {
        await ledger.post(ctx, captured(paymentId, agencyId, 5_000, 500));
        throw new Error('the payment could not be saved');
      }),
    ).rejects.toThrow('the payment could not be saved');
    expect(await entriesFor(paymentId)).toEqual([]);
    expect(await balance(agencyPayable(agencyId))).toBe(0);
  });

  describe('idempotency key', () => {
    it('returns the entry already written and writes nothing twice', async () => {
      const paymentId = randomUUID();
      const agencyId = randomUUID();
      const first = await post(captured(paymentId, agencyId, 20_000, 2_000, `capture:${paymentId}`));
      const again = await post(captured(paymentId, agencyId, 20_000, 2_000, `capture:${paymentId}`));

      expect(again.id).toBe(first.id);
      expect(again.postings.map((p) => p.id)).toEqual(first.postings.map((p) => p.id));
      expect(await entriesFor(paymentId)).toHaveLength(1);
      expect(await balance(agencyPayable(agencyId))).toBe(18_000);
    });

    it('keeps the caller’s transaction usable after a replay', async () => {
      const paymentId = randomUUID();
      const agencyId = randomUUID();
      await post(captured(paymentId, agencyId, 20_000, 2_000, `capture:${paymentId}`));
      await inTransaction(async (ctx) => {
        await ledger.post(ctx, captured(paymentId, agencyId, 20_000, 2_000, `capture:${paymentId}`));
        await ledger.post(ctx, {
          kind: JournalEntryKind.REFUND,
          reference: { type: 'payment', id: paymentId },
          lines: lines([agencyPayable(agencyId), 9_000], [fees, 1_000], [refunds, -10_000]),
        });
      });
      expect(await entriesFor(paymentId)).toHaveLength(2);
      expect(await balance(agencyPayable(agencyId))).toBe(9_000);
    });

    it('refuses the same key for a different entry (a bug in the caller)', async () => {
      const paymentId = randomUUID();
      const agencyId = randomUUID();
      await post(captured(paymentId, agencyId, 20_000, 2_000, `capture:${paymentId}`));
      await expect(post(captured(paymentId, agencyId, 20_000, 3_000, `capture:${paymentId}`))).rejects.toThrow('already used for a different');
      await expect(post(captured(randomUUID(), agencyId, 20_000, 2_000, `capture:${paymentId}`))).rejects.toThrow('already used for a different');
      expect(await balance(agencyPayable(agencyId))).toBe(18_000);
    });

    it('writes one entry when ten transactions post the same key at once', async () => {
      const paymentId = randomUUID();
      const agencyId = randomUUID();
      const results = await Promise.all(Array.from({ length: 10 }, () => post(captured(paymentId, agencyId, 30_000, 3_000, `capture:${paymentId}`))));

      expect(new Set(results.map((entry) => entry.id)).size).toBe(1);
      for (const entry of results) expect(entry.postings.map((p) => p.amount)).toEqual([30_000, -27_000, -3_000]);
      expect(await entriesFor(paymentId)).toHaveLength(1);
      expect(await balance(agencyPayable(agencyId))).toBe(27_000);
    });
  });

  it('keeps a balance per account and per owner, on the account’s normal side', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const before = { clearing: await balance(clearing), fees: await balance(fees) };
    await post(captured(randomUUID(), a, 10_000, 1_000));
    await post(captured(randomUUID(), a, 5_000, 500));
    await post(captured(randomUUID(), b, 7_000, 0));

    expect(await balance(agencyPayable(a))).toBe(13_500);
    expect(await balance(agencyPayable(b))).toBe(7_000);
    expect(await balance(clearing)).toBe(before.clearing + 22_000);
    expect(await balance(fees)).toBe(before.fees + 1_500);
    expect(await balance(account(AccountKind.MARKET_CREATOR_PAYABLE, randomUUID()))).toBe(0);
  });

  it('has a trial balance whose postings sum to zero', async () => {
    const creator = randomUUID();
    const agencyId = randomUUID();
    await post(captured(randomUUID(), agencyId, 50_000, 5_000));
    await post({
      kind: JournalEntryKind.COMMISSION_APPROVED,
      reference: { type: 'commission', id: randomUUID() },
      lines: lines([agencyPayable(agencyId), 2_500], [account(AccountKind.MARKET_CREATOR_PAYABLE, creator), -2_500]),
    });

    const trial = await ledger.trialBalance(RequestContext.system());
    expect(trial.total).toBe(0);
    expect(trial.accounts.reduce((sum, line) => sum + line.net, 0)).toBe(0);
    expect(trial.accounts.find((line) => line.code === `PARTNER_AGENCY_PAYABLE:${agencyId}`)).toMatchObject({ net: -42_500, balance: 42_500 });
    expect(trial.accounts.find((line) => line.code === `MARKET_CREATOR_PAYABLE:${creator}`)).toMatchObject({ net: -2_500, balance: 2_500 });
    for (const line of trial.accounts) expect(line.balance).toBe(await balance(line.account));
  });

  describe('in the database itself', () => {
    const insertEntry = `INSERT INTO journal_entry (kind, reference_type, reference_id, created_at) VALUES ('TEST', 'test', 'direct', now()) RETURNING id`;

    it('refuses an unbalanced entry at COMMIT, not before', async () => {
      const before = await ledger.trialBalance(RequestContext.system());
      await rawClient(async (client) => {
        await client.query('BEGIN');
        const { rows } = await client.query<{ id: string }>(insertEntry);
        await client.query(`INSERT INTO posting (entry_id, account, amount) VALUES ($1, 'PROVIDER_CLEARING', 100), ($1, 'PLATFORM_REVENUE_FEES', -90)`, [
          rows[0].id,
        ]);
        await expect(client.query('COMMIT')).rejects.toThrow(/journal entry .* does not balance \(2 postings summing to 10\)/);
      });
      expect(await ledger.trialBalance(RequestContext.system())).toEqual(before);
    });

    it('refuses an entry without postings, and a posting added to an entry later', async () => {
      await rawClient(async (client) => {
        await expect(client.query(insertEntry)).rejects.toThrow('0 postings');
        await client.query('BEGIN');
        const { rows } = await client.query<{ id: string }>(insertEntry);
        await client.query(`INSERT INTO posting (entry_id, account, amount) VALUES ($1, 'PROVIDER_CLEARING', 100), ($1, 'PLATFORM_REVENUE_FEES', -100)`, [
          rows[0].id,
        ]);
        await client.query('COMMIT');
        await expect(client.query(`INSERT INTO posting (entry_id, account, amount) VALUES ($1, 'PROVIDER_CLEARING', 1)`, [rows[0].id])).rejects.toThrow(
          'does not balance',
        );
      });
    });

    it('never lets a posting or an entry change or disappear', async () => {
      await post(captured(randomUUID(), randomUUID(), 1_000, 100));
      await rawClient(async (client) => {
        await expect(client.query(`UPDATE posting SET amount = amount * 2`)).rejects.toThrow('append-only: UPDATE on posting');
        await expect(client.query(`DELETE FROM posting`)).rejects.toThrow('append-only: DELETE on posting');
        await expect(client.query(`UPDATE journal_entry SET kind = 'OTHER'`)).rejects.toThrow('append-only: UPDATE on journal_entry');
      });
    });

    it('refuses unknown accounts and owners where there are none', async () => {
      await rawClient(async (client) => {
        await client.query('BEGIN');
        const { rows } = await client.query<{ id: string }>(insertEntry);
        await expect(client.query(`INSERT INTO posting (entry_id, account, amount) VALUES ($1, 'PETTY_CASH', 1)`, [rows[0].id])).rejects.toThrow(
          'posting_account_check',
        );
        await client.query('ROLLBACK');
        await client.query('BEGIN');
        const second = await client.query<{ id: string }>(insertEntry);
        await expect(
          client.query(`INSERT INTO posting (entry_id, account, amount) VALUES ($1, 'PARTNER_AGENCY_PAYABLE', 1)`, [second.rows[0].id]),
        ).rejects.toThrow('posting_owner_check');
        await client.query('ROLLBACK');
      });
    });
  });

  describe('random payments and refunds (property)', () => {
    interface Payment {
      id: string;
      agency: number;
      amount: number;
      fee: number;
      refunded: number;
      feeReversed: number;
    }
    // Several partial refunds of one payment, and agencies with few payments, are what would expose a
    // rounding that leaves a payable negative; the sizes below make them common.
    const AGENCIES = 5;
    type Command =
      | { type: 'capture'; agency: number; amount: number; bps: number; retry: boolean }
      /** `part` of what is left to refund, in basis points: 10,000 refunds the rest. */
      | { type: 'refund'; payment: number; part: number; retry: boolean }
      | { type: 'settleRefunds' };

    const command: fc.Arbitrary<Command> = fc.oneof(
      fc.record({
        type: fc.constant('capture' as const),
        agency: fc.nat(AGENCIES - 1),
        amount: fc.integer({ min: 1, max: 5_000_000 }),
        bps: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.constantFrom(0, 10_000)),
        retry: fc.boolean(),
      }),
      {
        weight: 3,
        arbitrary: fc.record({
          type: fc.constant('refund' as const),
          payment: fc.nat(),
          part: fc.oneof(fc.integer({ min: 1, max: 9_999 }), fc.constant(10_000)),
          retry: fc.boolean(),
        }),
      },
      fc.constant({ type: 'settleRefunds' as const }),
    );

    /**
     * Each run works in one transaction that is rolled back at the end, so every run (and every shrink of a
     * failing one) starts from the same books instead of inheriting an earlier run's broken balances.
     */
    const inRolledBackTransaction = async (work: (ctx: RequestContext) => Promise<void>) => {
      const runner = t.app.get(DataSource).createQueryRunner();
      await runner.startTransaction();
      const ctx = RequestContext.system();
      ctx.manager = runner.manager;
      try {
        await work(ctx);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };

    /** Every posting sums to zero, and nothing the platform owes or has earned is ever negative. */
    const assertBooksHold = async (ctx: RequestContext) => {
      const trial = await ledger.trialBalance(ctx);
      expect(trial.total).toBe(0);
      for (const line of trial.accounts) {
        if (PAYABLES.includes(line.account.kind) || line.account.kind === AccountKind.PLATFORM_REVENUE_FEES) {
          expect({ code: line.code, balance: line.balance }).toEqual({ code: line.code, balance: Math.max(line.balance, 0) });
        }
      }
    };

    /** Posts, and when asked posts again as a retry would: the second must return the first. */
    const postOnce = async (ctx: RequestContext, input: PostEntryInput, retry: boolean) => {
      const entry = await ledger.post(ctx, input);
      if (retry) expect((await ledger.post(ctx, input)).id).toBe(entry.id);
    };

    it('keep the trial balance at zero, every payable non-negative, and each balance as modelled', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 8, maxLength: 20, size: 'max' }), (commands) =>
          inRolledBackTransaction(async (ctx) => {
            const agencies = Array.from({ length: AGENCIES }, () => randomUUID());
            const payments: Payment[] = [];
            const start = { clearing: await ledger.balance(ctx, clearing), fees: await ledger.balance(ctx, fees), refunds: await ledger.balance(ctx, refunds) };
            let pendingRefunds = 0;

            for (const step of commands) {
              if (step.type === 'capture') {
                const fee = Math.floor((step.amount * step.bps) / 10_000);
                const payment = { id: randomUUID(), agency: step.agency, amount: step.amount, fee, refunded: 0, feeReversed: 0 };
                payments.push(payment);
                await postOnce(ctx, captured(payment.id, agencies[step.agency], step.amount, fee, `capture:${payment.id}`), step.retry);
              } else if (step.type === 'refund') {
                const payment = payments.length ? payments[step.payment % payments.length] : undefined;
                if (!payment || payment.refunded === payment.amount) continue;
                const amount = Math.max(1, Math.floor(((payment.amount - payment.refunded) * step.part) / 10_000));
                // The fee is reversed in proportion, floored on the running total, so a full refund reverses all of it.
                const feeBack = Math.floor((payment.fee * (payment.refunded + amount)) / payment.amount) - payment.feeReversed;
                const input: PostEntryInput = {
                  kind: JournalEntryKind.REFUND,
                  reference: { type: 'payment', id: payment.id },
                  idempotencyKey: `refund:${payment.id}:${payment.refunded}`,
                  lines: lines([agencyPayable(agencies[payment.agency]), amount - feeBack], [fees, feeBack], [refunds, -amount]),
                };
                payment.refunded += amount;
                payment.feeReversed += feeBack;
                pendingRefunds += amount;
                await postOnce(ctx, input, step.retry);
              } else {
                if (pendingRefunds === 0) continue;
                await ledger.post(ctx, {
                  kind: JournalEntryKind.REFUND_SETTLED,
                  reference: { type: 'refund-batch', id: randomUUID() },
                  lines: lines([refunds, pendingRefunds], [clearing, -pendingRefunds]),
                });
                pendingRefunds = 0;
              }
              await assertBooksHold(ctx);
            }

            for (const [index, agencyId] of agencies.entries()) {
              const owed = payments.filter((p) => p.agency === index).reduce((sum, p) => sum + (p.amount - p.refunded) - (p.fee - p.feeReversed), 0);
              expect(await ledger.balance(ctx, agencyPayable(agencyId))).toBe(owed);
            }
            const capturedTotal = payments.reduce((sum, p) => sum + p.amount, 0);
            const refunded = payments.reduce((sum, p) => sum + p.refunded, 0);
            expect(await ledger.balance(ctx, clearing)).toBe(start.clearing + capturedTotal - (refunded - pendingRefunds));
            expect(await ledger.balance(ctx, fees)).toBe(start.fees + payments.reduce((sum, p) => sum + p.fee - p.feeReversed, 0));
            expect(await ledger.balance(ctx, refunds)).toBe(start.refunds + pendingRefunds);
          }),
        ),
        { numRuns: 30 },
      );
    });
  });
});
