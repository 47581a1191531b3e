import { seoulDateTimeInput, typedInstant } from './format';
import { windowProblems } from './time-window';
import type { CouponScope, CouponTermsFragment, DiscountFunder, DiscountType, SaveCouponInput } from './generated/graphql';

/** Who funds the coupons a screen makes: the platform (operators) or one agency (its OWNER/MANAGER). */
export type CouponFunder = { fundedBy: 'PLATFORM' } | { fundedBy: 'PARTNER_AGENCY'; partnerAgencyId: string };

/** A coupon as typed in the form: text as typed, the dates on the Seoul clock, the rate in percent. */
export interface CouponValues {
  code: string;
  name: string;
  description: string;
  discountType: DiscountType;
  ratePercent: string;
  amount: string;
  maxDiscount: string;
  minOrderAmount: string;
  startsAt: string;
  endsAt: string;
  perUserLimit: string;
  totalUsageLimit: string;
  subscriptionCycles: string;
  appliesToSubscriptions: boolean;
  scope: CouponScope;
  exhibitionId: string;
  listingIds: string[];
  active: boolean;
}

/** The fields the API names in its errors, in the form's order (the focus goes to the first at fault). */
export const COUPON_FIELDS = [
  'code',
  'name',
  'discountType',
  'rateBps',
  'amount',
  'maxDiscount',
  'minOrderAmount',
  'startsAt',
  'endsAt',
  'perUserLimit',
  'totalUsageLimit',
  'subscriptionCycles',
  'scope',
  'exhibitionId',
  'listingIds',
] as const;
export type CouponField = (typeof COUPON_FIELDS)[number];
export type CouponProblems = Partial<Record<CouponField, string>>;

/** Which of COUPON_FIELDS a redeemed coupon may still change (docs/RULES.md §19); description and active always may. */
const CHANGEABLE_AFTER_REDEMPTION: ReadonlySet<CouponField> = new Set(['name', 'endsAt', 'perUserLimit', 'totalUsageLimit']);

/** Whether `field` is fixed because the coupon has been used. */
export const lockedAfterRedemption = (field: CouponField, coupon: CouponTermsFragment | undefined): boolean =>
  Boolean(coupon && coupon.usedCount > 0 && !CHANGEABLE_AFTER_REDEMPTION.has(field));

const CODE = /^[A-Z0-9-]{4,20}$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const MAX_NAME = 100;
const MAX_WINDOW_MS = 366 * 86_400_000;

/** A typed whole number of won or of times ("10,000" reads 10000); '' is null, anything else NaN. */
function wholeNumber(text: string): number | null {
  const plain = text.replace(/[,\s]/g, '');
  if (!plain) return null;
  return /^\d+$/.test(plain) ? Number(plain) : Number.NaN;
}

const isAtLeast = (value: number | null, least: number) => value !== null && !Number.isNaN(value) && value >= least;

/** The form of a new coupon: 10 % off for a month from now, one use per person. */
export function newCouponValues(now = new Date()): CouponValues {
  const start = now.toISOString();
  const end = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  return {
    code: '',
    name: '',
    description: '',
    discountType: 'PERCENTAGE',
    ratePercent: '10',
    amount: '',
    maxDiscount: '',
    minOrderAmount: '0',
    startsAt: seoulDateTimeInput(start),
    endsAt: seoulDateTimeInput(end),
    perUserLimit: '1',
    totalUsageLimit: '',
    subscriptionCycles: '1',
    appliesToSubscriptions: false,
    scope: 'ALL',
    exhibitionId: '',
    listingIds: [],
    active: true,
  };
}

const text = (value: number | null | undefined) => (value == null ? '' : String(value));

/** The form of an existing coupon. */
export function couponValues(coupon: CouponTermsFragment): CouponValues {
  return {
    code: coupon.code ?? '',
    name: coupon.name,
    description: coupon.description ?? '',
    discountType: coupon.discountType,
    ratePercent: coupon.rateBps == null ? '' : String(coupon.rateBps / 100),
    amount: text(coupon.amount),
    maxDiscount: text(coupon.maxDiscount),
    minOrderAmount: text(coupon.minOrderAmount),
    startsAt: seoulDateTimeInput(coupon.startsAt),
    endsAt: seoulDateTimeInput(coupon.endsAt),
    perUserLimit: text(coupon.perUserLimit),
    totalUsageLimit: text(coupon.totalUsageLimit),
    subscriptionCycles: text(coupon.subscriptionCycles),
    appliesToSubscriptions: coupon.appliesToSubscriptions,
    scope: coupon.scope,
    exhibitionId: coupon.exhibition?.id ?? '',
    listingIds: coupon.listings.map((listing) => listing.id),
    active: coupon.active,
  };
}

/**
 * The server's checks (docs/RULES.md §19, libs/commerce/src/coupon.service.ts) in Korean, so a mistake is
 * shown on its field before anything is sent. `coupon` is the one being changed, if any.
 */
