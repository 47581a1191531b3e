import { addDays, isWeekend } from '../../common/src/index.js';

/**
 * Business-day arithmetic on KST calendar dates written YYYY-MM-DD (docs/RULES.md §14). Pure: the
 * non-business days are passed in, so the rule can be tested without a database and every deadline in
 * Dure is computed by this one piece of code.
 */

/**
 * A stretch of the calendar whose non-business days are known: `knownThrough` is the last date the
 * answers may rely on. Asking beyond it throws, so a caller that loaded too short a window finds out
 * instead of silently treating unknown holidays as business days.
 */
export class BusinessDays {
  constructor(
    private readonly closed: ReadonlySet<string>,
    readonly knownThrough: string,
  ) {}

  isBusinessDay(date: string): boolean {
    if (date > this.knownThrough) throw new RangeError(`business days are known through ${this.knownThrough}, not ${date}`);
    return !isWeekend(date) && !this.closed.has(date);
  }

  /** The N-th business day strictly after `date` (which itself need not be one); N ≥ 1. */
  nthBusinessDayAfter(date: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, not ${n}`);
    let day = date;
    for (let counted = 0; counted < n;) {
      day = addDays(day, 1);
      if (this.isBusinessDay(day)) counted++;
    }
    return day;
  }

  /** `date` when it is a business day, else the next business day. */
  businessDayOnOrAfter(date: string): string {
    return this.isBusinessDay(date) ? date : this.nthBusinessDayAfter(date, 1);
  }
}
