// The generated data set: deterministic (a seeded PRNG), so every run seeds the same marketplace.

export const SIZES = { agencies: 300, listings: 10_000, marketCreators: 50, buyers: 2_000 };

/** The data set at a fraction of its size (`--scale`, for a short run); at least the 250 buyers c) logs in. */
export function scaleSizes(scale) {
  SIZES.agencies = Math.ceil(300 * scale);
  SIZES.listings = Math.ceil(10_000 * scale);
  SIZES.marketCreators = Math.ceil(50 * scale);
  SIZES.buyers = Math.max(250, Math.ceil(2_000 * scale));
}
export const PASSWORD = 'bench-password-1234';

/** mulberry32: small, fast and good enough to vary test data. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from its own seeded sequence, so each part of the data set is the same on every run. */
function generator(seed) {
  const rand = random(seed);
  return {
    rand,
    pick: (list) => list[Math.floor(rand() * list.length)],
    between: (min, max, step) => min + step * Math.floor((rand() * (max - min)) / step + 0.5),
  };
}

const REGIONS = [
  '서울 마포구',
  '서울 은평구',
  '서울 성북구',
  '서울 노원구',
  '서울 관악구',
  '부산 해운대구',
  '부산 사하구',
  '대구 수성구',
  '인천 남동구',
  '광주 북구',
  '대전 유성구',
  '울산 중구',
  '세종',
  '경기 수원시',
  '경기 성남시',
  '경기 고양시',
  '강원 춘천시',
  '충북 청주시',
  '충남 홍성군',
  '전북 전주시',
  '전남 순천시',
  '경북 안동시',
  '경남 진주시',
  '제주 제주시',
];
const ORGANIZATION_KINDS = {
  SOCIAL_COOPERATIVE: '사회적협동조합',
  COOPERATIVE: '협동조합',
  SOCIAL_ENTERPRISE: '주식회사',
  PRE_SOCIAL_ENTERPRISE: '주식회사',
  VILLAGE_ENTERPRISE: '마을기업',
  SELF_SUFFICIENCY_ENTERPRISE: '자활기업',
  SOCIAL_VENTURE: '주식회사',
  NONPROFIT: '사단법인',
};
const NAME_PREFIXES = ['햇살', '두레', '마을', '푸른', '함께', '나눔', '새봄', '온누리', '한울', '다솜', '바른', '늘봄', '들꽃', '어울림', '이음', '씨앗'];
const NAME_NOUNS = ['돌봄', '살림', '배움', '일터', '농장', '공방', '부엌', '숲', '나루', '장터', '손길', '품앗이'];
const REPRESENTATIVES = ['김민정', '이서연', '박지훈', '최수아', '정하준', '강예린', '조현우', '윤지아', '장도윤', '임채원'];

const SERVICES = {
  CARE: ['어르신 방문 돌봄', '아이 등하원 돌봄', '병원 동행', '산후 돌봄', '장애인 활동 지원', '치매 어르신 주간 돌봄', '반찬 배달 돌봄', '말벗 방문'],
  LIVING: ['집 정리 정돈', '에어컨 청소', '이사 후 청소', '집수리 도움', '방역 소독', '세탁 수거 배달', '텃밭 가꾸기', '도배 장판 교체'],
  EDUCATION: ['어르신 스마트폰 교실', '목공 체험', '초등 방과후 코딩', '마을 합창 수업', '천연 비누 만들기', '한글 교실', '건강 요리 교실', '생태 숲 체험'],
  BUSINESS_SUPPORT: [
    '협동조합 설립 상담',
    '세무 회계 기장',
    '사회적기업 인증 컨설팅',
    '홍보 영상 제작',
    '디자인 인쇄',
    '행사 케이터링',
    '번역 통역',
    '홈페이지 제작',
  ],
};
const GOODS = [
  '유기농 쌀 10kg',
  '수제 잼 세트',
  '전통 한과 선물세트',
  '친환경 수세미',
  '재생 종이 노트',
  '공정무역 커피 원두',
  '국산 들기름',
  '마을 꿀',
  '천연 비누',
  '김장 김치 5kg',
  '제철 과일 꾸러미',
  '손뜨개 목도리',
];
const MODIFIERS = [
  '정성 가득',
  '마을과 함께하는',
  '믿을 수 있는',
  '주말',
  '평일 오전',
  '소규모',
  '1:1',
  '가족과 함께하는',
  '찾아가는',
  '친환경',
  '처음 만나는',
  '동네',
];
const SUMMARIES = [
  '조합원이 직접 찾아가 정성껏 돕습니다',
  '지역 주민이 함께 만드는 믿을 수 있는 서비스',
  '처음 이용하시는 분께는 상담부터 해 드립니다',
  '수익은 마을 일자리와 나눔에 다시 쓰입니다',
  '경력 5년 이상의 활동가가 맡습니다',
  '작은 일도 편하게 맡겨 주세요',
];
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const HOURS = [
  WEEKDAYS.map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '18:00' })),
  [...WEEKDAYS, 'SATURDAY'].map((weekday) => ({ weekday, opensAt: '10:00', closesAt: '16:00' })),
  [...WEEKDAYS.map((weekday) => ({ weekday, opensAt: '18:00', closesAt: '21:00' })), { weekday: 'SATURDAY', opensAt: '09:00', closesAt: '13:00' }],
  ['MONDAY', 'WEDNESDAY', 'FRIDAY', 'SUNDAY'].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '12:00' })),
];

/**
 * A business registration number whose tenth digit is the checksum (docs/RULES.md §3), unique per `serial`:
 * `normalize` is the server's own check (libs/identity/src/business-registration-number.ts).
 */
