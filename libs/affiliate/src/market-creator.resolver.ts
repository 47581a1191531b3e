import { Args, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, contextOf, Ctx, OperatorOnly, PageArgs, Public, RequestContext, type GraphQLContext, type Page } from '../../common/src/index.js';
import { Listing, ListingConnection } from '../../catalog/src/index.js';
import { Organization, OrganizationService, User, UserService } from '../../identity/src/index.js';
import { ReviewInput } from '../../membership/src/index.js';
import { CommissionService } from './commission.service.js';
import { Commission, CommissionStatus } from './commission.entity.js';
import { MarketCreatorApplicationInput } from './dto/market-creator.input.js';
import { EarningsSummary } from './earnings-summary.js';
import { MarketCreator } from './market-creator.entity.js';
import { MarketCreatorService } from './market-creator.service.js';
import { MarketService } from './market.service.js';
import { PayoutAccountView } from './payout-account.js';
import { Payout } from './payout.entity.js';
import { PayoutService } from './payout.service.js';
import { ReferralLink } from './referral-link.entity.js';
import { ReferralService } from './referral.service.js';

@ObjectType('CommissionConnection', { description: "A page of a market creator's commissions, newest first." })
export class CommissionConnection extends Connection('Commission', Commission) {}

@Resolver(() => MarketCreator)
export class MarketCreatorResolver {
  constructor(
    private readonly creators: MarketCreatorService,
    private readonly users: UserService,
    private readonly organizations: OrganizationService,
    private readonly referrals: ReferralService,
    private readonly commissionService: CommissionService,
    private readonly payoutService: PayoutService,
    private readonly markets: MarketService,
  ) {}

  @Public()
  @Query(() => MarketCreator, { nullable: true, description: 'ACTIVE market creators for everyone; others for themselves and operators.' })
  marketCreator(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The market creator; one the caller may not see is NOT_FOUND.' }) id: string,
  ): Promise<MarketCreator> {
    return this.creators.getVisible(ctx, id);
  }

