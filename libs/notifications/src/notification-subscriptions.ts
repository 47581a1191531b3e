import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClockService, JobQueueService, RequestContext, type JobToEnqueue } from '../../common/src/index.js';
import { MarketCreatorService, AffiliateEvents } from '../../affiliate/src/index.js';
import {
  OrderCanceller,
  OrderEvents,
  OrderReads,
  OrderStatus,
  ShipmentService,
  koreanCarrierNameOf,
  type Order,
  type OrderLine,
  type Shipment,
  type UnitsBack,
} from '../../commerce/src/index.js';
import { ConsultationEvents, ReservationEvents, ReservationService, ReservationStatus, type Consultation, type Reservation } from '../../booking/src/index.js';
import { MembershipEvents, SuspensionCause, type DuesInvoice } from '../../membership/src/index.js';
import { SettlementEvents } from '../../settlement/src/index.js';
import { SubscriptionEvents, type BoxSubscription } from '../../subscriptions/src/index.js';
import { NotificationKind as K } from './notification-kind.js';
import { NotificationOutbox } from './notification-outbox.js';
import { NotificationRecipients, titleOf } from './notification-recipients.js';
import type { NoticeFacts } from './notification-templates.js';

/** The reminder of a confirmed reservation, 24 hours before it starts. */
const REMINDER_JOB = 'notifications.reservation-reminder';
const REMINDER_LEAD_MS = 24 * 3600_000;
/**
 * The agency's reminder of a paid order's dispatch deadline: 09:00 KST the day before the last shipping day.
 * The deadline is the end of that day (00:00 KST after it, docs/RULES.md §14) and Seoul keeps no summer
 * time, so it is always 39 hours before the deadline.
 */
const DISPATCH_REMINDER_JOB = 'notifications.dispatch-deadline-reminder';
const DISPATCH_REMINDER_LEAD_MS = 39 * 3600_000;
/** How much of a consultation message its notice quotes. */
const EXCERPT_LENGTH = 60;

/**
 * Which events notify whom: one subscription per event, each in the transaction of the change (the
 * outbox's rows commit or roll back with it). A new event is one template and one subscription here.
 */
