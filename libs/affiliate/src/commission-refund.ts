import { reversedCommissionAmount } from './commission-math.js';
import { CommissionStatus, type Commission } from './commission.entity.js';
import type { SaleKey } from './sale.js';

/** How much of a sale's payment has been refunded so far, and whether the sale is over. */
export interface SaleRefundFacts {
  refundedTotal: number;
  paidAmount: number;
  /** The sale ended with this refund keeping part of the price (a reservation cancelled with a fee): what is not reversed is earned. */
  saleEnded: boolean;
}

/** A refund of one sale, as CommissionService applies it. */
export type SaleRefund = SaleKey & SaleRefundFacts;

/** A refund of a reservation, as booking's events tell it. */
export type ReservationRefund = { reservationId: string } & SaleRefundFacts;

/** The commission as a refund finds it (locked by the caller). */
export type CommissionRefundFacts = Pick<Commission, 'status' | 'amount' | 'reversedAmount' | 'payoutId'>;

/**
 * `unchanged`: nothing to take back or approve (or the commission is reversed already).
 * `inPayout`: the commission is in a payout; paid-out money is not clawed back, but the refund itself must
 * still be recorded, so this is reported rather than refused.
 * `reverse`: `reversedAmount` is the new total taken back; `reverseAll` moves the commission to REVERSED;
 * `unbook` is what leaves the creator's payable in the ledger (only an APPROVED commission was booked);
 * `approveRest` approves what remains afterwards.
 */
export type CommissionRefundDecision =
  { kind: 'unchanged' } | { kind: 'inPayout' } | { kind: 'reverse'; reversedAmount: number; reverseAll: boolean; unbook: number; approveRest: boolean };

/**
 * docs/RULES.md §10: a refund takes back floor(amount × refunded / paid) of the commission (never less than already
 * taken); a full refund reverses it. When the refund ends the sale (a cancellation keeping a fee), what
 * remains of a PENDING commission is approved.
 */
export function decideCommissionRefund(commission: CommissionRefundFacts, refund: SaleRefundFacts): CommissionRefundDecision {
  if (commission.status === CommissionStatus.REVERSED) return { kind: 'unchanged' };
  const reversedAmount = Math.max(commission.reversedAmount, reversedCommissionAmount(commission.amount, refund.refundedTotal, refund.paidAmount));
  const taken = reversedAmount - commission.reversedAmount;
  const reverseAll = refund.refundedTotal >= refund.paidAmount;
  const approveRest = refund.saleEnded && !reverseAll && commission.status === CommissionStatus.PENDING;
  if (taken === 0 && !reverseAll && !approveRest) return { kind: 'unchanged' };
  if (commission.payoutId) return { kind: 'inPayout' };
  const unbook = commission.status === CommissionStatus.APPROVED ? taken : 0;
  return { kind: 'reverse', reversedAmount, reverseAll, unbook, approveRest };
}

/**
 * docs/RULES.md §21: nothing of the sale remains (its order was cancelled or returned), so what is not
 * reversed yet is, whatever the refunds gave back: decided as a refund of all that was paid.
 */
export function decideSaleGone(commission: CommissionRefundFacts & Pick<Commission, 'baseAmount'>): CommissionRefundDecision {
  return decideCommissionRefund(commission, { refundedTotal: commission.baseAmount, paidAmount: commission.baseAmount, saleEnded: true });
}
