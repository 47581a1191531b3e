import { BadUserInputError } from '../../common/src/index.js';

/** docs/RULES.md §8: a reservation list's range of starts covers at most a quarter (three 31-day months). */
export const MAX_RESERVATION_RANGE_DAYS = 93;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Refuses a range of starts [startsFrom, startsBefore) that is empty or longer than MAX_RESERVATION_RANGE_DAYS; one bound alone is open. */
export function assertReservationRange(startsFrom: Date | null | undefined, startsBefore: Date | null | undefined): void {
  if (!startsFrom || !startsBefore) return;
  if (startsBefore <= startsFrom) throw BadUserInputError.field('startsBefore', 'must be later than startsFrom');
  if (startsBefore.getTime() - startsFrom.getTime() > MAX_RESERVATION_RANGE_DAYS * DAY_MS)
    throw BadUserInputError.field('startsBefore', `must be at most ${MAX_RESERVATION_RANGE_DAYS} days after startsFrom`);
}
