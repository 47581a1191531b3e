import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, DateScalar, OperatorOnly, PageArgs, Public, RequestContext, type Page } from '../../common/src/index.js';
import { Organization, OrganizationService } from '../../identity/src/index.js';
import { PartnerAgencyApplicationInput, PartnerAgencyFilter, ReviewInput } from './dto/partner-agency.input.js';
import { AddStrikeArgs } from './dto/strike.input.js';
import { DuesInvoice } from './dues-invoice.entity.js';
import { DuesService, duesPaidThrough } from './dues.service.js';
import { MembershipTier } from './membership-tier.entity.js';
import { MembershipTierService } from './membership-tier.service.js';
import { PartnerAgency } from './partner-agency.entity.js';
import { PartnerAgencyService } from './partner-agency.service.js';
import { Strike } from './strike.entity.js';
import { StrikeService } from './strike.service.js';

@ObjectType('PartnerAgencyConnection')
export class PartnerAgencyConnection extends Connection('PartnerAgency', PartnerAgency) {}

@Resolver(() => PartnerAgency)
export class PartnerAgencyResolver {
  constructor(
    private readonly agencies: PartnerAgencyService,
    private readonly organizations: OrganizationService,
    private readonly tiers: MembershipTierService,
    private readonly dues: DuesService,
    private readonly strikeService: StrikeService,
  ) {}

  @Public()
  @Query(() => PartnerAgency, { nullable: true, description: 'ACTIVE agencies for everyone; members see their own, operators all.' })
  partnerAgency(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<PartnerAgency> {
    return this.agencies.getVisible(ctx, id);
  }

  @Public()
  @Query(() => PartnerAgencyConnection, { description: 'Newest application first. Only operators see agencies that are not ACTIVE.' })
  partnerAgencies(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => PartnerAgencyFilter, nullable: true }) filter: PartnerAgencyFilter | null,
    @Args() page: PageArgs,
  ): Promise<Page<PartnerAgency>> {
    return this.agencies.list(ctx, filter ?? {}, page);
  }

  @Mutation(() => PartnerAgency)
  applyAsPartnerAgency(@Ctx() ctx: RequestContext, @Args('input') input: PartnerAgencyApplicationInput): Promise<PartnerAgency> {
    return this.agencies.apply(ctx, input);
  }

  @OperatorOnly()
  @Mutation(() => PartnerAgency)
  reviewPartnerAgency(@Ctx() ctx: RequestContext, @Args('input') input: ReviewInput): Promise<PartnerAgency> {
    return this.agencies.review(ctx, input);
  }

  @Mutation(() => PartnerAgency)
  changeMembershipTier(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID }) partnerAgencyId: string,
    @Args('tierCode') tierCode: string,
  ): Promise<PartnerAgency> {
    return this.agencies.changeTier(ctx, partnerAgencyId, tierCode);
  }

  @OperatorOnly()
  @Mutation(() => PartnerAgency)
  suspendPartnerAgency(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID }) partnerAgencyId: string,
    @Args('reason') reason: string,
  ): Promise<PartnerAgency> {
    return this.agencies.suspend(ctx, partnerAgencyId, reason);
  }

  @OperatorOnly()
  @Mutation(() => PartnerAgency)
  reinstatePartnerAgency(@Ctx() ctx: RequestContext, @Args('partnerAgencyId', { type: () => ID }) partnerAgencyId: string): Promise<PartnerAgency> {
    return this.agencies.reinstate(ctx, partnerAgencyId);
  }

  @Mutation(() => PartnerAgency)
  withdrawPartnerAgency(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID }) partnerAgencyId: string,
    @Args('reason') reason: string,
  ): Promise<PartnerAgency> {
    return this.agencies.withdraw(ctx, partnerAgencyId, reason);
  }

  @OperatorOnly()
  @Mutation(() => Strike, { description: 'Records a strike against a partner agency (operators).' })
  addStrike(@Ctx() ctx: RequestContext, @Args() args: AddStrikeArgs): Promise<Strike> {
    return this.strikeService.addStrike(ctx, args);
  }

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() agency: PartnerAgency): Promise<Organization> {
    return this.organizations.getById(ctx, agency.organizationId);
  }

  @ResolveField(() => MembershipTier)
  tier(@Ctx() ctx: RequestContext, @Parent() agency: PartnerAgency): Promise<MembershipTier> {
    return this.tiers.getById(ctx, agency.tierId);
  }

  @ResolveField(() => MembershipTier, { nullable: true, description: 'A downgrade that applies from scheduledTierFrom.' })
  async scheduledTier(@Ctx() ctx: RequestContext, @Parent() agency: PartnerAgency): Promise<MembershipTier | null> {
    return agency.scheduledTierId ? this.tiers.getById(ctx, agency.scheduledTierId) : null;
  }

  @ResolveField(() => DateScalar, { nullable: true, description: 'The last day of the latest period paid without a gap since the first.' })
  async duesPaidThrough(@Ctx() ctx: RequestContext, @Parent() agency: PartnerAgency): Promise<string | null> {
    return duesPaidThrough(await this.dues.invoicesOf(ctx, agency.id));
  }

  @ResolveField(() => [DuesInvoice], { description: "The agency's members and operators only." })
  async duesInvoices(@Ctx() ctx: RequestContext, @Parent() agency: PartnerAgency): Promise<DuesInvoice[]> {
    await this.agencies.assertMayReadPrivate(ctx, agency);
    return this.dues.invoicesOf(ctx, agency.id);
  }

  @ResolveField(() => [Strike], { description: "The agency's members and operators only." })
  async strikes(@Ctx() ctx: RequestContext, @Parent() agency: PartnerAgency): Promise<Strike[]> {
    await this.agencies.assertMayReadPrivate(ctx, agency);
    return this.strikeService.strikesOf(ctx, agency.id);
  }
}

/** `Organization.partnerAgency`, added to identity's type from here; null when the caller may not see it. */
@Resolver(() => Organization)
export class OrganizationPartnerAgencyResolver {
  constructor(private readonly agencies: PartnerAgencyService) {}

  @ResolveField(() => PartnerAgency, { nullable: true })
  async partnerAgency(@Ctx() ctx: RequestContext, @Parent() organization: Organization): Promise<PartnerAgency | null> {
    const agency = await this.agencies.loadByOrganization(ctx, organization.id);
    return agency && (await this.agencies.isVisible(ctx, agency)) ? agency : null;
  }
}
