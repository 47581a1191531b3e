import { registerEnumType } from '@nestjs/graphql';
import { BadUserInputError, InvalidStateError, addDays, seoulDateOf, startOfSeoulDay } from '../../common/src/index.js';
import { SubscriptionInterval, isoWeekdayOf, type SubscriptionTerms, type Weekday } from '../../catalog/src/index.js';

/**
 * Ship dates and cutoffs of subscription boxes (docs/RULES.md §20). Pure date arithmetic on KST calendar
 * dates written YYYY-MM-DD: no clock, no database. Business days never move a ship date (only the dispatch
 * deadline, DeliveryDeadlines), so nothing here needs the business calendar.
 */

/** What of a plan decides its ship dates: the interval, its anchor and the cutoff. */
export type ShipPlan = Pick<SubscriptionTerms, 'interval' | 'shipWeekday' | 'shipDayOfMonth' | 'cutoffDays'>;

/** Why a delivery is not charged at its cutoff (docs/RULES.md §20). */
export enum SkipReason {
  BUYER = 'BUYER',
  PAUSED = 'PAUSED',
  PAST_DUE = 'PAST_DUE',
  PARTNER_UNAVAILABLE = 'PARTNER_UNAVAILABLE',
}
registerEnumType(SkipReason, {
  name: 'SkipReason',
  description: 'Why a delivery was not charged.',
  valuesMap: {
    BUYER: { description: 'The buyer skipped it (setSubscriptionDeliverySkipped).' },
    PAUSED: { description: 'Its cutoff fell before the day the paused subscription resumes.' },
    PAST_DUE: { description: 'An earlier delivery was still unpaid at its cutoff, so debt never piles up.' },
    PARTNER_UNAVAILABLE: { description: 'The agency was SUSPENDED at its cutoff.' },
  },
});

