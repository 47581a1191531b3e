import fc from 'fast-check';
import { InvalidStateError } from '../../common/src/index.js';
import { SubscriptionInterval, Weekday } from '../../catalog/src/index.js';
import { DeliverySchedule, SkipReason, assertResumeOn, assertSkippable, upcomingDeliveries, type ShipPlan } from './delivery-schedule.js';
import { fieldErrorsOf } from '../../../test/support/field-errors.js';

const { WEEKLY, BIWEEKLY, MONTHLY } = SubscriptionInterval;
const kst = (local: string) => new Date(`${local}+09:00`);
const weekly = (shipWeekday = Weekday.TUESDAY, cutoffDays = 3): ShipPlan => ({ interval: WEEKLY, shipWeekday, shipDayOfMonth: null, cutoffDays });
const biweekly = (shipWeekday = Weekday.TUESDAY, cutoffDays = 3): ShipPlan => ({ interval: BIWEEKLY, shipWeekday, shipDayOfMonth: null, cutoffDays });
const monthly = (shipDayOfMonth = 15, cutoffDays = 3): ShipPlan => ({ interval: MONTHLY, shipWeekday: null, shipDayOfMonth, cutoffDays });

describe('the first delivery: the earliest ship date whose cutoff is after the subscribe instant (docs/RULES.md §20)', () => {
  it('RULES example: WEEKLY TUESDAY cutoff 3, subscribed Thu 2026-03-12 10:00 → ships Tue 03-17 (cutoff Sat 03-14 00:00); next charged Sat 03-21 for Tue 03-24', () => {
    const schedule = DeliverySchedule.subscribedAt(weekly(), kst('2026-03-12T10:00:00'));
    expect(schedule.firstShipDate).toBe('2026-03-17');
    expect(schedule.cutoffAt('2026-03-17')).toEqual(kst('2026-03-14T00:00:00'));
    const next = schedule.shipDateAfter('2026-03-17');
    expect(next).toBe('2026-03-24');
    expect(schedule.cutoffAt(next)).toEqual(kst('2026-03-21T00:00:00'));
  });

  it.each([
    ['WEEKLY TUE/3, one second before the cutoff', weekly(), '2026-03-13T23:59:59', '2026-03-17', '2026-03-14T00:00:00'],
    ['WEEKLY TUE/3, at the cutoff itself (not ahead any more)', weekly(), '2026-03-14T00:00:00', '2026-03-24', '2026-03-21T00:00:00'],
    ['WEEKLY TUE/3, on a Tuesday', weekly(), '2026-03-17T09:00:00', '2026-03-24', '2026-03-21T00:00:00'],
    ['WEEKLY FRI/1, Thursday evening', weekly(Weekday.FRIDAY, 1), '2026-03-12T23:00:00', '2026-03-20', '2026-03-19T00:00:00'],
    ['WEEKLY TUE/14, two weeks ahead', weekly(Weekday.TUESDAY, 14), '2026-03-02T08:00:00', '2026-03-17', '2026-03-03T00:00:00'],
    ['BIWEEKLY TUE/3 starts on the first Tuesday open, like WEEKLY', biweekly(), '2026-03-12T10:00:00', '2026-03-17', '2026-03-14T00:00:00'],
    ['MONTHLY 15/3, cutoff of the 15th passed this morning', monthly(), '2026-03-12T10:00:00', '2026-04-15', '2026-04-12T00:00:00'],
    ['MONTHLY 15/3, the evening before that cutoff', monthly(), '2026-03-11T23:00:00', '2026-03-15', '2026-03-12T00:00:00'],
    ['MONTHLY 1/3 on New Year’s Eve: January’s cutoff (12-29) is gone', monthly(1), '2026-12-31T22:00:00', '2027-02-01', '2027-01-29T00:00:00'],
    ['MONTHLY 28/1 in February', monthly(28, 1), '2026-02-26T10:00:00', '2026-02-28', '2026-02-27T00:00:00'],
    ['MONTHLY 28/1 at February’s cutoff', monthly(28, 1), '2026-02-27T00:00:00', '2026-03-28', '2026-03-27T00:00:00'],
  ])('%s', (_, plan, subscribedAt, shipDate, cutoffAt) => {
    const schedule = DeliverySchedule.subscribedAt(plan, kst(subscribedAt));
    expect(schedule.firstShipDate).toBe(shipDate);
    expect(schedule.cutoffAt(shipDate)).toEqual(kst(cutoffAt));
  });
});

