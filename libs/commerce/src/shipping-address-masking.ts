import type { ShippingAddress } from './shipping-address.js';

/** 시·도 names, full (서울특별시, 충청남도, 강원특별자치도) or short (서울, 충남) as addresses give them. */
const PROVINCE =
  /^(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충청[남북]|충[남북]|전라[남북]|전[남북]|경상[남북]|경[남북]|제주)(?:특별시|광역시|특별자치시|특별자치도|도)?$/;
/** 시, 군 and 구 (also 일반구 of a 시: 수원시 영통구), the most an address keeps once masked. */
const DISTRICT = /^\S+[시군구]$/;
const MAX_DISTRICTS = 2;

/**
 * What the agency still sees of an address once its retention is over (docs/RULES.md §25): 김*수, 010-****-5678,
 * `address1` cut to 시·군·구, no 상세 주소 or 배송 메모.
 */
export function maskShippingAddress(address: ShippingAddress): ShippingAddress {
  return {
    recipientName: maskName(address.recipientName),
    phone: maskPhone(address.phone),
    postalCode: address.postalCode,
    address1: districtOf(address.address1),
    address2: null,
    deliveryNote: null,
  };
}

/**
 * The first and last character kept, each one between masked (김민수 → 김*수, 남궁민수 → 남**수). A 2-character
 * name keeps only its first (김수 → 김*), since keeping both ends would keep all of it; one character is masked.
 */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return characters[0] + '*'.repeat(characters.length - 2) + characters[characters.length - 1];
}

/** The area or carrier prefix and the last 4 digits kept, the middle digits masked, with dashes: 010-****-5678, 02-***-4567. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const prefix = digits.slice(0, digits.startsWith('02') ? 2 : 3);
  const last = digits.slice(-4);
  return `${prefix}-${'*'.repeat(digits.length - prefix.length - last.length)}-${last}`;
}

/**
 * `address1` cut after its 시·도 and at most two 시·군·구 (서울특별시 마포구, 경기도 수원시 영통구; 세종특별자치시 has
 * none): the road, building number and 읍·면·동 go. An address that does not start so keeps nothing.
 */
export function districtOf(address1: string): string {
  const words = address1.trim().split(/\s+/);
  const kept = PROVINCE.test(words[0]) ? [words.shift()!] : [];
  for (const word of words.slice(0, MAX_DISTRICTS)) {
    if (!DISTRICT.test(word)) break;
    kept.push(word);
  }
  return kept.join(' ');
}
