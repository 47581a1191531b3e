import { registerEnumType } from '@nestjs/graphql';

/** Each event a person must hear about; one template each (notification-templates.ts). */
export enum NotificationKind {
  CONSULTATION_MESSAGE = 'CONSULTATION_MESSAGE',
  OFFER_SENT = 'OFFER_SENT',
  RESERVATION_CONFIRMED = 'RESERVATION_CONFIRMED',
  RESERVATION_CANCELLED = 'RESERVATION_CANCELLED',
  RESERVATION_REMINDER = 'RESERVATION_REMINDER',
  ORDER_PAID = 'ORDER_PAID',
  ORDER_SHIPPED = 'ORDER_SHIPPED',
  DISPATCH_DEADLINE_TOMORROW = 'DISPATCH_DEADLINE_TOMORROW',
  DISPATCH_DELAYED = 'DISPATCH_DELAYED',
  ORDER_CANCELLED_BY_SELLER = 'ORDER_CANCELLED_BY_SELLER',
  RETURN_REQUESTED = 'RETURN_REQUESTED',
  DUES_INVOICE_ISSUED = 'DUES_INVOICE_ISSUED',
  DUES_INVOICE_OVERDUE = 'DUES_INVOICE_OVERDUE',
  PARTNER_AGENCY_SUSPENDED = 'PARTNER_AGENCY_SUSPENDED',
  PAYOUT_PAID = 'PAYOUT_PAID',
  SETTLEMENT_PAID = 'SETTLEMENT_PAID',
  SUBSCRIPTION_CHARGED = 'SUBSCRIPTION_CHARGED',
  SUBSCRIPTION_CHARGE_FAILED = 'SUBSCRIPTION_CHARGE_FAILED',
  SUBSCRIPTION_PRICE_INCREASE = 'SUBSCRIPTION_PRICE_INCREASE',
  TAX_INVOICE_AMENDMENT_NEEDED = 'TAX_INVOICE_AMENDMENT_NEEDED',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about.',
  valuesMap: {
    CONSULTATION_MESSAGE: { description: 'A new message in a consultation, to the other side.' },
    OFFER_SENT: { description: 'The agency sent the buyer an offer.' },
    RESERVATION_CONFIRMED: { description: 'A reservation was paid and is confirmed, to the buyer and the agency.' },
    RESERVATION_CANCELLED: { description: 'A reservation was cancelled, to the side that did not cancel it.' },
    RESERVATION_REMINDER: { description: 'A confirmed reservation starts in 24 hours, to both sides.' },
    ORDER_PAID: { description: 'A goods order was paid, to the selling agency’s OWNER / MANAGERs, with its dispatch deadline.' },
    ORDER_SHIPPED: { description: 'A parcel of a goods order left, to the buyer, with its carrier, tracking number and tracking link; one per parcel.' },
    DISPATCH_DEADLINE_TOMORROW: {
      description: 'A paid goods order is still not shipped the day before its last shipping day, to the selling agency’s OWNER / MANAGERs (09:00 KST).',
    },
    DISPATCH_DELAYED: { description: 'The agency delayed a goods order’s dispatch (발송지연), to the buyer, with the new date and the reason.' },
    ORDER_CANCELLED_BY_SELLER: {
      description: 'The agency (품절 취소) or an operator cancelled units of a goods order, to the buyer, with the units and the refund.',
    },
    RETURN_REQUESTED: {
      description:
        'The buyer asked to return or exchange units of a goods order (반품·교환 요청), to the selling agency’s OWNER / MANAGERs, with the answer deadline.',
    },
    DUES_INVOICE_ISSUED: { description: 'A dues invoice was issued, to the agency’s OWNER / MANAGERs.' },
    DUES_INVOICE_OVERDUE: { description: 'A dues invoice is unpaid past its due date, to the agency’s OWNER / MANAGERs.' },
    PARTNER_AGENCY_SUSPENDED: { description: 'The agency was suspended, to its OWNER / MANAGERs.' },
    PAYOUT_PAID: { description: 'A payout was sent, to the market creator.' },
    SETTLEMENT_PAID: {
      description: 'A monthly settlement statement was paid out (정산금 지급), to the agency’s OWNER / MANAGERs, with the month and the amount.',
    },
    SUBSCRIPTION_CHARGED: { description: 'A subscription delivery was charged (at subscribe, its cutoff or a retry), to the buyer.' },
    SUBSCRIPTION_CHARGE_FAILED: {
      description: 'A subscription charge was declined, to the buyer, with the next attempt, or that the subscription ended after the last one.',
    },
    SUBSCRIPTION_PRICE_INCREASE: {
      description: 'A subscription’s price is to rise and needs the buyer’s consent by respondBy (정기결제 증액 동의), to the buyer.',
    },
    TAX_INVOICE_AMENDMENT_NEEDED: {
      description:
        'A refund left less kept than an ISSUED tax invoice states (수정세금계산서 needed), to operators and the supplying agency’s OWNER / MANAGERs, with the amounts.',
    },
  },
});

/** Where a notification reaches its recipient. */
export enum NotificationChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  ALIMTALK = 'ALIMTALK',
}
registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'Where a notification reaches its recipient.',
  valuesMap: {
    IN_APP: { description: 'In the app (`myNotifications`); always on.' },
    EMAIL: { description: 'By e-mail to the account’s address; can be turned off per kind.' },
    ALIMTALK: { description: 'By 카카오 알림톡 to the account’s phone, when it has one; can be turned off per kind.' },
  },
});

/** The channels besides the in-app notice, which every recipient may turn off per kind. */
export const OPTIONAL_CHANNELS: readonly NotificationChannel[] = [NotificationChannel.EMAIL, NotificationChannel.ALIMTALK];

/** How far one delivery of a notification got. */
export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, {
  name: 'NotificationDeliveryStatus',
  description: 'How far one delivery of a notification got.',
  valuesMap: {
    PENDING: { description: 'Queued; failed attempts are retried with back-off.' },
    SENT: { description: 'Handed to the mail server or the 알림톡 provider.' },
    FAILED: { description: 'Every attempt failed; it will not be sent.' },
  },
});
