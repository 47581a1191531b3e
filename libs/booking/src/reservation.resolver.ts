import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { contextOf, Connection, Ctx, RequestContext, type Page, type GraphQLContext } from '../../common/src/index.js';
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

@ObjectType('ReservationConnection', { description: 'A page of reservations, newest first unless `order` says otherwise.' })
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
  reservation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The reservation; one the caller may not see is NOT_FOUND.' }) id: string,
  ): Promise<Reservation> {
    return this.reservations.getVisible(ctx, id);
  }

  @Subscription(() => Reservation, {
    description:
      'The reservation each time its status changes, whoever changed it (payment, cancellation, expiry, completion, no-show; a mutation, a job or a payment webhook): the buyer, the agency’s members and operators; others NOT_FOUND.',
    resolve: (reservation: Reservation) => reservation,
  })
  reservationUpdated(
    @Ctx() ctx: RequestContext,
    @Args('reservationId', { type: () => ID, description: 'The reservation; one the caller may not see is NOT_FOUND.' }) reservationId: string,
  ): Promise<AsyncIterableIterator<Reservation>> {
    return this.reservations.liveStatus(ctx, reservationId);
  }

  @Query(() => ReservationConnection, { description: 'The caller’s reservations, newest first, or by start within a range of starts.' })
  myReservations(@Ctx() ctx: RequestContext, @Args() args: ReservationListArgs): Promise<Page<Reservation>> {
    return this.reservations.mine(ctx, args);
  }

  @Query(() => ReservationConnection, {
    description: 'An agency’s reservations, newest first, or by start within a range of starts: its members and operators.',
  })
  partnerAgencyReservations(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The partner agency; NOT_FOUND for anyone but its members and operators.' })
    partnerAgencyId: string,
    @Args() args: ReservationListArgs,
  ): Promise<Page<Reservation>> {
    return this.reservations.ofPartnerAgency(ctx, partnerAgencyId, args);
  }

  @Mutation(() => Reservation, {
    description:
      'Books a slot of a SERVICE listing that needs no consultation, at its price: PENDING_PAYMENT, holding a seat (SLOT_UNAVAILABLE when none is left). Members of its own agency are FORBIDDEN.',
  })
  reserve(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The listing, the slot and an idempotency key.' }) input: ReserveInput,
  ): Promise<Reservation> {
    return this.reservations.reserve(ctx, input);
  }

  @Mutation(() => Reservation, {
    description:
      'Confirms the payment for the stored amount (the buyer only): CONFIRMED. An expired hold or a listing no longer on sale is INVALID_STATE and nothing is charged; a decline is PAYMENT_FAILED.',
  })
  payReservation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: "The reservation's id and the provider's paymentKey." }) input: PayInput,
  ): Promise<Reservation> {
    return this.reservations.pay(ctx, input.id, input.paymentKey);
  }

  @Mutation(() => Reservation, {
    description:
      "Cancels a PENDING_PAYMENT or CONFIRMED reservation (the buyer, the agency's OWNER or MANAGER, or operators) and frees its seat; `cancelledBy` decides the refund.",
  })
  cancelReservation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The reservation and why.' }) input: CancelReservationInput,
  ): Promise<Reservation> {
    return this.actions.cancel(ctx, input);
  }

  @Mutation(() => Reservation, {
    description:
      "CONFIRMED → COMPLETED once it has ended (the agency's OWNER or MANAGER, or operators; earlier INVALID_STATE); a commission on it is approved.",
  })
  completeReservation(
    @Ctx() ctx: RequestContext,
    @Args('reservationId', { type: () => ID, description: 'The reservation served.' }) reservationId: string,
  ): Promise<Reservation> {
    return this.actions.complete(ctx, reservationId);
  }

  @Mutation(() => Reservation, {
    description:
      "CONFIRMED → NO_SHOW once it has started (the agency's OWNER or MANAGER, or operators; earlier INVALID_STATE): the seat is freed and nothing refunded.",
  })
  markNoShow(
    @Ctx() ctx: RequestContext,
    @Args('reservationId', { type: () => ID, description: 'The reservation the buyer missed.' }) reservationId: string,
  ): Promise<Reservation> {
    return this.actions.markNoShow(ctx, reservationId);
  }

  @Mutation(() => Review, {
    description: 'The buyer rates a COMPLETED reservation (another status is INVALID_STATE), once: a second review is CONFLICT.',
  })
  reviewReservation(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The reservation, a rating and a comment.' }) input: ReviewReservationInput,
  ): Promise<Review> {
    return this.actions.review(ctx, input);
  }

  @ResolveField(() => Listing, { description: 'The service listing booked.' })
  listing(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<Listing | null> {
    return this.listings.load(contextOf(graphql), reservation.listingId);
  }

  @ResolveField(() => User, { description: 'Who booked it; their email and phone are visible to the agency.' })
  buyer(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<User | null> {
    return this.users.load(contextOf(graphql), reservation.buyerId);
  }

  @ResolveField(() => PartnerAgency, { description: 'The agency that serves it.' })
  partnerAgency(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency | null> {
    return this.agencies.load(contextOf(graphql), reservation.partnerAgencyId);
  }

  @ResolveField(() => Consultation, { nullable: true, description: 'The consultation whose accepted offer created it; null for a direct reservation.' })
  consultation(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<Consultation | null> {
    return reservation.consultationId ? this.consultations.load(contextOf(graphql), reservation.consultationId) : Promise.resolve(null);
  }

  @ResolveField(() => PaymentRequest, { nullable: true, description: 'What the client needs to pay, while the hold lasts.' })
  paymentRequest(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<PaymentRequest | null> {
    return this.reservations.paymentRequestOf(contextOf(graphql), reservation);
  }

  @ResolveField(() => Payment, { nullable: true, description: 'The payment created with it, paid or not.' })
  payment(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<Payment | null> {
    return this.reservations.paymentOf(contextOf(graphql), reservation);
  }
}

@Resolver(() => Review)
export class ReviewResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => User, { description: 'The buyer who wrote it.' })
  author(review: Review, _args: unknown, graphql: GraphQLContext): Promise<User | null> {
    return this.users.load(contextOf(graphql), review.authorId);
  }
}