  @OperatorOnly()
  @Query(() => [MarketCreator], { description: 'Operators: market creator applications waiting for review, oldest first.' })
  pendingMarketCreators(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'How many, at most 100 (default 20).' }) first: number | null,
  ): Promise<MarketCreator[]> {
    return this.creators.pending(ctx, first ?? undefined);
  }

  @Mutation(() => MarketCreator, {
    description:
      'Applies as a market creator, agreeing to the current MARKET_CREATOR_TERMS: INDIVIDUAL is ACTIVE at once, other kinds PENDING_REVIEW. One per user (CONFLICT), except after a rejection.',
  })
  applyAsMarketCreator(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The application.' }) input: MarketCreatorApplicationInput,
  ): Promise<MarketCreator> {
    return this.creators.apply(ctx, input);
  }

  @OperatorOnly()
  @Mutation(() => MarketCreator, {
    description: 'Decides a PENDING_REVIEW application (operators): APPROVE makes it ACTIVE, REJECT (with a note) REJECTED; REQUEST_CHANGES is BAD_USER_INPUT.',
  })
  reviewMarketCreator(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The market creator and the decision.' }) input: ReviewInput,
  ): Promise<MarketCreator> {
    return this.creators.review(ctx, input);
  }

  @OperatorOnly()
  @Mutation(() => MarketCreator, { description: 'ACTIVE → SUSPENDED: its market is hidden and its links earn nothing.' })
  suspendMarketCreator(
    @Ctx() ctx: RequestContext,
    @Args('marketCreatorId', { type: () => ID, description: 'An ACTIVE market creator; another status is INVALID_STATE.' }) marketCreatorId: string,
    @Args('reason', { description: 'Why, 1–1000 characters, not blank; kept with the market creator.' }) reason: string,
  ): Promise<MarketCreator> {
    return this.creators.suspend(ctx, marketCreatorId, reason);
  }

  @OperatorOnly()
  @Mutation(() => MarketCreator, { description: 'SUSPENDED → ACTIVE.' })
  reinstateMarketCreator(
    @Ctx() ctx: RequestContext,
    @Args('marketCreatorId', { type: () => ID, description: 'The suspended market creator.' }) marketCreatorId: string,
  ): Promise<MarketCreator> {
    return this.creators.reinstate(ctx, marketCreatorId);
  }

  @ResolveField(() => User, { description: 'The user behind it: the market creator and operators only, others FORBIDDEN.' })
  user(creator: MarketCreator, _args: unknown, graphql: GraphQLContext): Promise<User> {
    const ctx = contextOf(graphql);
    this.creators.assertMayReadPrivate(ctx, creator, 'user');
    return this.users.getById(ctx, creator.userId);
  }

  @ResolveField(() => Organization, {
    nullable: true,
    description: 'The organization a CORPORATE or PUBLIC_INTEREST market creator acts for; null for the other kinds.',
  })
  organization(creator: MarketCreator, _args: unknown, graphql: GraphQLContext): Promise<Organization | null> {
    const ctx = contextOf(graphql);
    return creator.organizationId ? this.organizations.load(ctx, creator.organizationId) : Promise.resolve(null);
  }

  @ResolveField(() => PayoutAccountView, { description: 'The market creator and operators only.' })
  payoutAccount(creator: MarketCreator, _args: unknown, graphql: GraphQLContext): PayoutAccountView {
    const ctx = contextOf(graphql);
    this.creators.assertMayReadPrivate(ctx, creator, 'payoutAccount');
    return this.creators.payoutAccount(creator);
  }

  @ResolveField(() => ListingConnection, { description: 'The curated listings that are still sellable, most recently added first.' })
  marketListings(@Ctx() ctx: RequestContext, @Parent() creator: MarketCreator, @Args() page: PageArgs): Promise<Page<Listing>> {
    return this.markets.listingsOf(ctx, creator.id, page);
  }

  @ResolveField(() => [ReferralLink], { description: 'Its links, oldest first: the market creator and operators only.' })
  referralLinks(creator: MarketCreator, _args: unknown, graphql: GraphQLContext): Promise<ReferralLink[]> {
    const ctx = contextOf(graphql);
    this.creators.assertMayReadPrivate(ctx, creator, 'referralLinks');
    return this.referrals.linksOf(ctx, creator.id);
  }

  @ResolveField(() => EarningsSummary, { description: 'Commission totals by status: the market creator and operators only.' })
  earnings(creator: MarketCreator, _args: unknown, graphql: GraphQLContext): Promise<EarningsSummary> {
    const ctx = contextOf(graphql);
    this.creators.assertMayReadPrivate(ctx, creator, 'earnings');
    return this.commissionService.earnings(ctx, creator.id);
  }

  @ResolveField(() => CommissionConnection, { description: 'Its commissions, newest first: the market creator and operators only.' })
  commissions(
    @Ctx() ctx: RequestContext,
    @Parent() creator: MarketCreator,
    @Args('status', { type: () => CommissionStatus, nullable: true, description: 'Only commissions in this status; all when absent.' })
    status: CommissionStatus | null,
    @Args() page: PageArgs,
  ): Promise<Page<Commission>> {
    this.creators.assertMayReadPrivate(ctx, creator, 'commissions');
    return this.commissionService.list(ctx, creator.id, status ?? null, page);
  }

  @ResolveField(() => [Payout], { description: 'Its payouts, oldest period first: the market creator and operators only.' })
  payouts(creator: MarketCreator, _args: unknown, graphql: GraphQLContext): Promise<Payout[]> {
    const ctx = contextOf(graphql);
    this.creators.assertMayReadPrivate(ctx, creator, 'payouts');
    return this.payoutService.payoutsOf(ctx, creator.id);
  }
}

/** `User.marketCreator`: private to the user and operators (docs/RULES.md §11). */
@Resolver(() => User)
export class UserMarketCreatorResolver {
  constructor(
    private readonly users: UserService,
    private readonly creators: MarketCreatorService,
  ) {}

  @ResolveField(() => MarketCreator, { nullable: true, description: 'Their market creator account in any status, or null: the user and operators only.' })
  marketCreator(user: User, _args: unknown, graphql: GraphQLContext): Promise<MarketCreator | null> {
    const ctx = contextOf(graphql);
    this.users.assertMayReadPrivate(ctx, user, 'marketCreator');
    return this.creators.forUser(ctx, user.id);
  }
}
