import { ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, type GraphQLContext } from '../../common/src/index.js';
import { Reservation } from '../../booking/src/index.js';
import { OrderLine } from '../../commerce/src/index.js';
import { BoxSubscription } from '../../subscriptions/src/index.js';
import { Commission } from './commission.entity.js';
import { CommissionService } from './commission.service.js';
import { MarketCreator } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';

/** `Reservation.marketCreator` and `.commission`: for whoever may see the reservation. */
@Resolver(() => Reservation)
export class ReservationCommissionResolver {
  constructor(private readonly commissions: CommissionService) {}

  @ResolveField(() => Commission, {
    nullable: true,
    description: "The market creator's commission on the sale; null until it is paid, or when no link earned it.",
  })
  commission(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<Commission | null> {
    const ctx = contextOf(graphql);
    return this.commissions.forSale(ctx, { reservationId: reservation.id });
  }

  @ResolveField(() => MarketCreator, { nullable: true, description: 'The market creator the sale is attributed to (known once it is paid).' })
  marketCreator(reservation: Reservation, _args: unknown, graphql: GraphQLContext): Promise<MarketCreator | null> {
    const ctx = contextOf(graphql);
    return this.commissions.marketCreatorOf(ctx, { reservationId: reservation.id });
  }
}

/**
 * `OrderLine.marketCreator` and `.commission` (docs/RULES.md §21): for whoever may read the line's order — the
 * buyer, the agency's members and operators (§25) — as a reservation shows its commission to its readers.
 */
@Resolver(() => OrderLine)
export class OrderLineCommissionResolver {
  constructor(private readonly commissions: CommissionService) {}

  @ResolveField(() => Commission, {
    nullable: true,
    description: "The market creator's commission on the line; null until the order is paid, or when no link earned it.",
  })
  commission(line: OrderLine, _args: unknown, graphql: GraphQLContext): Promise<Commission | null> {
    const ctx = contextOf(graphql);
    return this.commissions.forSale(ctx, { orderLineId: line.id });
  }

  @ResolveField(() => MarketCreator, { nullable: true, description: 'The market creator the line is attributed to (known once the order is paid).' })
  marketCreator(line: OrderLine, _args: unknown, graphql: GraphQLContext): Promise<MarketCreator | null> {
    const ctx = contextOf(graphql);
    return this.commissions.marketCreatorOf(ctx, { orderLineId: line.id });
  }
}

/** `BoxSubscription.marketCreator` (docs/RULES.md §21): the attribution decided at subscribe, for whoever may read the subscription. */
@Resolver(() => BoxSubscription)
export class BoxSubscriptionMarketCreatorResolver {
  constructor(private readonly creators: MarketCreatorService) {}

  @ResolveField(() => MarketCreator, {
    nullable: true,
    description: 'Decided at subscribe, kept for every delivery (commission on at most 12 paid deliveries); null when no link referred it.',
  })
  async marketCreator(subscription: BoxSubscription, _args: unknown, graphql: GraphQLContext): Promise<MarketCreator | null> {
    const ctx = contextOf(graphql);
    return subscription.marketCreatorId ? this.creators.load(ctx, subscription.marketCreatorId) : null;
  }
}
