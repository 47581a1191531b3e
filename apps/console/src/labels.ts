import { KOREAN_CARRIER_NAMES } from '../../../libs/commerce/src/carrier-formats';
import type {
  Carrier,
  ConsultationStatus,
  CouponScope,
  DiscountType,
  DuesInvoiceKind,
  DuesInvoiceStatus,
  ExhibitionStatus,
  ListingKind,
  ListingStatus,
  MarketCreatorKind,
  OfferStatus,
  OrganizationKind,
  OrganizationRole,
  PartnerAgencyStatus,
  PayoutStatus,
  ReportPeriod,
  ReservationStatus,
  ReturnReason,
  ReturnResolution,
  ReturnStatus,
  ServiceCategory,
  SettlementLineKind,
  SettlementStatus,
  StrikeReason,
  SubscriptionInterval,
  SubscriptionStatus,
  SupplyCategory,
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

export const SETTLEMENT_STATUS: Record<SettlementStatus, string> = {
  DRAFT: '작성 중',
  ISSUED: '발행',
  DISPUTED: '이의 제기',
  PAID: '지급 완료',
  CARRIED_OVER: '이월',
};

export const SETTLEMENT_STATUS_COLOR: Record<SettlementStatus, string> = {
  DRAFT: 'gray',
  ISSUED: 'blue',
  DISPUTED: 'red',
  PAID: 'dure',
  CARRIED_OVER: 'grape',
};

export const SETTLEMENT_LINE_KIND: Record<SettlementLineKind, string> = {
  ORDER_LINE: '주문 상품',
  SHIPPING: '배송비',
  RESERVATION: '서비스 예약',
  POST_SETTLEMENT_REFUND: '정산 후 환불',
  ADJUSTMENT: '조정',
  CARRIED_BALANCE: '이월 잔액',
};

export const PAYOUT_STATUS: Record<PayoutStatus, string> = {
  SCHEDULED: '지급 예정',
  PAID: '지급 완료',
};

export const SUPPLY_CATEGORY: Record<SupplyCategory, string> = {
  GOODS: '물품',
  SERVICES: '용역',
};

export const REPORT_PERIOD: Record<ReportPeriod, string> = {
  MONTH: '월별',
  QUARTER: '분기별',
  YEAR: '연도별',
};

/** A select's options from one of the tables above, in its order. */
export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export const RETURN_STATUS: Record<ReturnStatus, string> = {
  REQUESTED: '요청됨',
  ACCEPTED: '승인됨',
  RECEIVED: '회수 완료',
  COMPLETED: '처리 완료',
  REJECTED: '거절됨',
  WITHDRAWN: '철회됨',
};

export const RETURN_REASON: Record<ReturnReason, string> = {
  CHANGE_OF_MIND: '단순 변심',
  DAMAGED_IN_DELIVERY: '배송 중 파손',
  DEFECTIVE: '상품 불량',
  NOT_AS_DESCRIBED: '설명과 다름',
  WRONG_ITEM: '오배송',
};

export const RETURN_RESOLUTION: Record<ReturnResolution, string> = { REFUND: '반품(환불)', EXCHANGE: '교환' };

export const CONSULTATION_STATUS: Record<ConsultationStatus, string> = {
  OPEN: '답변 대기',
  OFFERED: '제안 보냄',
  ACCEPTED: '예약됨',
  DECLINED: '거절',
  CANCELLED: '취소',
  EXPIRED: '제안 만료',
};

export const OFFER_STATUS: Record<OfferStatus, string> = {
  PENDING: '응답 대기',
  ACCEPTED: '수락',
  DECLINED: '거절',
  EXPIRED: '만료',
  WITHDRAWN: '철회',
};

export const RESERVATION_STATUS: Record<ReservationStatus, string> = {
  PENDING_PAYMENT: '결제 대기',
  CONFIRMED: '확정',
  COMPLETED: '완료',
  CANCELLED: '취소',
  EXPIRED: '만료',
  NO_SHOW: '노쇼',
};

export const RESERVATION_STATUS_COLOR: Record<ReservationStatus, string> = {
  PENDING_PAYMENT: 'yellow',
  CONFIRMED: 'dure',
  COMPLETED: 'blue',
  CANCELLED: 'gray',
  EXPIRED: 'gray',
  NO_SHOW: 'red',
};

export const SUBSCRIPTION_STATUS: Record<SubscriptionStatus, string> = {
  ACTIVE: '구독 중',
  PAUSED: '일시 정지',
  PAST_DUE: '결제 실패',
  CANCELLED: '해지',
};

export const SUBSCRIPTION_STATUS_COLOR: Record<SubscriptionStatus, string> = { ACTIVE: 'dure', PAUSED: 'grape', PAST_DUE: 'red', CANCELLED: 'gray' };

export const SUBSCRIPTION_INTERVAL: Record<SubscriptionInterval, string> = { WEEKLY: '매주', BIWEEKLY: '격주', MONTHLY: '매월' };

export const ORGANIZATION_ROLE: Record<OrganizationRole, string> = { OWNER: '대표', MANAGER: '관리자', STAFF: '직원' };

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
