import { ESTIMATED_SLOTS_PER_DAY, estimatedSlotCount, slotsBetween, withRemainingCapacity, type SlotSchedule } from './slots.js';
import { Weekday } from './weekday.js';

const { MONDAY, TUESDAY, SATURDAY, SUNDAY } = Weekday;

function schedule(overrides: Partial<SlotSchedule> = {}): SlotSchedule {
  return {
    timezone: 'Asia/Seoul',
    weeklyHours: [{ weekday: MONDAY, opensAt: '09:00', closesAt: '12:00' }],
    exceptions: [],
    durationMinutes: 60,
    intervalMinutes: 60,
    ...overrides,
  };
}

const iso = (slots: Array<{ startsAt: Date }>) => slots.map((slot) => slot.startsAt.toISOString());
const at = (text: string) => new Date(text);
// 2026-11-23 is a Monday.
const MONDAY_IN_SEOUL = [at('2026-11-23T00:00:00+09:00'), at('2026-11-24T00:00:00+09:00')] as const;

describe('slotsBetween', () => {
  it('places wall-clock opening hours in Asia/Seoul (UTC+9) and lasts durationMinutes', () => {
    const slots = slotsBetween(schedule(), ...MONDAY_IN_SEOUL);
    expect(iso(slots)).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-23T01:00:00.000Z', '2026-11-23T02:00:00.000Z']);
    expect(slots[2].endsAt.toISOString()).toBe('2026-11-23T03:00:00.000Z');
  });

  it('offers a slot that ends exactly at closing time, but none that would end after it', () => {
    expect(iso(slotsBetween(schedule({ weeklyHours: [{ weekday: MONDAY, opensAt: '09:00', closesAt: '11:30' }] }), ...MONDAY_IN_SEOUL))).toEqual([
      '2026-11-23T00:00:00.000Z',
      '2026-11-23T01:00:00.000Z',
    ]);
    expect(slotsBetween(schedule({ weeklyHours: [{ weekday: MONDAY, opensAt: '09:00', closesAt: '09:59' }] }), ...MONDAY_IN_SEOUL)).toEqual([]);
  });

  it('starts a slot every intervalMinutes when that differs from the duration (overlapping slots)', () => {
    const slots = slotsBetween(schedule({ durationMinutes: 90, intervalMinutes: 30 }), ...MONDAY_IN_SEOUL);
    expect(iso(slots)).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-23T00:30:00.000Z', '2026-11-23T01:00:00.000Z', '2026-11-23T01:30:00.000Z']);
    expect(slots.at(-1)!.endsAt.toISOString()).toBe('2026-11-23T03:00:00.000Z');
  });

  it('leaves gaps when the interval is longer than the duration', () => {
    expect(iso(slotsBetween(schedule({ durationMinutes: 30, intervalMinutes: 90 }), ...MONDAY_IN_SEOUL))).toEqual([
      '2026-11-23T00:00:00.000Z',
      '2026-11-23T01:30:00.000Z',
    ]);
  });

  it('uses every range of a split day, and only the weekdays that have hours', () => {
    const split = schedule({
      weeklyHours: [
        { weekday: TUESDAY, opensAt: '14:00', closesAt: '16:00' },
        { weekday: TUESDAY, opensAt: '10:00', closesAt: '11:00' },
      ],
    });
    expect(iso(slotsBetween(split, at('2026-11-23T00:00:00+09:00'), at('2026-11-30T00:00:00+09:00')))).toEqual([
      '2026-11-24T01:00:00.000Z',
      '2026-11-24T05:00:00.000Z',
      '2026-11-24T06:00:00.000Z',
    ]);
  });

  it('closes at midnight with 24:00', () => {
    expect(iso(slotsBetween(schedule({ weeklyHours: [{ weekday: MONDAY, opensAt: '22:00', closesAt: '24:00' }] }), ...MONDAY_IN_SEOUL))).toEqual([
      '2026-11-23T13:00:00.000Z',
      '2026-11-23T14:00:00.000Z',
    ]);
  });

  it('returns the slots starting in [from, to): from included, to excluded', () => {
    const slots = slotsBetween(schedule(), at('2026-11-23T01:00:00Z'), at('2026-11-23T02:00:00Z'));
    expect(iso(slots)).toEqual(['2026-11-23T01:00:00.000Z']);
  });

  it('reads dates in the listing time zone, not in UTC', () => {
    // Monday 09:00 in Seoul is Monday 00:00 UTC; a range given in UTC from Sunday 20:00 still finds it.
    expect(iso(slotsBetween(schedule(), at('2026-11-22T20:00:00Z'), at('2026-11-23T01:00:00Z')))).toEqual(['2026-11-23T00:00:00.000Z']);
  });

  describe('exceptions', () => {
    const week = [at('2026-11-23T00:00:00+09:00'), at('2026-12-01T00:00:00+09:00')] as const;

    it('a closed date has no slots; the same weekday a week later keeps its hours', () => {
      const slots = slotsBetween(schedule({ exceptions: [{ date: '2026-11-23', closed: true, opensAt: null, closesAt: null }] }), ...week);
      expect(iso(slots)).toEqual(['2026-11-30T00:00:00.000Z', '2026-11-30T01:00:00.000Z', '2026-11-30T02:00:00.000Z']);
    });

    it('special hours replace the weekly hours of that date, also on a day normally closed', () => {
      const slots = slotsBetween(
        schedule({
          exceptions: [
            { date: '2026-11-23', closed: false, opensAt: '13:00', closesAt: '14:00' },
            { date: '2026-11-28', closed: false, opensAt: '10:00', closesAt: '11:00' },
          ],
        }),
        at('2026-11-23T00:00:00+09:00'),
        at('2026-11-29T00:00:00+09:00'),
      );
      expect(iso(slots)).toEqual(['2026-11-23T04:00:00.000Z', '2026-11-28T01:00:00.000Z']);
    });
  });

  describe('in a zone with daylight saving time (America/New_York)', () => {
    const newYork = (weeklyHours: SlotSchedule['weeklyHours']) => schedule({ timezone: 'America/New_York', weeklyHours });

    it('keeps 09:00 on the wall clock across the spring change: 14:00Z before, 13:00Z after', () => {
      const slots = slotsBetween(
        newYork([SATURDAY, SUNDAY].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '10:00' }))),
        at('2026-03-07T00:00:00Z'),
        at('2026-03-09T00:00:00Z'),
      );
      expect(iso(slots)).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z']);
    });

    it('on the spring-forward night, 00:00–04:00 is three real hours: three one-hour slots', () => {
      const slots = slotsBetween(newYork([{ weekday: SUNDAY, opensAt: '00:00', closesAt: '04:00' }]), at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'));
      expect(iso(slots)).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z']);
      expect(slots.every((slot) => slot.endsAt.getTime() - slot.startsAt.getTime() === 3_600_000)).toBe(true);
    });

    it('on the fall-back night, 00:00–04:00 is five real hours: five one-hour slots', () => {
      const slots = slotsBetween(newYork([{ weekday: SUNDAY, opensAt: '00:00', closesAt: '04:00' }]), at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'));
      expect(iso(slots)).toEqual([
        '2026-11-01T04:00:00.000Z',
        '2026-11-01T05:00:00.000Z',
        '2026-11-01T06:00:00.000Z',
        '2026-11-01T07:00:00.000Z',
        '2026-11-01T08:00:00.000Z',
      ]);
    });
  });
});