describe('ship dates and cutoffs around month ends, February and the year end', () => {
  it('MONTHLY day 28 ships every month, February included, in common and leap years', () => {
    const run = (first: string, n: number) => {
      const schedule = DeliverySchedule.startingOn(monthly(28), first);
      const dates = [first];
      while (dates.length < n) dates.push(schedule.shipDateAfter(dates.at(-1)!));
      return dates;
    };
    expect(run('2026-01-28', 3)).toEqual(['2026-01-28', '2026-02-28', '2026-03-28']);
    expect(run('2028-01-28', 3)).toEqual(['2028-01-28', '2028-02-28', '2028-03-28']);
    expect(run('2026-11-28', 3)).toEqual(['2026-11-28', '2026-12-28', '2027-01-28']);
  });

  it('a cutoff early in the month falls in the month before, counting February’s real length', () => {
    expect(DeliverySchedule.startingOn(monthly(1), '2026-03-01').cutoffAt('2026-03-01')).toEqual(kst('2026-02-26T00:00:00'));
    expect(DeliverySchedule.startingOn(monthly(1), '2028-03-01').cutoffAt('2028-03-01')).toEqual(kst('2028-02-27T00:00:00'));
    expect(DeliverySchedule.startingOn(monthly(2, 14), '2026-03-02').cutoffAt('2026-03-02')).toEqual(kst('2026-02-16T00:00:00'));
    expect(DeliverySchedule.startingOn(monthly(1, 1), '2026-05-01').cutoffAt('2026-05-01')).toEqual(kst('2026-04-30T00:00:00'));
  });

  it('crosses the year end: weekly Tuesdays, a January ship date cut off in December, December to January', () => {
    const tuesdays = DeliverySchedule.startingOn(weekly(), '2026-12-22');
    expect(tuesdays.shipDateAfter('2026-12-29')).toBe('2027-01-05');
    expect(tuesdays.cutoffAt('2027-01-05')).toEqual(kst('2027-01-02T00:00:00'));
    expect(DeliverySchedule.startingOn(monthly(2), '2027-01-02').cutoffAt('2027-01-02')).toEqual(kst('2026-12-30T00:00:00'));
    expect(DeliverySchedule.startingOn(monthly(15), '2026-11-15').shipDateAfter('2026-12-15')).toBe('2027-01-15');
  });

  it('a ship date that is not a business day stays (only the dispatch deadline moves)', () => {
    // Tue 2026-05-05 is 어린이날, Sat 2026-03-21 a weekend day.
    expect(DeliverySchedule.startingOn(weekly(), '2026-04-28').shipDateAfter('2026-04-28')).toBe('2026-05-05');
    expect(DeliverySchedule.subscribedAt(weekly(Weekday.SATURDAY), kst('2026-03-16T12:00:00')).firstShipDate).toBe('2026-03-21');
  });
});

