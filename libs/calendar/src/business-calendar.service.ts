import { Injectable, Logger } from '@nestjs/common';
import { BadUserInputError, ClockService, RequestContext, TransactionalConnection, addDays, endOfSeoulDay, seoulDateOf } from '../../common/src/index.js';
import { BusinessDays } from './business-days.js';
import { gazetteHolidays, type ClosedDay } from './gazette-holidays.js';
import { BusinessCalendarYear, NonBusinessDay } from './non-business-day.entity.js';

export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * The business calendar (docs/RULES.md §14): which days are closed, and the one place every deadline in
 * Dure is computed. A year's list is seeded from the official gazette the first time any code needs it,
 * and replaced whole by operators; a change affects deadlines computed afterwards, never stored ones.
 */
@Injectable()
export class BusinessCalendarService {
  private readonly logger = new Logger(BusinessCalendarService.name);
  /** Years known to have a settled list; a year never becomes unsettled, so this only grows. */
  private readonly settledYears = new Set<number>();

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  async nonBusinessDays(ctx: RequestContext, year: number): Promise<NonBusinessDay[]> {
    assertCalendarYear(year);
    await this.settle(ctx, [year]);
    return this.closedDays(ctx, `${year}-01-01`, `${year}-12-31`);
  }

  /** Replaces `year`'s list with `days` (operators). */
  async setNonBusinessDays(ctx: RequestContext, year: number, days: ClosedDay[]): Promise<NonBusinessDay[]> {
    assertCalendarYear(year);
    if (days.length > 366) throw BadUserInputError.field('days', 'must list at most 366 days');
    days = days.map((day) => ({ date: day.date, name: day.name.trim() }));
    // A list argument is not validated by the input pipe, so each day is checked here.
    const problems = days.flatMap((day, index) => {
      if (day.name.length < 1 || day.name.length > 100) return [{ field: `days[${index}].name`, message: 'must be 1–100 characters' }];
      if (yearOf(day.date) !== year) return [{ field: `days[${index}].date`, message: `must be a date in ${year}` }];
      if (days.findIndex((other) => other.date === day.date) !== index) return [{ field: `days[${index}].date`, message: 'is listed twice' }];
      return [];
    });
    if (problems.length) throw new BadUserInputError(problems);
    const manager = this.connection.manager(ctx);
    // The year's row is the lock that orders two operators replacing the same year.
    await manager.query(
      `INSERT INTO business_calendar_year (year, source, updated_at) VALUES ($1, 'OPERATOR', $2)
       ON CONFLICT (year) DO UPDATE SET source = 'OPERATOR', updated_at = EXCLUDED.updated_at`,
      [year, this.clock.now()],
    );
    await manager.query(`DELETE FROM non_business_day WHERE date BETWEEN $1 AND $2`, [`${year}-01-01`, `${year}-12-31`]);
    await this.insertDays(ctx, days);
    this.rememberSettled(ctx, year);
    return this.closedDays(ctx, `${year}-01-01`, `${year}-12-31`);
  }

  /** End of the N-th business day after the KST date of `from` (dispatch, return and scan deadlines). */
  async deadlineAfter(ctx: RequestContext, from: Date, n: number): Promise<Date> {
    const [deadline] = await this.deadlinesAfter(ctx, from, [n]);
    return deadline;
  }

  /** `deadlineAfter` for each of `ns` from one instant, with one read of the closed days (a checkout's orders). */
  async deadlinesAfter(ctx: RequestContext, from: Date, ns: readonly number[]): Promise<Date[]> {
    const date = seoulDateOf(from);
    const days = await this.answer(ctx, date, Math.max(...ns), (calendar) => ns.map((n) => calendar.nthBusinessDayAfter(date, n)));
    return days.map(endOfSeoulDay);
  }

  /** The N-th business day strictly after the KST date `date`. */
  nthBusinessDayAfter(ctx: RequestContext, date: string, n: number): Promise<string> {
    return this.answer(ctx, date, n, (days) => days.nthBusinessDayAfter(date, n));
  }

