import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ClockService, JobQueueService, RequestContext } from '../../common/src/index.js';
import { MarketCreatorService, AffiliateEvents } from '../../affiliate/src/index.js';
import {
  ConsultationEvents,
  ReservationEvents,
  ReservationService,
  ReservationStatus,
  type Consultation,
  type Reservation,
} from '../../booking/src/index.js';
import { MembershipEvents, SuspensionCause, type DuesInvoice } from '../../membership/src/index.js';
import { NotificationKind as K } from './notification-kind.js';
import { NotificationOutbox } from './notification-outbox.js';
import { NotificationRecipients } from './notification-recipients.js';
import type { NoticeFacts } from './notification-templates.js';

/** The reminder of a confirmed reservation, 24 hours before it starts. */
const REMINDER_JOB = 'notifications.reservation-reminder';
const REMINDER_LEAD_MS = 24 * 3600_000;
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
    private readonly jobs: JobQueueService,
    private readonly reservationEvents: ReservationEvents,
    private readonly consultationEvents: ConsultationEvents,
    private readonly membershipEvents: MembershipEvents,
    private readonly affiliateEvents: AffiliateEvents,
    private readonly reservations: ReservationService,
    private readonly creators: MarketCreatorService,
  ) {
    jobs.register(REMINDER_JOB, (ctx, payload) => this.remind(ctx, String(payload.reservationId), String(payload.startsAt)));
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
      await this.notifyReservation(ctx, K.RESERVATION_CONFIRMED, reservation, await this.bothSides(ctx, reservation), {});
      const remindAt = reservation.startsAt.getTime() - REMINDER_LEAD_MS;
      if (remindAt > this.clock.now().getTime()) {
        await this.jobs.enqueue(ctx, REMINDER_JOB, { reservationId: reservation.id, startsAt: reservation.startsAt.toISOString() }, {
          runAt: new Date(remindAt),
          singletonKey: `${REMINDER_JOB}:${reservation.id}`,
        });
      }
    });
    this.reservationEvents.inTransaction('ReservationCancelled', async (ctx, { reservation, cancelledBy, refund }) => {
      // Those who cancelled know it; an operator's cancellation concerns both sides.
      const recipientIds = [
        ...(cancelledBy === 'BUYER' ? [] : [reservation.buyerId]),
        ...(cancelledBy === 'PARTNER_AGENCY' ? [] : await this.recipients.agencyManagers(ctx, reservation.partnerAgencyId)),
      ];
      await this.notifyReservation(ctx, K.RESERVATION_CANCELLED, reservation, recipientIds, { refundAmount: refund?.amount ?? null });
    });
    this.membershipEvents.inTransaction('DuesInvoiceIssued', (ctx, { invoice }) => this.notifyInvoice(ctx, K.DUES_INVOICE_ISSUED, invoice));
    this.membershipEvents.inTransaction('DuesInvoiceOverdue', (ctx, { invoice }) => this.notifyInvoice(ctx, K.DUES_INVOICE_OVERDUE, invoice));
    this.membershipEvents.inTransaction('PartnerAgencySuspended', async (ctx, { agency }) => {
      await this.outbox.notify(ctx, {
        kind: K.PARTNER_AGENCY_SUSPENDED,
        eventKey: `partner-agency-suspended:${agency.id}:${agency.statusChangedAt.toISOString()}`,
        recipientIds: await this.recipients.agencyManagers(ctx, agency.id),
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
  }

  /** Only a reservation still CONFIRMED for the same start is reminded of. */
  private async remind(ctx: RequestContext, reservationId: string, startsAt: string): Promise<void> {
    const reservation = await this.reservations.load(ctx, reservationId);
    if (reservation?.status !== ReservationStatus.CONFIRMED || reservation.startsAt.toISOString() !== startsAt) return;
    await this.notifyReservation(ctx, K.RESERVATION_REMINDER, reservation, await this.bothSides(ctx, reservation), {});
  }

  private async bothSides(ctx: RequestContext, reservation: Reservation): Promise<string[]> {
    return [reservation.buyerId, ...(await this.recipients.agencyManagers(ctx, reservation.partnerAgencyId))];
  }

  private async notifyReservation<Kind extends K.RESERVATION_CONFIRMED | K.RESERVATION_CANCELLED | K.RESERVATION_REMINDER>(
    ctx: RequestContext,
    kind: Kind,
    reservation: Reservation,
    recipientIds: string[],
    extra: Omit<NoticeFactsOf<Kind>, keyof ReservationFactsBase>,
  ): Promise<void> {
    const base: ReservationFactsBase = {
      reservationId: reservation.id,
      number: reservation.number,
      listingTitle: await this.recipients.listingTitle(ctx, reservation.listingId),
      startsAt: reservation.startsAt,
    };
    await this.outbox.notify(ctx, { kind, eventKey: `${kebab(kind)}:${reservation.id}`, recipientIds, facts: { ...base, ...extra } as NoticeFactsOf<Kind> });
  }

  private async notifyInvoice(ctx: RequestContext, kind: K.DUES_INVOICE_ISSUED | K.DUES_INVOICE_OVERDUE, invoice: DuesInvoice): Promise<void> {
    await this.outbox.notify(ctx, {
      kind,
      eventKey: `${kebab(kind)}:${invoice.id}`,
      recipientIds: await this.recipients.agencyManagers(ctx, invoice.partnerAgencyId),
      facts: { partnerAgencyId: invoice.partnerAgencyId, amount: invoice.amount, periodStart: invoice.periodStart, periodEnd: invoice.periodEnd, dueDate: invoice.dueDate },
    });
  }

  private async consultationFacts(ctx: RequestContext, consultation: Consultation): Promise<{ consultationId: string; listingTitle: string }> {
    return { consultationId: consultation.id, listingTitle: await this.recipients.listingTitle(ctx, consultation.listingId) };
  }
}

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
