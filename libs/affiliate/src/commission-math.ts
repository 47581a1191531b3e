/** Rates are basis points: 10000 = 100 %. */
export const BASIS_POINTS = 10_000;

/** floor(a × b / c) in exact integers, so large amounts are never rounded on the way. */
function floorProduct(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** docs/RULES.md §10: the commission on a sale, rounded down once, here. */
export function commissionAmount(baseAmount: number, rateBps: number): number {
  return floorProduct(baseAmount, rateBps, BASIS_POINTS);
}

/**
 * How much of a commission the refunds so far take back: floor(amount × refunded / paid), from the
 * refunded total rather than refund by refund, so several partial refunds never drift from one of the same sum.
 */
export function reversedCommissionAmount(amount: number, refundedTotal: number, paidAmount: number): number {
  if (paidAmount <= 0) throw new Error('A commission belongs to a sale that was paid');
  return floorProduct(amount, Math.min(refundedTotal, paidAmount), paidAmount);
}
