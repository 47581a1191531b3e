import { registerEnumType } from '@nestjs/graphql';
import { KOREAN_CARRIER_NAMES } from './carrier-formats.js';

/** 택배사 (docs/RULES.md §17). */
export enum Carrier {
  CJ_LOGISTICS = 'CJ_LOGISTICS',
  KOREA_POST = 'KOREA_POST',
  HANJIN = 'HANJIN',
  LOTTE = 'LOTTE',
  LOGEN = 'LOGEN',
  KD_EXPRESS = 'KD_EXPRESS',
  DIRECT = 'DIRECT',
  OTHER = 'OTHER',
}
registerEnumType(Carrier, {
  name: 'Carrier',
  description: "택배사. docs/RULES.md §17 lists each carrier's tracking-service code and tracking-number format.",
  valuesMap: {
    CJ_LOGISTICS: { description: 'CJ대한통운: 10 or 12 digits.' },
    KOREA_POST: { description: '우체국택배: 13 digits.' },
    HANJIN: { description: '한진택배: 9–15 digits.' },
    LOTTE: { description: '롯데택배: 9–15 digits.' },
    LOGEN: { description: '로젠택배: 9–15 digits.' },
    KD_EXPRESS: { description: '경동택배: 9–15 digits.' },
    DIRECT: { description: 'The agency delivers itself (관내 직배송, pick-up); no tracking number.' },
    OTHER: { description: 'Any other courier: carrierName and trackingNumber are required.' },
  },
});

/**
 * The couriers Dure tracks and scan-checks, with their SweetTracker `t_code` (docs/RULES.md §17). DIRECT and
 * OTHER parcels are delivered by `markShipmentDelivered` or assumed.
 */
export const TRACKED_CARRIER_CODES: Readonly<Partial<Record<Carrier, string>>> = {
  [Carrier.CJ_LOGISTICS]: '04',
  [Carrier.KOREA_POST]: '01',
  [Carrier.HANJIN]: '05',
  [Carrier.LOTTE]: '08',
  [Carrier.LOGEN]: '06',
  [Carrier.KD_EXPRESS]: '23',
};

/** The parcel's carrier in Korean: `CJ대한통운`, or the courier named on an OTHER parcel. */
export function koreanCarrierNameOf(parcel: { carrier: Carrier; carrierName: string | null }): string {
  return parcel.carrier === Carrier.OTHER ? (parcel.carrierName ?? '기타 택배') : KOREAN_CARRIER_NAMES[parcel.carrier];
}

export function isTrackedCarrier(carrier: Carrier): boolean {
  return TRACKED_CARRIER_CODES[carrier] !== undefined;
}
