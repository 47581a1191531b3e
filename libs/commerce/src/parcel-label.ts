import { BadUserInputError, type FieldError } from '../../common/src/index.js';
import { CARRIER_NAME_MAX, digitCountsText, fitsTrackingNumberFormat, trackingNumberDigits, trackingNumberDigitsOf } from './carrier-formats.js';
import { Carrier } from './carrier.js';

/** What a parcel is registered under: its carrier and, for couriers, its tracking number (digits only). */
export interface ParcelLabel {
  carrier: Carrier;
  carrierName: string | null;
  trackingNumber: string | null;
}

/**
 * Checks and normalizes what `shipOrder` and `updateShipment` register (docs/RULES.md §17): a courier needs a
 * tracking number of its format once spaces and dashes are removed; OTHER also needs `carrierName`; DIRECT
 * takes no number. Every problem → BAD_USER_INPUT on its field, named with `fieldPrefix` when the input names
 * them so (`pickupTrackingNumber`, `replacementCarrier`: returns, docs/RULES.md §18).
 */
export function parcelLabelOf(input: { carrier: Carrier; carrierName?: string | null; trackingNumber?: string | null }, fieldPrefix = ''): ParcelLabel {
  const problems: FieldError[] = [];
  const carrierName = input.carrierName?.trim() || null;
  const typed = input.trackingNumber?.trim() || null;
  if (input.carrier === Carrier.OTHER && !carrierName) problems.push({ field: 'carrierName', message: 'OTHER needs the courier’s name' });
  if (input.carrier !== Carrier.OTHER && carrierName) problems.push({ field: 'carrierName', message: 'Only OTHER takes a courier name' });
  if (carrierName && carrierName.length > CARRIER_NAME_MAX) problems.push({ field: 'carrierName', message: `At most ${CARRIER_NAME_MAX} characters` });
  let trackingNumber: string | null = null;
  if (input.carrier === Carrier.DIRECT) {
    if (typed) problems.push({ field: 'trackingNumber', message: 'DIRECT delivery takes no tracking number' });
  } else {
    trackingNumber = trackingNumberDigits(typed);
    const problem = trackingNumberProblem(input.carrier, trackingNumber);
    if (problem) problems.push({ field: 'trackingNumber', message: problem });
  }
  if (problems.length) throw new BadUserInputError(problems.map((problem) => ({ ...problem, field: prefixed(fieldPrefix, problem.field) })));
  return { carrier: input.carrier, carrierName, trackingNumber };
}

function trackingNumberProblem(carrier: Carrier, digits: string | null): string | null {
  if (!digits) return `${carrier} needs a tracking number`;
  if (!/^\d+$/.test(digits)) return 'A tracking number is digits (spaces and dashes are removed)';
  return fitsTrackingNumberFormat(carrier, digits) ? null : `A ${carrier} tracking number has ${digitCountsText(trackingNumberDigitsOf(carrier), 'or')} digits`;
}

/** `trackingNumber` as `replacementTrackingNumber` when the input prefixes its parcel fields. */
function prefixed(prefix: string, field: string): string {
  return prefix ? `${prefix}${field[0].toUpperCase()}${field.slice(1)}` : field;
}
