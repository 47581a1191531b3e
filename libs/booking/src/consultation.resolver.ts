import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { contextOf, Connection, Ctx, PageArgs, RequestContext, type GraphQLContext, type Page } from '../../common/src/index.js';
import { Listing, ListingService } from '../../catalog/src/index.js';
import { User, UserService } from '../../identity/src/index.js';
import { PartnerAgency, PartnerAgencyService } from '../../membership/src/index.js';
import { ConsultationMessage } from './consultation-message.entity.js';
import { Consultation } from './consultation.entity.js';
import { ConsultationService } from './consultation.service.js';
import { ConsultationListArgs, RequestConsultationInput, SendOfferInput } from './dto/consultation.inputs.js';
import { Offer } from './offer.entity.js';
import { OfferService } from './offer.service.js';
import { Reservation } from './reservation.entity.js';
import { ReservationService } from './reservation.service.js';

@ObjectType('ConsultationConnection', { description: 'A page of consultations, newest first.' })
export class ConsultationConnection extends Connection('Consultation', Consultation) {}

@ObjectType('ConsultationMessageConnection', { description: 'A page of a consultation’s messages, oldest first.' })
export class ConsultationMessageConnection extends Connection('ConsultationMessage', ConsultationMessage) {}

@Resolver(() => Consultation)
export class ConsultationResolver {
  constructor(
    private readonly consultations: ConsultationService,
    private readonly offerService: OfferService,
    private readonly reservations: ReservationService,
    private readonly listings: ListingService,
    private readonly users: UserService,
    private readonly agencies: PartnerAgencyService,
  ) {}