export function couponProblems(values: CouponValues, coupon?: CouponTermsFragment, now = new Date()): CouponProblems {
  const problems: CouponProblems = {};
  if (!CODE.test(values.code.trim().toUpperCase())) problems.code = '쿠폰 코드는 영문자, 숫자, -로 4~20자입니다 (띄어쓰기 없이).';
  const name = values.name.trim();
  if (!name || name.length > MAX_NAME) problems.name = `이름은 1~${MAX_NAME}자로 입력해 주세요.`;
  if (values.discountType === 'PERCENTAGE') {
    const bps = rateBps(values.ratePercent);
    if (bps === null || bps < 1 || bps > 10_000) problems.rateBps = '할인율은 0.01~100% 사이로, 소수점 둘째 자리까지 입력해 주세요.';
  }
  if (values.discountType === 'FIXED_AMOUNT' && !isAtLeast(wholeNumber(values.amount), 1)) problems.amount = '할인 금액은 1원 이상의 정수입니다.';
  const maxDiscount = wholeNumber(values.maxDiscount);
  if (maxDiscount !== null && !isAtLeast(maxDiscount, 1)) problems.maxDiscount = '최대 할인 금액은 비우거나 1원 이상으로 입력해 주세요.';
  const minOrderAmount = wholeNumber(values.minOrderAmount);
  if (minOrderAmount !== null && !isAtLeast(minOrderAmount, 0)) problems.minOrderAmount = '최소 주문 금액은 0원 이상의 정수입니다.';
  const { problems: windowFaults, startsAt, endsAt } = windowProblems(values);
  Object.assign(problems, windowFaults);
  if (startsAt && endsAt && !problems.endsAt) {
    if (Date.parse(endsAt) - Date.parse(startsAt) > MAX_WINDOW_MS) problems.endsAt = '사용 기간은 시작부터 366일을 넘을 수 없습니다.';
    else if (coupon && coupon.usedCount > 0 && values.endsAt !== seoulDateTimeInput(coupon.endsAt) && Date.parse(endsAt) < now.getTime())
      problems.endsAt = '이미 사용된 쿠폰의 종료 일시는 지금보다 앞당길 수 없습니다.';
  }
  if (!isAtLeast(wholeNumber(values.perUserLimit) ?? 1, 1)) problems.perUserLimit = '1인당 사용 횟수는 1 이상입니다.';
  const totalUsageLimit = wholeNumber(values.totalUsageLimit);
  if (totalUsageLimit !== null && !isAtLeast(totalUsageLimit, coupon?.usedCount ?? 0))
    problems.totalUsageLimit = coupon?.usedCount
      ? `전체 사용 한도는 이미 사용된 ${coupon.usedCount}회보다 적을 수 없습니다.`
      : '전체 사용 한도는 비우거나 0 이상으로 입력해 주세요.';
  const cycles = wholeNumber(values.subscriptionCycles) ?? 1;
  if (!isAtLeast(cycles, 1) || cycles > 12) problems.subscriptionCycles = '정기 배송 할인 횟수는 1~12회입니다.';
  if (values.scope === 'EXHIBITION' && !values.exhibitionId) problems.exhibitionId = '기획전을 골라 주세요.';
  if (values.scope === 'LISTINGS' && values.listingIds.length === 0) problems.listingIds = '상품을 하나 이상 골라 주세요.';
  return problems;
}

/** Percent as typed → basis points; null when not a number of at most two decimals. */
function rateBps(percent: string): number | null {
  const plain = percent.trim();
  return PERCENT.test(plain) ? Math.round(Number(plain) * 100) : null;
}

/**
 * `SaveCouponInput` of values that passed `couponProblems`. A date left as it was keeps the coupon's exact
 * instant, so a redeemed coupon's unchanged start is not taken for a change.
 */
export function couponInput(values: CouponValues, funder: CouponFunder, coupon?: CouponTermsFragment): SaveCouponInput {
  const fundedBy: DiscountFunder = funder.fundedBy;
  return {
    id: coupon?.id,
    code: values.code.trim().toUpperCase(),
    name: values.name.trim(),
    description: values.description.trim() || null,
    discountType: values.discountType,
    rateBps: values.discountType === 'PERCENTAGE' ? rateBps(values.ratePercent) : null,
    amount: values.discountType === 'FIXED_AMOUNT' ? wholeNumber(values.amount) : null,
    maxDiscount: wholeNumber(values.maxDiscount),
    minOrderAmount: wholeNumber(values.minOrderAmount) ?? 0,
    startsAt: typedInstant(values.startsAt, coupon?.startsAt)!,
    endsAt: typedInstant(values.endsAt, coupon?.endsAt)!,
    perUserLimit: wholeNumber(values.perUserLimit) ?? 1,
    totalUsageLimit: wholeNumber(values.totalUsageLimit),
    subscriptionCycles: wholeNumber(values.subscriptionCycles) ?? 1,
    appliesToSubscriptions: values.appliesToSubscriptions,
    scope: values.scope,
    exhibitionId: values.scope === 'EXHIBITION' ? values.exhibitionId : null,
    listingIds: values.scope === 'LISTINGS' ? values.listingIds : null,
    active: values.active,
    fundedBy,
    partnerAgencyId: funder.fundedBy === 'PARTNER_AGENCY' ? funder.partnerAgencyId : null,
  };
}