describe('BIWEEKLY parity: every second ship weekday from the first delivery', () => {
  const schedule = DeliverySchedule.startingOn(biweekly(), '2026-03-17');

  it('knows its own Tuesdays and not the others, nor any before the first', () => {
    expect(['2026-03-10', '2026-03-17', '2026-03-24', '2026-03-31', '2026-04-07', '2026-04-14'].map((d) => schedule.isShipDate(d))).toEqual([
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(schedule.shipDateOnOrAfter('2026-03-18')).toBe('2026-03-31');
    expect(schedule.shipDateOnOrAfter('2026-01-01')).toBe('2026-03-17');
  });

  it('keeps the parity across the year end', () => {
    const winter = DeliverySchedule.startingOn(biweekly(Weekday.MONDAY), '2026-12-21');
    expect(winter.shipDateAfter('2026-12-21')).toBe('2027-01-04');
    expect(winter.shipDateAfter('2027-01-04')).toBe('2027-01-18');
    expect(winter.isShipDate('2026-12-28')).toBe(false);
  });

  it('refuses a first ship date off the anchor', () => {
    expect(() => DeliverySchedule.startingOn(biweekly(), '2026-03-18')).toThrow(RangeError);
    expect(() => DeliverySchedule.startingOn(monthly(15), '2026-03-16')).toThrow(RangeError);
  });
});

describe('open deliveries: after the last charged one, cutoff still ahead', () => {
  const schedule = DeliverySchedule.startingOn(weekly(), '2026-03-17');

  it('after subscribe, the first delivery is a cycle already, so the open ones start a week later', () => {
    expect(schedule.openShipDates(kst('2026-03-12T10:00:00'), '2026-03-17', 3)).toEqual(['2026-03-24', '2026-03-31', '2026-04-07']);
  });

  it('a delivery whose cutoff was reached is not open, even before its job ran', () => {
    expect(schedule.openShipDates(kst('2026-03-21T00:00:00'), '2026-03-17', 2)).toEqual(['2026-03-31', '2026-04-07']);
    expect(schedule.openShipDates(kst('2026-03-20T23:59:59'), '2026-03-17', 1)).toEqual(['2026-03-24']);
  });
});

describe('skip and pause (docs/RULES.md §20)', () => {
  const schedule = DeliverySchedule.startingOn(weekly(), '2026-03-17');
  const now = kst('2026-03-12T12:00:00');
  const reasons = (state: { skipped?: string[]; resumeOn?: string }) =>
    upcomingDeliveries(schedule, now, { lastShipDate: '2026-03-17', skippedShipDates: new Set(state.skipped ?? []), resumeOn: state.resumeOn ?? null }, 4).map(
      (delivery) => [delivery.shipDate, delivery.skipReason],
    );

  it('pausing skips every delivery whose cutoff is before 00:00 KST on resumeOn; later ones are charged', () => {
    expect(reasons({ resumeOn: '2026-04-01' })).toEqual([
      ['2026-03-24', SkipReason.PAUSED],
      ['2026-03-31', SkipReason.PAUSED],
      ['2026-04-07', null],
      ['2026-04-14', null],
    ]);
  });

  it('a cutoff at 00:00 KST on resumeOn is charged: the resume runs first', () => {
    expect(reasons({ resumeOn: '2026-04-04' })).toEqual([
      ['2026-03-24', SkipReason.PAUSED],
      ['2026-03-31', SkipReason.PAUSED],
      ['2026-04-07', null],
      ['2026-04-14', null],
    ]);
    expect(reasons({ resumeOn: '2026-04-05' })[2]).toEqual(['2026-04-07', SkipReason.PAUSED]);
  });

  it("the buyer's skip shows as BUYER, inside a pause too; the sequence itself never changes", () => {
    expect(reasons({ skipped: ['2026-03-24', '2026-04-14'], resumeOn: '2026-03-22' })).toEqual([
      ['2026-03-24', SkipReason.BUYER],
      ['2026-03-31', null],
      ['2026-04-07', null],
      ['2026-04-14', SkipReason.BUYER],
    ]);
    expect(upcomingDeliveries(schedule, now, { lastShipDate: '2026-03-17', skippedShipDates: new Set(), resumeOn: null }, 2)).toEqual([
      { shipDate: '2026-03-24', cutoffAt: kst('2026-03-21T00:00:00'), skipReason: null },
      { shipDate: '2026-03-31', cutoffAt: kst('2026-03-28T00:00:00'), skipReason: null },
    ]);
  });

  it('a skip needs a ship date of the plan whose cutoff is ahead, after the last charged delivery', () => {
    expect(() => assertSkippable(schedule, '2026-03-24', now, '2026-03-17')).not.toThrow();
    expect(fieldErrorsOf(() => assertSkippable(schedule, '2026-03-25', now, '2026-03-17'))).toEqual([
      { field: 'shipDate', message: 'is not a ship date of this subscription' },
    ]);
    expect(() => assertSkippable(schedule, '2026-03-17', now, '2026-03-17')).toThrow(InvalidStateError);
    expect(() => assertSkippable(schedule, '2026-03-24', kst('2026-03-21T00:00:00'), '2026-03-17')).toThrow('The delivery of 2026-03-24 is past its cutoff');
  });

  it('resumeOn is after today and at most 90 days ahead', () => {
    expect(fieldErrorsOf(() => assertResumeOn('2026-03-12', '2026-03-12', 90))).toEqual([{ field: 'resumeOn', message: 'must be after today' }]);
    expect(() => assertResumeOn('2026-03-12', '2026-03-13', 90)).not.toThrow();
    expect(() => assertResumeOn('2026-03-12', '2026-06-10', 90)).not.toThrow();
    expect(fieldErrorsOf(() => assertResumeOn('2026-03-12', '2026-06-11', 90))).toEqual([{ field: 'resumeOn', message: 'must be at most 90 days ahead' }]);
  });
});

describe('properties of every schedule', () => {
  const WEEKDAYS = [Weekday.SUNDAY, Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY, Weekday.SATURDAY];
  const plans = fc.oneof(
    fc.record({
      interval: fc.constantFrom(WEEKLY, BIWEEKLY),
      shipWeekday: fc.constantFrom(...WEEKDAYS),
      shipDayOfMonth: fc.constant(null),
      cutoffDays: fc.integer({ min: 1, max: 14 }),
    }),
    fc.record({
      interval: fc.constant(MONTHLY),
      shipWeekday: fc.constant(null),
      shipDayOfMonth: fc.integer({ min: 1, max: 28 }),
      cutoffDays: fc.integer({ min: 1, max: 14 }),
    }),
  );
  const instants = fc.integer({ min: Date.parse('2025-01-01T00:00:00+09:00'), max: Date.parse('2031-01-01T00:00:00+09:00') }).map((ms) => new Date(ms));

  // Independent of the code under test: plain UTC-date arithmetic and KST = UTC+9.
  const DAY = 86_400_000;
  const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
  const dateOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
  const kstDayNumber = (instant: Date) => Math.floor((instant.getTime() + 9 * 3600_000) / DAY);
  const cutoffOf = (date: string, days: number) => new Date((dayNumber(date) - days) * DAY - 9 * 3600_000);
  const onAnchor = (plan: ShipPlan, date: string) =>
    plan.interval === MONTHLY ? Number(date.slice(8)) === plan.shipDayOfMonth : WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] === plan.shipWeekday;

  it('open ship dates rise strictly, each cut off cutoffDays before at 00:00 KST and after now; no ship date is skipped or doubled', () => {
    fc.assert(
      fc.property(plans, instants, fc.integer({ min: 1, max: 30 }), (plan, now, count) => {
        const schedule = DeliverySchedule.subscribedAt(plan, now);
        const dates = schedule.openShipDates(now, null, count);
        expect(dates).toHaveLength(count);
        expect(dates[0]).toBe(schedule.firstShipDate);
        for (const [i, date] of dates.entries()) {
          expect(schedule.cutoffAt(date)).toEqual(cutoffOf(date, plan.cutoffDays));
          expect(schedule.cutoffAt(date).getTime()).toBeGreaterThan(now.getTime());
          if (i > 0) expect(date > dates[i - 1]).toBe(true);
        }
        // Day by day from today: exactly the anchor days (every second one for BIWEEKLY) whose cutoff is after now.
        const expected: string[] = [];
        for (let n = kstDayNumber(now); n <= dayNumber(dates.at(-1)!); n++) {
          const date = dateOf(n);
          if (!onAnchor(plan, date) || cutoffOf(date, plan.cutoffDays) <= now) continue;
          if (plan.interval === BIWEEKLY && expected.length && (n - dayNumber(expected[0])) % 14 !== 0) continue;
          expected.push(date);
        }
        expect(dates).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('later open deliveries continue the same sequence after the last charged one', () => {
    fc.assert(
      fc.property(plans, instants, fc.integer({ min: 0, max: 400 }), (plan, subscribedAt, daysLater) => {
        const schedule = DeliverySchedule.subscribedAt(plan, subscribedAt);
        const now = new Date(subscribedAt.getTime() + daysLater * DAY);
        const all = schedule.openShipDates(subscribedAt, null, 80);
        const charged = all.filter((date) => schedule.cutoffAt(date) <= now);
        const last = charged.at(-1) ?? schedule.firstShipDate;
        const open = schedule.openShipDates(now, last, 3);
        expect(open).toEqual(all.filter((date) => date > last && schedule.cutoffAt(date) > now).slice(0, 3));
        expect(open.every((date) => schedule.isShipDate(date))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