@Injectable()
export class NotificationSubscriptions implements OnModuleInit {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly recipients: NotificationRecipients,
    private readonly clock: ClockService,
    jobs: JobQueueService,
    private readonly reservationEvents: ReservationEvents,
    private readonly consultationEvents: ConsultationEvents,
    private readonly membershipEvents: MembershipEvents,
    private readonly affiliateEvents: AffiliateEvents,
    private readonly settlementEvents: SettlementEvents,
    private readonly subscriptionEvents: SubscriptionEvents,
    private readonly orderEvents: OrderEvents,
    private readonly reservations: ReservationService,
    private readonly creators: MarketCreatorService,
    private readonly orders: OrderReads,
    private readonly shipments: ShipmentService,
  ) {
    jobs.register(REMINDER_JOB, (ctx, payload) => this.remind(ctx, String(payload.reservationId), String(payload.startsAt)));
    jobs.register(DISPATCH_REMINDER_JOB, (ctx, payload) => this.remindOfDispatchDeadline(ctx, String(payload.orderId), String(payload.deadline)));
  }

  onModuleInit(): void {
    this.consultationEvents.inTransaction('ConsultationMessagePosted', async (ctx, { consultation, message }) => {
      const fromBuyer = message.authorId === consultation.buyerId;
      await this.outbox.notify(ctx, {
        kind: K.CONSULTATION_MESSAGE,
        eventKey: `consultation-message:${message.id}`,
        recipientIds: fromBuyer ? await this.recipients.agencyManagers(ctx, consultation.partnerAgencyId) : [consultation.buyerId],
        facts: {
          consultationId: consultation.id,
          listingTitle: await this.recipients.listingTitle(ctx, consultation.listingId),
          senderName: fromBuyer ? await this.recipients.userName(ctx, message.authorId) : await this.recipients.agencyName(ctx, consultation.partnerAgencyId),
          excerpt: excerpt(message.body),
        },
      });
    });
    this.consultationEvents.inTransaction('OfferSent', async (ctx, { consultation, offer }) => {
      await this.outbox.notify(ctx, {
        kind: K.OFFER_SENT,
        eventKey: `offer-sent:${offer.id}`,
        recipientIds: [consultation.buyerId],
        facts: { ...(await this.consultationFacts(ctx, consultation)), price: offer.price, startsAt: offer.startsAt, expiresAt: offer.expiresAt },
      });
    });
    this.reservationEvents.inTransaction('ReservationPaid', async (ctx, { reservation }) => {
      const remindAt = reservation.startsAt.getTime() - REMINDER_LEAD_MS;
      const reminder = {
        name: REMINDER_JOB,
        payload: { reservationId: reservation.id, startsAt: reservation.startsAt.toISOString() },
        options: { runAt: new Date(remindAt), singletonKey: `${REMINDER_JOB}:${reservation.id}` },
      };
      const alongside = remindAt > this.clock.now().getTime() ? [reminder] : [];
      await this.notifyReservation(ctx, K.RESERVATION_CONFIRMED, reservation, BOTH_SIDES, {}, alongside);
    });
    this.reservationEvents.inTransaction('ReservationCancelled', async (ctx, { reservation, cancelledBy, refund }) => {
      // Those who cancelled know it; an operator's cancellation concerns both sides.
      const sides = { buyer: cancelledBy !== 'BUYER', agency: cancelledBy !== 'PARTNER_AGENCY' };
      await this.notifyReservation(ctx, K.RESERVATION_CANCELLED, reservation, sides, { refundAmount: refund?.amount ?? null });
    });
    this.orderEvents.inTransaction('OrderPaid', (ctx, { order, lines }) => this.notifyOrderPaid(ctx, order, lines));
    this.orderEvents.inTransaction('OrderShipped', (ctx, { order, shipment }) => this.notifyOrderShipped(ctx, order, shipment));
    this.orderEvents.inTransaction('DispatchDelayed', async (ctx, { order }) => {
      await this.outbox.notify(
        ctx,
        {
          kind: K.DISPATCH_DELAYED,
          eventKey: `dispatch-delayed:${order.id}`,
          recipientIds: [order.buyerId],
          facts: {
            orderId: order.id,
            number: order.number,
            newDeadline: order.dispatchDeadline!,
            reason: order.dispatchDelayReason!,
            note: order.dispatchDelayNote,
          },
        },
        this.dispatchReminderOf(order),
      );
    });
    this.orderEvents.inTransaction('OrderCancelled', (ctx, { order, units, cancelledBy, refundAmount, cancellationKey }) =>
      cancelledBy === OrderCanceller.BUYER ? Promise.resolve() : this.notifyCancelledBySeller(ctx, order, units, cancelledBy, refundAmount, cancellationKey),
    );
    this.orderEvents.inTransaction('ReturnRequested', async (ctx, { order, returnRequest, units }) => {
      await this.outbox.notify(ctx, {
        kind: K.RETURN_REQUESTED,
        eventKey: `return-requested:${returnRequest.id}`,
        recipientIds: await this.recipients.agencyManagers(ctx, order.partnerAgencyId),
        facts: {
          orderId: order.id,
          number: order.number,
          returnRequestId: returnRequest.id,
          returnNumber: returnRequest.number,
          reason: returnRequest.reason,
          resolution: returnRequest.resolution,
          items: units.map(({ line, quantity }) => ({ title: line.title, quantity })),
          acceptBy: returnRequest.acceptBy!,
        },
      });
    });
    this.membershipEvents.inTransaction('DuesInvoiceIssued', (ctx, { invoice }) => this.notifyInvoice(ctx, K.DUES_INVOICE_ISSUED, invoice));
    this.membershipEvents.inTransaction('DuesInvoiceOverdue', (ctx, { invoice }) => this.notifyInvoice(ctx, K.DUES_INVOICE_OVERDUE, invoice));
    this.membershipEvents.inTransaction('PartnerAgencySuspended', async (ctx, { agency }) => {
      await this.outbox.notify(ctx, {
        kind: K.PARTNER_AGENCY_SUSPENDED,
        eventKey: `partner-agency-suspended:${agency.id}:${agency.statusChangedAt.toISOString()}`,
        recipientIds: await this.recipients.organizationManagers(ctx, agency.organizationId),
        facts: { partnerAgencyId: agency.id, forDues: agency.suspensionCause === SuspensionCause.DUES, reason: agency.statusReason },
      });
    });
    this.affiliateEvents.inTransaction('PayoutPaid', async (ctx, { payout }) => {
      const creator = await this.creators.getById(ctx, payout.marketCreatorId);
      await this.outbox.notify(ctx, {
        kind: K.PAYOUT_PAID,
        eventKey: `payout-paid:${payout.id}`,
        recipientIds: [creator.userId],
        facts: { periodStart: payout.periodStart, periodEnd: payout.periodEnd, netAmount: payout.netAmount },
      });
    });
    this.subscriptionEvents.inTransaction('SubscriptionCharged', (ctx, { subscription, shipDate, amount, chargeOrderId }) =>
      this.notifySubscriber(ctx, K.SUBSCRIPTION_CHARGED, `subscription-charged:${chargeOrderId}`, subscription, { shipDate, amount }),
    );
    this.subscriptionEvents.inTransaction('SubscriptionChargeFailed', (ctx, { subscription, shipDate, amount, chargeOrderId, nextRetryAt }) =>
      this.notifySubscriber(ctx, K.SUBSCRIPTION_CHARGE_FAILED, `subscription-charge-failed:${chargeOrderId}`, subscription, { shipDate, amount, nextRetryAt }),
    );
    this.subscriptionEvents.inTransaction('SubscriptionPriceIncreaseNoticed', (ctx, { subscription, change }) =>
      this.notifySubscriber(
        ctx,
        K.SUBSCRIPTION_PRICE_INCREASE,
        `subscription-price-increase:${subscription.id}:${change.noticeSentAt.toISOString()}`,
        subscription,
        {
          oldUnitPrice: change.oldUnitPrice,
          newUnitPrice: change.newUnitPrice,
          effectiveShipDate: change.effectiveShipDate,
          respondBy: change.respondBy,
        },
      ),
    );
    this.settlementEvents.inTransaction('SettlementPaid', async (ctx, { statement }) => {
      await this.outbox.notify(ctx, {
        kind: K.SETTLEMENT_PAID,
        eventKey: `settlement-paid:${statement.id}`,
        recipientIds: await this.recipients.agencyManagers(ctx, statement.partnerAgencyId),
        facts: { partnerAgencyId: statement.partnerAgencyId, statementId: statement.id, month: statement.month, netPayable: statement.netPayable },
      });
    });
    // Once per kept total: each further refund after issue is its own notice.
    this.settlementEvents.inTransaction('TaxInvoiceAmendmentNeeded', async (ctx, { invoice, keptTotal }) => {
      await this.outbox.notify(ctx, {
        kind: K.TAX_INVOICE_AMENDMENT_NEEDED,
        eventKey: `tax-invoice-amendment:${invoice.id}:${keptTotal}`,
        recipientIds: [...(await this.recipients.operators(ctx)), ...(await this.recipients.agencyManagers(ctx, invoice.partnerAgencyId))],
        facts: {
          partnerAgencyId: invoice.partnerAgencyId,
          taxInvoiceId: invoice.id,
          buyerName: invoice.buyer.name,
          approvalNumber: invoice.approvalNumber,
          issuedTotal: invoice.total,
          keptTotal,
        },
      });
    });
  }

  /** A notice about a box subscription, to its buyer, once per `eventKey`. */
  private async notifySubscriber<Kind extends K.SUBSCRIPTION_CHARGED | K.SUBSCRIPTION_CHARGE_FAILED | K.SUBSCRIPTION_PRICE_INCREASE>(
    ctx: RequestContext,
    kind: Kind,
    eventKey: string,
    subscription: BoxSubscription,
    facts: Omit<NoticeFacts[Kind], 'subscriptionId' | 'title'>,
  ): Promise<void> {
    await this.outbox.notify(ctx, {
      kind,
      eventKey,
      recipientIds: [subscription.buyerId],
      facts: { subscriptionId: subscription.id, title: subscription.title, ...facts } as NoticeFacts[Kind],
    });
  }

  /** Only a reservation still CONFIRMED for the same start is reminded of. */
  private async remind(ctx: RequestContext, reservationId: string, startsAt: string): Promise<void> {
    const reservation = await this.reservations.load(ctx, reservationId);
    if (reservation?.status !== ReservationStatus.CONFIRMED || reservation.startsAt.toISOString() !== startsAt) return;
    await this.notifyReservation(ctx, K.RESERVATION_REMINDER, reservation, BOTH_SIDES, {});
  }

  /** Only an order still PAID (some unit neither shipped nor cancelled) and still due at the same deadline. */
  private async remindOfDispatchDeadline(ctx: RequestContext, orderId: string, deadline: string): Promise<void> {
    const order = await this.orders.load(ctx, orderId);
    if (order?.status !== OrderStatus.PAID || order.dispatchDeadline?.toISOString() !== deadline) return;
    await this.outbox.notify(ctx, {
      kind: K.DISPATCH_DEADLINE_TOMORROW,
      eventKey: `dispatch-deadline-tomorrow:${order.id}:${deadline}`,
      recipientIds: await this.recipients.agencyManagers(ctx, order.partnerAgencyId),
      facts: { orderId: order.id, number: order.number, dispatchDeadline: order.dispatchDeadline },
    });
  }

  /**
   * The reminder of the order's current deadline, when its time is still ahead; keyed by the deadline, so a
   * delay queues a new one and the old one finds the deadline moved.
   */
  private dispatchReminderOf(order: Order): JobToEnqueue[] {
    const deadline = order.dispatchDeadline!;
    const remindAt = new Date(deadline.getTime() - DISPATCH_REMINDER_LEAD_MS);
    if (remindAt <= this.clock.now()) return [];
    return [
      {
        name: DISPATCH_REMINDER_JOB,
        payload: { orderId: order.id, deadline: deadline.toISOString() },
        options: { runAt: remindAt, singletonKey: `${DISPATCH_REMINDER_JOB}:${order.id}:${deadline.toISOString()}` },
      },
    ];
  }

  /**
   * The listing (loaded already by the change) gives the title and the agency's organization, so the
   * recipients cost one statement: the organization's members.
   */
  private async notifyReservation<Kind extends K.RESERVATION_CONFIRMED | K.RESERVATION_CANCELLED | K.RESERVATION_REMINDER>(
    ctx: RequestContext,
    kind: Kind,
    reservation: Reservation,
    sides: ReservationSides,
    extra: Omit<NoticeFactsOf<Kind>, keyof ReservationFactsBase>,
    alongside: readonly JobToEnqueue[] = [],
  ): Promise<void> {
    const listing = await this.recipients.listing(ctx, reservation.listingId);
    const recipientIds = [
      ...(sides.buyer ? [reservation.buyerId] : []),
      ...(sides.agency && listing ? await this.recipients.organizationManagers(ctx, listing.organizationId) : []),
    ];
    const base: ReservationFactsBase = {
      reservationId: reservation.id,
      number: reservation.number,
      listingTitle: titleOf(listing),
      startsAt: reservation.startsAt,
    };
    const facts = { ...base, ...extra } as NoticeFactsOf<Kind>;
    await this.outbox.notify(ctx, { kind, eventKey: `${kebab(kind)}:${reservation.id}`, recipientIds, facts }, alongside);
  }

  /** docs/RULES.md §30: the selling agency's OWNER and MANAGERs, to dispatch it before its deadline (§16). */
  private async notifyOrderPaid(ctx: RequestContext, order: Order, lines: readonly OrderLine[]): Promise<void> {
    await this.outbox.notify(
      ctx,
      {
        kind: K.ORDER_PAID,
        eventKey: `order-paid:${order.id}`,
        recipientIds: await this.recipients.agencyManagers(ctx, order.partnerAgencyId),
        facts: {
          orderId: order.id,
          number: order.number,
          items: lines.map((line) => ({ title: line.title, quantity: line.quantity })),
          total: order.total,
          dispatchDeadline: order.dispatchDeadline!,
        },
      },
      this.dispatchReminderOf(order),
    );
  }

  /** docs/RULES.md §30: the buyer, once per parcel, with how to follow it. */
  private async notifyOrderShipped(ctx: RequestContext, order: Order, shipment: Shipment): Promise<void> {
    await this.outbox.notify(ctx, {
      kind: K.ORDER_SHIPPED,
      eventKey: `order-shipped:${shipment.id}`,
      recipientIds: [order.buyerId],
      facts: {
        orderId: order.id,
        number: order.number,
        carrierName: koreanCarrierNameOf(shipment),
        trackingNumber: shipment.trackingNumber,
        trackingUrl: this.shipments.trackingUrlOf(shipment),
        partial: order.status === OrderStatus.PAID,
      },
    });
  }

  /** docs/RULES.md §30: the buyer, when the agency (품절 취소) or an operator cancelled; the buyer's own cancellation tells nobody. */
  private async notifyCancelledBySeller(
    ctx: RequestContext,
    order: Order,
    units: readonly UnitsBack[],
    cancelledBy: OrderCanceller,
    refundAmount: number,
    cancellationKey: string,
  ): Promise<void> {
    await this.outbox.notify(ctx, {
      kind: K.ORDER_CANCELLED_BY_SELLER,
      eventKey: `order-cancelled-by-seller:${cancellationKey}`,
      recipientIds: [order.buyerId],
      facts: {
        orderId: order.id,
        number: order.number,
        items: units.map(({ line, quantity }) => ({ title: line.title, quantity })),
        refundAmount,
        byOperator: cancelledBy === OrderCanceller.OPERATOR,
        reason: order.cancellationReason,
      },
    });
  }

  private async notifyInvoice(ctx: RequestContext, kind: K.DUES_INVOICE_ISSUED | K.DUES_INVOICE_OVERDUE, invoice: DuesInvoice): Promise<void> {
    await this.outbox.notify(ctx, {
      kind,
      eventKey: `${kebab(kind)}:${invoice.id}`,
      recipientIds: await this.recipients.agencyManagers(ctx, invoice.partnerAgencyId),
      facts: {
        partnerAgencyId: invoice.partnerAgencyId,
        amount: invoice.amount,
        periodStart: invoice.periodStart,
        periodEnd: invoice.periodEnd,
        dueDate: invoice.dueDate,
      },
    });
  }

  private async consultationFacts(ctx: RequestContext, consultation: Consultation): Promise<{ consultationId: string; listingTitle: string }> {
    return { consultationId: consultation.id, listingTitle: await this.recipients.listingTitle(ctx, consultation.listingId) };
  }
}

/** Which sides of a reservation hear of an event about it. */
interface ReservationSides {
  buyer: boolean;
  agency: boolean;
}
const BOTH_SIDES: ReservationSides = { buyer: true, agency: true };

type NoticeFactsOf<Kind extends K> = NoticeFacts[Kind];
type ReservationFactsBase = NoticeFactsOf<K.RESERVATION_CONFIRMED>;

/** `RESERVATION_CONFIRMED` → `reservation-confirmed`, the event key's prefix. */
function kebab(kind: K): string {
  return kind.toLowerCase().replaceAll('_', '-');
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}
