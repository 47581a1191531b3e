import { commissionAmount, reversedCommissionAmount } from './commission-math.js';

describe('commissionAmount', () => {
  it.each([
    [50_000, 1_000, 5_000],
    [33_333, 1_000, 3_333],
    [9_999, 150, 149],
    [99, 100, 0],
    [50_000, 3_000, 15_000],
  ])('floor(%i × %i bps) = %i', (base, rate, expected) => {
    expect(commissionAmount(base, rate)).toBe(expected);
  });

  it('is exact for amounts whose product exceeds a safe integer', () => {
    expect(commissionAmount(9_007_199_254_740_991, 3_000)).toBe(2_702_159_776_422_297);
  });
});

describe('reversedCommissionAmount', () => {
  it.each([
    // commission, refunded so far, paid → taken back
    [5_000, 50_000, 50_000, 5_000],
    [5_000, 25_000, 50_000, 2_500],
    [3_333, 16_667, 33_333, 1_666],
    [3_333, 0, 33_333, 0],
    [149, 1, 9_999, 0],
  ])('floor(%i × %i / %i) = %i', (amount, refunded, paid, expected) => {
    expect(reversedCommissionAmount(amount, refunded, paid)).toBe(expected);
  });

  it('never takes back more than the commission', () => {
    expect(reversedCommissionAmount(5_000, 60_000, 50_000)).toBe(5_000);
  });

  it('depends on the refunded total only, not on how it was split', () => {
    const once = reversedCommissionAmount(3_333, 20_000, 33_333);
    const inSteps = [7_001, 13_000, 20_000].map((total) => reversedCommissionAmount(3_333, total, 33_333)).at(-1);
    expect(inSteps).toBe(once);
  });
});
