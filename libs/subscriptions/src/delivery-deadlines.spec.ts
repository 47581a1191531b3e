import { BusinessDays, type BusinessCalendarService } from '../../calendar/src/index.js';
import { RequestContext } from '../../common/src/index.js';
import { DeliveryDeadlines } from './delivery-deadlines.js';

const kst = (local: string) => new Date(`${local}+09:00`);

// The calendar's own business-day arithmetic over a fixed list: 어린이날 and 추석 2026.
const days = new BusinessDays(new Set(['2026-05-05', '2026-09-24', '2026-09-25', '2026-09-26']), '2026-12-31');
const calendar = {
  businessDayOnOrAfter: (_ctx: RequestContext, date: string) => Promise.resolve(days.businessDayOnOrAfter(date)),
  nthBusinessDayAfter: (_ctx: RequestContext, date: string, n: number) => Promise.resolve(days.nthBusinessDayAfter(date, n)),
} as BusinessCalendarService;

describe('dispatch deadline of a subscription delivery (docs/RULES.md §17, §20)', () => {
  const deadlines = new DeliveryDeadlines(calendar);
  const ctx = RequestContext.system();

  it.each([
    ['a business day: the end of the ship date', '2026-03-17', '2026-03-18T00:00:00'],
    ['a Saturday: the end of the Monday after', '2026-03-21', '2026-03-24T00:00:00'],
    ['어린이날 (Tue 05-05): the end of Wednesday', '2026-05-05', '2026-05-07T00:00:00'],
    ['추석 (Thu 09-24, closed through Saturday): the end of Monday 09-28', '2026-09-24', '2026-09-29T00:00:00'],
  ])('paid at its cutoff or at subscribe, shipping on %s', async (_, shipDate, deadline) => {
    expect(await deadlines.dispatchDeadline(ctx, shipDate, null)).toEqual(kst(deadline));
  });

  it('RULES example: the Tue 03-24 box paid by the retry of Sat 03-28 00:00 ships by the end of Tue 03-31', async () => {
    expect(await deadlines.dispatchDeadline(ctx, '2026-03-24', kst('2026-03-28T00:00:00'))).toEqual(kst('2026-04-01T00:00:00'));
  });

  it('paid by a retry: the later of the ship day and the 2nd business day after the payment date', async () => {
    // Sun 03-22 → Mon 23, Tue 24: the same day as the ship date.
    expect(await deadlines.dispatchDeadline(ctx, '2026-03-24', kst('2026-03-22T00:00:00'))).toEqual(kst('2026-03-25T00:00:00'));
    // The ship date is later than two business days after the retry: the ship date counts.
    expect(await deadlines.dispatchDeadline(ctx, '2026-03-27', kst('2026-03-22T00:00:00'))).toEqual(kst('2026-03-28T00:00:00'));
    // Wed 09-23 before 추석 → Mon 28, Tue 29.
    expect(await deadlines.dispatchDeadline(ctx, '2026-09-24', kst('2026-09-23T00:00:00'))).toEqual(kst('2026-09-30T00:00:00'));
  });
});
