import type { FieldError } from '../../common/src/index.js';
import { isoWeekdayOf, type Weekday } from './weekday.js';

/** A time of day on the listing's wall clock, `HH:MM`; `24:00` closes at midnight. */
const TIME_OF_DAY = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const MINUTES_PER_DAY = 24 * 60;

export interface OpeningHours {
  opensAt: string;
  closesAt: string;
}

export interface WeeklyOpeningHours extends OpeningHours {
  weekday: Weekday;
}

/** A date (in the listing's time zone) that is closed or keeps special hours instead of the weekly ones. */
export interface DatedException {
  date: string;
  closed: boolean;
  opensAt: string | null;
  closesAt: string | null;
}

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Problems with hours a client sent, named by input field (`weeklyHours[2].closesAt`); empty when they are fine. */
export function openingHoursProblems(weeklyHours: WeeklyOpeningHours[], exceptions: DatedException[]): FieldError[] {
  const problems = [
    ...weeklyHours.flatMap((hours, i) => rangeProblems(hours, `weeklyHours[${i}]`)),
    ...exceptions.flatMap((exception, i) => exceptionProblems(exception, `exceptions[${i}]`)),
  ];
  if (problems.length) return problems;
  return [...overlapProblems(weeklyHours), ...duplicateDateProblems(exceptions)];
}

function rangeProblems({ opensAt, closesAt }: OpeningHours, field: string): FieldError[] {
  if (!TIME_OF_DAY.test(opensAt) || opensAt === '24:00') return [{ field: `${field}.opensAt`, message: 'must be a time of day HH:MM, 00:00 to 23:59' }];
  if (!TIME_OF_DAY.test(closesAt)) return [{ field: `${field}.closesAt`, message: 'must be a time of day HH:MM, 00:01 to 24:00' }];
  if (minutesOfDay(closesAt) <= minutesOfDay(opensAt)) return [{ field: `${field}.closesAt`, message: 'must be later than opensAt on the same day' }];
  return [];
}

function exceptionProblems(exception: DatedException, field: string): FieldError[] {
  if (exception.closed) {
    return exception.opensAt || exception.closesAt ? [{ field: `${field}.opensAt`, message: 'must be absent on a closed day' }] : [];
  }
  if (!exception.opensAt || !exception.closesAt) return [{ field: `${field}.opensAt`, message: 'opensAt and closesAt are required unless the day is closed' }];
  return rangeProblems({ opensAt: exception.opensAt, closesAt: exception.closesAt }, field);
}

function overlapProblems(weeklyHours: WeeklyOpeningHours[]): FieldError[] {
  const byStart = weeklyHours
    .map((hours, index) => ({ ...hours, index }))
    .sort((a, b) => isoWeekdayOf(a.weekday) - isoWeekdayOf(b.weekday) || minutesOfDay(a.opensAt) - minutesOfDay(b.opensAt));
  const latestClose = new Map<Weekday, number>();
  return byStart.flatMap((hours) => {
    const overlaps = minutesOfDay(hours.opensAt) < (latestClose.get(hours.weekday) ?? 0);
    latestClose.set(hours.weekday, Math.max(latestClose.get(hours.weekday) ?? 0, minutesOfDay(hours.closesAt)));
    return overlaps ? [{ field: `weeklyHours[${hours.index}]`, message: `overlaps other opening hours on ${hours.weekday}` }] : [];
  });
}

function duplicateDateProblems(exceptions: DatedException[]): FieldError[] {
  return exceptions.flatMap((exception, i) =>
    exceptions.findIndex((other) => other.date === exception.date) < i
      ? [{ field: `exceptions[${i}].date`, message: `${exception.date} is listed twice` }]
      : [],
  );
}
