import { BadUserInputError, InvalidStateError } from '../../common/src/index.js';
import { PaymentStatus, type Payment } from './payment.entity.js';

/** The payment as a refund finds it (locked by the caller). */
export type RefundablePayment = Pick<Payment, 'status' | 'amount' | 'refundedAmount'>;

/**
 * docs/RULES.md §9: only a captured payment is refunded (PAID or PARTIALLY_REFUNDED), by a whole positive
 * amount never above what remains. The error to answer, or null when the refund may go to the provider.
 */
export function refundRefusal(payment: RefundablePayment, amount: number): InvalidStateError | BadUserInputError | null {
  if (payment.status !== PaymentStatus.PAID && payment.status !== PaymentStatus.PARTIALLY_REFUNDED) {
    return new InvalidStateError(`A ${payment.status} payment cannot be refunded`);
  }
  const remaining = payment.amount - payment.refundedAmount;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > remaining) {
    return BadUserInputError.field('amount', `must be from 1 to ${remaining} won (what remains of the payment)`);
  }
  return null;
}
