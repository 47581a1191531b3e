import { decideCommissionRefund, decideSaleGone, type CommissionRefundFacts, type ReservationRefund } from './commission-refund.js';
import { CommissionStatus } from './commission.entity.js';

const { PENDING, APPROVED, PAID, REVERSED } = CommissionStatus;

/** A commission of 1,000 won on a 20,000 won sale. */
const commission = (facts: Partial<CommissionRefundFacts> = {}): CommissionRefundFacts => ({
  status: PENDING,
  amount: 1000,
  reversedAmount: 0,
  payoutId: null,
  ...facts,
});
const refund = (refundedTotal: number, saleEnded = false): ReservationRefund => ({ reservationId: 'r', refundedTotal, paidAmount: 20_000, saleEnded });

describe('decideCommissionRefund', () => {
  it('takes back floor(amount × refunded / paid) and keeps the status of a partial refund', () => {
    expect(decideCommissionRefund(commission(), refund(7_777))).toEqual({
      kind: 'reverse',
      reversedAmount: 388,
      reverseAll: false,
      unbook: 0,
      approveRest: false,
    });
  });

  it('reverses a full refund and unbooks from the ledger only what an APPROVED commission had booked', () => {
    expect(decideCommissionRefund(commission(), refund(20_000))).toEqual({
      kind: 'reverse',
      reversedAmount: 1000,
      reverseAll: true,
      unbook: 0,
      approveRest: false,
    });
    expect(decideCommissionRefund(commission({ status: APPROVED, reversedAmount: 250 }), refund(20_000))).toEqual({
      kind: 'reverse',
      reversedAmount: 1000,
      reverseAll: true,
      unbook: 750,
      approveRest: false,
    });
  });

  it('never takes back less than already taken (refunds count from the total so far)', () => {
    expect(decideCommissionRefund(commission({ reversedAmount: 500 }), refund(5_000))).toEqual({ kind: 'unchanged' });
    expect(decideCommissionRefund(commission({ reversedAmount: 500 }), refund(15_000))).toMatchObject({ reversedAmount: 750 });
  });

  it('approves the rest of a PENDING commission when the refund ends the sale, even with nothing more taken', () => {
    expect(decideCommissionRefund(commission({ reversedAmount: 500 }), refund(10_000, true))).toEqual({
      kind: 'reverse',
      reversedAmount: 500,
      reverseAll: false,
      unbook: 0,
      approveRest: true,
    });
    expect(decideCommissionRefund(commission({ status: APPROVED, reversedAmount: 500 }), refund(10_000, true))).toEqual({ kind: 'unchanged' });
  });

  it('leaves a reversed commission alone', () => {
    expect(decideCommissionRefund(commission({ status: REVERSED, reversedAmount: 1000 }), refund(20_000, true))).toEqual({ kind: 'unchanged' });
  });

  it('reports, without changing it, a commission already in a payout', () => {
    expect(decideCommissionRefund(commission({ status: PAID, payoutId: 'p' }), refund(20_000))).toEqual({ kind: 'inPayout' });
    expect(decideCommissionRefund(commission({ status: APPROVED, payoutId: 'p' }), refund(4_000))).toEqual({ kind: 'inPayout' });
    expect(decideCommissionRefund(commission({ status: APPROVED, payoutId: 'p', reversedAmount: 200 }), refund(4_000))).toEqual({ kind: 'unchanged' });
  });
});

describe('decideSaleGone (an order cancelled or returned, docs/RULES.md §21)', () => {
  const gone = (facts: Partial<CommissionRefundFacts> = {}) => decideSaleGone({ ...commission(facts), baseAmount: 20_000 });

  it('reverses what remains of a PENDING commission, unbooking nothing', () => {
    expect(gone({ reversedAmount: 388 })).toEqual({ kind: 'reverse', reversedAmount: 1000, reverseAll: true, unbook: 0, approveRest: false });
  });

  it('unbooks what remains of an APPROVED commission, whatever the refunds gave back (a return-shipping deduction)', () => {
    expect(gone({ status: APPROVED, reversedAmount: 250 })).toEqual({
      kind: 'reverse',
      reversedAmount: 1000,
      reverseAll: true,
      unbook: 750,
      approveRest: false,
    });
  });

  it('leaves a reversed commission alone and reports one in a payout', () => {
    expect(gone({ status: REVERSED, reversedAmount: 1000 })).toEqual({ kind: 'unchanged' });
    expect(gone({ status: PAID, payoutId: 'p' })).toEqual({ kind: 'inPayout' });
  });
});
