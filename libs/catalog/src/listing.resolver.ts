import { Args, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  contextOf,
  Connection,
  Ctx,
  MoneyScalar,
  OperatorOnly,
  PageArgs,
  Public,
  RequestContext,
  type Page,
  type GraphQLContext,
} from '../../common/src/index.js';
import { PartnerAgency } from '../../membership/src/index.js';
import { CreateListingInput, ListingOrder, ListingsArgs, UpdateListingInput } from './dto/listing.inputs.js';
import { ListingSearchService } from './listing-search.service.js';
import { GoodsTerms, SubscriptionTerms, type ListedSubscriptionTerms } from './listing-terms.js';
import { Listing } from './listing.entity.js';
import { ListingService } from './listing.service.js';
import { SubscriberPlaces } from './subscriber-places.js';

@ObjectType('ListingConnection', { description: 'A page of listings the caller may see.' })
export class ListingConnection extends Connection('Listing', Listing) {}

/** Who may change a listing (docs/RULES.md §6), said once for every mutation of this resolver. */
const BY_EDITORS = 'By an OWNER or MANAGER of the agency (non-members NOT_FOUND, STAFF and operators FORBIDDEN)';
const LISTING_ID = { type: () => ID, description: 'The listing.' };

@Resolver(() => Listing)
export class ListingResolver {
  constructor(
    private readonly service: ListingService,
    private readonly search: ListingSearchService,
  ) {}

  @Public()
  @Query(() => Listing, {
    nullable: true,
    description: 'PUBLISHED listings of ACTIVE agencies for everyone; members see their own, operators all. Anything else is NOT_FOUND.',
  })
  listing(@Ctx() ctx: RequestContext, @Args('id', LISTING_ID) id: string): Promise<Listing> {
    return this.service.getVisible(ctx, id);
  }

  @Public()
  @Query(() => ListingConnection, { description: 'Newest first unless orderBy says otherwise; what `listing` would show.' })
  listings(@Ctx() ctx: RequestContext, @Args() { filter, orderBy, ...page }: ListingsArgs): Promise<Page<Listing>> {
    return this.search.list(ctx, filter ?? {}, orderBy ?? ListingOrder.NEWEST, page);
  }

  @Mutation(() => Listing, { description: `Creates a DRAFT. ${BY_EDITORS}.` })
  createListing(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The listing and the terms of its kind.' }) input: CreateListingInput,
  ): Promise<Listing> {
    return this.service.create(ctx, input);
  }

  @Mutation(() => Listing, { description: `Changes the fields the input names; an ARCHIVED listing is INVALID_STATE. ${BY_EDITORS}.` })
  updateListing(
    @Ctx() ctx: RequestContext,
    @Args('id', LISTING_ID) id: string,
    @Args('input', { description: 'The fields to change.' }) input: UpdateListingInput,
  ): Promise<Listing> {
    return this.service.update(ctx, id, input);
  }

  @Mutation(() => Listing, {
    description: `DRAFT or HIDDEN → PUBLISHED. Needs an ACTIVE agency (else INVALID_STATE) below its tier's maxPublishedListings (else LIMIT_EXCEEDED). ${BY_EDITORS}.`,
  })
  publishListing(@Ctx() ctx: RequestContext, @Args('id', LISTING_ID) id: string): Promise<Listing> {
    return this.service.publish(ctx, id);
  }

  @Mutation(() => Listing, { description: `PUBLISHED → HIDDEN: off sale until published again; other states INVALID_STATE. ${BY_EDITORS}.` })
  hideListing(@Ctx() ctx: RequestContext, @Args('id', LISTING_ID) id: string): Promise<Listing> {
    return this.service.hide(ctx, id);
  }

  @Mutation(() => Listing, {
    description: `DRAFT or HIDDEN → ARCHIVED, for good (a PUBLISHED listing is hidden first, else INVALID_STATE). ${BY_EDITORS}.`,
  })
  archiveListing(
    @Ctx() ctx: RequestContext,
    @Args('id', LISTING_ID) id: string,
    @Args('reason', {
      type: () => String,
      nullable: true,
      description: "Why, optional, up to 1000 characters; kept as the listing's archiveReason.",
    })
    reason?: string | null,
  ): Promise<Listing> {
    return this.service.archive(ctx, id, reason);
  }

  @OperatorOnly()
  @Mutation(() => Listing, {
    description:
      "An operator's take-down (docs/RULES.md §6): any listing not ARCHIVED yet → ARCHIVED, for good; a PUBLISHED one is hidden first in " +
      'the same transaction. Its subscriptions end as with archiveListing. Already ARCHIVED: INVALID_STATE.',
  })
  takeDownListing(
    @Ctx() ctx: RequestContext,
    @Args('id', LISTING_ID) id: string,
    @Args('reason', { description: "Why, 1–1000 characters, not blank; kept as the listing's archiveReason, which the agency reads." }) reason: string,
  ): Promise<Listing> {
    return this.service.takeDown(ctx, id, reason);
  }

  @ResolveField(() => PartnerAgency, { description: 'The agency that sells it.' })
  partnerAgency(listing: Listing, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency> {
    return this.service.partnerAgencyOf(contextOf(graphql), listing);
  }

  @ResolveField(() => SubscriptionTerms, { nullable: true, description: 'Set exactly for SUBSCRIPTION listings.' })
  subscription(listing: Listing): ListedSubscriptionTerms | null {
    return listing.subscription && { ...listing.subscription, listingId: listing.id };
  }
}

@Resolver(() => GoodsTerms)
export class GoodsTermsResolver {
  @ResolveField(() => MoneyScalar, { description: 'Deducted from a change-of-mind refund (반품배송비). Default = shippingFee.' })
  returnShippingFee(goods: GoodsTerms): number {
    return goods.returnShippingFee ?? goods.shippingFee;
  }
}

@Resolver(() => SubscriptionTerms)
export class SubscriptionTermsResolver {
  constructor(private readonly places: SubscriberPlaces) {}

  @ResolveField(() => Int, { nullable: true, description: 'Places left under subscriberLimit; null when unlimited.' })
  remainingSubscriptions(terms: ListedSubscriptionTerms, _args: unknown, graphql: GraphQLContext): Promise<number | null> {
    return this.places.remaining(contextOf(graphql), terms.listingId, terms.subscriberLimit);
  }
}

/** `PartnerAgency.listings`: the agency's listings the caller may see, newest first. */
@Resolver(() => PartnerAgency)
export class PartnerAgencyListingsResolver {
  constructor(private readonly search: ListingSearchService) {}

  @ResolveField(() => ListingConnection, { description: "The agency's listings the caller may see (docs/RULES.md §6), newest first." })
  listings(@Ctx() ctx: RequestContext, @Parent() agency: PartnerAgency, @Args() page: PageArgs): Promise<Page<Listing>> {
    return this.search.ofAgency(ctx, agency.id, page);
  }
}
