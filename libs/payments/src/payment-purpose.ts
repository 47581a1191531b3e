import type { RequestContext } from '../../common/src/index.js';
import type { Account, JournalEntryKind } from '../../ledger/src/index.js';
import type { Payment } from './payment.entity.js';

/** One account's share of an amount of money, in won; negative moves it to the other side (a discount the platform funds). */
export interface AllocationLine {
  account: Account;
  amount: number;
}

/** How a captured payment is owed: the ledger entry's kind and its credit lines (summing to the amount). */
export interface PaymentAllocation {
  entryKind: JournalEntryKind;
  credits: AllocationLine[];
}

/**
 * Registered by the library that owns a purpose (dues, reservations…). Both methods run inside the
 * transaction that records the money — whether the client's confirm, a webhook or reconciliation
 * learned of it — so the purpose's own state changes with the payment or not at all.
 */
export interface PaymentPurposeHandler {
  /**
   * Marks the purpose paid and says where the money goes. Null refuses the money (the purpose lapsed
   * before a late capture was found): it is then refunded in full.
   */
  onPaid(ctx: RequestContext, payment: Payment): Promise<PaymentAllocation | null>;
  /** Takes note of a refund and says which accounts give the money back (positive, summing to `amount`). */
  onRefunded(ctx: RequestContext, payment: Payment, amount: number): Promise<AllocationLine[]>;
}

/**
 * The purpose's part of one capture, given by a caller that already holds the purpose's row locked
 * (e.g. the reservation being paid): it runs instead of the registered `onPaid`, on the row the caller has.
 */
export type CaptureHandler = PaymentPurposeHandler['onPaid'];
/** Likewise for one refund the caller asks for (e.g. a cancellation): runs instead of the registered `onRefunded`. */
export type RefundHandler = PaymentPurposeHandler['onRefunded'];
