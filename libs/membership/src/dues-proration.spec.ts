import { isUpgrade, proratedUpgradeAmount, roundDownDailyDifference } from './dues-proration.js';

const basic = { dues: 10_000, daysInPeriod: 30 };
const standard = { dues: 30_000, daysInPeriod: 30 };

describe('dues proration', () => {
  it('rounds the daily difference down once, then multiplies by the remaining days', () => {
    // 30,000/30 − 10,000/30 = 666.67 won a day → 666; 20 days → 13,320 (not round(13,333.3)).
    expect(roundDownDailyDifference(basic, standard)).toBe(666);
    expect(proratedUpgradeAmount(basic, standard, 20)).toBe(13_320);
    expect(proratedUpgradeAmount(basic, standard, 30)).toBe(19_980);
  });

  it('compares tiers with different period lengths by their daily dues', () => {
    const premium = { dues: 300_000, daysInPeriod: 365 };
    // 300,000/365 = 821.9…, 30,000/31 = 967.7… → STANDARD costs more per day in a 31-day month.
    expect(isUpgrade({ dues: 30_000, daysInPeriod: 31 }, premium)).toBe(false);
    expect(isUpgrade(basic, premium)).toBe(true);
    // 821.917… − 333.333… = 488.58… → 488 a day.
    expect(proratedUpgradeAmount(basic, premium, 10)).toBe(4_880);
  });

  it('costs nothing and is no upgrade when the daily price does not rise', () => {
    expect(isUpgrade(standard, basic)).toBe(false);
    expect(isUpgrade(standard, { dues: 31_000, daysInPeriod: 31 })).toBe(false);
    expect(proratedUpgradeAmount(standard, basic, 12)).toBe(0);
  });

  it('stays exact for large amounts', () => {
    expect(roundDownDailyDifference({ dues: 0, daysInPeriod: 366 }, { dues: 9_000_000_000_000, daysInPeriod: 366 })).toBe(24_590_163_934);
  });
});
