import { DateTime } from 'luxon';
import { BUSINESS_TIME_ZONE, seoulDateOf } from '../../common/src/index.js';
import { DispatchDelayReason, ReturnReason, ReturnResolution } from '../../commerce/src/index.js';
import { NotificationKind as K } from './notification-kind.js';

/** What each kind's template needs; the subscriptions gather it from the event. */
export interface NoticeFacts {
  [K.CONSULTATION_MESSAGE]: { consultationId: string; listingTitle: string; senderName: string; excerpt: string };
  [K.OFFER_SENT]: { consultationId: string; listingTitle: string; price: number; startsAt: Date; expiresAt: Date };
  [K.RESERVATION_CONFIRMED]: ReservationFacts;
  [K.RESERVATION_CANCELLED]: ReservationFacts & { refundAmount: number | null };
  [K.RESERVATION_REMINDER]: ReservationFacts;
  [K.ORDER_PAID]: { orderId: string; number: string; items: OrderedItem[]; total: number; dispatchDeadline: Date };
  [K.ORDER_SHIPPED]: OrderFacts & { carrierName: string; trackingNumber: string | null; trackingUrl: string | null; partial: boolean };
  [K.DISPATCH_DEADLINE_TOMORROW]: OrderFacts & { dispatchDeadline: Date };
  [K.DISPATCH_DELAYED]: OrderFacts & { newDeadline: Date; reason: DispatchDelayReason; note: string | null };
  [K.ORDER_CANCELLED_BY_SELLER]: OrderFacts & { items: OrderedItem[]; refundAmount: number; byOperator: boolean; reason: string | null };
  [K.RETURN_REQUESTED]: OrderFacts & {
    returnRequestId: string;
    returnNumber: string;
    reason: ReturnReason;
    resolution: ReturnResolution;
    items: OrderedItem[];
    acceptBy: Date;
  };
  [K.DUES_INVOICE_ISSUED]: InvoiceFacts;
  [K.DUES_INVOICE_OVERDUE]: InvoiceFacts;
  [K.PARTNER_AGENCY_SUSPENDED]: { partnerAgencyId: string; forDues: boolean; reason: string | null };
  [K.PAYOUT_PAID]: { periodStart: string; periodEnd: string; netAmount: number };
  [K.SETTLEMENT_PAID]: { partnerAgencyId: string; statementId: string; month: string; netPayable: number };
  [K.TAX_INVOICE_AMENDMENT_NEEDED]: {
    partnerAgencyId: string;
    taxInvoiceId: string;
    buyerName: string;
    approvalNumber: string | null;
    issuedTotal: number;
    keptTotal: number;
  };
  [K.SUBSCRIPTION_CHARGED]: SubscriptionFacts & { shipDate: string; amount: number };
  [K.SUBSCRIPTION_CHARGE_FAILED]: SubscriptionFacts & { shipDate: string; amount: number; nextRetryAt: Date | null };
  [K.SUBSCRIPTION_PRICE_INCREASE]: SubscriptionFacts & { oldUnitPrice: number; newUnitPrice: number; effectiveShipDate: string; respondBy: Date };
}

interface SubscriptionFacts {
  subscriptionId: string;
  title: string;
}

interface ReservationFacts {
  reservationId: string;
  number: string;
  listingTitle: string;
  startsAt: Date;
}

interface OrderFacts {
  orderId: string;
  number: string;
}

/** One line of an order as its notice names it. */
interface OrderedItem {
  title: string;
  quantity: number;
}

/** How many of an order's lines its notice names; the rest are counted (`외 2건`). */
const NAMED_ITEMS = 3;

interface InvoiceFacts {
  partnerAgencyId: string;
  amount: number;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
}

/** A notice in words: `link` is a path of the web app; `variables` fill the 알림톡 template of the kind. */
export interface RenderedNotice {
  title: string;
  body: string;
  link: string | null;
  variables: Record<string, string>;
}

const WEEKDAYS = ['월', '화', '수', '목', '금', '토', '일'];

