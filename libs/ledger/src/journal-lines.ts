import { accountCode, assertAccount, type Account } from './account.js';

/** One side of a money movement: debit positive, credit negative, in whole won. */
export interface LedgerLine {
  account: Account;
  amount: number;
}

/**
 * An entry must name at least two accounts and balance exactly. Breaking that is a bug in the calling
 * library, not bad input, so it fails with a plain Error. Summed in BigInt so no total is ever rounded.
 */
export function assertBalancedLines(lines: readonly LedgerLine[]): void {
  if (lines.length < 2) throw new Error('A journal entry needs at least two lines');
  let total = 0n;
  for (const line of lines) {
    assertAccount(line.account);
    if (!Number.isSafeInteger(line.amount) || line.amount === 0) {
      throw new Error(`Line amounts must be non-zero whole won; got ${line.amount} for ${accountCode(line.account)}`);
    }
    total += BigInt(line.amount);
  }
  if (total !== 0n) throw new Error(`Journal entry does not balance: its lines sum to ${total}`);
}

/** Whether two sets of lines say the same thing, whatever their order (for idempotent replays). */
export function sameLines(a: readonly LedgerLine[], b: readonly LedgerLine[]): boolean {
  const key = (line: LedgerLine) => `${accountCode(line.account)} ${line.amount}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}
