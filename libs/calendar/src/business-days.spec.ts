import fc from 'fast-check';
import { addDays, endOfSeoulDay, isWeekend, seoulDateOf } from '../../common/src/index.js';
import { BusinessDays } from './business-days.js';

/** The dates from `from` to `to`, both included. */
function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

const calendar = (closed: string[] = [], knownThrough = '2030-12-31') => new BusinessDays(new Set(closed), knownThrough);

describe('business days (docs/RULES.md §14)', () => {
  it('counts strictly after the KST date: paid Fri 2026-03-13, N = 3 → Wed 18, deadline 19 00:00 KST', () => {
    const paidAt = new Date('2026-03-13T15:00:00+09:00');
    const third = calendar().nthBusinessDayAfter(seoulDateOf(paidAt), 3);
    expect(third).toBe('2026-03-18');
    expect(endOfSeoulDay(third).toISOString()).toBe('2026-03-18T15:00:00.000Z');
  });

  it('skips a listed non-business day: with 2026-03-17 closed the deadline is 2026-03-20 00:00 KST', () => {
    const third = calendar(['2026-03-17']).nthBusinessDayAfter('2026-03-13', 3);
    expect(third).toBe('2026-03-19');
    expect(endOfSeoulDay(third).toISOString()).toBe('2026-03-19T15:00:00.000Z');
  });

  it('reads the KST date of an instant, not the UTC one', () => {
    expect(seoulDateOf(new Date('2026-03-13T14:59:59Z'))).toBe('2026-03-13');
    expect(seoulDateOf(new Date('2026-03-13T15:00:00Z'))).toBe('2026-03-14');
  });

  it('counts from a weekend or holiday as from any date', () => {
    expect(calendar().nthBusinessDayAfter('2026-03-14', 1)).toBe('2026-03-16');
    expect(calendar(['2026-09-24', '2026-09-25']).nthBusinessDayAfter('2026-09-23', 1)).toBe('2026-09-28');
  });

  it('gives the date itself or the next business day', () => {
    const days = calendar(['2027-06-15']);
    expect(days.businessDayOnOrAfter('2027-06-14')).toBe('2027-06-14');
    expect(days.businessDayOnOrAfter('2027-06-15')).toBe('2027-06-16');
    expect(days.businessDayOnOrAfter('2027-05-15')).toBe('2027-05-17');
  });

  it('refuses to answer beyond the dates it knows, and a count below 1', () => {
    expect(() => calendar([], '2026-03-17').nthBusinessDayAfter('2026-03-13', 3)).toThrow(RangeError);
    expect(() => calendar().nthBusinessDayAfter('2026-03-13', 0)).toThrow(RangeError);
  });

  it('property: the answer is a business day, after the date, with exactly N business days up to it', () => {
    const date = fc.integer({ min: 0, max: 3000 }).map((offset) => addDays('2026-01-01', offset));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 14 }), fc.array(date, { maxLength: 40 }), (from, n, closed) => {
        const days = calendar(closed, '2040-12-31');
        const answer = days.nthBusinessDayAfter(from, n);
        expect(answer > from).toBe(true);
        expect(days.isBusinessDay(answer)).toBe(true);
        const counted = datesBetween(addDays(from, 1), answer).filter((d) => !isWeekend(d) && !closed.includes(d));
        expect(counted).toHaveLength(n);
      }),
    );
  });
});
