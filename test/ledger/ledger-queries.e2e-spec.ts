import { randomUUID } from 'node:crypto';
import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { AccountKind, JournalEntryKind, LedgerService, account } from '../../libs/ledger/src/index.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const TRIAL_BALANCE = `{ ledgerTrialBalance { total balanced accounts { kind ownerId code normalSide net balance } } }`;
const ACCOUNT_BALANCE = `query($kind: LedgerAccountKind!, $ownerId: ID) {
  ledgerAccountBalance(kind: $kind, ownerId: $ownerId) { kind ownerId code normalSide net balance }
}`;

describe('ledger queries for support staff', () => {
  let t: TestApp;
  let operator: string;
  const agencyId = randomUUID();

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    const ctx = RequestContext.system();
    await t.app.get(TransactionalConnection).withTransaction(ctx, () =>
      t.app.get(LedgerService).post(ctx, {
        kind: JournalEntryKind.PAYMENT_CAPTURED,
        reference: { type: 'payment', id: randomUUID() },
        lines: [
          { account: account(AccountKind.PROVIDER_CLEARING), amount: 30_000 },
          { account: account(AccountKind.PARTNER_AGENCY_PAYABLE, agencyId), amount: -28_200 },
          { account: account(AccountKind.PLATFORM_REVENUE_FEES), amount: -1_800 },
        ],
      }),
    );
  });
  afterAll(() => t.close());

  it('shows every account with postings, signed and on its normal side, summing to zero', async () => {
    const { ledgerTrialBalance } = await t.ok(TRIAL_BALANCE, {}, operator);
    expect(ledgerTrialBalance).toMatchObject({ total: 0, balanced: true });
    expect(ledgerTrialBalance.accounts).toEqual(
      expect.arrayContaining([
        { kind: 'PROVIDER_CLEARING', ownerId: null, code: 'PROVIDER_CLEARING', normalSide: 'DEBIT', net: 30_000, balance: 30_000 },
        { kind: 'PARTNER_AGENCY_PAYABLE', ownerId: agencyId, code: `PARTNER_AGENCY_PAYABLE:${agencyId}`, normalSide: 'CREDIT', net: -28_200, balance: 28_200 },
        { kind: 'PLATFORM_REVENUE_FEES', ownerId: null, code: 'PLATFORM_REVENUE_FEES', normalSide: 'CREDIT', net: -1_800, balance: 1_800 },
      ]),
    );
  });

  it("reads one account's balance, 0 for an account without postings", async () => {
    const payable = await t.ok(ACCOUNT_BALANCE, { kind: 'PARTNER_AGENCY_PAYABLE', ownerId: agencyId }, operator);
    expect(payable.ledgerAccountBalance).toMatchObject({ net: -28_200, balance: 28_200 });
    const dues = await t.ok(ACCOUNT_BALANCE, { kind: 'PLATFORM_REVENUE_DUES' }, operator);
    expect(dues.ledgerAccountBalance).toEqual({
      kind: 'PLATFORM_REVENUE_DUES',
      ownerId: null,
      code: 'PLATFORM_REVENUE_DUES',
      normalSide: 'CREDIT',
      net: 0,
      balance: 0,
    });
  });

  it('asks for an owner exactly where the account kind has one', async () => {
    const missing = await t.gql(ACCOUNT_BALANCE, { kind: 'MARKET_CREATOR_PAYABLE' }, operator);
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'ownerId' }] });
    const extra = await t.gql(ACCOUNT_BALANCE, { kind: 'REFUNDS', ownerId: agencyId }, operator);
    expect(extra.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'ownerId' }] });
    const malformed = await t.gql(ACCOUNT_BALANCE, { kind: 'PARTNER_AGENCY_PAYABLE', ownerId: 'nope' }, operator);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'ownerId' }] });
  });

  it('is for operators only', async () => {
    const buyer = await signUp(t);
    expect((await t.gql(TRIAL_BALANCE, {}, buyer.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(TRIAL_BALANCE)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
