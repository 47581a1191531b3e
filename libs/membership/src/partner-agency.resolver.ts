import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  contextOf,
  Connection,
  Ctx,
  DateScalar,
  OperatorOnly,
  PageArgs,
  Public,
  RequestContext,
  type Page,
  type GraphQLContext,
} from '../../common/src/index.js';
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

@ObjectType('PartnerAgencyConnection', { description: 'A page of partner agencies, newest application first.' })
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
  partnerAgency(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The partner agency; one the caller may not see is NOT_FOUND.' }) id: string,
  ): Promise<PartnerAgency> {
    return this.agencies.getVisible(ctx, id);
  }

  @Public()
  @Query(() => PartnerAgencyConnection, { description: 'Newest application first. Only operators see agencies that are not ACTIVE.' })
  partnerAgencies(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => PartnerAgencyFilter, nullable: true, description: 'Conditions; all agencies the caller may see when absent.' })
    filter: PartnerAgencyFilter | null,
    @Args() page: PageArgs,
  ): Promise<Page<PartnerAgency>> {
    return this.agencies.list(ctx, filter ?? {}, page);
  }

  @Mutation(() => PartnerAgency, {
    description:
      'Applies (OWNER or MANAGER): PENDING_REVIEW. Again after CHANGES_REQUESTED, or 30 days after a rejection (earlier INVALID_STATE), on the same agency.',
  })
  applyAsPartnerAgency(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The application.' }) input: PartnerAgencyApplicationInput,
  ): Promise<PartnerAgency> {
    return this.agencies.apply(ctx, input);
  }

  @OperatorOnly()
  @Mutation(() => PartnerAgency, {
    description: 'Decides a PENDING_REVIEW application (operators): APPROVE verifies the organization and issues the first dues invoice.',
  })
  reviewPartnerAgency(@Ctx() ctx: RequestContext, @Args('input', { description: 'The agency and the decision.' }) input: ReviewInput): Promise<PartnerAgency> {
    return this.agencies.review(ctx, input);
  }

  @Mutation(() => PartnerAgency, {
    description:
      'Moves to another tier (OWNER, MANAGER or operators; AWAITING_DUES, ACTIVE or SUSPENDED). An upgrade applies now with prorated invoices; a downgrade waits for the next unpaid period.',
  })
  changeMembershipTier(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The partner agency.' }) partnerAgencyId: string,
    @Args('tierCode', { description: 'Code of an active tier; the current one cancels a scheduled downgrade.' }) tierCode: string,
  ): Promise<PartnerAgency> {
    return this.agencies.changeTier(ctx, partnerAgencyId, tierCode);
  }

  @OperatorOnly()
  @Mutation(() => PartnerAgency, {
    description: 'ACTIVE → SUSPENDED by an operator: its listings disappear until reinstatePartnerAgency; paying dues does not lift it.',
  })
  suspendPartnerAgency(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The partner agency.' }) partnerAgencyId: string,
    @Args('reason', { description: 'Why, kept with the agency; must not be blank.' }) reason: string,
  ): Promise<PartnerAgency> {
    return this.agencies.suspend(ctx, partnerAgencyId, reason);
  }

  @OperatorOnly()
  @Mutation(() => PartnerAgency, { description: 'SUSPENDED → ACTIVE (operators), with a fresh dues grace period; another status is INVALID_STATE.' })
  reinstatePartnerAgency(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The partner agency.' }) partnerAgencyId: string,
  ): Promise<PartnerAgency> {
    return this.agencies.reinstate(ctx, partnerAgencyId);
  }

  @Mutation(() => PartnerAgency, {
    description:
      'Withdraws the agency for good (퇴점; OWNER, MANAGER or operators): unpaid invoices are voided and reservations not yet started are cancelled with full refunds.',
  })
  withdrawPartnerAgency(
    @Ctx() ctx: RequestContext,
    @Args('partnerAgencyId', { type: () => ID, description: 'The partner agency.' }) partnerAgencyId: string,
    @Args('reason', { description: 'Why, kept with the agency and shown on cancelled reservations; must not be blank.' }) reason: string,
  ): Promise<PartnerAgency> {
    return this.agencies.withdraw(ctx, partnerAgencyId, reason);
  }

  @OperatorOnly()
  @Mutation(() => Strike, {
    description: 'Records a strike against a partner agency (operators); strikes are kept for review and suspend no one by themselves.',
  })
  addStrike(@Ctx() ctx: RequestContext, @Args() args: AddStrikeArgs): Promise<Strike> {
    return this.strikeService.addStrike(ctx, args);
  }

  @ResolveField(() => Organization, { description: 'The organization that is the agency.' })
  organization(agency: PartnerAgency, _args: unknown, graphql: GraphQLContext): Promise<Organization> {
    return this.organizations.getById(contextOf(graphql), agency.organizationId);
  }

  @ResolveField(() => MembershipTier, { description: 'The tier whose fee and limits apply now.' })
  tier(agency: PartnerAgency, _args: unknown, graphql: GraphQLContext): Promise<MembershipTier> {
    return this.tiers.getById(contextOf(graphql), agency.tierId);
  }

  @ResolveField(() => MembershipTier, { nullable: true, description: 'A downgrade that applies from scheduledTierFrom.' })
  async scheduledTier(agency: PartnerAgency, _args: unknown, graphql: GraphQLContext): Promise<MembershipTier | null> {
    return agency.scheduledTierId ? this.tiers.getById(contextOf(graphql), agency.scheduledTierId) : null;
  }

  @ResolveField(() => DateScalar, { nullable: true, description: 'The last day of the latest period paid without a gap since the first.' })
  async duesPaidThrough(agency: PartnerAgency, _args: unknown, graphql: GraphQLContext): Promise<string | null> {
    return duesPaidThrough(await this.dues.invoicesOf(contextOf(graphql), agency.id));
  }

  @ResolveField(() => [DuesInvoice], { description: "The agency's members and operators only." })
  async duesInvoices(agency: PartnerAgency, _args: unknown, graphql: GraphQLContext): Promise<DuesInvoice[]> {
    const ctx = contextOf(graphql);
    await this.agencies.assertMayReadPrivate(ctx, agency);
    return this.dues.invoicesOf(ctx, agency.id);
  }

  @ResolveField(() => [Strike], { description: "The agency's members and operators only." })
  async strikes(agency: PartnerAgency, _args: unknown, graphql: GraphQLContext): Promise<Strike[]> {
    const ctx = contextOf(graphql);
    await this.agencies.assertMayReadPrivate(ctx, agency);
    return this.strikeService.strikesOf(ctx, agency.id);
  }
}

/** `Organization.partnerAgency`, added to identity's type from here; null when the caller may not see it. */
@Resolver(() => Organization)
export class OrganizationPartnerAgencyResolver {
  constructor(private readonly agencies: PartnerAgencyService) {}

  @ResolveField(() => PartnerAgency, { nullable: true, description: 'Its partner agency, if it has one the caller may see.' })
  async partnerAgency(organization: Organization, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency | null> {
    const ctx = contextOf(graphql);
    const agency = await this.agencies.loadByOrganization(ctx, organization.id);
    return agency && (await this.agencies.isVisible(ctx, agency)) ? agency : null;
  }
}
