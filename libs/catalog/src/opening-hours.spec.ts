import { openingHoursProblems } from './opening-hours.js';
import { Weekday } from './weekday.js';

const { MONDAY, TUESDAY } = Weekday;
const open = (date: string, opensAt: string | null, closesAt: string | null) => ({ date, closed: false, opensAt, closesAt });

describe('openingHoursProblems', () => {
  it('accepts ordered, non-overlapping hours (touching ranges and 24:00 included)', () => {
    expect(
      openingHoursProblems(
        [
          { weekday: MONDAY, opensAt: '13:00', closesAt: '24:00' },
          { weekday: MONDAY, opensAt: '09:00', closesAt: '13:00' },
          { weekday: TUESDAY, opensAt: '09:00', closesAt: '18:00' },
        ],
        [{ date: '2026-12-25', closed: true, opensAt: null, closesAt: null }, open('2026-12-24', '10:00', '15:00')],
      ),
    ).toEqual([]);
  });

  it('names the field of a malformed time, a closing not after opening, and 24:00 as an opening', () => {
    expect(
      openingHoursProblems(
        [
          { weekday: MONDAY, opensAt: '9:00', closesAt: '12:00' },
          { weekday: TUESDAY, opensAt: '12:00', closesAt: '12:00' },
          { weekday: TUESDAY, opensAt: '24:00', closesAt: '24:00' },
          { weekday: MONDAY, opensAt: '18:00', closesAt: '25:00' },
        ],
        [],
      ).map((p) => p.field),
    ).toEqual(['weeklyHours[0].opensAt', 'weeklyHours[1].closesAt', 'weeklyHours[2].opensAt', 'weeklyHours[3].closesAt']);
  });

  it('refuses overlapping hours on one weekday', () => {
    expect(
      openingHoursProblems(
        [
          { weekday: MONDAY, opensAt: '09:00', closesAt: '13:00' },
          { weekday: MONDAY, opensAt: '12:00', closesAt: '18:00' },
        ],
        [],
      ),
    ).toEqual([{ field: 'weeklyHours[1]', message: 'overlaps other opening hours on MONDAY' }]);
    const insideALongDay = [
      { weekday: MONDAY, opensAt: '09:00', closesAt: '18:00' },
      { weekday: MONDAY, opensAt: '10:00', closesAt: '11:00' },
      { weekday: MONDAY, opensAt: '12:00', closesAt: '13:00' },
    ];
    expect(openingHoursProblems(insideALongDay, []).map((p) => p.field)).toEqual(['weeklyHours[1]', 'weeklyHours[2]']);
  });

  it('closed days carry no hours, open exceptions need both, and a date appears once', () => {
    expect(openingHoursProblems([], [{ date: '2026-12-25', closed: true, opensAt: '10:00', closesAt: null }]).map((p) => p.field)).toEqual([
      'exceptions[0].opensAt',
    ]);
    expect(openingHoursProblems([], [open('2026-12-24', '10:00', null)]).map((p) => p.field)).toEqual(['exceptions[0].opensAt']);
    expect(openingHoursProblems([], [open('2026-12-24', '10:00', '09:00')]).map((p) => p.field)).toEqual(['exceptions[0].closesAt']);
    expect(openingHoursProblems([], [open('2026-12-24', '10:00', '11:00'), { date: '2026-12-24', closed: true, opensAt: null, closesAt: null }])).toEqual([
      { field: 'exceptions[1].date', message: '2026-12-24 is listed twice' },
    ]);
  });
});
