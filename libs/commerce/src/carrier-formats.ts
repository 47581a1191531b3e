/**
 * The carriers' names and tracking-number formats (docs/RULES.md §17), with no imports, so the server's
 * check (parcel-label.ts) and the console's form (apps/console) read the one table.
 */

/** A carrier as the API names it (the `Carrier` enum's values). */
export type CarrierCode = 'CJ_LOGISTICS' | 'KOREA_POST' | 'HANJIN' | 'LOTTE' | 'LOGEN' | 'KD_EXPRESS' | 'DIRECT' | 'OTHER';

/** How buyers know each carrier; OTHER parcels carry their own `carrierName`. */
export const KOREAN_CARRIER_NAMES: Readonly<Record<Exclude<CarrierCode, 'OTHER'>, string>> = {
  CJ_LOGISTICS: 'CJ대한통운',
  KOREA_POST: '우체국택배',
  HANJIN: '한진택배',
  LOTTE: '롯데택배',
  LOGEN: '로젠택배',
  KD_EXPRESS: '경동택배',
  DIRECT: '직접 배송',
};

/** The digits a courier's tracking number has: one of some exact counts, or within a range. */
export type TrackingNumberDigits = { exactly: readonly number[] } | { min: number; max: number };

const EXACT_DIGITS: Partial<Record<CarrierCode, readonly number[]>> = {
  CJ_LOGISTICS: [10, 12],
  KOREA_POST: [13],
};
/** Every other courier, OTHER included. */
const OTHER_COURIERS_DIGITS = { min: 9, max: 15 };

/** Only OTHER parcels name their courier, in at most this many characters. */
export const CARRIER_NAME_MAX = 50;

export function trackingNumberDigitsOf(carrier: CarrierCode): TrackingNumberDigits {
  const exactly = EXACT_DIGITS[carrier];
  return exactly ? { exactly } : OTHER_COURIERS_DIGITS;
}

/** A typed tracking number as stored: spaces and dashes removed; null when nothing is left. */
export function trackingNumberDigits(typed: string | null | undefined): string | null {
  return typed?.replace(/[\s-]/g, '') || null;
}

/** Whether `digits` (already through trackingNumberDigits) are digits only, as many as the carrier's format has. */
export function fitsTrackingNumberFormat(carrier: CarrierCode, digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  const format = trackingNumberDigitsOf(carrier);
  return 'exactly' in format ? format.exactly.includes(digits.length) : digits.length >= format.min && digits.length <= format.max;
}

/** The digit counts in words: `10 or 12`, `9–15` (`or` in the reader's language). */
export function digitCountsText(format: TrackingNumberDigits, or: string): string {
  return 'exactly' in format ? format.exactly.join(` ${or} `) : `${format.min}–${format.max}`;
}
