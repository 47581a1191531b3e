import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ClockService,
  InvalidStateError,
  LiveUpdates,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  paginate,
  type Page,
  type PageArgs,
} from '../../common/src/index.js';
import { BookingAccess, BookingSide } from './booking-access.js';
import { BookingListings } from './booking-listings.js';
import { ConsultationEvents } from './consultation-events.js';
import { ConsultationTransitions, OfferTransitions } from './booking-transitions.js';
import { ConsultationMessage } from './consultation-message.entity.js';
import { Consultation, ConsultationStatus } from './consultation.entity.js';
import type { ConsultationListArgs, RequestConsultationInput } from './dto/consultation.inputs.js';
import { requireText } from './input-text.js';
import { Offer, OfferStatus } from './offer.entity.js';
import { B2BPurchases, PartnerAgencyService } from '../../membership/src/index.js';

/** docs/RULES.md §8: both sides talk while the consultation is OPEN or OFFERED. */
const CONVERSING: readonly ConsultationStatus[] = [ConsultationStatus.OPEN, ConsultationStatus.OFFERED];

/** docs/RULES.md §31: the live-update topic of a consultation's new messages, keyed by the consultation. */
const MESSAGE_TOPIC = 'consultation_message';

/** Consultations and their messages (docs/RULES.md §8); offers are OfferService's. */
@Injectable()
export class ConsultationService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly access: BookingAccess,
    private readonly agencies: PartnerAgencyService,
    private readonly b2bPurchases: B2BPurchases,
    private readonly listings: BookingListings,
    private readonly transitions: ConsultationTransitions,
    private readonly offers: OfferTransitions,
    private readonly events: ConsultationEvents,
    private readonly live: LiveUpdates,
  ) {}

  /** Any signed-in user but the agency's own members, on a bookable SERVICE listing; opens with the buyer's message. */
  async request(ctx: RequestContext, input: RequestConsultationInput): Promise<Consultation> {
    const buyer = ctx.requireUser();
    const listing = await this.listings.getBookable(ctx, input.listingId);
    const b2b = await this.b2bPurchases.resolve(ctx, input.onBehalfOf, [listing.partnerAgencyId]);
    await this.agencies.assertNotMember(ctx, listing.partnerAgencyId, 'book');
    const now = this.clock.now();
    const consultation = await this.connection.getRepository(ctx, Consultation).save({
      id: randomUUID(),
      listingId: listing.id,
      buyerId: buyer.id,
      partnerAgencyId: listing.partnerAgencyId,
      status: ConsultationStatus.OPEN,
      preferredTimes: [...(input.preferredTimes ?? [])].sort((a, b) => a.getTime() - b.getTime()),
      attributionToken: input.attributionToken?.trim() || null,
      b2b,
      closingReason: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.addMessage(ctx, consultation, buyer.id, input.message);
    return consultation;
  }

  /** By the buyer or the agency's OWNER / MANAGER, while OPEN or OFFERED. */
  async postMessage(ctx: RequestContext, consultationId: string, body: string): Promise<ConsultationMessage> {
    const consultation = await this.getVisible(ctx, consultationId);
    await this.access.sideOf(ctx, consultation, 'Consultation');
    if (!CONVERSING.includes(consultation.status)) throw new InvalidStateError(`A ${consultation.status} consultation takes no more messages`);
    return this.addMessage(ctx, consultation, ctx.user!.id, body);
  }

  /**
   * Ends the consultation without a reservation: DECLINED when the agency refuses, CANCELLED when the
   * buyer withdraws. A pending offer is declined with it.
   */
  async decline(ctx: RequestContext, consultationId: string, reason: string): Promise<Consultation> {
    const consultation = await this.transitions.lock(ctx, consultationId);
    const side = await this.access.sideOf(ctx, consultation, 'Consultation');
    const to = side === BookingSide.BUYER ? ConsultationStatus.CANCELLED : ConsultationStatus.DECLINED;
    const closed = await this.transitions.apply(ctx, consultation, to, (row) => (row.closingReason = requireText(reason, 'reason', 1000)));
    const pending = await this.pendingOffer(ctx, consultation.id);
    if (pending) await this.offers.apply(ctx, pending, OfferStatus.DECLINED);
    return closed;
  }

  /** The pending offer of a consultation, locked; at most one exists (offer_pending_uq). */
  async pendingOffer(ctx: RequestContext, consultationId: string): Promise<Offer | null> {
    return this.connection
      .getRepository(ctx, Offer)
      .createQueryBuilder('offer')
      .setLock('pessimistic_write')
      .where('offer.consultation_id = :consultationId AND offer.status = :pending', { consultationId, pending: OfferStatus.PENDING })
      .getOne();
  }

  /** For the buyer, the agency's members and operators; NOT_FOUND for anyone else. */
  async getVisible(ctx: RequestContext, id: string): Promise<Consultation> {
    const consultation = await this.load(ctx, id);
    if (!consultation) throw new NotFoundError('Consultation', id);
    await this.access.assertMaySee(ctx, consultation, 'Consultation');
    return consultation;
  }

  load(ctx: RequestContext, id: string): Promise<Consultation | null> {
    return isUuid(id) ? this.connection.loadOne(ctx, Consultation, 'id', id, (c) => c.id) : Promise.resolve(null);
  }

  /** The caller's own, newest first. */
  mine(ctx: RequestContext, args: ConsultationListArgs): Promise<Page<Consultation>> {
    const buyer = ctx.requireUser();
    return this.list(ctx, 'consultation.buyer_id = :id', buyer.id, args);
  }

  /** An agency's, newest first: for its members and operators. */
  async ofPartnerAgency(ctx: RequestContext, partnerAgencyId: string, args: ConsultationListArgs): Promise<Page<Consultation>> {
    if (!isUuid(partnerAgencyId)) throw new NotFoundError('Partner agency', partnerAgencyId);
    await this.agencies.assertMemberOrOperator(ctx, partnerAgencyId);
    return this.list(ctx, 'consultation.partner_agency_id = :id', partnerAgencyId, args);
  }

  messagesOf(ctx: RequestContext, consultationId: string): Promise<ConsultationMessage[]> {
    return this.connection.loadMany(ctx, ConsultationMessage, 'consultation_id', consultationId, (m) => m.consultationId, 'created_at');
  }

  /** Oldest first, a page at a time, for a consultation too long to read at once. */
  messagePage(ctx: RequestContext, consultationId: string, args: PageArgs): Promise<Page<ConsultationMessage>> {
    const query = this.connection
      .getRepository(ctx, ConsultationMessage)
      .createQueryBuilder('message')
      .where('message.consultation_id = :consultationId', { consultationId });
    return paginate(query, args, [
      { expression: 'message.created_at', direction: 'ASC', valueOf: (m) => m.createdAt },
      { expression: 'message.id', direction: 'ASC', valueOf: (m) => m.id },
    ]);
  }

  /**
   * New messages of a consultation as they are posted, for those who may see it (NOT_FOUND for anyone
   * else, at once); each is re-read and the subscriber re-authorized, so one who lost access hears no more.
   */
  async liveMessages(ctx: RequestContext, consultationId: string): Promise<AsyncIterableIterator<ConsultationMessage>> {
    await this.getVisible(ctx, consultationId);
    return this.live.follow(ctx, MESSAGE_TOPIC, consultationId, async (current, messageId) => {
      await this.getVisible(current, consultationId);
      return this.connection.getRepository(current, ConsultationMessage).findOneBy({ id: messageId });
    });
  }

  private list(ctx: RequestContext, owner: string, id: string, args: ConsultationListArgs): Promise<Page<Consultation>> {
    const query = this.connection.getRepository(ctx, Consultation).createQueryBuilder('consultation').where(owner, { id });
    if (args.status) query.andWhere('consultation.status = :status', { status: args.status });
    return paginate(query, args, [
      { expression: 'consultation.created_at', direction: 'DESC', valueOf: (c) => c.createdAt },
      { expression: 'consultation.id', direction: 'DESC', valueOf: (c) => c.id },
    ]);
  }

  private async addMessage(ctx: RequestContext, consultation: Consultation, authorId: string, body: string): Promise<ConsultationMessage> {
    const message = await this.connection.getRepository(ctx, ConsultationMessage).save({
      id: randomUUID(),
      consultationId: consultation.id,
      authorId,
      body: requireText(body, 'body', 4000),
      createdAt: this.clock.now(),
    });
    await this.events.publish(ctx, 'ConsultationMessagePosted', { consultation, message });
    this.live.publish(ctx, MESSAGE_TOPIC, consultation.id, message.id);
    return message;
  }
}
