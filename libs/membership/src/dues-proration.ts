/** A tier's dues spread over the days of one billing period: daily = dues / days in period (docs/RULES.md §5). */
export interface DailyDues {
  dues: number;
  daysInPeriod: number;
}

/** new_daily − old_daily as an exact fraction (BigInt: dues × days never loses a digit). */
function dailyDifference(from: DailyDues, to: DailyDues): { numerator: bigint; denominator: bigint } {
  return {
    numerator: BigInt(to.dues) * BigInt(from.daysInPeriod) - BigInt(from.dues) * BigInt(to.daysInPeriod),
    denominator: BigInt(from.daysInPeriod) * BigInt(to.daysInPeriod),
  };
}

/** An upgrade costs more per day; anything else (a downgrade, or the same daily price) waits for the next period. */
export function isUpgrade(from: DailyDues, to: DailyDues): boolean {
  return dailyDifference(from, to).numerator > 0n;
}

/**
 * The one rounding step of proration: round_down(new_daily − old_daily) in whole won per day.
 * Rounding once, before multiplying by the days, is what docs/RULES.md §5 prescribes.
 */
export function roundDownDailyDifference(from: DailyDues, to: DailyDues): number {
  const { numerator, denominator } = dailyDifference(from, to);
  if (numerator <= 0n) return 0;
  return Number(numerator / denominator);
}

/** What an upgrade costs for the rest of a period: round_down(new_daily − old_daily) × remaining days. */
export function proratedUpgradeAmount(from: DailyDues, to: DailyDues, remainingDays: number): number {
  return roundDownDailyDifference(from, to) * remainingDays;
}
