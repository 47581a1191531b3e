import { DateTime } from 'luxon';

/** docs/RULES.md §14: every calendar rule (billing days, payout periods, reservation numbers) is in Seoul. */
export const BUSINESS_TIME_ZONE = 'Asia/Seoul';

const seoulDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date (YYYY-MM-DD) in Seoul at `instant`; `ClockService.today()` is this at the business clock's now. */
export function seoulDateOf(instant: Date): string {
  return seoulDateFormat.format(instant);
}

const DAY_MS = 24 * 3600_000;

/** The date `days` calendar days after `date` (before it when negative); dates are YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** 00:00 in Seoul on `date` (a cutoff, a resume day); Seoul has no daylight saving time. */
export function startOfSeoulDay(date: string): Date {
  return DateTime.fromISO(date, { zone: BUSINESS_TIME_ZONE }).toJSDate();
}

/** "End of day D" (docs/RULES.md §14): the instant D+1 begins in Seoul. */
export function endOfSeoulDay(date: string): Date {
  return DateTime.fromISO(date, { zone: BUSINESS_TIME_ZONE }).plus({ days: 1 }).toJSDate();
}
