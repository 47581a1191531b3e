import { addDays, endOfSeoulDay, isWeekend, seoulDateOf, startOfSeoulDay } from './seoul-calendar.js';

describe('Seoul calendar', () => {
  it('takes the date in Seoul (UTC+9): 15:00 UTC is already the next day', () => {
    expect(seoulDateOf(new Date('2026-11-22T14:59:59.999Z'))).toBe('2026-11-22');
    expect(seoulDateOf(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-23');
    expect(seoulDateOf(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });

  it('ends day D at D+1 00:00 in Seoul, across a month and a year', () => {
    expect(endOfSeoulDay('2026-11-30').toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(endOfSeoulDay('2026-12-31').toISOString()).toBe('2026-12-31T15:00:00.000Z');
    expect(seoulDateOf(endOfSeoulDay('2026-02-28'))).toBe('2026-03-01');
  });

  it('starts day D at 00:00 in Seoul, the end of the day before', () => {
    expect(startOfSeoulDay('2026-03-14').toISOString()).toBe('2026-03-13T15:00:00.000Z');
    expect(startOfSeoulDay('2027-01-01').getTime()).toBe(endOfSeoulDay('2026-12-31').getTime());
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-13', 0)).toBe('2026-03-13');
  });

  it('knows weekends', () => {
    expect(['2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16'].map(isWeekend)).toEqual([false, true, true, false]);
  });
});