function registrationNumber(serial, normalize) {
  const nine = `${String(200 + (serial % 700)).padStart(3, '0')}82${String(serial).padStart(4, '0')}`;
  for (let check = 0; check <= 9; check++) {
    const number = `${nine.slice(0, 3)}-${nine.slice(3, 5)}-${nine.slice(5)}${check}`;
    if (normalize(number)) return number;
  }
  throw new Error(`no check digit for ${nine}`);
}

/** Every tenth agency is on PREMIUM (no listing limit) and sells more; the rest are on STANDARD (50). */
export function agencies(normalizeRegistrationNumber) {
  const { rand, pick } = generator(1);
  return Array.from({ length: SIZES.agencies }, (_, i) => {
    const kind = pick(Object.keys(ORGANIZATION_KINDS));
    const premium = i % 10 === 0;
    return {
      email: `agency${String(i).padStart(3, '0')}@bench.dure.local`,
      name: `${pick(NAME_PREFIXES)}${pick(NAME_NOUNS)} ${ORGANIZATION_KINDS[kind]}`,
      kind,
      representativeName: pick(REPRESENTATIVES),
      businessRegistrationNumber: registrationNumber(i, normalizeRegistrationNumber),
      tierCode: premium ? 'PREMIUM' : 'STANDARD',
      maxListings: premium ? Infinity : 50,
      weight: (0.3 + rand()) * (premium ? 3 : 1),
      serviceCategories: [pick(Object.keys(SERVICES))],
    };
  });
}

function serviceListing({ rand, pick, between }, region) {
  const category = pick(Object.keys(SERVICES));
  const requiresConsultation = rand() < 0.1;
  return {
    input: {
      kind: 'SERVICE',
      title: `${pick(MODIFIERS)} ${pick(SERVICES[category])}`,
      summary: `${region}, ${pick(SUMMARIES)}`,
      description: `${region} 일대에서 운영합니다. ${pick(SUMMARIES)}. 예약 후 담당자가 연락드립니다.`,
      price: between(10_000, 150_000, 1_000),
      category,
      region,
      commissionRateBps: pick([0, 500, 1000, 1500]),
      taxFree: rand() < 0.5,
      service: {
        durationMinutes: pick([30, 60, 60, 90, 120, 180]),
        capacityPerSlot: pick([1, 1, 1, 2, 3, 5, 10]),
        location: pick(['AT_CUSTOMER', 'AT_CUSTOMER', 'AT_PROVIDER', 'ONLINE']),
        requiresConsultation,
      },
    },
    weeklyHours: pick(HOURS),
  };
}

function goodsListing({ pick, between }, region) {
  return {
    input: {
      kind: 'GOODS',
      title: `${pick(NAME_PREFIXES)}${pick(NAME_NOUNS)} ${pick(GOODS)}`,
      summary: `${region}에서 만든 ${pick(['제철', '국산', '손으로 만든', '친환경'])} 상품`,
      description: `${pick(SUMMARIES)}. 주문 후 2~3일 안에 보내 드립니다.`,
      price: between(5_000, 80_000, 500),
      region,
      commissionRateBps: pick([0, 500, 1000]),
      goods: { stock: between(10, 500, 10), shippingFee: pick([0, 3_000, 3_500]), freeShippingOver: pick([null, 30_000, 50_000]) },
    },
    weeklyHours: null,
  };
}

/** 85 % SERVICE with weekly hours, 15 % GOODS; each placed at an agency by weight, within its tier's limit. */
export function listings(agencyList) {
  const draw = generator(2);
  const { rand, pick } = draw;
  const counts = new Array(agencyList.length).fill(0);
  const totalWeight = agencyList.reduce((sum, agency) => sum + agency.weight, 0);
  const placeOne = () => {
    for (;;) {
      let target = rand() * totalWeight;
      const index = agencyList.findIndex((agency) => (target -= agency.weight) < 0);
      const at = index === -1 ? agencyList.length - 1 : index;
      if (counts[at] < agencyList[at].maxListings) {
        counts[at]++;
        return at;
      }
    }
  };
  return Array.from({ length: SIZES.listings }, () => {
    const agencyIndex = placeOne();
    const region = pick(REGIONS);
    return { agencyIndex, ...(rand() < 0.85 ? serviceListing(draw, region) : goodsListing(draw, region)) };
  });
}

export function buyers() {
  const { pick } = generator(3);
  return Array.from({ length: SIZES.buyers }, (_, i) => ({
    email: `buyer${String(i).padStart(4, '0')}@bench.dure.local`,
    name: `${pick(REPRESENTATIVES.map((name) => name[0]))}${pick(['하늘', '바다', '솔', '준', '린', '윤', '별', '결'])}`,
  }));
}

const CURATORS = ['마을살림', '동네돌봄', '착한소비', '함께장보기', '우리동네', '살림고수', '나눔가게', '초록생활'];

/** INDIVIDUAL market creators (ACTIVE on applying), each curating `curates` listings with a commission. */
export function marketCreators() {
  const { pick } = generator(4);
  return Array.from({ length: SIZES.marketCreators }, (_, i) => ({
    email: `creator${String(i).padStart(2, '0')}@bench.dure.local`,
    name: pick(REPRESENTATIVES),
    handle: `bench-creator-${String(i).padStart(2, '0')}`,
    displayName: `${pick(CURATORS)} 큐레이터 ${i + 1}`,
    bio: `${pick(REGIONS)}의 ${pick(['돌봄', '살림', '배움', '먹거리'])} 서비스를 골라 소개합니다`,
    payoutAccount: {
      bankCode: pick(['004', '011', '020', '088']),
      accountNumber: `110-${String(100 + i).padStart(3, '0')}-567890`,
      accountHolder: pick(REPRESENTATIVES),
    },
    curates: 20,
  }));
}
