import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, PageArgs, Public, RequestContext, type Page } from '../../common/src/index.js';
import { Listing, ListingConnection } from '../../catalog/src/index.js';
import { Market, MarketService } from './market.service.js';

@Resolver(() => Market)
export class MarketResolver {
  constructor(private readonly markets: MarketService) {}

  @Public()
  @Query(() => Market, { nullable: true, description: "An ACTIVE market creator's market." })
  market(
    @Ctx() ctx: RequestContext,
    @Args('handle', { description: "The market creator's handle; one not ACTIVE is NOT_FOUND." }) handle: string,
  ): Promise<Market> {
    return this.markets.market(ctx, handle);
  }

  @Mutation(() => Listing, { description: 'Adds a PUBLISHED listing of an ACTIVE agency that pays commission to your market.' })
  addToMarket(
    @Ctx() ctx: RequestContext,
    @Args('listingId', {
      type: () => ID,
      description: 'The listing; one not on sale or paying no commission is INVALID_STATE, and adding it again changes nothing.',
    })
    listingId: string,
  ): Promise<Listing> {
    return this.markets.add(ctx, listingId);
  }

  @Mutation(() => Boolean, { description: 'Whether the listing was in your market.' })
  removeFromMarket(
    @Ctx() ctx: RequestContext,
    @Args('listingId', { type: () => ID, description: 'The listing to take out of your market.' }) listingId: string,
  ): Promise<boolean> {
    return this.markets.remove(ctx, listingId);
  }

  @ResolveField(() => ListingConnection, { description: 'Only listings that are still sellable, most recently added first.' })
  listings(@Ctx() ctx: RequestContext, @Parent() market: Market, @Args() page: PageArgs): Promise<Page<Listing>> {
    return this.markets.listingsOf(ctx, market.marketCreator.id, page);
  }
}
