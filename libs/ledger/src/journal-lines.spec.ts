import { AccountKind, account } from './account.js';
import { assertBalancedLines, sameLines, type LedgerLine } from './journal-lines.js';

const AGENCY = '6f1c2a4e-8b0d-4c3e-9a51-2d7f0e6b9c18';
const clearing = account(AccountKind.PROVIDER_CLEARING);
const fees = account(AccountKind.PLATFORM_REVENUE_FEES);
const agency = account(AccountKind.PARTNER_AGENCY_PAYABLE, AGENCY);

const capture: LedgerLine[] = [
  { account: clearing, amount: 10_000 },
  { account: agency, amount: -9_000 },
  { account: fees, amount: -1_000 },
];

describe('assertBalancedLines', () => {
  it('accepts lines that sum to zero', () => {
    expect(() => assertBalancedLines(capture)).not.toThrow();
  });

  it.each<[string, LedgerLine[], string]>([
    [
      'unbalanced',
      [
        { account: clearing, amount: 10_000 },
        { account: fees, amount: -9_999 },
      ],
      'sum to 1',
    ],
    ['a single line', [{ account: clearing, amount: 0 }], 'at least two lines'],
    [
      'a zero line',
      [
        { account: clearing, amount: 0 },
        { account: fees, amount: 0 },
      ],
      'non-zero whole won',
    ],
    [
      'a fraction',
      [
        { account: clearing, amount: 0.5 },
        { account: fees, amount: -0.5 },
      ],
      'non-zero whole won',
    ],
    [
      'NaN',
      [
        { account: clearing, amount: NaN },
        { account: fees, amount: NaN },
      ],
      'non-zero whole won',
    ],
    [
      'an unsafe integer',
      [
        { account: clearing, amount: 2 ** 53 },
        { account: fees, amount: -(2 ** 53) },
      ],
      'non-zero whole won',
    ],
    [
      'an account without its owner',
      [
        { account: clearing, amount: 1 },
        { account: { kind: AccountKind.PARTNER_AGENCY_PAYABLE, ownerId: null }, amount: -1 },
      ],
      'owner',
    ],
  ])('refuses %s', (_name, lines, message) => {
    expect(() => assertBalancedLines(lines)).toThrow(message);
  });

  it('sums exactly where floating point would not', () => {
    const max = Number.MAX_SAFE_INTEGER;
    // In floating point max + 2 rounds down by one, and these lines would seem to balance.
    const lines = [
      { account: clearing, amount: max },
      { account: clearing, amount: 2 },
      { account: fees, amount: -max },
      { account: fees, amount: -1 },
    ];
    expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
    expect(() => assertBalancedLines(lines)).toThrow('sum to 1');
  });
});

describe('sameLines', () => {
  it('ignores order but not amounts or owners', () => {
    expect(sameLines(capture, [...capture].reverse())).toBe(true);
    expect(
      sameLines(
        capture,
        capture.map((l) => (l.account === fees ? { ...l, amount: -999 } : l)),
      ),
    ).toBe(false);
    const otherAgency = account(AccountKind.PARTNER_AGENCY_PAYABLE, '0b4d1f6a-3c2e-4a8b-9d7f-5e1c0a2b3d4e');
    expect(
      sameLines(
        capture,
        capture.map((l) => (l.account === agency ? { ...l, account: otherAgency } : l)),
      ),
    ).toBe(false);
    expect(sameLines(capture, capture.slice(1))).toBe(false);
  });
});
