import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  contextOf,
  ClockService,
  Connection,
  Ctx,
  OperatorOnly,
  PageArgs,
  Public,
  RequestContext,
  type GraphQLContext,
  type Page,
} from '../../common/src/index.js';
import { Listing, ListingConnection } from '../../catalog/src/index.js';
import { Coupon } from './coupon.entity.js';
import { CouponService } from './coupon.service.js';
import { ExhibitionListArgs, SaveExhibitionInput } from './dto/promotion.inputs.js';
import { Exhibition } from './exhibition.entity.js';
import { ExhibitionService, exhibitionLive } from './exhibition.service.js';

@ObjectType('ExhibitionConnection', { description: 'A page of exhibitions, soonest first.' })
export class ExhibitionConnection extends Connection('Exhibition', Exhibition) {}

@Resolver(() => Exhibition)
export class ExhibitionResolver {
  constructor(
    private readonly exhibitionService: ExhibitionService,
    private readonly couponService: CouponService,
    private readonly clock: ClockService,
  ) {}

  @Public()
  @Query(() => Exhibition, { nullable: true, description: 'A PUBLISHED exhibition for anyone; others for operators; else null.' })
  exhibition(@Ctx() ctx: RequestContext, @Args('slug', { description: 'Its URL name.' }) slug: string): Promise<Exhibition | null> {
    return this.exhibitionService.bySlug(ctx, slug);
  }

  @Public()
  @Query(() => ExhibitionConnection, { description: 'The public sees PUBLISHED ones; operators all. Soonest first.' })
  exhibitions(@Ctx() ctx: RequestContext, @Args() args: ExhibitionListArgs): Promise<Page<Exhibition>> {
    return this.exhibitionService.list(ctx, args);
  }

  @OperatorOnly()
  @Mutation(() => Exhibition, { description: 'Creates (DRAFT) or changes an exhibition; operators only. A taken slug is CONFLICT.' })
  saveExhibition(@Ctx() ctx: RequestContext, @Args('input', { description: 'Its page.' }) input: SaveExhibitionInput): Promise<Exhibition> {
    return this.exhibitionService.save(ctx, input);
  }

  @OperatorOnly()
  @Mutation(() => Exhibition, {
    description: 'Replaces its listings, in this order: at most 500 PUBLISHED listings of ACTIVE agencies (else BAD_USER_INPUT naming one); operators only.',
  })
  setExhibitionListings(
    @Ctx() ctx: RequestContext,
    @Args('exhibitionId', { type: () => ID, description: 'The exhibition.' }) exhibitionId: string,
    @Args('listingIds', { type: () => [ID], description: 'The listings in curated order.' }) listingIds: string[],
  ): Promise<Exhibition> {
    return this.exhibitionService.setListings(ctx, exhibitionId, listingIds);
  }

  @OperatorOnly()
  @Mutation(() => Exhibition, { description: 'DRAFT → PUBLISHED (else INVALID_STATE): it and its coupons become public; operators only.' })
  publishExhibition(
    @Ctx() ctx: RequestContext,
    @Args('exhibitionId', { type: () => ID, description: 'The exhibition.' }) exhibitionId: string,
  ): Promise<Exhibition> {
    return this.exhibitionService.publish(ctx, exhibitionId);
  }

  @OperatorOnly()
  @Mutation(() => Exhibition, { description: 'DRAFT or PUBLISHED → ARCHIVED (else INVALID_STATE); operators only.' })
  archiveExhibition(
    @Ctx() ctx: RequestContext,
    @Args('exhibitionId', { type: () => ID, description: 'The exhibition.' }) exhibitionId: string,
  ): Promise<Exhibition> {
    return this.exhibitionService.archive(ctx, exhibitionId);
  }

  @ResolveField(() => Boolean, { description: 'PUBLISHED and now within [startsAt, endsAt).' })
  live(exhibition: Exhibition): boolean {
    return exhibitionLive(exhibition, this.clock.now());
  }

  @ResolveField(() => ListingConnection, { description: 'Curated order; only listings that are still sellable.' })
  listings(@Ctx() ctx: RequestContext, @Parent() exhibition: Exhibition, @Args() page: PageArgs): Promise<Page<Listing>> {
    return this.exhibitionService.listingsOf(ctx, exhibition.id, page);
  }

  @ResolveField(() => [Coupon], { description: 'Active coupons scoped to it.' })
  coupons(exhibition: Exhibition, _args: unknown, graphql: GraphQLContext): Promise<Coupon[]> {
    return this.couponService.ofExhibition(contextOf(graphql), exhibition.id);
  }
}
