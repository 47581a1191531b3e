import { KOREAN_CARRIER_NAMES } from '../../../libs/commerce/src/carrier-formats';
import type {
  Carrier,
  CouponScope,
  DiscountType,
  DuesInvoiceKind,
  DuesInvoiceStatus,
  ExhibitionStatus,
  ListingKind,
  ListingStatus,
  MarketCreatorKind,
  OrganizationKind,
  PartnerAgencyStatus,
  ServiceCategory,
  StrikeReason,
} from './generated/graphql';

/** Korean names of the API's enum values (docs/RULES.md names them in English). */
export const AGENCY_STATUS: Record<PartnerAgencyStatus, string> = {
  PENDING_REVIEW: '심사 대기',
  CHANGES_REQUESTED: '보완 요청',
  REJECTED: '반려',
  AWAITING_DUES: '회비 납부 대기',
  ACTIVE: '활동 중',
  SUSPENDED: '정지',
  WITHDRAWN: '퇴점',
};

export const AGENCY_STATUS_COLOR: Record<PartnerAgencyStatus, string> = {
  PENDING_REVIEW: 'blue',
  CHANGES_REQUESTED: 'grape',
  REJECTED: 'gray',
  AWAITING_DUES: 'cyan',
  ACTIVE: 'dure',
  SUSPENDED: 'red',
  WITHDRAWN: 'gray',
};

export const STRIKE_REASON: Record<StrikeReason, string> = {
  LATE_SHIPMENT: '발송 지연',
  MISSING_TRACKING_NUMBER: '송장 번호 누락',
  LATE_RETURN_HANDLING: '반품 처리 지연',
  POLICY_VIOLATION: '운영 원칙 위반',
  PROVIDER_CANCELLATION: '제공자 취소',
  PROVIDER_NO_SHOW: '제공자 노쇼',
};

export const LISTING_STATUS: Record<ListingStatus, string> = {
  DRAFT: '작성 중',
  PUBLISHED: '게시 중',
  HIDDEN: '숨김',
  ARCHIVED: '보관',
};

export const LISTING_STATUS_COLOR: Record<ListingStatus, string> = { DRAFT: 'gray', PUBLISHED: 'dure', HIDDEN: 'grape', ARCHIVED: 'dark' };

export const LISTING_KIND: Record<ListingKind, string> = {
  GOODS: '상품',
  SERVICE: '서비스',
  SUBSCRIPTION: '정기 배송',
};

export const SERVICE_CATEGORY: Record<ServiceCategory, string> = {
  CARE: '돌봄',
  LIVING: '생활',
  EDUCATION: '교육',
  BUSINESS_SUPPORT: '비즈니스 지원',
};

export const ORGANIZATION_KIND: Record<OrganizationKind, string> = {
  SOCIAL_ENTERPRISE: '인증 사회적기업',
  PRE_SOCIAL_ENTERPRISE: '예비사회적기업',
  COOPERATIVE: '협동조합',
  SOCIAL_COOPERATIVE: '사회적협동조합',
  VILLAGE_ENTERPRISE: '마을기업',
  SELF_SUFFICIENCY_ENTERPRISE: '자활기업',
  SOCIAL_VENTURE: '소셜벤처',
  NONPROFIT: '비영리법인·단체',
  PUBLIC_INSTITUTION: '공공기관',
  COMPANY: '일반 기업',
};

/** The carriers as buyers know them (the server's table); OTHER parcels name their courier. */
export const CARRIER: Record<Carrier, string> = { ...KOREAN_CARRIER_NAMES, OTHER: '기타 택배사' };

export const MARKET_CREATOR_KIND: Record<MarketCreatorKind, string> = {
  INDIVIDUAL: '개인',
  CELEBRITY: '유명인',
  CORPORATE: '기업',
  PUBLIC_INTEREST: '공익 단체',
};

export const DUES_INVOICE_KIND: Record<DuesInvoiceKind, string> = {
  REGULAR: '정기 회비',
  PRORATED: '등급 변경 차액',
};

export const DUES_INVOICE_STATUS: Record<DuesInvoiceStatus, string> = {
  OPEN: '납부 대기',
  OVERDUE: '연체',
  PAID: '납부 완료',
  VOID: '취소',
};

export const DUES_INVOICE_STATUS_COLOR: Record<DuesInvoiceStatus, string> = { OPEN: 'blue', OVERDUE: 'red', PAID: 'dure', VOID: 'gray' };

export const DISCOUNT_TYPE: Record<DiscountType, string> = {
  PERCENTAGE: '정률 할인',
  FIXED_AMOUNT: '정액 할인',
  FREE_SHIPPING: '배송비 지원',
};

export const COUPON_SCOPE: Record<CouponScope, string> = {
  ALL: '전체 상품',
  EXHIBITION: '기획전 상품',
  LISTINGS: '지정 상품',
};

export const EXHIBITION_STATUS: Record<ExhibitionStatus, string> = {
  DRAFT: '준비 중',
  PUBLISHED: '공개',
  ARCHIVED: '종료',
};

export const EXHIBITION_STATUS_COLOR: Record<ExhibitionStatus, string> = { DRAFT: 'gray', PUBLISHED: 'dure', ARCHIVED: 'dark' };

/** A Record of labels as the options of a select. */
export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
