import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Ctx, Public, RequestContext, type GraphQLContext } from '../../common/src/index.js';
import { Listing } from '../../catalog/src/index.js';
import { AttributionView } from './attribution.view.js';
import { Client } from './client.decorator.js';
import { CreateReferralLinkInput } from './dto/referral-link.input.js';
import { MarketCreator } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';
import { MarketService } from './market.service.js';
import { ReferralLink } from './referral-link.entity.js';
import { ReferralService, type ClickingClient } from './referral.service.js';

@Resolver(() => ReferralLink)
export class ReferralLinkResolver {
  constructor(
    private readonly referrals: ReferralService,
    private readonly markets: MarketService,
  ) {}

  @Mutation(() => ReferralLink, {
    description:
      'Creates a link with a fresh code, to your market or to a listing you could add to it: ACTIVE market creators only (others FORBIDDEN or INVALID_STATE).',
  })
  createReferralLink(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The listing, if any, and a label.' }) input: CreateReferralLinkInput,
  ): Promise<ReferralLink> {
    return this.referrals.createLink(ctx, input);
  }

  @Public()
  @Mutation(() => AttributionView, { description: 'Records a click on a referral link; send the token with the purchase.' })
  trackReferralClick(
    @Ctx() ctx: RequestContext,
    @Args('code', { description: "The link's code; an unknown code or one of a market creator not ACTIVE is NOT_FOUND." }) code: string,
    @Client() client: ClickingClient,
  ): Promise<AttributionView> {
    return this.referrals.trackClick(ctx, code, client);
  }

  @ResolveField(() => String, { description: "The address to share: the public web site's /r/<code>." })
  url(link: ReferralLink): string {
    return this.referrals.url(link);
  }

  @ResolveField(() => Listing, { nullable: true, description: 'The listing the link is for; null for a link to the market (or a listing hidden since).' })
  listing(link: ReferralLink, _args: unknown, graphql: GraphQLContext): Promise<Listing | null> {
    return this.markets.visibleListing(contextOf(graphql), link.listingId);
  }
}

@Resolver(() => AttributionView)
export class AttributionResolver {
  constructor(
    private readonly creators: MarketCreatorService,
    private readonly markets: MarketService,
  ) {}

  @ResolveField(() => MarketCreator, { description: 'The market creator the click credits.' })
  marketCreator(attribution: AttributionView, _args: unknown, graphql: GraphQLContext): Promise<MarketCreator> {
    return this.creators.getVisible(contextOf(graphql), attribution.marketCreatorId);
  }

  @ResolveField(() => Listing, { nullable: true, description: 'The listing of the link; null for a market link (or a listing hidden since).' })
  listing(attribution: AttributionView, _args: unknown, graphql: GraphQLContext): Promise<Listing | null> {
    return this.markets.visibleListing(contextOf(graphql), attribution.listingId);
  }
}