  /** `date` when it is a business day, else the next one (payment dates that fall on a holiday). */
  businessDayOnOrAfter(ctx: RequestContext, date: string): Promise<string> {
    return this.answer(ctx, date, 1, (days) => days.businessDayOnOrAfter(date));
  }

  /**
   * Loads the closed days of a window after `from` long enough for `n` business days in an ordinary
   * year, and widens it when an unusually long closure makes the answer run past it.
   */
  private async answer<T>(ctx: RequestContext, from: string, n: number, ask: (days: BusinessDays) => T): Promise<T> {
    for (let span = n * 2 + 14; ; span *= 2) {
      const through = addDays(from, span);
      const days = await this.businessDays(ctx, from, through);
      try {
        return ask(days);
      } catch (error) {
        if (!(error instanceof RangeError) || yearOf(through) > CALENDAR_YEARS.max) throw error;
      }
    }
  }

  private async businessDays(ctx: RequestContext, from: string, through: string): Promise<BusinessDays> {
    const years = Array.from({ length: yearOf(through) - yearOf(from) + 1 }, (_, i) => yearOf(from) + i);
    await this.settle(ctx, years);
    const closed = await this.closedDays(ctx, from, through);
    return new BusinessDays(new Set(closed.map((day) => day.date)), through);
  }

  private closedDays(ctx: RequestContext, from: string, through: string): Promise<NonBusinessDay[]> {
    return this.connection
      .getRepository(ctx, NonBusinessDay)
      .createQueryBuilder('day')
      .where('day.date BETWEEN :from AND :through', { from, through })
      .orderBy('day.date')
      .getMany();
  }

  /** Seeds from the gazette every year in `years` whose list is not settled yet. */
  private async settle(ctx: RequestContext, years: number[]): Promise<void> {
    const unknown = years.filter((year) => !this.settledYears.has(year));
    if (!unknown.length) return;
    const settled = await this.connection
      .getRepository(ctx, BusinessCalendarYear)
      .createQueryBuilder('year')
      .where('year.year = ANY(:years)', { years: unknown })
      .getMany();
    for (const { year } of settled) this.settledYears.add(year);
    for (const year of unknown.filter((y) => !this.settledYears.has(y))) await this.seedFromGazette(ctx, year);
  }

  private async seedFromGazette(ctx: RequestContext, year: number): Promise<void> {
    const holidays = await gazetteHolidays(year);
    if (!holidays) {
      // Not settled: deadlines count weekends only until an operator sets the year or the package knows it.
      this.logger.warn({ year }, 'no gazette holidays for this year; only weekends are closed until an operator sets them');
      return;
    }
    // One statement: the year's row and its days are written together or not at all, and a concurrent
    // seeder (another request or process) that inserted the row first leaves these days out.
    await this.connection.manager(ctx).query(
      `WITH settled AS (
         INSERT INTO business_calendar_year (year, source, updated_at) VALUES ($1, 'GAZETTE', $2)
         ON CONFLICT (year) DO NOTHING RETURNING year)
       INSERT INTO non_business_day (date, name)
       SELECT day.date, day.name FROM unnest($3::date[], $4::text[]) AS day(date, name)
        WHERE EXISTS (SELECT 1 FROM settled)
       ON CONFLICT (date) DO NOTHING`,
      [year, this.clock.now(), holidays.map((day) => day.date), holidays.map((day) => day.name)],
    );
    this.rememberSettled(ctx, year);
  }

  /** Only once committed: a rolled-back seed must be seeded again. */
  private rememberSettled(ctx: RequestContext, year: number): void {
    ctx.onCommit(() => this.settledYears.add(year));
  }

  private async insertDays(ctx: RequestContext, days: ClosedDay[]): Promise<void> {
    if (!days.length) return;
    await this.connection.getRepository(ctx, NonBusinessDay).insert(days.map((day) => ({ date: day.date, name: day.name })));
  }
}

function assertCalendarYear(year: number): void {
  if (!Number.isInteger(year) || year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) {
    throw BadUserInputError.field('year', `must be a year from ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`);
  }
}
