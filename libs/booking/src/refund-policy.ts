import { applyBps } from '../../common/src/index.js';

/** A listing's cancellation policy (docs/RULES.md §6), as the catalog's ServiceTerms carry it. */
export interface RefundPolicy {
  fullRefundHoursBefore: number;
  partialRefundHoursBefore: number;
  partialRefundRateBps: number;
}

const HOUR_MS = 3600_000;

/**
 * What a buyer gets back when cancelling at `at` a reservation of `amount` starting at `startsAt`:
 * everything at least fullRefundHoursBefore ahead, partialRefundRateBps of it at least
 * partialRefundHoursBefore ahead, else nothing. The partial amount is rounded down, once, here.
 */
export function buyerRefundAmount(policy: RefundPolicy, amount: number, startsAt: Date, at: Date): number {
  const msBefore = startsAt.getTime() - at.getTime();
  if (msBefore >= policy.fullRefundHoursBefore * HOUR_MS) return amount;
  if (msBefore >= policy.partialRefundHoursBefore * HOUR_MS) return applyBps(amount, policy.partialRefundRateBps);
  return 0;
}

/** The platform's fee on `amount` at the rate kept with the sale, rounded down once (docs/RULES.md §5). */
export function platformFee(amount: number, rateBps: number): number {
  return applyBps(amount, rateBps);
}

/**
 * The fee given back with a refund that brings what remains paid from `remainingBefore` down to
 * `remainingAfter`: the difference of the fees on what remains, so partial refunds add up to exactly
 * the fee on the refunded total and never give back more fee than was taken.
 */
export function feeRefunded(remainingBefore: number, remainingAfter: number, rateBps: number): number {
  return platformFee(remainingBefore, rateBps) - platformFee(remainingAfter, rateBps);
}
