import fc from 'fast-check';
import { buyerRefundAmount, feeRefunded, platformFee, type RefundPolicy } from './refund-policy.js';

/** docs/RULES.md §6's default: full up to 24 h before, 50 % up to 3 h before, nothing after. */
const DEFAULT_POLICY: RefundPolicy = { fullRefundHoursBefore: 24, partialRefundHoursBefore: 3, partialRefundRateBps: 5000 };
const startsAt = new Date('2026-12-01T01:00:00Z');
const hoursBefore = (hours: number) => new Date(startsAt.getTime() - hours * 3600_000);

describe('buyerRefundAmount with the default policy', () => {
  it('refunds everything 25 h before the start', () => {
    expect(buyerRefundAmount(DEFAULT_POLICY, 50_000, startsAt, hoursBefore(25))).toBe(50_000);
  });

  it('refunds half 10 h before the start', () => {
    expect(buyerRefundAmount(DEFAULT_POLICY, 50_000, startsAt, hoursBefore(10))).toBe(25_000);
  });

  it('refunds nothing 1 h before the start, nor after it', () => {
    expect(buyerRefundAmount(DEFAULT_POLICY, 50_000, startsAt, hoursBefore(1))).toBe(0);
    expect(buyerRefundAmount(DEFAULT_POLICY, 50_000, startsAt, hoursBefore(-2))).toBe(0);
  });

  it('counts the boundaries as inside (exactly 24 h and exactly 3 h before)', () => {
    expect(buyerRefundAmount(DEFAULT_POLICY, 50_000, startsAt, hoursBefore(24))).toBe(50_000);
    expect(buyerRefundAmount(DEFAULT_POLICY, 50_000, startsAt, hoursBefore(3))).toBe(25_000);
    expect(buyerRefundAmount(DEFAULT_POLICY, 50_000, startsAt, new Date(hoursBefore(3).getTime() + 1))).toBe(0);
  });

  it('rounds the partial refund down to the won', () => {
    expect(buyerRefundAmount({ ...DEFAULT_POLICY, partialRefundRateBps: 3333 }, 10_001, startsAt, hoursBefore(10))).toBe(3333);
  });

  it('is exact near 2^53 − 1, where floating point gives a won too little', () => {
    expect(buyerRefundAmount(DEFAULT_POLICY, 9_007_199_254_740_986, startsAt, hoursBefore(10))).toBe(4_503_599_627_370_493);
  });
});

describe('fees', () => {
  it('is the rate of the amount, rounded down', () => {
    expect(platformFee(12_345, 800)).toBe(987);
  });

  it('is exact near 2^53 − 1, where floating point takes a won too much', () => {
    expect(platformFee(9_007_199_254_740_987, 800)).toBe(720_575_940_379_278);
  });

  it('partial refunds give back exactly the fee on the refunded total, never more than was taken', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        (amount, rate, shares) => {
          let remaining = amount;
          let given = 0;
          for (const share of shares) {
            const refund = Math.floor(remaining * share);
            const back = feeRefunded(remaining, remaining - refund, rate);
            expect(back).toBeGreaterThanOrEqual(0);
            expect(back).toBeLessThanOrEqual(refund);
            given += back;
            remaining -= refund;
          }
          expect(given).toBe(platformFee(amount, rate) - platformFee(remaining, rate));
          expect(given).toBeLessThanOrEqual(platformFee(amount, rate));
        },
      ),
    );
  });
});
