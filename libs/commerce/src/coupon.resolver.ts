import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Connection, Ctx, Public, RequestContext, type GraphQLContext, type Page } from '../../common/src/index.js';
import { Listing } from '../../catalog/src/index.js';
import { PartnerAgency, PartnerAgencyService } from '../../membership/src/index.js';
import { Coupon } from './coupon.entity.js';
import { CouponService } from './coupon.service.js';
import { CouponListArgs, SaveCouponInput } from './dto/promotion.inputs.js';
import { Exhibition } from './exhibition.entity.js';
import { ExhibitionService } from './exhibition.service.js';

@ObjectType('CouponConnection', { description: 'A page of coupons, newest first.' })
export class CouponConnection extends Connection('Coupon', Coupon) {}

@Resolver(() => Coupon)
export class CouponResolver {
  constructor(
    private readonly couponService: CouponService,
    private readonly exhibitionService: ExhibitionService,
    private readonly agencies: PartnerAgencyService,
  ) {}

  @Public()
  @Query(() => Coupon, {
    nullable: true,
    description: "A published exhibition's coupon: anyone; others: operators and the funding agency's members; else NOT_FOUND.",
  })
  coupon(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID, description: 'The coupon.' }) id: string): Promise<Coupon> {
    return this.couponService.get(ctx, id);
  }

  @Query(() => CouponConnection, {
    description: "Operators: all; agency members: their agency's (name it in filter.partnerAgencyId; another agency NOT_FOUND). Newest first.",
  })
  coupons(@Ctx() ctx: RequestContext, @Args() args: CouponListArgs): Promise<Page<Coupon>> {
    return this.couponService.list(ctx, args);
  }

  @Mutation(() => Coupon, {
    description:
      "Creates or changes a coupon (docs/RULES.md §19): PLATFORM by operators, PARTNER_AGENCY by the agency's OWNER/MANAGER or operators. Bad terms BAD_USER_INPUT, a taken code CONFLICT, a change a redeemed coupon may not take INVALID_STATE.",
  })
  saveCoupon(@Ctx() ctx: RequestContext, @Args('input', { description: 'The terms.' }) input: SaveCouponInput): Promise<Coupon> {
    return this.couponService.save(ctx, input);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Case-insensitive, stored upper-case. Shown to everyone when the coupon belongs to a PUBLISHED exhibition, else only to its makers.',
  })
  async code(coupon: Coupon, _args: unknown, graphql: GraphQLContext): Promise<string | null> {
    return (await this.couponService.mayRead(contextOf(graphql), coupon)) ? coupon.code : null;
  }

  @ResolveField(() => PartnerAgency, { nullable: true, description: 'Set when fundedBy is PARTNER_AGENCY; only its listings are eligible.' })
  partnerAgency(coupon: Coupon, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency | null> | null {
    return coupon.partnerAgencyId ? this.agencies.load(contextOf(graphql), coupon.partnerAgencyId) : null;
  }

  @ResolveField(() => Exhibition, { nullable: true, description: 'The exhibition of an EXHIBITION coupon, when the caller may see it.' })
  exhibition(coupon: Coupon, _args: unknown, graphql: GraphQLContext): Promise<Exhibition | null> | null {
    return coupon.exhibitionId ? this.exhibitionService.load(contextOf(graphql), coupon.exhibitionId) : null;
  }

  @ResolveField(() => [Listing], { description: 'The listings a LISTINGS coupon names (those the caller can see); empty for the other scopes.' })
  listings(coupon: Coupon, _args: unknown, graphql: GraphQLContext): Promise<Listing[]> {
    return this.couponService.listingsOf(contextOf(graphql), coupon);
  }
}
