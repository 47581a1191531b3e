import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '../../common/src/index.js';
import { Reservation } from '../../booking/src/index.js';
import { Commission } from './commission.entity.js';
import { CommissionService } from './commission.service.js';
import { MarketCreator } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';

/** `Reservation.marketCreator` and `.commission`: for whoever may see the reservation. */
@Resolver(() => Reservation)
export class ReservationCommissionResolver {
  constructor(
    private readonly commissions: CommissionService,
    private readonly creators: MarketCreatorService,
  ) {}

  @ResolveField(() => Commission, {
    nullable: true,
    description: "The market creator's commission on the sale; null until it is paid, or when no link earned it.",
  })
  commission(@Ctx() ctx: RequestContext, @Parent() reservation: Reservation): Promise<Commission | null> {
    return this.commissions.forReservation(ctx, reservation.id);
  }

  @ResolveField(() => MarketCreator, { nullable: true, description: 'The market creator the sale is attributed to (known once it is paid).' })
  async marketCreator(@Ctx() ctx: RequestContext, @Parent() reservation: Reservation): Promise<MarketCreator | null> {
    const commission = await this.commissions.forReservation(ctx, reservation.id);
    return commission && this.creators.getById(ctx, commission.marketCreatorId);
  }
}
