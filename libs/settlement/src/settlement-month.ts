import { BadUserInputError, addDays, endOfSeoulDay } from '../../common/src/index.js';

const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** A KST calendar month, YYYY-MM (docs/RULES.md §22). */
export function assertMonth(month: string, field = 'month'): string {
  if (!MONTH_PATTERN.test(month)) throw BadUserInputError.field(field, 'must be a month, YYYY-MM');
  return month;
}

/** The month after `month`. */
export function nextMonthOf(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

/** The instant `month` begins in Seoul: 00:00 KST on its 1st. */
export function startOfSeoulMonth(month: string): Date {
  return endOfSeoulDay(addDays(`${month}-01`, -1));
}

/** The instant `month` ends in Seoul: 00:00 KST on the 1st of the next month. */
export function endOfSeoulMonth(month: string): Date {
  return startOfSeoulMonth(nextMonthOf(month));
}

/** The month (YYYY-MM) of a Seoul date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
