import { describe, expect, it } from '@jest/globals';
import { couponInput, couponProblems, couponValues, newCouponValues, type CouponValues } from './coupon-terms';
import type { CouponTermsFragment } from './generated/graphql';

const NOW = new Date('2026-09-01T00:00:00Z');

/** A redeemed platform coupon whose instants carry seconds the form's minutes cannot show. */
const REDEEMED: CouponTermsFragment = {
  id: 'c1',
  code: 'CHUSEOK-2026',
  name: '추석 10% 할인',
  description: null,
  discountType: 'PERCENTAGE',
  rateBps: 1250,
  amount: null,
  maxDiscount: 5000,
  minOrderAmount: 0,
  startsAt: '2026-09-01T00:00:30.000Z',
  endsAt: '2026-10-01T00:00:30.000Z',
  perUserLimit: 1,
  totalUsageLimit: 100,
  subscriptionCycles: 1,
  appliesToSubscriptions: false,
  scope: 'ALL',
  active: true,
  usedCount: 3,
  fundedBy: 'PLATFORM',
  exhibition: null,
  listings: [],
};

const typed = (changes: Partial<CouponValues>): CouponValues => ({ ...newCouponValues(NOW), code: 'FALL-10', name: '가을 할인', ...changes });

describe('coupon terms as the console checks them (docs/RULES.md §19)', () => {
  it('refuses what the server refuses, on the API field', () => {
    expect(Object.keys(couponProblems(typed({ code: 'fall 10!' }), undefined, NOW))).toEqual(['code']);
    expect(couponProblems(typed({ code: 'fall-10' }), undefined, NOW)).toEqual({});
    expect(Object.keys(couponProblems(typed({ ratePercent: '100.01' }), undefined, NOW))).toEqual(['rateBps']);
    expect(Object.keys(couponProblems(typed({ discountType: 'FIXED_AMOUNT', amount: '0' }), undefined, NOW))).toEqual(['amount']);
    expect(Object.keys(couponProblems(typed({ startsAt: '2026-09-01T09:00', endsAt: '2027-09-03T09:00' }), undefined, NOW))).toEqual(['endsAt']);
    expect(Object.keys(couponProblems(typed({ subscriptionCycles: '13', scope: 'EXHIBITION' }), undefined, NOW))).toEqual([
      'subscriptionCycles',
      'exhibitionId',
    ]);
  });

  it('reads dates on the Seoul clock and percent as basis points', () => {
    const input = couponInput(typed({ ratePercent: '12.5', startsAt: '2026-09-01T09:00', endsAt: '2026-09-08T00:00' }), { fundedBy: 'PLATFORM' });
    expect(input).toMatchObject({
      code: 'FALL-10',
      rateBps: 1250,
      startsAt: '2026-09-01T00:00:00.000Z',
      endsAt: '2026-09-07T15:00:00.000Z',
      partnerAgencyId: null,
    });
  });

  it('keeps a redeemed coupon’s untouched terms exactly, and its limit not below the uses made', () => {
    const values = couponValues(REDEEMED);
    expect(couponInput({ ...values, active: false }, { fundedBy: 'PLATFORM' }, REDEEMED)).toMatchObject({
      rateBps: 1250,
      startsAt: REDEEMED.startsAt,
      endsAt: REDEEMED.endsAt,
      active: false,
    });
    expect(couponProblems({ ...values, totalUsageLimit: '2' }, REDEEMED, NOW)).toEqual({
      totalUsageLimit: '전체 사용 한도는 이미 사용된 3회보다 적을 수 없습니다.',
    });
  });
});
