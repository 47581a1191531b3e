import fc from 'fast-check';
import { amountRefund, paidAmountOf, planRefund, spread, unitsLeftOf, unitsRefund, unitsRefundAmount, type RefundableLine } from './refund-math.js';

/** A fresh line; the agency funds the whole discount unless told (as before coupons exist). */
function line(unitPrice: number, quantity: number, itemDiscount = 0, agencyDiscount = itemDiscount): RefundableLine {
  return { unitPrice, quantity, itemDiscount, agencyDiscount, unitsGone: 0, refundedAmount: 0 };
}

/** The line after refunding `units` of it. */
function after(state: RefundableLine, units: number): RefundableLine {
  return { ...state, unitsGone: state.unitsGone + units, refundedAmount: state.refundedAmount + unitsRefundAmount(state, units) };
}

/** The amounts of successive refunds of `steps` units each. */
function refunds(start: RefundableLine, steps: number[]): number[] {
  let state = start;
  return steps.map((units) => {
    const amount = unitsRefundAmount(state, units);
    state = after(state, units);
    return amount;
  });
}

describe('refund of units, docs/RULES.md §18: r·p − floor(D·r/q), the last units get what remains', () => {
  it.each([
    ['no discount: r·p', line(12_000, 3), [1, 2], [12_000, 24_000]],
    ['3 units at 10,000 with 1,000 off, one by one', line(10_000, 3, 1_000), [1, 1, 1], [9_667, 9_667, 9_666]],
    ['2 of 3 at once, then the last', line(10_000, 3, 1_000), [2, 1], [19_334, 9_666]],
    ['the whole line at once is its paidAmount', line(10_000, 3, 1_000), [3], [29_000]],
    ['5 units at 8,000 with 2,500 off', line(8_000, 5, 2_500), [2, 2, 1], [15_000, 15_000, 7_500]],
    ['4 units at 5,000 with 999 off', line(5_000, 4, 999), [1, 3], [4_751, 14_250]],
    ['a line given away (D = p·q) refunds nothing', line(3_000, 2, 6_000), [1, 1], [0, 0]],
    ['a line discounted to a few won: clamped to what remains, never more than paid', line(1, 3, 2), [1, 1, 1], [1, 0, 0]],
  ])('%s', (_name, start, steps, expected) => {
    expect(refunds(start, steps)).toEqual(expected);
  });

  it('refuses more units than are left, and none', () => {
    expect(() => unitsRefundAmount(line(1_000, 2), 3)).toThrow(RangeError);
    expect(() => unitsRefundAmount(after(line(1_000, 2), 1), 2)).toThrow(RangeError);
    expect(() => unitsRefundAmount(line(1_000, 2), 0)).toThrow(RangeError);
  });

  it('the fee given back is the fee on what remains, recomputed: 3 × 10,000 with 1,000 off at 800 bps', () => {
    let state = line(10_000, 3, 1_000);
    const fees = [1, 1, 1].map((units) => {
      const { fee } = unitsRefund(state, units, 800);
      state = after(state, units);
      return fee;
    });
    // Fee at payment: floor(29,000 × 8 %) = 2,320; remaining 19,333 → 1,546; 9,666 → 773; 0 → 0.
    expect(fees).toEqual([2_320 - 1_546, 1_546 - 773, 773]);
  });

  it('the funders split the discount given back in proportion to their parts; each ends with exactly its own', () => {
    // D = 900: the agency funds 600, the platform 300. One unit of three: 10,000 − 300 back, the agency gives 10,000 − 200.
    const start = line(10_000, 3, 900, 600);
    expect(unitsRefund(start, 1, 0)).toEqual({ amount: 9_700, agencyGross: 9_800, fee: 0, platformDiscount: 100 });
    const last = after(after(start, 1), 1);
    expect(unitsRefund(last, 1, 0)).toEqual({ amount: 9_700, agencyGross: 9_800, fee: 0, platformDiscount: 100 });
  });
});

