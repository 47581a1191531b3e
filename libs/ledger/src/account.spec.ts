import { AccountKind, account, accountCode, normalBalance, normalSide } from './account.js';

const AGENCY = '6f1c2a4e-8b0d-4c3e-9a51-2d7f0e6b9c18';

describe('account', () => {
  it('keeps per-owner kinds apart by owner', () => {
    expect(accountCode(account(AccountKind.PARTNER_AGENCY_PAYABLE, AGENCY))).toBe(`PARTNER_AGENCY_PAYABLE:${AGENCY}`);
    expect(accountCode(account(AccountKind.MARKET_CREATOR_PAYABLE, AGENCY.toUpperCase()))).toBe(`MARKET_CREATOR_PAYABLE:${AGENCY}`);
    expect(accountCode(account(AccountKind.PROVIDER_CLEARING))).toBe('PROVIDER_CLEARING');
  });

  it('refuses a per-owner kind without a valid owner, and an owner on the others', () => {
    expect(() => account(AccountKind.PARTNER_AGENCY_PAYABLE)).toThrow('needs the id of its owner');
    expect(() => account(AccountKind.MARKET_CREATOR_PAYABLE, 'creator-1')).toThrow('needs the id of its owner');
    expect(() => account(AccountKind.PLATFORM_REVENUE_FEES, AGENCY)).toThrow('has no owner');
    expect(() => account('NOT_AN_ACCOUNT' as AccountKind)).toThrow('Unknown account kind');
  });
});

describe('normalBalance', () => {
  it('reads assets and expenses on the debit side and everything owed or earned on the credit side', () => {
    const debitNormal: readonly AccountKind[] = [AccountKind.PROVIDER_CLEARING, AccountKind.PLATFORM_PROMOTIONS];
    expect(normalBalance(AccountKind.PROVIDER_CLEARING, 10_000n)).toBe(10_000);
    expect(normalBalance(AccountKind.PLATFORM_PROMOTIONS, 1_000n)).toBe(1_000);
    for (const kind of Object.values(AccountKind)) {
      expect(normalSide(kind)).toBe(debitNormal.includes(kind) ? 'DEBIT' : 'CREDIT');
    }
    expect(normalBalance(AccountKind.PARTNER_AGENCY_PAYABLE, -9_000n)).toBe(9_000);
    expect(Object.is(normalBalance(AccountKind.REFUNDS, 0n), 0)).toBe(true);
  });
});