describe('withRemainingCapacity', () => {
  const slots = slotsBetween(schedule(), ...MONDAY_IN_SEOUL);

  it('subtracts the seats of everything overlapping a slot and drops full slots', () => {
    const taken = [
      { startsAt: at('2026-11-23T00:00:00Z'), endsAt: at('2026-11-23T01:00:00Z'), seats: 2 },
      { startsAt: at('2026-11-23T00:30:00Z'), endsAt: at('2026-11-23T01:30:00Z'), seats: 1 },
    ];
    expect(withRemainingCapacity(slots, 3, taken).map((slot) => [slot.startsAt.toISOString(), slot.remainingCapacity])).toEqual([
      ['2026-11-23T01:00:00.000Z', 2],
      ['2026-11-23T02:00:00.000Z', 3],
    ]);
  });

  it('a reservation touching a slot only at its edge does not overlap it', () => {
    const taken = [{ startsAt: at('2026-11-23T01:00:00Z'), endsAt: at('2026-11-23T02:00:00Z'), seats: 1 }];
    expect(withRemainingCapacity(slots, 1, taken).map((slot) => slot.startsAt.toISOString())).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-23T02:00:00.000Z']);
  });
});

describe('estimatedSlotCount (the price of availableSlots before it runs)', () => {
  const DAY = 86_400_000;
  const from = at('2026-11-23T00:00:00+09:00');
  const after = (ms: number) => new Date(from.getTime() + ms);

  it('is the begun days of the range × ESTIMATED_SLOTS_PER_DAY', () => {
    expect(estimatedSlotCount(from, after(DAY))).toBe(ESTIMATED_SLOTS_PER_DAY);
    expect(estimatedSlotCount(from, after(7 * DAY))).toBe(7 * ESTIMATED_SLOTS_PER_DAY);
    expect(estimatedSlotCount(from, after(7 * DAY + 1))).toBe(8 * ESTIMATED_SLOTS_PER_DAY);
  });

  it('prices a range the service refuses as the longest one allowed, or as one day when reversed', () => {
    expect(estimatedSlotCount(from, after(400 * DAY))).toBe(62 * ESTIMATED_SLOTS_PER_DAY);
    expect(estimatedSlotCount(from, new Date(Number.NaN))).toBe(62 * ESTIMATED_SLOTS_PER_DAY);
    expect(estimatedSlotCount(from, after(-DAY))).toBe(ESTIMATED_SLOTS_PER_DAY);
  });
});

describe('slotsBetween with a deadline', () => {
  it('asks before each day, so a throw stops the work', () => {
    let days = 0;
    const stopOnThird = () => {
      if (++days === 3) throw new Error('late');
    };
    expect(() => slotsBetween(schedule(), at('2026-11-23T00:00:00+09:00'), at('2026-12-23T00:00:00+09:00'), stopOnThird)).toThrow('late');
    expect(days).toBe(3);
  });
});
