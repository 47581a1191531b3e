import { agencyShipping, type ShippingLine } from './shipping-fee.js';

const line = (unitPrice: number, quantity: number, shippingFee: number, freeShippingOver: number | null): ShippingLine => ({
  unitPrice,
  quantity,
  shippingFee,
  freeShippingOver,
});
const A = line(12_000, 2, 3_000, 30_000);
const B = line(8_000, 1, 3_000, 50_000);

describe('agencyShipping (docs/RULES.md §15)', () => {
  it.each([
    [
      '§15 example: A (3,000, free over 30,000) 2 × 12,000 and B (3,000, free over 50,000) → fee line A, 32,000 ≥ 30,000',
      [A, B],
      { itemsTotal: 32_000, shippingFee: 0, freeShippingRemaining: null },
    ],
    [
      "§15 example: B's fee 4,000 without a threshold → 4,000 whatever the total",
      [A, line(8_000, 1, 4_000, null)],
      { itemsTotal: 32_000, shippingFee: 4_000, freeShippingRemaining: null },
    ],
    ['the order of the lines does not matter', [B, A], { itemsTotal: 32_000, shippingFee: 0, freeShippingRemaining: null }],
    [
      'below the fee line threshold: the fee, and what remains to free shipping',
      [line(12_000, 1, 3_000, 30_000)],
      { itemsTotal: 12_000, shippingFee: 3_000, freeShippingRemaining: 18_000 },
    ],
    ['exactly at the threshold is free', [line(10_000, 3, 3_000, 30_000)], { itemsTotal: 30_000, shippingFee: 0, freeShippingRemaining: null }],
    [
      'a tie on the fee goes to the smallest threshold; no threshold counts as never free',
      [line(5_000, 1, 3_000, null), line(5_000, 1, 3_000, 10_000)],
      { itemsTotal: 10_000, shippingFee: 0, freeShippingRemaining: null },
    ],
    [
      "the largest fee decides even when a cheaper line's threshold is met",
      [line(40_000, 1, 2_500, 30_000), line(1_000, 1, 3_000, 50_000)],
      { itemsTotal: 41_000, shippingFee: 3_000, freeShippingRemaining: 9_000 },
    ],
    ['free-shipping listings only', [line(9_000, 2, 0, null)], { itemsTotal: 18_000, shippingFee: 0, freeShippingRemaining: null }],
  ])('%s', (_name, lines, expected) => {
    expect(agencyShipping(lines)).toEqual(expected);
  });
});
