import { DispatchDelayReason, ReturnReason, ReturnResolution } from '../../commerce/src/index.js';
import { NotificationKind } from './notification-kind.js';
import { koreanDateTime, koreanLastDay, renderNotice, won } from './notification-templates.js';

describe('notification templates', () => {
  const startsAt = new Date('2025-12-24T06:00:00Z');

  it('writes dates in Seoul time and money in won', () => {
    expect(koreanDateTime(startsAt)).toBe('12월 24일 (수) 오후 3:00');
    expect(won(1234567)).toBe('1,234,567원');
  });

  it('tells of a cancellation with its refund, and without one when nothing went back', () => {
    const facts = { reservationId: 'r1', number: 'R-1', listingTitle: '방문 목욕', startsAt };
    const refunded = renderNotice(NotificationKind.RESERVATION_CANCELLED, { ...facts, refundAmount: 30000 });
    expect(refunded.title).toBe('예약이 취소되었어요');
    expect(refunded.body).toBe('‘방문 목욕’ 12월 24일 (수) 오후 3:00 예약(R-1)이 취소되었어요. 30,000원을 환불해 드렸어요.');
    expect(refunded.link).toBe('/reservations/r1');
    expect(renderNotice(NotificationKind.RESERVATION_CANCELLED, { ...facts, refundAmount: null }).body).not.toContain('환불');
  });

  it('tells the agency of a paid order: its number, the last day to dispatch, its items (three named, the rest counted) and total', () => {
    // End of 2025-12-24 (Wed) in Seoul is 2025-12-25 00:00 KST.
    const dispatchDeadline = new Date('2025-12-24T15:00:00Z');
    expect(koreanLastDay(dispatchDeadline)).toBe('12월 24일 (수)');
    const items = [
      { title: '유기농 현미 5kg', quantity: 2 },
      { title: '들기름', quantity: 1 },
      { title: '손두부', quantity: 3 },
      { title: '아카시아 꿀', quantity: 1 },
      { title: '도토리묵', quantity: 1 },
    ];
    const notice = renderNotice(NotificationKind.ORDER_PAID, { orderId: 'o1', number: 'O-7', items, total: 81_000, dispatchDeadline });
    expect(notice.title).toBe('새 주문이 들어왔어요');
    expect(notice.body).toBe(
      '주문(O-7)이 결제되었어요. 12월 24일 (수)까지 발송해 주세요.\n상품: ‘유기농 현미 5kg’ 2개, ‘들기름’ 1개, ‘손두부’ 3개 외 2건\n결제 금액: 81,000원',
    );
    expect(notice.link).toBe('/orders/o1');
    expect(notice.variables['#{발송기한}']).toBe('12월 24일 (수)');
  });

  it('tells the buyer of a parcel with its tracking, of a direct delivery without, and of a delay with its reason in Korean', () => {
    const order = { orderId: 'o1', number: 'O-7' };
    const parcel = { ...order, carrierName: '로젠택배', trackingNumber: '31234567890', trackingUrl: null, partial: false };
    expect(renderNotice(NotificationKind.ORDER_SHIPPED, parcel).body).toBe('주문(O-7) 상품을 택배로 보냈어요.\n택배사: 로젠택배\n송장번호: 31234567890');
    const direct = renderNotice(NotificationKind.ORDER_SHIPPED, { ...parcel, carrierName: '직접 배송', trackingNumber: null, partial: true });
    expect(direct).toMatchObject({ title: '주문하신 상품 일부가 출발했어요', body: '주문(O-7) 상품을 판매 기관이 직접 배송해 드려요.', link: '/orders/o1' });
    const delay = renderNotice(NotificationKind.DISPATCH_DELAYED, {
      ...order,
      newDeadline: new Date('2025-12-24T15:00:00Z'),
      reason: DispatchDelayReason.PRODUCTION_OR_HARVEST,
      note: null,
    });
    expect(delay.body).toBe(
      '주문(O-7) 상품을 12월 24일 (수)까지 보내 드릴게요. 기다리시게 해서 죄송해요.\n사유: 생산·수확 대기\n기다리기 어려우시면 발송 전까지 주문을 취소하실 수 있어요.',
    );
  });

  it('tells the buyer of a cancellation by the agency or an operator, without a refund line when nothing went back', () => {
    const facts = { orderId: 'o1', number: 'O-7', items: [{ title: '들기름', quantity: 1 }], refundAmount: 0, byOperator: true, reason: null };
    expect(renderNotice(NotificationKind.ORDER_CANCELLED_BY_SELLER, facts).body).toBe(
      '두레 운영팀이 주문(O-7)의 상품을 취소했어요. 불편을 드려 죄송해요.\n취소 상품: ‘들기름’ 1개',
    );
  });

  it('says why an agency was suspended', () => {
    const forDues = renderNotice(NotificationKind.PARTNER_AGENCY_SUSPENDED, { partnerAgencyId: 'a', forDues: true, reason: null });
    expect(forDues.body).toContain('회비');
    const byOperator = renderNotice(NotificationKind.PARTNER_AGENCY_SUSPENDED, { partnerAgencyId: 'a', forDues: false, reason: '허위 정보' });
    expect(byOperator.body).toContain('사유: 허위 정보');
  });

  it('tells the agency of a paid settlement statement with its month and amount', () => {
    expect(renderNotice(NotificationKind.SETTLEMENT_PAID, { partnerAgencyId: 'a', statementId: 's', month: '2027-03', netPayable: 111720 })).toMatchObject({
      title: '정산금이 지급되었어요',
      body: '2027년 3월 정산금 111,720원을 등록하신 계좌로 보냈어요. 정산서에서 내역을 확인하실 수 있어요.',
      link: '/partner-agencies/a/settlements/s',
      variables: { '#{정산월}': '2027년 3월', '#{금액}': '111,720원' },
    });
  });

  it('tells the subscriber of a charge, a declined one with the next attempt or the end, and a price increase needing consent', () => {
    const box = { subscriptionId: 's', title: '제철 채소 꾸러미' };
    expect(renderNotice(NotificationKind.SUBSCRIPTION_CHARGED, { ...box, shipDate: '2027-03-16', amount: 28000 }).body).toBe(
      '‘제철 채소 꾸러미’ 3월 16일 발송분 28,000원이 결제되었어요. 발송되면 송장 번호를 알려 드릴게요.',
    );
    const retry = renderNotice(NotificationKind.SUBSCRIPTION_CHARGE_FAILED, { ...box, shipDate: '2027-03-16', amount: 28000, nextRetryAt: startsAt });
    expect(retry.title).toBe('정기배송 결제가 승인되지 않았어요');
    expect(retry.body).toContain('다시 결제를 시도할게요');
    const ended = renderNotice(NotificationKind.SUBSCRIPTION_CHARGE_FAILED, { ...box, shipDate: '2027-03-16', amount: 28000, nextRetryAt: null });
    expect(ended.title).toBe('결제가 되지 않아 정기배송이 해지되었어요');
    const increase = renderNotice(NotificationKind.SUBSCRIPTION_PRICE_INCREASE, {
      ...box,
      oldUnitPrice: 20000,
      newUnitPrice: 30000,
      effectiveShipDate: '2027-07-13',
      respondBy: startsAt,
    });
    expect(increase.body).toContain('20,000원에서 30,000원으로 오를 예정이에요. 7월 13일 발송분부터 적용되며');
    expect(increase.link).toBe('/subscriptions/s');
  });

  it('speaks polite 해요체 in every template', () => {
    const all = [
      renderNotice(NotificationKind.DUES_INVOICE_ISSUED, {
        partnerAgencyId: 'a',
        amount: 50000,
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        dueDate: '2025-01-01',
      }),
      renderNotice(NotificationKind.PAYOUT_PAID, { periodStart: '2025-01-01', periodEnd: '2025-01-31', netAmount: 96700 }),
      renderNotice(NotificationKind.SETTLEMENT_PAID, { partnerAgencyId: 'a', statementId: 's', month: '2025-01', netPayable: 111720 }),
      renderNotice(NotificationKind.RESERVATION_REMINDER, { reservationId: 'r', number: 'R-2', listingTitle: '돌봄', startsAt }),
      renderNotice(NotificationKind.DISPATCH_DEADLINE_TOMORROW, { orderId: 'o', number: 'O-1', dispatchDeadline: startsAt }),
      renderNotice(NotificationKind.DISPATCH_DELAYED, {
        orderId: 'o',
        number: 'O-1',
        newDeadline: startsAt,
        reason: DispatchDelayReason.OTHER,
        note: '포장 자재',
      }),
      renderNotice(NotificationKind.RETURN_REQUESTED, {
        orderId: 'o',
        number: 'O-1',
        returnRequestId: 'x',
        returnNumber: 'X-1',
        reason: ReturnReason.CHANGE_OF_MIND,
        resolution: ReturnResolution.REFUND,
        items: [{ title: '들기름', quantity: 1 }],
        acceptBy: startsAt,
      }),
    ];
    for (const notice of all) expect(notice.title).toMatch(/요$/);
    expect(all[0].body).toBe('1월 1일~1월 31일 회비 50,000원이 청구되었어요. 1월 1일까지 납부해 주세요.');
  });
});
