/** Calendar arithmetic for dues, on dates written YYYY-MM-DD. Billing days are days in Seoul (`ClockService.today()`). */

export type BillingPeriodLength = 'MONTHLY' | 'YEARLY';

const DAY_MS = 24 * 3600_000;

function parts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

function format(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function utcMs(date: string): number {
  const [year, month, day] = parts(date);
  return Date.UTC(year, month - 1, day);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The start of the period after the one starting on `start`: the same day next month (MONTHLY) or
 * next year (YEARLY). Periods keep the day of the month they were anchored on (`anchorDay`, the
 * day of the first period's start) and clamp it to shorter months: anchored on the 31st, periods
 * start Jan 31, Feb 28, Mar 31, Apr 30; anchored on Feb 29, yearly periods start Feb 28 in other years.
 */
export function nextPeriodStart(start: string, period: BillingPeriodLength, anchorDay: number): string {
  const [year, month] = parts(start);
  const months = month - 1 + (period === 'MONTHLY' ? 1 : 12);
  const nextYear = year + Math.floor(months / 12);
  const nextMonth = (months % 12) + 1;
  return format(nextYear, nextMonth, Math.min(anchorDay, daysInMonth(nextYear, nextMonth)));
}

/** The day of the month a schedule is anchored on. */
export function anchorDayOf(date: string): number {
  return parts(date)[2];
}

/** How many days the period starting on `start` lasts. */
export function daysInPeriod(start: string, period: BillingPeriodLength, anchorDay: number): number {
  return daysBetween(start, nextPeriodStart(start, period, anchorDay));
}