describe('planRefund: what the ledger entry of one refund moves', () => {
  it('adds the shipping (no fee on it) and takes a deduction never above the refund, which the agency keeps', () => {
    const share = { amount: 9_000, agencyGross: 9_000, fee: 720, platformDiscount: 0 };
    expect(planRefund([share], 3_000, 0)).toEqual({ moneyBack: 12_000, deduction: 0, agencyDebit: 11_280, feeDebit: 720, platformDiscountBack: 0 });
    expect(planRefund([{ ...share, platformDiscount: 300 }], 3_000, 0, 500)).toEqual({
      moneyBack: 12_000,
      deduction: 0,
      agencyDebit: 11_280 + 500,
      feeDebit: 720,
      platformDiscountBack: 800,
    });
    expect(planRefund([share], 0, 3_000)).toEqual({ moneyBack: 6_000, deduction: 3_000, agencyDebit: 5_280, feeDebit: 720, platformDiscountBack: 0 });
    expect(planRefund([{ amount: 2_000, agencyGross: 2_000, fee: 0, platformDiscount: 0 }], 0, 3_000)).toEqual({
      moneyBack: 0,
      deduction: 2_000,
      agencyDebit: 0,
      feeDebit: 0,
      platformDiscountBack: 0,
    });
  });
});

describe('returns, docs/RULES.md §18 and §22’s example', () => {
  it.each([
    // O-C: 양말 10,000 × 3, one returned for a change of mind with a 3,000 deduction → 7,000 back, the line 10,000 refunded.
    ['one of three, change of mind', line(10_000, 3), 1, 0, 3_000, { moneyBack: 7_000, deduction: 3_000 }],
    // A return shipping fee above the refund is taken only up to it.
    ['deduction above the refund', line(2_000, 1), 1, 0, 3_000, { moneyBack: 0, deduction: 2_000 }],
    // The seller's fault and nothing kept: the 3,000 shipping fee comes back with the units, no deduction.
    ['defective, nothing kept', line(8_000, 2), 2, 3_000, 0, { moneyBack: 19_000, deduction: 0 }],
    // Discounted line: 3 × 10,000 with 1,000 off, two returned → 20,000 − floor(1,000 × 2 / 3) = 19,334, less 4,000.
    ['discounted, two of three', line(10_000, 3, 1_000), 2, 0, 4_000, { moneyBack: 15_334, deduction: 4_000 }],
  ])('%s', (_name, start, units, shipping, deduction, expected) => {
    const share = unitsRefund(start, units, 600);
    expect(planRefund([share], shipping, deduction)).toMatchObject(expected);
  });
});

describe('spread: floor in proportion, the won left over to the largest', () => {
  it.each([
    [1_000, [3_000, 1_000], [750, 250]],
    [100, [50, 50, 50], [34, 33, 33]],
    [2, [1, 1, 1], [1, 1, 0]],
    [7, [10, 0, 5], [5, 0, 2]],
    [0, [0, 0], [0, 0]],
  ])('%d over %j → %j', (amount, weights, parts) => {
    expect(spread(amount, weights)).toEqual(parts);
  });

  it('never gives a part more than its weight, and adds up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, share) => {
          const amount = Math.floor(weights.reduce((a, b) => a + b, 0) * share);
          const parts = spread(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          parts.forEach((part, i) => {
            expect(part).toBeGreaterThanOrEqual(0);
            expect(part).toBeLessThanOrEqual(weights[i]);
          });
        },
      ),
    );
  });
});

/** A random cart line: price, units, discount and the agency's part of it. */
const cartLine = fc
  .record({
    unitPrice: fc.integer({ min: 1, max: 200_000 }),
    quantity: fc.integer({ min: 1, max: 20 }),
    discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
    agencyShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ unitPrice, quantity, discountShare, agencyShare }) => {
    const itemDiscount = Math.floor(unitPrice * quantity * discountShare);
    return line(unitPrice, quantity, itemDiscount, Math.floor(itemDiscount * agencyShare));
  });

/**
 * One partial cancellation or return: which line (as a fraction of those with units left), which share of its
 * units, and for a change-of-mind return the return shipping deduction the agency keeps (docs/RULES.md §18).
 */
const cancellation = fc.record({
  pick: fc.double({ min: 0, max: 0.999, noNaN: true }),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  deduction: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })),
});

