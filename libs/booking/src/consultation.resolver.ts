import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, RequestContext, type Page } from '../../common/src/index.js';
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

@ObjectType('ConsultationConnection')
export class ConsultationConnection extends Connection('Consultation', Consultation) {}

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
  consultation(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Consultation> {
    return this.consultations.getVisible(ctx, id);
  }

  @Query(() => ConsultationConnection, { description: 'The caller’s consultations as a buyer, newest first.' })
  myConsultations(@Ctx() ctx: RequestContext, @Args() args: ConsultationListArgs): Promise<Page<Consultation>> {
    return this.consultations.mine(ctx, args);
  }

  @Query(() => ConsultationConnection, { description: 'An agency’s consultations, newest first: its members and operators.' })
  partnerAgencyConsultations(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID }) partnerAgencyId: string,
    @Args() args: ConsultationListArgs,
  ): Promise<Page<Consultation>> {
    return this.consultations.ofPartnerAgency(ctx, partnerAgencyId, args);
  }

  @Mutation(() => Consultation)
  requestConsultation(@Ctx() ctx: RequestContext, @Args('input') input: RequestConsultationInput): Promise<Consultation> {
    return this.consultations.request(ctx, input);
  }

  @Mutation(() => ConsultationMessage)
  postConsultationMessage(
    @Ctx() ctx: RequestContext,
    @Args('consultationId', { type: () => ID }) consultationId: string,
    @Args('body') body: string,
  ): Promise<ConsultationMessage> {
    return this.consultations.postMessage(ctx, consultationId, body);
  }

  @Mutation(() => Offer)
  sendOffer(@Ctx() ctx: RequestContext, @Args('input') input: SendOfferInput): Promise<Offer> {
    return this.offerService.send(ctx, input);
  }

  @Mutation(() => Consultation)
  declineConsultation(
    @Ctx() ctx: RequestContext,
    @Args('consultationId', { type: () => ID }) consultationId: string,
    @Args('reason') reason: string,
  ): Promise<Consultation> {
    return this.consultations.decline(ctx, consultationId, reason);
  }

  @Mutation(() => Reservation)
  acceptOffer(
    @Ctx() ctx: RequestContext,
    @Args('offerId', { type: () => ID }) offerId: string,
    @Args('idempotencyKey') idempotencyKey: string,
  ): Promise<Reservation> {
    return this.offerService.accept(ctx, offerId, idempotencyKey);
  }

  @ResolveField(() => Listing)
  listing(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation): Promise<Listing | null> {
    return this.listings.load(ctx, consultation.listingId);
  }

  @ResolveField(() => User)
  buyer(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation): Promise<User | null> {
    return this.users.load(ctx, consultation.buyerId);
  }

  @ResolveField(() => PartnerAgency)
  partnerAgency(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation): Promise<PartnerAgency | null> {
    return this.agencies.load(ctx, consultation.partnerAgencyId);
  }

  @ResolveField(() => [ConsultationMessage])
  messages(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation): Promise<ConsultationMessage[]> {
    return this.consultations.messagesOf(ctx, consultation.id);
  }

  @ResolveField(() => [Offer])
  offers(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation): Promise<Offer[]> {
    return this.offerService.offersOf(ctx, consultation.id);
  }

  @ResolveField(() => Reservation, { nullable: true })
  reservation(@Ctx() ctx: RequestContext, @Parent() consultation: Consultation): Promise<Reservation | null> {
    return this.reservations.ofConsultation(ctx, consultation.id);
  }
}

@Resolver(() => Offer)
export class OfferResolver {
  constructor(private readonly consultations: ConsultationService) {}

  @ResolveField(() => Consultation)
  consultation(@Ctx() ctx: RequestContext, @Parent() offer: Offer): Promise<Consultation | null> {
    return this.consultations.load(ctx, offer.consultationId);
  }
}

@Resolver(() => ConsultationMessage)
export class ConsultationMessageResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => User)
  author(@Ctx() ctx: RequestContext, @Parent() message: ConsultationMessage): Promise<User | null> {
    return this.users.load(ctx, message.authorId);
  }
}