/** `12월 24일 (수) 오후 3:00`, in Seoul time; spelled out here since runtimes without full ICU data write "PM". */
export function koreanDateTime(at: Date): string {
  const t = DateTime.fromJSDate(at, { zone: BUSINESS_TIME_ZONE });
  const hour = t.hour % 12 === 0 ? 12 : t.hour % 12;
  return `${t.month}월 ${t.day}일 (${WEEKDAYS[t.weekday - 1]}) ${t.hour < 12 ? '오전' : '오후'} ${hour}:${String(t.minute).padStart(2, '0')}`;
}

/** `30,000원`. */
export function won(amount: number): string {
  return `${amount.toLocaleString('ko-KR')}원`;
}

/** `2025-01-31` → `1월 31일`. */
function koreanDate(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}월 ${day}일`;
}

/** "2027-03" → "2027년 3월". */
function koreanMonth(month: string): string {
  const [year, monthOfYear] = month.split('-');
  return `${year}년 ${Number(monthOfYear)}월`;
}

/**
 * The last day of a deadline that falls at the end of a day (docs/RULES.md §14: "end of day D" is D + 1 at
 * 00:00 KST): `12월 24일 (수)`, the day before the instant.
 */
export function koreanLastDay(endOfDay: Date): string {
  const t = DateTime.fromISO(seoulDateOf(new Date(endOfDay.getTime() - 1)), { zone: BUSINESS_TIME_ZONE });
  return `${t.month}월 ${t.day}일 (${WEEKDAYS[t.weekday - 1]})`;
}

/** `‘현미 5kg’ 2개, ‘들기름’ 1개 외 2건`. */
function orderedItems(items: readonly OrderedItem[]): string {
  const named = items.slice(0, NAMED_ITEMS).map((item) => `‘${item.title}’ ${item.quantity}개`);
  return named.join(', ') + (items.length > NAMED_ITEMS ? ` 외 ${items.length - NAMED_ITEMS}건` : '');
}

/** 발송지연 사유 as the buyer reads it (docs/RULES.md §17). */
const DISPATCH_DELAY_REASONS: Record<DispatchDelayReason, string> = {
  [DispatchDelayReason.RESTOCKING]: '재입고 대기',
  [DispatchDelayReason.MADE_TO_ORDER]: '주문 제작',
  [DispatchDelayReason.BUYER_REQUEST]: '구매자 요청',
  [DispatchDelayReason.PRODUCTION_OR_HARVEST]: '생산·수확 대기',
  [DispatchDelayReason.OTHER]: '기타',
};

const RETURN_REASONS: Record<ReturnReason, string> = {
  [ReturnReason.CHANGE_OF_MIND]: '단순 변심',
  [ReturnReason.DEFECTIVE]: '상품 불량',
  [ReturnReason.WRONG_ITEM]: '오배송',
  [ReturnReason.NOT_AS_DESCRIBED]: '상품 설명과 다름',
  [ReturnReason.DAMAGED_IN_DELIVERY]: '배송 중 파손',
};

type Template<F> = (facts: F) => RenderedNotice;

/** Polite 해요체, short: one template per kind (reviewed for tone; keep new ones in the same voice). */
const TEMPLATES: { [Kind in K]: Template<NoticeFacts[Kind]> } = {
  [K.CONSULTATION_MESSAGE]: (f) => ({
    title: `${f.senderName}님이 메시지를 보냈어요`,
    body: `‘${f.listingTitle}’ 상담에 새 메시지가 왔어요.\n“${f.excerpt}”`,
    link: `/consultations/${f.consultationId}`,
    variables: { '#{보낸사람}': f.senderName, '#{상품명}': f.listingTitle },
  }),
  [K.OFFER_SENT]: (f) => ({
    title: '상담하신 서비스의 제안이 도착했어요',
    body: `‘${f.listingTitle}’ ${koreanDateTime(f.startsAt)}, ${won(f.price)}에 제안을 받았어요. ${koreanDateTime(f.expiresAt)}까지 수락해 주세요.`,
    link: `/consultations/${f.consultationId}`,
    variables: { '#{상품명}': f.listingTitle, '#{일시}': koreanDateTime(f.startsAt), '#{금액}': won(f.price), '#{마감}': koreanDateTime(f.expiresAt) },
  }),
  [K.RESERVATION_CONFIRMED]: (f) => ({
    title: '예약이 확정되었어요',
    body: `‘${f.listingTitle}’ ${koreanDateTime(f.startsAt)} 예약(${f.number})이 결제되어 확정되었어요.`,
    link: `/reservations/${f.reservationId}`,
    variables: reservationVariables(f),
  }),
  [K.RESERVATION_CANCELLED]: (f) => ({
    title: '예약이 취소되었어요',
    body:
      `‘${f.listingTitle}’ ${koreanDateTime(f.startsAt)} 예약(${f.number})이 취소되었어요.` +
      (f.refundAmount ? ` ${won(f.refundAmount)}을 환불해 드렸어요.` : ''),
    link: `/reservations/${f.reservationId}`,
    variables: { ...reservationVariables(f), '#{환불금액}': won(f.refundAmount ?? 0) },
  }),
  [K.RESERVATION_REMINDER]: (f) => ({
    title: '내일 예약이 있어요',
    body: `‘${f.listingTitle}’ 예약(${f.number})이 ${koreanDateTime(f.startsAt)}에 시작해요. 잊지 마세요!`,
    link: `/reservations/${f.reservationId}`,
    variables: reservationVariables(f),
  }),
  [K.ORDER_PAID]: (f) => ({
    title: '새 주문이 들어왔어요',
    body: `주문(${f.number})이 결제되었어요. ${koreanLastDay(f.dispatchDeadline)}까지 발송해 주세요.\n상품: ${orderedItems(f.items)}\n결제 금액: ${won(f.total)}`,
    link: `/orders/${f.orderId}`,
    variables: { '#{주문번호}': f.number, '#{상품}': orderedItems(f.items), '#{금액}': won(f.total), '#{발송기한}': koreanLastDay(f.dispatchDeadline) },
  }),
  [K.ORDER_SHIPPED]: (f) => ({
    title: f.partial ? '주문하신 상품 일부가 출발했어요' : '주문하신 상품이 출발했어요',
    body: f.trackingNumber
      ? `주문(${f.number}) 상품을 택배로 보냈어요.\n택배사: ${f.carrierName}\n송장번호: ${f.trackingNumber}` +
        (f.trackingUrl ? `\n배송 조회: ${f.trackingUrl}` : '')
      : `주문(${f.number}) 상품을 판매 기관이 직접 배송해 드려요.`,
    link: `/orders/${f.orderId}`,
    variables: {
      '#{주문번호}': f.number,
      '#{택배사}': f.carrierName,
      '#{송장번호}': f.trackingNumber ?? '없음',
      '#{배송조회}': f.trackingUrl ?? `/orders/${f.orderId}`,
    },
  }),
  [K.DISPATCH_DEADLINE_TOMORROW]: (f) => ({
    title: '내일까지 발송할 주문이 있어요',
    body: `주문(${f.number})의 발송 기한이 내일 ${koreanLastDay(f.dispatchDeadline)}까지예요. 기한 안에 송장을 등록해 주세요.`,
    link: `/orders/${f.orderId}`,
    variables: { '#{주문번호}': f.number, '#{발송기한}': koreanLastDay(f.dispatchDeadline) },
  }),
  [K.DISPATCH_DELAYED]: (f) => ({
    title: '상품 발송이 늦어져요',
    body:
      `주문(${f.number}) 상품을 ${koreanLastDay(f.newDeadline)}까지 보내 드릴게요. 기다리시게 해서 죄송해요.\n` +
      `사유: ${DISPATCH_DELAY_REASONS[f.reason]}${f.note ? ` (${f.note})` : ''}\n` +
      '기다리기 어려우시면 발송 전까지 주문을 취소하실 수 있어요.',
    link: `/orders/${f.orderId}`,
    variables: { '#{주문번호}': f.number, '#{발송예정일}': koreanLastDay(f.newDeadline), '#{사유}': DISPATCH_DELAY_REASONS[f.reason] },
  }),
  [K.ORDER_CANCELLED_BY_SELLER]: (f) => ({
    title: '주문이 취소되었어요',
    body:
      (f.byOperator ? `두레 운영팀이 주문(${f.number})의 상품을 취소했어요.` : `판매 기관 사정으로 주문(${f.number})의 상품이 취소되었어요.`) +
      ' 불편을 드려 죄송해요.\n' +
      `취소 상품: ${orderedItems(f.items)}` +
      (f.reason ? `\n사유: ${f.reason}` : '') +
      (f.refundAmount ? `\n환불 금액: ${won(f.refundAmount)}` : ''),
    link: `/orders/${f.orderId}`,
    variables: { '#{주문번호}': f.number, '#{상품}': orderedItems(f.items), '#{환불금액}': won(f.refundAmount) },
  }),
  [K.RETURN_REQUESTED]: (f) => ({
    title: f.resolution === ReturnResolution.EXCHANGE ? '교환 요청이 들어왔어요' : '반품 요청이 들어왔어요',
    body:
      `주문(${f.number})에 ${f.resolution === ReturnResolution.EXCHANGE ? '교환' : '반품'} 요청(${f.returnNumber})이 들어왔어요.\n` +
      `사유: ${RETURN_REASONS[f.reason]}\n상품: ${orderedItems(f.items)}\n` +
      `${koreanLastDay(f.acceptBy)}까지 답하지 않으시면 자동으로 접수돼요.`,
    link: `/returns/${f.returnRequestId}`,
    variables: {
      '#{주문번호}': f.number,
      '#{요청번호}': f.returnNumber,
      '#{사유}': RETURN_REASONS[f.reason],
      '#{상품}': orderedItems(f.items),
      '#{기한}': koreanLastDay(f.acceptBy),
    },
  }),
  [K.DUES_INVOICE_ISSUED]: (f) => ({
    title: '회비 청구서가 발행되었어요',
    body: `${koreanDate(f.periodStart)}~${koreanDate(f.periodEnd)} 회비 ${won(f.amount)}이 청구되었어요. ${koreanDate(f.dueDate)}까지 납부해 주세요.`,
    link: `/partner-agencies/${f.partnerAgencyId}/dues`,
    variables: invoiceVariables(f),
  }),
  [K.DUES_INVOICE_OVERDUE]: (f) => ({
    title: '회비 납부 기한이 지났어요',
    body: `${koreanDate(f.dueDate)}까지였던 회비 ${won(f.amount)}이 아직 납부되지 않았어요. 계속 미납되면 입점이 일시 정지될 수 있으니 납부해 주세요.`,
    link: `/partner-agencies/${f.partnerAgencyId}/dues`,
    variables: invoiceVariables(f),
  }),
  [K.PARTNER_AGENCY_SUSPENDED]: (f) => ({
    title: '입점이 일시 정지되었어요',
    body: f.forDues
      ? '회비가 유예 기간이 지나도록 납부되지 않아 입점이 일시 정지되었어요. 밀린 회비를 납부하시면 바로 다시 판매할 수 있어요.'
      : `운영자가 입점을 일시 정지했어요.${f.reason ? ` 사유: ${f.reason}` : ''} 궁금한 점은 두레 운영팀에 문의해 주세요.`,
    link: `/partner-agencies/${f.partnerAgencyId}`,
    variables: { '#{사유}': f.forDues ? '회비 미납' : (f.reason ?? '운영 정책') },
  }),
  [K.PAYOUT_PAID]: (f) => ({
    title: '수익금이 지급되었어요',
    body: `${koreanDate(f.periodStart)}~${koreanDate(f.periodEnd)} 수익금 ${won(f.netAmount)}(원천징수 후)을 등록하신 계좌로 보냈어요.`,
    link: '/market/payouts',
    variables: { '#{기간}': `${koreanDate(f.periodStart)}~${koreanDate(f.periodEnd)}`, '#{금액}': won(f.netAmount) },
  }),
  [K.SUBSCRIPTION_CHARGED]: (f) => ({
    title: '정기배송 결제가 완료되었어요',
    body: `‘${f.title}’ ${koreanDate(f.shipDate)} 발송분 ${won(f.amount)}이 결제되었어요. 발송되면 송장 번호를 알려 드릴게요.`,
    link: `/subscriptions/${f.subscriptionId}`,
    variables: { '#{상품명}': f.title, '#{발송일}': koreanDate(f.shipDate), '#{금액}': won(f.amount) },
  }),
  [K.SUBSCRIPTION_CHARGE_FAILED]: (f) =>
    f.nextRetryAt
      ? {
          title: '정기배송 결제가 승인되지 않았어요',
          body: `‘${f.title}’ ${koreanDate(f.shipDate)} 발송분 ${won(f.amount)} 결제가 승인되지 않았어요. ${koreanDateTime(f.nextRetryAt)}에 다시 결제를 시도할게요. 카드 상태를 확인하시거나 결제 수단을 바꿔 주세요.`,
          link: `/subscriptions/${f.subscriptionId}`,
          variables: { '#{상품명}': f.title, '#{금액}': won(f.amount), '#{재시도}': koreanDateTime(f.nextRetryAt) },
        }
      : {
          title: '결제가 되지 않아 정기배송이 해지되었어요',
          body: `‘${f.title}’ ${koreanDate(f.shipDate)} 발송분 ${won(f.amount)}을 여러 번 다시 시도했지만 결제되지 않아 정기배송이 해지되었어요. 앞으로 결제되는 금액은 없어요. 다시 받아 보시려면 새로 구독해 주세요.`,
          link: `/subscriptions/${f.subscriptionId}`,
          variables: { '#{상품명}': f.title, '#{금액}': won(f.amount), '#{재시도}': '없음' },
        },
  [K.SUBSCRIPTION_PRICE_INCREASE]: (f) => ({
    title: '정기배송 가격 변경에 동의가 필요해요',
    body: `‘${f.title}’ 가격이 ${won(f.oldUnitPrice)}에서 ${won(f.newUnitPrice)}으로 오를 예정이에요. ${koreanDate(f.effectiveShipDate)} 발송분부터 적용되며, ${koreanDateTime(f.respondBy)}까지 동의하지 않으시면 그 전에 정기배송이 해지되고 오른 금액은 결제되지 않아요.`,
    link: `/subscriptions/${f.subscriptionId}`,
    variables: {
      '#{상품명}': f.title,
      '#{기존금액}': won(f.oldUnitPrice),
      '#{변경금액}': won(f.newUnitPrice),
      '#{적용일}': koreanDate(f.effectiveShipDate),
      '#{동의기한}': koreanDateTime(f.respondBy),
    },
  }),
  [K.SETTLEMENT_PAID]: (f) => ({
    title: '정산금이 지급되었어요',
    body: `${koreanMonth(f.month)} 정산금 ${won(f.netPayable)}을 등록하신 계좌로 보냈어요. 정산서에서 내역을 확인하실 수 있어요.`,
    link: `/partner-agencies/${f.partnerAgencyId}/settlements/${f.statementId}`,
    variables: { '#{정산월}': koreanMonth(f.month), '#{금액}': won(f.netPayable) },
  }),
  [K.TAX_INVOICE_AMENDMENT_NEEDED]: (f) => ({
    title: '수정세금계산서 발행이 필요해요',
    body: `${f.buyerName}에 발행한 세금계산서${f.approvalNumber ? `(승인번호 ${f.approvalNumber})` : ''}는 ${won(f.issuedTotal)}인데, 환불 후 남은 금액은 ${won(f.keptTotal)}이에요. 차액 ${won(f.issuedTotal - f.keptTotal)}에 대해 수정세금계산서를 발행해 주세요.`,
    link: `/partner-agencies/${f.partnerAgencyId}/tax-invoices/${f.taxInvoiceId}`,
    variables: { '#{거래처}': f.buyerName, '#{발행금액}': won(f.issuedTotal), '#{남은금액}': won(f.keptTotal) },
  }),
};

function reservationVariables(f: ReservationFacts): Record<string, string> {
  return { '#{상품명}': f.listingTitle, '#{예약번호}': f.number, '#{일시}': koreanDateTime(f.startsAt) };
}

function invoiceVariables(f: InvoiceFacts): Record<string, string> {
  return { '#{금액}': won(f.amount), '#{납부기한}': koreanDate(f.dueDate) };
}

export function renderNotice<Kind extends K>(kind: Kind, facts: NoticeFacts[Kind]): RenderedNotice {
  return (TEMPLATES[kind] as Template<NoticeFacts[Kind]>)(facts);
}
