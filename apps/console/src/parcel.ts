import {
  CARRIER_NAME_MAX,
  digitCountsText,
  fitsTrackingNumberFormat,
  trackingNumberDigits,
  trackingNumberDigitsOf,
} from '../../../libs/commerce/src/carrier-formats';
import type { Carrier } from './generated/graphql';
import { CARRIER } from './labels';

/** A parcel as typed in the ship form. */
export interface TypedParcel {
  carrier: Carrier;
  carrierName: string;
  trackingNumber: string;
}

/** What is wrong with a typed field, in Korean, by the name the API gives the field. */
export type ParcelProblems = Partial<Record<'carrierName' | 'trackingNumber', string>>;

/** The tracking-number format of a courier in words: `숫자 10 또는 12자리`. */
export function trackingNumberFormatText(carrier: Exclude<Carrier, 'DIRECT'>): string {
  return `숫자 ${digitCountsText(trackingNumberDigitsOf(carrier), '또는')}자리`;
}

/**
 * The checks the server makes (docs/RULES.md §17, libs/commerce/src/parcel-label.ts) on the same formats, so
 * a typo is shown before anything is sent: OTHER names its courier, couriers need a number of their format,
 * DIRECT takes none.
 */
export function parcelProblems({ carrier, carrierName, trackingNumber }: TypedParcel): ParcelProblems {
  const problems: ParcelProblems = {};
  const name = carrierName.trim();
  if (carrier === 'OTHER' && !name) problems.carrierName = '택배사 이름을 입력해 주세요.';
  else if (name.length > CARRIER_NAME_MAX) problems.carrierName = `택배사 이름은 ${CARRIER_NAME_MAX}자 이내로 입력해 주세요.`;
  if (carrier === 'DIRECT') return problems;
  const digits = trackingNumberDigits(trackingNumber);
  if (!digits) problems.trackingNumber = '송장 번호를 입력해 주세요.';
  else if (!fitsTrackingNumberFormat(carrier, digits)) problems.trackingNumber = `${CARRIER[carrier]} 송장 번호는 ${trackingNumberFormatText(carrier)}입니다.`;
  return problems;
}

/** The `ShipOrderInput` fields of a typed parcel that passed `parcelProblems`. */
export function parcelInput({ carrier, carrierName, trackingNumber }: TypedParcel) {
  return {
    carrier,
    carrierName: carrier === 'OTHER' ? carrierName.trim() : null,
    trackingNumber: carrier === 'DIRECT' ? null : trackingNumber,
  };
}
