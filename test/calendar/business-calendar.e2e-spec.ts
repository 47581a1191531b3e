import { DataSource } from 'typeorm';
import { BusinessCalendarService } from '../../libs/calendar/src/index.js';
import { RequestContext } from '../../libs/common/src/index.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const NON_BUSINESS_DAYS = `query($year: Int!) { nonBusinessDays(year: $year) { date name } }`;
const SET_NON_BUSINESS_DAYS = `mutation($year: Int!, $days: [NonBusinessDayInput!]!) { setNonBusinessDays(year: $year, days: $days) { date name } }`;

describe('business calendar (docs/RULES.md §14)', () => {
  let t: TestApp;
  let operator: string;
  let calendar: BusinessCalendarService;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    calendar = t.app.get(BusinessCalendarService);
  });
  afterAll(() => t.close());

  const deadline = (paidAt: string, n: number) => calendar.deadlineAfter(RequestContext.system(), new Date(paidAt), n);

  it('seeds a year from the official gazette on first use: weekday holidays only, substitutes included', async () => {
    const { nonBusinessDays } = await t.ok(NON_BUSINESS_DAYS, { year: 2027 });
    const dates = nonBusinessDays.map((day: { date: string }) => day.date);
    expect(nonBusinessDays).toContainEqual({ date: '2027-02-08', name: '설날 다음 날' });
    expect(dates).toContain('2027-09-15');
    // 2027-03-01 is a Monday; 2027-08-15 (광복절) is a Sunday and closes nothing more, its substitute does.
    expect(dates).toContain('2027-03-01');
    expect(dates).not.toContain('2027-08-15');
    expect(dates).toContain('2027-08-16');
    expect(dates).toEqual([...dates].sort());
  });

  it('counts the N-th business day strictly after the KST payment date: the §14 example', async () => {
    await t.ok(SET_NON_BUSINESS_DAYS, { year: 2026, days: [] }, operator);
    expect((await deadline('2026-03-13T15:00:00+09:00', 3)).toISOString()).toBe('2026-03-18T15:00:00.000Z');
    // 00:30 on Saturday in Seoul is still Friday in UTC: counted from the Seoul date, Saturday.
    expect((await deadline('2026-03-13T15:30:00Z', 3)).toISOString()).toBe('2026-03-18T15:00:00.000Z');
    expect((await deadline('2026-03-13T14:30:00Z', 1)).toISOString()).toBe('2026-03-16T15:00:00.000Z');

    await t.ok(SET_NON_BUSINESS_DAYS, { year: 2026, days: [{ date: '2026-03-17', name: '임시공휴일' }] }, operator);
    expect((await deadline('2026-03-13T15:00:00+09:00', 3)).toISOString()).toBe('2026-03-19T15:00:00.000Z');
  });

  it('lets operators replace a year whole, and every later deadline follows the new list', async () => {
    const days = [
      { date: '2028-01-03', name: '택배 없는 날' },
      { date: '2028-01-04', name: '  임시공휴일 ' },
    ];
    const { setNonBusinessDays } = await t.ok(SET_NON_BUSINESS_DAYS, { year: 2028, days }, operator);
    expect(setNonBusinessDays).toEqual([
      { date: '2028-01-03', name: '택배 없는 날' },
      { date: '2028-01-04', name: '임시공휴일' },
    ]);
    expect((await t.ok(NON_BUSINESS_DAYS, { year: 2028 })).nonBusinessDays).toEqual(setNonBusinessDays);
    // Fri 2027-12-31 + 1 business day: Mon 3 and Tue 4 are closed → Wed 5.
    expect((await deadline('2027-12-31T10:00:00+09:00', 1)).toISOString()).toBe('2028-01-05T15:00:00.000Z');

    await t.ok(SET_NON_BUSINESS_DAYS, { year: 2028, days: [] }, operator);
    expect((await t.ok(NON_BUSINESS_DAYS, { year: 2028 })).nonBusinessDays).toEqual([]);
    expect((await deadline('2027-12-31T10:00:00+09:00', 1)).toISOString()).toBe('2028-01-03T15:00:00.000Z');
  });

  it('reaches past a closure longer than its first window', async () => {
    const closed = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2029, 0, 2 + i)).toISOString().slice(0, 10));
    await t.ok(SET_NON_BUSINESS_DAYS, { year: 2029, days: closed.map((date) => ({ date, name: '휴무' })) }, operator);
    // Closed from Jan 2 through Feb 10 (a Saturday): the first business day after Jan 1 is Mon Feb 12.
    expect(await calendar.nthBusinessDayAfter(RequestContext.system(), '2029-01-01', 1)).toBe('2029-02-12');
  });

  it('refuses days outside the year, duplicates, blank names and years out of range, naming the field', async () => {
    const outside = await t.gql(SET_NON_BUSINESS_DAYS, { year: 2026, days: [{ date: '2027-01-01', name: '설날' }] }, operator);
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'days[0].date' }] });
    const twice = await t.gql(
      SET_NON_BUSINESS_DAYS,
      {
        year: 2026,
        days: [
          { date: '2026-05-05', name: 'a' },
          { date: '2026-05-05', name: 'b' },
        ],
      },
      operator,
    );
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'days[1].date' }] });
    const blank = await t.gql(SET_NON_BUSINESS_DAYS, { year: 2026, days: [{ date: '2026-05-05', name: '  ' }] }, operator);
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'days[0].name' }] });
    const early = await t.gql(NON_BUSINESS_DAYS, { year: 1999 });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'year' }] });
    // Nothing of a refused list was written.
    expect((await t.ok(NON_BUSINESS_DAYS, { year: 2026 })).nonBusinessDays).toEqual([{ date: '2026-03-17', name: '임시공휴일' }]);
  });

  it('lets only operators change the calendar', async () => {
    const buyer = await signUp(t);
    const refused = await t.gql(SET_NON_BUSINESS_DAYS, { year: 2026, days: [] }, buyer.token);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('seeds a year once however many requests ask for it at the same moment', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => t.gql(NON_BUSINESS_DAYS, { year: 2025 })));
    expect(answers.map((answer) => answer.errors)).toEqual(answers.map(() => undefined));
    const lists = new Set(answers.map((answer) => JSON.stringify(answer.data)));
    expect(lists.size).toBe(1);
    expect(answers[0].data!.nonBusinessDays).toContainEqual({ date: '2025-10-06', name: '추석' });
    const [{ count }] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM non_business_day WHERE date BETWEEN '2025-01-01' AND '2025-12-31'`);
    expect(count).toBe(answers[0].data!.nonBusinessDays.length);
  });

  it('counts weekends only for a year the gazette does not know yet, without settling it', async () => {
    expect((await t.ok(NON_BUSINESS_DAYS, { year: 2099 })).nonBusinessDays).toEqual([]);
    const [{ count }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS count FROM business_calendar_year WHERE year = 2099`);
    expect(count).toBe(0);
  });
});