describe('property: random carts and random sequences of partial cancellations and returns', () => {
  it('refunds never exceed what was paid; the agency keeps p per kept unit less its own discount, and deductions; agency + fee + subsidy + refunds = captured', () => {
    fc.assert(
      fc.property(
        fc.array(cartLine, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.array(cancellation, { maxLength: 12 }),
        fc.boolean(),
        (lines, rateBps, shippingFee, steps, cancelTheRest) => {
          const state = [...lines];
          const paid = state.map(paidAmountOf);
          const captured = paid.reduce((a, b) => a + b, 0) + shippingFee;
          // docs/RULES.md §22: the fee is on the agency's sales, list price less its own discount.
          const fees = state.map((l) => Math.floor(((l.unitPrice * l.quantity - l.agencyDiscount) * rateBps) / 10_000));
          // What capture credits: each agency its units less its own discount less the fee, the platform its fee and
          // (as a negative) the discount it funds.
          const agencyGrossLeft = state.map((l) => l.unitPrice * l.quantity - l.agencyDiscount);
          let agency = agencyGrossLeft.reduce((a, b) => a + b, 0) - fees.reduce((a, b) => a + b, 0) + shippingFee;
          let fee = fees.reduce((a, b) => a + b, 0);
          let subsidy = -state.reduce((sum, l) => sum + l.itemDiscount - l.agencyDiscount, 0);
          let refunded = 0;
          let deductionsKept = 0;

          const refund = (picks: Array<{ index: number; units: number }>, shipping: number, deduction: number) => {
            const shares = picks.map(({ index, units }) => {
              const share = unitsRefund(state[index], units, rateBps);
              expect(share.amount).toBeGreaterThanOrEqual(0);
              expect(share.fee).toBeGreaterThanOrEqual(0);
              expect(share.fee).toBeLessThanOrEqual(share.amount + share.platformDiscount);
              state[index] = { ...state[index], unitsGone: state[index].unitsGone + units, refundedAmount: state[index].refundedAmount + share.amount };
              agencyGrossLeft[index] -= share.agencyGross;
              return share;
            });
            const plan = planRefund(shares, shipping, deduction);
            expect(plan.deduction).toBeLessThanOrEqual(shares.reduce((sum, share) => sum + share.amount, 0) + shipping);
            deductionsKept += plan.deduction;
            agency -= plan.agencyDebit;
            fee -= plan.feeDebit;
            expect(plan.agencyDebit + plan.feeDebit - plan.moneyBack).toBe(plan.platformDiscountBack);
            subsidy += plan.platformDiscountBack;
            refunded += plan.moneyBack;
          };

          for (const { pick, share, deduction } of steps) {
            const open = state.map((l, index) => ({ l, index })).filter(({ l }) => unitsLeftOf(l) > 0);
            if (!open.length) break;
            const { l, index } = open[Math.floor(pick * open.length)];
            refund([{ index, units: Math.max(1, Math.ceil(unitsLeftOf(l) * share)) }], 0, deduction);
          }
          const rest = state.map((l, index) => ({ index, units: unitsLeftOf(l) })).filter(({ units }) => units > 0);
          // The cancellation that leaves nothing of the order refunds its shipping too.
          if (cancelTheRest && rest.length) refund(rest, shippingFee, 0);

          state.forEach((l, index) => {
            expect(l.refundedAmount).toBeLessThanOrEqual(paid[index]);
            const kept = unitsLeftOf(l);
            // The agency's own discount on the kept units is between 0 and all of its discount, 0 when none is kept.
            expect(agencyGrossLeft[index]).toBeLessThanOrEqual(kept * l.unitPrice);
            expect(agencyGrossLeft[index]).toBeGreaterThanOrEqual(kept * l.unitPrice - l.agencyDiscount);
            if (kept === 0) expect([l.refundedAmount, agencyGrossLeft[index]]).toEqual([paid[index], 0]);
            if (l.unitsGone === 0) expect(agencyGrossLeft[index]).toBe(l.unitPrice * l.quantity - l.agencyDiscount);
          });
          expect(refunded + deductionsKept).toBeLessThanOrEqual(captured);
          expect(fee).toBeGreaterThanOrEqual(0);
          expect(agency + fee + subsidy + refunded).toBe(captured);
          // Once nothing is kept, the agency holds exactly the return deductions it kept.
          if (cancelTheRest && rest.length) {
            expect({ agency, fee, subsidy, refunded }).toEqual({ agency: deductionsKept, fee: 0, subsidy: 0, refunded: captured - deductionsKept });
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a refund without units takes all of it from the agency, less the fee on what remains', () => {
    const start = line(10_000, 2, 1_000);
    expect(amountRefund(start, 5_000, 1_000)).toEqual({ amount: 5_000, agencyGross: 5_000, fee: 1_900 - 1_400, platformDiscount: 0 });
    expect(() => amountRefund(start, 19_001, 1_000)).toThrow(RangeError);
  });
});
