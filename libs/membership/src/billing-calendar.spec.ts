import { anchorDayOf, daysBetween, daysInPeriod, nextPeriodStart } from './billing-calendar.js';

describe('billing calendar', () => {
  it('counts days across months, years and leap days', () => {
    expect(daysBetween('2026-11-23', '2026-12-23')).toBe(30);
    expect(daysBetween('2026-12-23', '2026-11-23')).toBe(-30);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  });

  it('a monthly period ends the day before the same day next month', () => {
    expect(nextPeriodStart('2026-11-23', 'MONTHLY', 23)).toBe('2026-12-23');
    expect(nextPeriodStart('2026-12-23', 'MONTHLY', 23)).toBe('2027-01-23');
    expect(daysInPeriod('2026-11-23', 'MONTHLY', 23)).toBe(30);
    expect(daysInPeriod('2026-12-23', 'MONTHLY', 23)).toBe(31);
  });

  it('clamps to the end of shorter months and returns to the anchor day afterwards', () => {
    const starts = ['2027-01-31'];
    for (let i = 0; i < 4; i++) starts.push(nextPeriodStart(starts.at(-1)!, 'MONTHLY', 31));
    expect(starts).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
    expect(nextPeriodStart('2028-01-30', 'MONTHLY', 30)).toBe('2028-02-29');
    expect(daysInPeriod('2027-01-31', 'MONTHLY', 31)).toBe(28);
  });

  it('a yearly period runs to the same date next year; Feb 29 becomes Feb 28 and comes back in leap years', () => {
    expect(nextPeriodStart('2026-11-23', 'YEARLY', 23)).toBe('2027-11-23');
    expect(nextPeriodStart('2028-02-29', 'YEARLY', 29)).toBe('2029-02-28');
    expect(nextPeriodStart('2031-02-28', 'YEARLY', 29)).toBe('2032-02-29');
    expect(daysInPeriod('2027-03-01', 'YEARLY', 1)).toBe(366);
    expect(anchorDayOf('2028-02-29')).toBe(29);
  });
});