  @Query(() => Consultation, { nullable: true, description: 'The buyer, the agency’s members and operators; others NOT_FOUND.' })
  consultation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The consultation; one the caller may not see is NOT_FOUND.' }) id: string,
  ): Promise<Consultation> {
    return this.consultations.getVisible(ctx, id);
  }

  @Query(() => ConsultationConnection, { description: 'The caller’s consultations as a buyer, newest first.' })
  myConsultations(@Ctx() ctx: RequestContext, @Args() args: ConsultationListArgs): Promise<Page<Consultation>> {
    return this.consultations.mine(ctx, args);
  }

  @Query(() => ConsultationConnection, { description: 'An agency’s consultations, newest first: its members and operators.' })
  partnerAgencyConsultations(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The partner agency; NOT_FOUND for anyone but its members and operators.' })
    partnerAgencyId: string,
    @Args() args: ConsultationListArgs,
  ): Promise<Page<Consultation>> {
    return this.consultations.ofPartnerAgency(ctx, partnerAgencyId, args);
  }

  @Mutation(() => Consultation, {
    description:
      "Opens a consultation (OPEN) on a PUBLISHED SERVICE listing of an ACTIVE agency with the buyer's first message; members of that agency are FORBIDDEN.",
  })
  requestConsultation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The listing, a message and preferred times.' }) input: RequestConsultationInput,
  ): Promise<Consultation> {
    return this.consultations.request(ctx, input);
  }

  @Mutation(() => ConsultationMessage, {
    description: "Posts a message (the buyer, or the agency's OWNER or MANAGER) while the consultation is OPEN or OFFERED; another status is INVALID_STATE.",
  })
  postConsultationMessage(
    @Ctx() ctx: RequestContext,
    @Args('consultationId', { type: () => ID, description: 'The consultation.' }) consultationId: string,
    @Args('body', { description: 'The text, 1–4000 characters, not blank.' }) body: string,
  ): Promise<ConsultationMessage> {
    return this.consultations.postMessage(ctx, consultationId, body);
  }

  @Mutation(() => Offer, {
    description:
      "Offers a price and time (the agency's OWNER or MANAGER): the consultation becomes OFFERED and a pending older offer is WITHDRAWN. A time without a free seat is SLOT_UNAVAILABLE.",
  })
  sendOffer(@Ctx() ctx: RequestContext, @Args('input', { description: 'The consultation, price, time and expiry.' }) input: SendOfferInput): Promise<Offer> {
    return this.offerService.send(ctx, input);
  }

  @Mutation(() => Consultation, {
    description:
      "Closes a consultation without a reservation: DECLINED by the agency's OWNER or MANAGER, CANCELLED by the buyer; a pending offer is declined with it.",
  })
  declineConsultation(
    @Ctx() ctx: RequestContext,
    @Args('consultationId', { type: () => ID, description: 'An OPEN, OFFERED or EXPIRED consultation; another status is INVALID_STATE.' })
    consultationId: string,
    @Args('reason', { description: 'Why, 1–1000 characters, not blank.' }) reason: string,
  ): Promise<Consultation> {
    return this.consultations.decline(ctx, consultationId, reason);
  }

  @Mutation(() => Reservation, {
    description:
      'The buyer accepts a PENDING offer: a PENDING_PAYMENT reservation at its price and time. If the time was taken meanwhile, SLOT_UNAVAILABLE and the offer stays PENDING.',
  })
  acceptOffer(
    @Ctx() ctx: RequestContext,
    @Args('offerId', { type: () => ID, description: 'The offer; one no longer PENDING or past `expiresAt` is INVALID_STATE.' }) offerId: string,
    @Args('idempotencyKey', { description: 'As in ReserveInput: a repeat within 24 hours (by default) returns the same reservation.' }) idempotencyKey: string,
  ): Promise<Reservation> {
    return this.offerService.accept(ctx, offerId, idempotencyKey);
  }

  @ResolveField(() => Listing, { description: 'The SERVICE listing asked about.' })
  listing(consultation: Consultation, _args: unknown, graphql: GraphQLContext): Promise<Listing | null> {
    return this.listings.load(contextOf(graphql), consultation.listingId);
  }

  @ResolveField(() => User, { description: 'Who asked; their email and phone are visible to the agency.' })
  buyer(consultation: Consultation, _args: unknown, graphql: GraphQLContext): Promise<User | null> {
    return this.users.load(contextOf(graphql), consultation.buyerId);
  }

  @ResolveField(() => PartnerAgency, { description: 'The agency that answers.' })
  partnerAgency(consultation: Consultation, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency | null> {
    return this.agencies.load(contextOf(graphql), consultation.partnerAgencyId);
  }

  @ResolveField(() => [ConsultationMessage], { description: 'Every message, oldest first; the first is the request.' })
  messages(consultation: Consultation, _args: unknown, graphql: GraphQLContext): Promise<ConsultationMessage[]> {
    return this.consultations.messagesOf(contextOf(graphql), consultation.id);
  }

  @ResolveField(() => ConsultationMessageConnection, { description: 'The messages a page at a time, oldest first; the first is the request.' })
  messagesConnection(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation, @Args() args: PageArgs): Promise<Page<ConsultationMessage>> {
    return this.consultations.messagePage(ctx, consultation.id, args);
  }

  @Subscription(() => ConsultationMessage, {
    description: 'Each new message of a consultation, from either side, as it is posted: the buyer, the agency’s members and operators; others NOT_FOUND.',
    resolve: (message: ConsultationMessage) => message,
  })
  consultationMessageAdded(
    @Ctx() ctx: RequestContext,
    @Args('consultationId', { type: () => ID, description: 'The consultation; one the caller may not see is NOT_FOUND.' }) consultationId: string,
  ): Promise<AsyncIterableIterator<ConsultationMessage>> {
    return this.consultations.liveMessages(ctx, consultationId);
  }

  @ResolveField(() => [Offer], { description: 'Every offer the agency sent, oldest first, whatever its status.' })
  offers(consultation: Consultation, _args: unknown, graphql: GraphQLContext): Promise<Offer[]> {
    return this.offerService.offersOf(contextOf(graphql), consultation.id);
  }

  @ResolveField(() => Reservation, { nullable: true, description: 'The reservation its accepted offer created; null until then.' })
  reservation(consultation: Consultation, _args: unknown, graphql: GraphQLContext): Promise<Reservation | null> {
    return this.reservations.ofConsultation(contextOf(graphql), consultation.id);
  }
}

@Resolver(() => Offer)
export class OfferResolver {
  constructor(private readonly consultations: ConsultationService) {}

  @ResolveField(() => Consultation, { description: 'The consultation it answers.' })
  consultation(offer: Offer, _args: unknown, graphql: GraphQLContext): Promise<Consultation | null> {
    return this.consultations.load(contextOf(graphql), offer.consultationId);
  }
}

@Resolver(() => ConsultationMessage)
export class ConsultationMessageResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => User, { description: 'The buyer or the agency member who wrote it.' })
  author(message: ConsultationMessage, _args: unknown, graphql: GraphQLContext): Promise<User | null> {
    return this.users.load(contextOf(graphql), message.authorId);
  }
}
