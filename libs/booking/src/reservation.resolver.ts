import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, RequestContext, type Page } from '../../common/src/index.js';
import { Listing, ListingService } from '../../catalog/src/index.js';
import { User, UserService } from '../../identity/src/index.js';
import { PartnerAgency, PartnerAgencyService, PayInput } from '../../membership/src/index.js';
import { Payment, PaymentRequest } from '../../payments/src/index.js';
import { Consultation } from './consultation.entity.js';
import { ConsultationService } from './consultation.service.js';
import { CancelReservationInput, ReservationListArgs, ReserveInput, ReviewReservationInput } from './dto/reservation.inputs.js';
import { ReservationActions } from './reservation-actions.service.js';
import { Reservation } from './reservation.entity.js';
import { ReservationService } from './reservation.service.js';
import { Review } from './review.entity.js';

@ObjectType('ReservationConnection')
export class ReservationConnection extends Connection('Reservation', Reservation) {}

@Resolver(() => Reservation)
export class ReservationResolver {
  constructor(
    private readonly reservations: ReservationService,
    private readonly actions: ReservationActions,
    private readonly consultations: ConsultationService,
    private readonly listings: ListingService,
    private readonly users: UserService,
    private readonly agencies: PartnerAgencyService,
  ) {}

  @Query(() => Reservation, { nullable: true, description: 'The buyer, the agency’s members and operators; others NOT_FOUND.' })
  reservation(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Reservation> {
    return this.reservations.getVisible(ctx, id);
  }

  @Query(() => ReservationConnection, { description: 'The caller’s reservations, newest first.' })
  myReservations(@Ctx() ctx: RequestContext, @Args() args: ReservationListArgs): Promise<Page<Reservation>> {
    return this.reservations.mine(ctx, args);
  }

  @Query(() => ReservationConnection, { description: 'An agency’s reservations, newest first: its members and operators.' })
  partnerAgencyReservations(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID }) partnerAgencyId: string,
    @Args() args: ReservationListArgs,
  ): Promise<Page<Reservation>> {
    return this.reservations.ofPartnerAgency(ctx, partnerAgencyId, args);
  }

  @Mutation(() => Reservation)
  reserve(@Ctx() ctx: RequestContext, @Args('input') input: ReserveInput): Promise<Reservation> {
    return this.reservations.reserve(ctx, input);
  }

  @Mutation(() => Reservation)
  payReservation(@Ctx() ctx: RequestContext, @Args('input') input: PayInput): Promise<Reservation> {
    return this.reservations.pay(ctx, input.id, input.paymentKey);
  }

  @Mutation(() => Reservation)
  cancelReservation(@Ctx() ctx: RequestContext, @Args('input') input: CancelReservationInput): Promise<Reservation> {
    return this.actions.cancel(ctx, input);
  }

  @Mutation(() => Reservation)
  completeReservation(@Ctx() ctx: RequestContext, @Args('reservationId', { type: () => ID }) reservationId: string): Promise<Reservation> {
    return this.actions.complete(ctx, reservationId);
  }

  @Mutation(() => Reservation)
  markNoShow(@Ctx() ctx: RequestContext, @Args('reservationId', { type: () => ID }) reservationId: string): Promise<Reservation> {
    return this.actions.markNoShow(ctx, reservationId);
  }

  @Mutation(() => Review)
  reviewReservation(@Ctx() ctx: RequestContext, @Args('input') input: ReviewReservationInput): Promise<Review> {
    return this.actions.review(ctx, input);
  }

  @ResolveField(() => Listing)
  listing(@Ctx() ctx: RequestContext, @Parent() reservation: Reservation): Promise<Listing | null> {
    return this.listings.load(ctx, reservation.listingId);
  }

  @ResolveField(() => User)
  buyer(@Ctx() ctx: RequestContext, @Parent() reservation: Reservation): Promise<User | null> {
    return this.users.load(ctx, reservation.buyerId);
  }

  @ResolveField(() => PartnerAgency)
  partnerAgency(@Ctx() ctx: RequestContext, @Parent() reservation: Reservation): Promise<PartnerAgency | null> {
    return this.agencies.load(ctx, reservation.partnerAgencyId);
  }

  @ResolveField(() => Consultation, { nullable: true })
  consultation(@Ctx() ctx: RequestContext, @Parent() reservation: Reservation): Promise<Consultation | null> {
    return reservation.consultationId ? this.consultations.load(ctx, reservation.consultationId) : Promise.resolve(null);
  }

  @ResolveField(() => PaymentRequest, { nullable: true, description: 'What the client needs to pay, while the hold lasts.' })
  paymentRequest(@Ctx() ctx: RequestContext, @Parent() reservation: Reservation): Promise<PaymentRequest | null> {
    return this.reservations.paymentRequestOf(ctx, reservation);
  }

  @ResolveField(() => Payment, { nullable: true })
  payment(@Ctx() ctx: RequestContext, @Parent() reservation: Reservation): Promise<Payment | null> {
    return this.reservations.paymentOf(ctx, reservation);
  }
}

@Resolver(() => Review)
export class ReviewResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => User)
  author(@Ctx() ctx: RequestContext, @Parent() review: Review): Promise<User | null> {
    return this.users.load(ctx, review.authorId);
  }
}
