import fc from 'fast-check';
import { applyBps, prorate } from './basis-points.js';

const MAX = Number.MAX_SAFE_INTEGER;

describe('applyBps', () => {
  it.each([
    [50_000, 5_000, 25_000],
    [12_345, 800, 987],
    [10_001, 3_333, 3_333],
    [99, 100, 0],
    [0, 800, 0],
    [1, 10_000, 1],
  ])('floor(%i × %i bps) = %i', (amount, bps, expected) => {
    expect(applyBps(amount, bps)).toBe(expected);
  });

  it('is exact at 2^53 − 1, where floating point is a won short or over', () => {
    expect(applyBps(9_007_199_254_740_986, 5_000)).toBe(4_503_599_627_370_493);
    expect(applyBps(9_007_199_254_740_987, 800)).toBe(720_575_940_379_278);
    expect(applyBps(MAX, 10_000)).toBe(MAX);
  });

  it('is exact beyond 2^53 − 1 with bigints', () => {
    expect(applyBps(2n ** 70n + 9_999n, 1)).toBe((2n ** 70n + 9_999n) / 10_000n);
    expect(applyBps(-10_001n, 5_000)).toBe(-5_001n);
  });

  it('agrees with the exact rational rounded down, for every safe amount and rate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const result = applyBps(amount, bps);
        // result ≤ amount × bps / 10000 < result + 1, checked in bigints.
        expect(BigInt(result) * 10_000n).toBeLessThanOrEqual(BigInt(amount) * BigInt(bps));
        expect((BigInt(result) + 1n) * 10_000n).toBeGreaterThan(BigInt(amount) * BigInt(bps));
      }),
    );
  });

  it('refuses amounts a number cannot hold exactly, and results it cannot return exactly', () => {
    expect(() => applyBps(MAX + 1, 100)).toThrow(RangeError);
    expect(() => applyBps(1.5, 100)).toThrow(RangeError);
    expect(() => applyBps(MAX, 20_000)).toThrow(RangeError);
  });
});

describe('prorate', () => {
  it.each([
    [5_000, 25_000, 50_000, 2_500],
    [3_333, 16_667, 33_333, 1_666],
    [149, 1, 9_999, 0],
  ])('floor(%i × %i / %i) = %i', (amount, part, whole, expected) => {
    expect(prorate(amount, part, whole)).toBe(expected);
  });

  it('is exact when the product exceeds a safe integer', () => {
    expect(prorate(MAX, MAX - 1, MAX)).toBe(MAX - 1);
  });

  it('refuses a whole of zero or less', () => {
    expect(() => prorate(1, 1, 0)).toThrow(RangeError);
  });
});
