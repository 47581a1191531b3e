import { DateTime } from 'luxon';
import { MINUTES_PER_DAY, minutesOfDay, type DatedException, type OpeningHours, type WeeklyOpeningHours } from './opening-hours.js';
import { isoWeekdayOf } from './weekday.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 24 * 60 * MS_PER_MINUTE;

/** docs/RULES.md §7: `availableSlots` covers at most 62 days. */
export const MAX_SLOT_RANGE_DAYS = 62;

/**
 * Slots a day is expected to offer at most, for pricing `availableSlots` before it runs: one an hour
 * around the clock. Real listings offer fewer (a visit service open 09:00–18:00 has 9); one with shorter
 * slots all day can offer more (up to 288 of 5 minutes), and the time and size limits of an operation
 * bound that.
 */
export const ESTIMATED_SLOTS_PER_DAY = 24;

/** How many slots `availableSlots(from, to)` is priced at: its days (begun days count whole, at most 62) × ESTIMATED_SLOTS_PER_DAY. */
export function estimatedSlotCount(from: Date, to: Date): number {
  const days = Math.ceil((to.getTime() - from.getTime()) / MS_PER_DAY);
  // A range the service will refuse (reversed, too long, not a date) is priced as the longest allowed.
  const pricedDays = Number.isFinite(days) ? Math.min(Math.max(days, 1), MAX_SLOT_RANGE_DAYS) : MAX_SLOT_RANGE_DAYS;
  return pricedDays * ESTIMATED_SLOTS_PER_DAY;
}

/** Everything slot generation needs to know about one listing. */
export interface SlotSchedule {
  /** IANA time zone the hours and exception dates are written in. */
  timezone: string;
  weeklyHours: WeeklyOpeningHours[];
  exceptions: DatedException[];
  durationMinutes: number;
  intervalMinutes: number;
}

export interface SlotTime {
  startsAt: Date;
  endsAt: Date;
}

/**
 * docs/RULES.md §7: slots start every `intervalMinutes` from opening time and last `durationMinutes`; one that
 * would end after closing is not offered. Returns the slots starting in [from, to), in order.
 * Wall-clock times are placed in the time zone by luxon; the step between slots is elapsed time, so on a
 * day a clock changes the slots stay back to back and each lasts exactly its duration.
 * `beforeEachDay` may throw to stop the work (the operation's deadline).
 */
export function slotsBetween(schedule: SlotSchedule, from: Date, to: Date, beforeEachDay: () => void = () => {}): SlotTime[] {
  const exceptions = new Map(schedule.exceptions.map((exception) => [exception.date, exception]));
  const lastDay = DateTime.fromJSDate(to, { zone: schedule.timezone }).startOf('day');
  const slots: SlotTime[] = [];
  const intervalMs = schedule.intervalMinutes * MS_PER_MINUTE;
  const durationMs = schedule.durationMinutes * MS_PER_MINUTE;
  for (let day = DateTime.fromJSDate(from, { zone: schedule.timezone }).startOf('day'); day <= lastDay; day = day.plus({ days: 1 }).startOf('day')) {
    beforeEachDay();
    for (const hours of hoursOn(day, schedule.weeklyHours, exceptions)) {
      // Only opening and closing need the zone; steps are elapsed time, plain milliseconds (cheaper than
      // luxon's zone arithmetic, which asks Intl for the offset on every step).
      const closes = at(day, hours.closesAt).toMillis();
      for (let start = at(day, hours.opensAt).toMillis(); start + durationMs <= closes; start += intervalMs) {
        if (start >= from.getTime() && start < to.getTime()) slots.push({ startsAt: new Date(start), endsAt: new Date(start + durationMs) });
      }
    }
  }
  return slots;
}

/** An exception replaces the weekly hours of its date. */
function hoursOn(day: DateTime, weeklyHours: WeeklyOpeningHours[], exceptions: Map<string, DatedException>): OpeningHours[] {
  const exception = exceptions.get(day.toISODate()!);
  if (exception) return exception.closed ? [] : [{ opensAt: exception.opensAt!, closesAt: exception.closesAt! }];
  return weeklyHours.filter((hours) => isoWeekdayOf(hours.weekday) === day.weekday).sort((a, b) => minutesOfDay(a.opensAt) - minutesOfDay(b.opensAt));
}

/** The instant `time` shows on the wall clocks of `day`'s zone (`24:00` is the next midnight). */
function at(day: DateTime, time: string): DateTime {
  const minutes = minutesOfDay(time);
  if (minutes === MINUTES_PER_DAY) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
}

/** Seats taken during [startsAt, endsAt) (reservations holding or using capacity). */
export interface TakenSeats {
  startsAt: Date;
  endsAt: Date;
  seats: number;
}

/** Each slot with `capacity` less the seats of everything overlapping it; full slots are left out. */
export function withRemainingCapacity(slots: SlotTime[], capacity: number, taken: TakenSeats[]): Array<SlotTime & { remainingCapacity: number }> {
  return slots
    .map((slot) => {
      const seats = taken.filter((t) => t.startsAt < slot.endsAt && slot.startsAt < t.endsAt).reduce((sum, t) => sum + t.seats, 0);
      return { ...slot, remainingCapacity: capacity - seats };
    })
    .filter((slot) => slot.remainingCapacity > 0);
}
