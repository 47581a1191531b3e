import { districtOf, maskName, maskPhone, maskShippingAddress } from './shipping-address-masking.js';

describe('masking a shipping address for the agency after its retention (docs/RULES.md §25)', () => {
  it.each([
    ['서울특별시 마포구 월드컵북로 396 누리꿈스퀘어', '서울특별시 마포구'],
    ['경기도 수원시 영통구 광교중앙로 140', '경기도 수원시 영통구'],
    ['세종특별자치시 한누리대로 2130', '세종특별자치시'],
    ['세종특별자치시 조치원읍 세종로 2511', '세종특별자치시'],
    ['충청남도 서천군 서천읍 군청로 57', '충청남도 서천군'],
    ['서울 중구 세종대로 110', '서울 중구'],
    ['부산광역시 기장군 기장읍 기장대로 560', '부산광역시 기장군'],
    ['제주특별자치도 제주시 문연로 6', '제주특별자치도 제주시'],
    ['강원특별자치도 춘천시 중앙로 1', '강원특별자치도 춘천시'],
    ['  경북 포항시 남구   시청로 1 ', '경북 포항시 남구'],
    ['마포구 월드컵북로 396', '마포구'],
    ['서울특별시마포구월드컵북로396', ''],
  ])('address1 %s → %s (시·도 and 시·군·구 only)', (address1, district) => {
    expect(districtOf(address1)).toBe(district);
  });

  it.each([
    ['김민수', '김*수'],
    ['남궁민수', '남**수'],
    ['김수', '김*'],
    ['김', '*'],
    [' 이영희 ', '이*희'],
  ])('recipient %s → %s (first and last kept; a 2-character name only its first)', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['010-1234-5678', '010-****-5678'],
    ['01012345678', '010-****-5678'],
    ['011-123-4567', '011-***-4567'],
    ['02-123-4567', '02-***-4567'],
    ['02-1234-5678', '02-****-5678'],
    ['031-123-4567', '031-***-4567'],
  ])('phone %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('keeps the postal code and drops 상세 주소 and 배송 메모', () => {
    expect(
      maskShippingAddress({
        recipientName: '김민수',
        phone: '010-1234-5678',
        postalCode: '03925',
        address1: '서울특별시 마포구 월드컵북로 396',
        address2: '3층 301호',
        deliveryNote: '문 앞에 놓아 주세요',
      }),
    ).toEqual({ recipientName: '김*수', phone: '010-****-5678', postalCode: '03925', address1: '서울특별시 마포구', address2: null, deliveryNote: null });
  });
});
