import { applyBps, prorate } from '../../common/src/index.js';

/** docs/RULES.md §10: the commission on a sale, rounded down once, here. */
export function commissionAmount(baseAmount: number, rateBps: number): number {
  return applyBps(baseAmount, rateBps);
}

/**
 * How much of a commission the refunds so far take back: floor(amount × refunded / paid), from the
 * refunded total rather than refund by refund, so several partial refunds never drift from one of the same sum.
 */
export function reversedCommissionAmount(amount: number, refundedTotal: number, paidAmount: number): number {
  if (paidAmount <= 0) throw new Error('A commission belongs to a sale that was paid');
  return prorate(amount, Math.min(refundedTotal, paidAmount), paidAmount);
}
