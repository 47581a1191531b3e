import { SubscriptionInterval, Weekday } from '../../catalog/src/index.js';
import { DeliverySchedule, type ShipPlan } from './delivery-schedule.js';
import { priceChangeOutcome } from './subscription-price-changes.js';

const kst = (local: string) => new Date(`${local}+09:00`);
const weekly: ShipPlan = { interval: SubscriptionInterval.WEEKLY, shipWeekday: Weekday.TUESDAY, shipDayOfMonth: null, cutoffDays: 3 };
const monthly: ShipPlan = { interval: SubscriptionInterval.MONTHLY, shipWeekday: null, shipDayOfMonth: 15, cutoffDays: 3 };
const NOTICE_DAYS = 30;

describe('a listing price change reaching a live subscription (docs/RULES.md §20)', () => {
  const schedule = DeliverySchedule.startingOn(weekly, '2026-03-17');
  const subscription = { unitPrice: 30_000, lastShipDate: '2026-03-17' };

  it('a decrease applies at once, so from the next delivery whose cutoff is ahead (charged deliveries are cycles with their own price)', () => {
    expect(priceChangeOutcome(subscription, schedule, 25_000, kst('2026-03-18T10:00:00'), NOTICE_DAYS)).toEqual({
      unitPrice: 25_000,
      pendingPriceChange: null,
    });
  });

  it('an increase waits for consent: effective from the first delivery whose cutoff is at least 30 days after the notice; respondBy is that cutoff', () => {
    const now = kst('2026-03-18T10:00:00');
    // 30 days later is Fri 04-17 10:00; cutoffs fall on Saturdays: 04-18 00:00 is the first one after it, for Tue 04-21.
    expect(priceChangeOutcome(subscription, schedule, 33_000, now, NOTICE_DAYS)).toEqual({
      unitPrice: 30_000,
      pendingPriceChange: {
        oldUnitPrice: 30_000,
        newUnitPrice: 33_000,
        noticeSentAt: now,
        effectiveShipDate: '2026-04-21',
        respondBy: kst('2026-04-18T00:00:00'),
        acceptedAt: null,
      },
    });
  });

  it('a cutoff exactly 30 days after the notice is far enough', () => {
    // Thu 03-19 00:00 + 30 days = Sat 04-18 00:00, the cutoff of Tue 04-21.
    const outcome = priceChangeOutcome(subscription, schedule, 33_000, kst('2026-03-19T00:00:00'), NOTICE_DAYS);
    expect(outcome.pendingPriceChange).toMatchObject({ effectiveShipDate: '2026-04-21', respondBy: kst('2026-04-18T00:00:00') });
  });

  it('one millisecond later, the next delivery is the first one', () => {
    const outcome = priceChangeOutcome(subscription, schedule, 33_000, kst('2026-03-19T00:00:00.001'), NOTICE_DAYS);
    expect(outcome.pendingPriceChange).toMatchObject({ effectiveShipDate: '2026-04-28', respondBy: kst('2026-04-25T00:00:00') });
  });

  it('monthly: the notice may reach past the next month', () => {
    const outcome = priceChangeOutcome(
      { unitPrice: 50_000, lastShipDate: '2026-03-15' },
      DeliverySchedule.startingOn(monthly, '2026-03-15'),
      55_000,
      kst('2026-03-14T09:00:00'),
      NOTICE_DAYS,
    );
    // 04-13 09:00 is after April's cutoff (04-12 00:00): May's delivery is the first at the new price.
    expect(outcome.pendingPriceChange).toMatchObject({ effectiveShipDate: '2026-05-15', respondBy: kst('2026-05-12T00:00:00') });
  });

  it('the price paid now (after a pending increase) or any lower one drops the pending change; a newer increase restarts the notice', () => {
    expect(priceChangeOutcome(subscription, schedule, 30_000, kst('2026-03-18T10:00:00'), NOTICE_DAYS)).toEqual({
      unitPrice: 30_000,
      pendingPriceChange: null,
    });
    const later = kst('2026-04-01T10:00:00');
    expect(priceChangeOutcome(subscription, schedule, 35_000, later, NOTICE_DAYS).pendingPriceChange).toMatchObject({
      oldUnitPrice: 30_000,
      newUnitPrice: 35_000,
      noticeSentAt: later,
      effectiveShipDate: '2026-05-05',
    });
  });
});
