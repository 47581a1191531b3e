import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, MoneyScalar, PageArgs, Public, RequestContext, type Page } from '../../common/src/index.js';
import { PartnerAgency } from '../../membership/src/index.js';
import { CreateListingInput, ListingOrder, ListingsArgs, UpdateListingInput } from './dto/listing.inputs.js';
import { ListingSearchService } from './listing-search.service.js';
import { GoodsTerms } from './listing-terms.js';
import { Listing } from './listing.entity.js';
import { ListingService } from './listing.service.js';

@ObjectType('ListingConnection')
export class ListingConnection extends Connection('Listing', Listing) {}

@Resolver(() => Listing)
export class ListingResolver {
  constructor(
    private readonly service: ListingService,
    private readonly search: ListingSearchService,
  ) {}

  @Public()
  @Query(() => Listing, { nullable: true, description: 'PUBLISHED listings of ACTIVE agencies for everyone; members see their own, operators all.' })
  listing(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Listing> {
    return this.service.getVisible(ctx, id);
  }

  @Public()
  @Query(() => ListingConnection, { description: 'Newest first unless orderBy says otherwise; what `listing` would show.' })
  listings(@Ctx() ctx: RequestContext, @Args() { filter, orderBy, ...page }: ListingsArgs): Promise<Page<Listing>> {
    return this.search.list(ctx, filter ?? {}, orderBy ?? ListingOrder.NEWEST, page);
  }

  @Mutation(() => Listing, { description: 'A DRAFT; by an OWNER or MANAGER of the agency.' })
  createListing(@Ctx() ctx: RequestContext, @Args('input') input: CreateListingInput): Promise<Listing> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => Listing)
  updateListing(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateListingInput): Promise<Listing> {
    return this.service.update(ctx, id, input);
  }

  @Mutation(() => Listing, { description: "Needs an ACTIVE agency below its tier's maxPublishedListings." })
  publishListing(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Listing> {
    return this.service.publish(ctx, id);
  }

  @Mutation(() => Listing)
  hideListing(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Listing> {
    return this.service.hide(ctx, id);
  }

  @Mutation(() => Listing)
  archiveListing(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Listing> {
    return this.service.archive(ctx, id);
  }

  @ResolveField(() => PartnerAgency)
  partnerAgency(@Ctx() ctx: RequestContext, @Parent() listing: Listing): Promise<PartnerAgency> {
    return this.service.partnerAgencyOf(ctx, listing);
  }
}

@Resolver(() => GoodsTerms)
export class GoodsTermsResolver {
  @ResolveField(() => MoneyScalar, { description: 'Deducted from a change-of-mind refund (반품배송비). Default = shippingFee.' })
  returnShippingFee(@Parent() goods: GoodsTerms): number {
    return goods.returnShippingFee ?? goods.shippingFee;
  }
}

/** `PartnerAgency.listings`: the agency's listings the caller may see, newest first. */
@Resolver(() => PartnerAgency)
export class PartnerAgencyListingsResolver {
  constructor(private readonly search: ListingSearchService) {}

  @ResolveField(() => ListingConnection)
  listings(@Ctx() ctx: RequestContext, @Parent() agency: PartnerAgency, @Args() page: PageArgs): Promise<Page<Listing>> {
    return this.search.ofAgency(ctx, agency.id, page);
  }
}