const DAY_MS = 24 * 3600_000;
const BIWEEKLY_DAYS = 14;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function isoWeekdayOfDate(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

function weekdayOnOrAfter(date: string, weekday: Weekday): string {
  return addDays(date, (isoWeekdayOf(weekday) - isoWeekdayOfDate(date) + 7) % 7);
}

/** Day `day` of the month of `date`, or of the next month once `date` is past it; days 1–28 exist in every month. */
function dayOfMonthOnOrAfter(date: string, day: number): string {
  const [year, month, dayOfDate] = date.split('-').map(Number);
  const [y, m] = dayOfDate <= day ? [year, month] : month === 12 ? [year + 1, 1] : [year, month + 1];
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date on or after `date` that falls on the plan's anchor (for BIWEEKLY, without the parity of the first delivery). */
function anchorOnOrAfter(plan: ShipPlan, date: string): string {
  if (plan.interval === SubscriptionInterval.MONTHLY) return dayOfMonthOnOrAfter(date, plan.shipDayOfMonth!);
  return weekdayOnOrAfter(date, plan.shipWeekday!);
}

/** 00:00 KST `cutoffDays` days before `shipDate`: the delivery is charged and locked then. */
export function cutoffOf(shipDate: string, cutoffDays: number): Date {
  return startOfSeoulDay(addDays(shipDate, -cutoffDays));
}

/** The instant a subscription paused until `resumeOn` is ACTIVE again: 00:00 KST that day. */
export function resumeAt(resumeOn: string): Date {
  return startOfSeoulDay(resumeOn);
}

/**
 * The ship dates of one subscription: WEEKLY every `shipWeekday`, BIWEEKLY every second one counted from
 * the first delivery, MONTHLY `shipDayOfMonth` of each month; none before the first delivery.
 */
export class DeliverySchedule {
  private constructor(
    readonly plan: ShipPlan,
    readonly firstShipDate: string,
  ) {}

  /** A subscription made at `subscribedAt`: its first delivery is the earliest ship date whose cutoff is after that instant. */
  static subscribedAt(plan: ShipPlan, subscribedAt: Date): DeliverySchedule {
    // A cutoff after the instant falls on a later KST day, so the ship date is more than cutoffDays after today.
    return new DeliverySchedule(plan, anchorOnOrAfter(plan, addDays(seoulDateOf(subscribedAt), plan.cutoffDays + 1)));
  }

  /** The schedule of a subscription whose first ship date is known (stored at subscribe). */
  static startingOn(plan: ShipPlan, firstShipDate: string): DeliverySchedule {
    if (anchorOnOrAfter(plan, firstShipDate) !== firstShipDate) throw new RangeError(`${firstShipDate} is not a ship date of a ${plan.interval} plan`);
    return new DeliverySchedule(plan, firstShipDate);
  }

  cutoffAt(shipDate: string): Date {
    return cutoffOf(shipDate, this.plan.cutoffDays);
  }

  isShipDate(date: string): boolean {
    return this.shipDateOnOrAfter(date) === date;
  }

  /** The first ship date on or after `date` (the first delivery's when `date` is earlier). */
  shipDateOnOrAfter(date: string): string {
    const from = later(date, this.firstShipDate);
    if (this.plan.interval !== SubscriptionInterval.BIWEEKLY) return anchorOnOrAfter(this.plan, from);
    return addDays(from, (BIWEEKLY_DAYS - (daysBetween(this.firstShipDate, from) % BIWEEKLY_DAYS)) % BIWEEKLY_DAYS);
  }

  /** The ship date following `date`, strictly after it. */
  shipDateAfter(date: string): string {
    return this.shipDateOnOrAfter(addDays(date, 1));
  }

  /**
   * The first `count` ship dates whose cutoff is after `now`, after `lastShipDate` (the last delivery that
   * reached its cutoff or was charged at subscribe: a charged delivery is a cycle, not an open one).
   */
  openShipDates(now: Date, lastShipDate: string | null, count: number): string[] {
    const afterCutoff = addDays(seoulDateOf(now), this.plan.cutoffDays + 1);
    const dates: string[] = [];
    for (let date = this.shipDateOnOrAfter(lastShipDate ? later(afterCutoff, addDays(lastShipDate, 1)) : afterCutoff); dates.length < count;) {
      dates.push(date);
      date = this.shipDateAfter(date);
    }
    return dates;
  }
}

/** What of a subscription decides which open deliveries will be skipped. */
export interface SkipState {
  /** Ship date of the last delivery that reached its cutoff or was charged at subscribe. */
  lastShipDate: string | null;
  /** Ship dates the buyer skipped. */
  skippedShipDates: ReadonlySet<string>;
  /** While PAUSED: the day it becomes ACTIVE again. */
  resumeOn: string | null;
}

/** An open delivery as `upcomingDeliveries` shows it. */
export interface PlannedDelivery {
  shipDate: string;
  cutoffAt: Date;
  skipReason: SkipReason | null;
}

/**
 * The next `count` open deliveries, each with the reason it will not be charged: the buyer's skip (kept
 * after an early resume, so it comes first), or a cutoff before 00:00 KST on `resumeOn` while paused.
 */
export function upcomingDeliveries(schedule: DeliverySchedule, now: Date, state: SkipState, count: number): PlannedDelivery[] {
  const resumesAt = state.resumeOn ? resumeAt(state.resumeOn) : null;
  return schedule.openShipDates(now, state.lastShipDate, count).map((shipDate) => {
    const cutoffAt = schedule.cutoffAt(shipDate);
    const paused = resumesAt !== null && cutoffAt < resumesAt;
    const skipReason = state.skippedShipDates.has(shipDate) ? SkipReason.BUYER : paused ? SkipReason.PAUSED : null;
    return { shipDate, cutoffAt, skipReason };
  });
}

/** `setSubscriptionDeliverySkipped`: a ship date of the plan, after the last delivery, whose cutoff is ahead. */
export function assertSkippable(schedule: DeliverySchedule, shipDate: string, now: Date, lastShipDate: string | null): void {
  if (!schedule.isShipDate(shipDate)) throw BadUserInputError.field('shipDate', 'is not a ship date of this subscription');
  if ((lastShipDate !== null && shipDate <= lastShipDate) || schedule.cutoffAt(shipDate) <= now) {
    // A passed cutoff is a state, not a malformed argument (contract RULES §25: INVALID_STATE).
    throw new InvalidStateError(`The delivery of ${shipDate} is past its cutoff`);
  }
}

/** `pauseSubscription`: `resumeOn` after `today` and at most `maxPauseDays` ahead (docs/RULES.md §20: 90 by default). */
export function assertResumeOn(today: string, resumeOn: string, maxPauseDays: number): void {
  if (resumeOn <= today) throw BadUserInputError.field('resumeOn', 'must be after today');
  if (resumeOn > addDays(today, maxPauseDays)) throw BadUserInputError.field('resumeOn', `must be at most ${maxPauseDays} days ahead`);
}
