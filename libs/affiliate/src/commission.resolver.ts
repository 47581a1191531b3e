import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, contextOf, Ctx, DateScalar, NotFoundError, OperatorOnly, RequestContext, type GraphQLContext, type Page } from '../../common/src/index.js';
import { Reservation, ReservationService } from '../../booking/src/index.js';
import { Listing } from '../../catalog/src/index.js';
import { OrderLine, OrderReads } from '../../commerce/src/index.js';
import { Commission } from './commission.entity.js';
import { PayoutListArgs } from './dto/payout.input.js';
import { MarketCreator } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';
import { MarketService } from './market.service.js';
import { Payout } from './payout.entity.js';
import { PayoutService } from './payout.service.js';

@Resolver(() => Commission)
export class CommissionResolver {
  constructor(
    private readonly creators: MarketCreatorService,
    private readonly markets: MarketService,
    private readonly reservations: ReservationService,
    private readonly orders: OrderReads,
  ) {}

  /**
   * By the booking library's rule (the buyer, the agency, operators): a market creator gets null, so the
   * buyer's name, email and phone are never within its reach (docs/RULES.md §11).
   */
  @ResolveField(() => Reservation, { nullable: true, description: 'For the buyer, the agency and operators; null for the market creator.' })
  async reservation(commission: Commission, _args: unknown, graphql: GraphQLContext): Promise<Reservation | null> {
    if (!commission.reservationId) return null;
    try {
      return await this.reservations.getVisible(contextOf(graphql), commission.reservationId);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** By the commerce library's rule (docs/RULES.md §25): market creators never see buyers, so they get null. */
  @ResolveField(() => OrderLine, {
    nullable: true,
    description: 'The goods order line it is for. Like `reservation`: shown to the buyer, the agency and operators, null for the market creator.',
  })
  orderLine(commission: Commission, _args: unknown, graphql: GraphQLContext): Promise<OrderLine | null> {
    return commission.orderLineId ? this.orders.visibleLine(contextOf(graphql), commission.orderLineId) : Promise.resolve(null);
  }

  @ResolveField(() => MarketCreator, { description: 'Who earns it.' })
  marketCreator(commission: Commission, _args: unknown, graphql: GraphQLContext): Promise<MarketCreator> {
    return this.creators.getById(contextOf(graphql), commission.marketCreatorId);
  }

  @ResolveField(() => Listing, { nullable: true, description: 'What was sold (the buyer is never shown to the market creator).' })
  listing(commission: Commission, _args: unknown, graphql: GraphQLContext): Promise<Listing | null> {
    return this.markets.visibleListing(contextOf(graphql), commission.listingId);
  }
}

@ObjectType('PayoutConnection', { description: 'A page of payouts across market creators, newest first.' })
export class PayoutConnection extends Connection('Payout', Payout) {}

@Resolver(() => Payout)
export class PayoutResolver {
  constructor(
    private readonly payoutService: PayoutService,
    private readonly creators: MarketCreatorService,
  ) {}

  @OperatorOnly()
  @Query(() => PayoutConnection, {
    description: "Every market creator's payouts, newest run first, by period, status and creator: operators only (docs/RULES.md §10).",
  })
  payouts(@Ctx() ctx: RequestContext, @Args() args: PayoutListArgs): Promise<Page<Payout>> {
    return this.payoutService.list(ctx, args);
  }

  @OperatorOnly()
  @Mutation(() => [Payout], { description: 'Idempotent per market creator and period; sums under the minimum carry over.' })
  runPayouts(
    @Ctx() ctx: RequestContext,
    @Args('periodEnd', { type: () => DateScalar, description: 'Last Seoul date whose approvals count, today or earlier (later is BAD_USER_INPUT).' })
    periodEnd: string,
  ): Promise<Payout[]> {
    return this.payoutService.runPayouts(ctx, periodEnd);
  }

  @OperatorOnly()
  @Mutation(() => Payout, {
    description:
      'SCHEDULED → PAID once the money has been sent (operators): its commissions become PAID and the ledger records the transfer and the withheld tax.',
  })
  markPayoutPaid(
    @Ctx() ctx: RequestContext,
    @Args('payoutId', { type: () => ID, description: 'A SCHEDULED payout; a PAID one is INVALID_STATE.' }) payoutId: string,
  ): Promise<Payout> {
    return this.payoutService.markPaid(ctx, payoutId);
  }

  @ResolveField(() => MarketCreator, { description: 'Who is paid.' })
  marketCreator(payout: Payout, _args: unknown, graphql: GraphQLContext): Promise<MarketCreator> {
    return this.creators.getById(contextOf(graphql), payout.marketCreatorId);
  }
}
