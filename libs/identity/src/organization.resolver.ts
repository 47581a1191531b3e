import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Authenticated, Ctx, Public, RequestContext, type GraphQLContext } from '../../common/src/index.js';
import { CreateOrganizationInput } from './dto/organization.inputs.js';
import { OrganizationInvitation } from './organization-invitation.entity.js';
import { OrganizationInvitationService, inviteeStandIn, offeredMembership } from './organization-invitation.service.js';
import { OrganizationMember, OrganizationRole } from './organization-member.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationService } from './organization.service.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly invitations: OrganizationInvitationService,
  ) {}

  @Public()
  @Query(() => Organization, { nullable: true, description: 'Any organization, for everyone; an unknown id is NOT_FOUND.' })
  organization(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID, description: 'The organization.' }) id: string): Promise<Organization> {
    return this.organizations.getById(ctx, id);
  }

  @Authenticated()
  @Mutation(() => Organization, {
    description: 'Creates an organization with the caller as OWNER. Unverified organizations may share a number; a number a verified one holds is CONFLICT.',
  })
  createOrganization(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The organization to create.' }) input: CreateOrganizationInput,
  ): Promise<Organization> {
    return this.organizations.create(ctx, input);
  }

  /**
   * Invites the address; the membership it offers begins when the invitee accepts. The answer is the same
   * whether or not the address has an account (see `offeredMembership`).
   */
  @Authenticated()
  @Mutation(() => OrganizationMember, {
    description:
      'Invites the e-mail address to join (OWNER/MANAGER; only an OWNER invites OWNERs and MANAGERs). Answers with the membership offered: `invitation` is set and `user` stands in for the invitee, whether or not the address has an account.',
  })
  async addOrganizationMember(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, description: 'The organization to join.' }) organizationId: string,
    @Args('email', { type: () => String, description: 'The address to invite; never looked up.' }) email: string,
    @Args('role', { type: () => OrganizationRole, description: 'The role offered.' }) role: OrganizationRole,
  ): Promise<OrganizationMember> {
    return offeredMembership(await this.invitations.invite(ctx, organizationId, email, role));
  }

  @Authenticated()
  @Mutation(() => OrganizationMember, { description: 'The invitee (signed in with the invited address) joins with the invited role.' })
  acceptOrganizationInvitation(
    @Ctx() ctx: RequestContext,
    @Args('invitationId', { type: () => ID, description: 'A PENDING, unexpired invitation to the caller; others NOT_FOUND.' }) invitationId: string,
  ): Promise<OrganizationMember> {
    return this.invitations.accept(ctx, invitationId);
  }

  @Authenticated()
  @Mutation(() => OrganizationInvitation, { description: 'The invitee declines; the invitation becomes DECLINED.' })
  declineOrganizationInvitation(
    @Ctx() ctx: RequestContext,
    @Args('invitationId', { type: () => ID, description: 'A PENDING, unexpired invitation to the caller; others NOT_FOUND.' }) invitationId: string,
  ): Promise<OrganizationInvitation> {
    return this.invitations.decline(ctx, invitationId);
  }

  @Authenticated()
  @Mutation(() => Boolean, { description: 'The caller stops being a member; the last OWNER cannot (INVALID_STATE).' })
  leaveOrganization(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, description: 'An organization the caller belongs to.' }) organizationId: string,
  ): Promise<boolean> {
    return this.organizations.leave(ctx, organizationId);
  }

  @Authenticated()
  @Mutation(() => Organization, {
    description:
      'Ends a membership: the member themself (leaving), an OWNER anyone, a MANAGER only STAFF (others FORBIDDEN). The last OWNER cannot go (INVALID_STATE). Answers with the organization.',
  })
  removeOrganizationMember(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, description: 'An organization the caller belongs to; others NOT_FOUND.' }) organizationId: string,
    @Args('userId', { type: () => ID, description: 'The member to remove, or the caller to leave; a user who is not a member is NOT_FOUND.' })
    userId: string,
  ): Promise<Organization> {
    return this.organizations.removeMember(ctx, organizationId, userId);
  }

  @ResolveField(() => Boolean, { description: 'Operators: whether another organization claims the same business registration number.' })
  duplicateRegistrationNumber(organization: Organization, _args: unknown, graphql: GraphQLContext): Promise<boolean> {
    return this.organizations.hasDuplicateRegistrationNumber(contextOf(graphql), organization);
  }

  @ResolveField(() => [OrganizationMember], { description: 'Its members and their roles: members and operators only, others FORBIDDEN.' })
  async members(organization: Organization, _args: unknown, graphql: GraphQLContext): Promise<OrganizationMember[]> {
    const ctx = contextOf(graphql);
    await this.organizations.assertMayReadMembers(ctx, organization.id);
    return this.organizations.membersOfOrganization(ctx, organization.id);
  }
}

@Resolver(() => OrganizationMember)
export class OrganizationMembershipResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
  ) {}

  @ResolveField(() => Organization, { description: 'The organization the membership is in.' })
  organization(member: OrganizationMember, _args: unknown, graphql: GraphQLContext): Promise<Organization> {
    return this.organizations.getById(contextOf(graphql), member.organizationId);
  }

  @ResolveField(() => User, { description: 'The member; on an offered membership, a stand-in made from the invitation.' })
  async user(member: OrganizationMember, _args: unknown, graphql: GraphQLContext): Promise<User> {
    return member.invitation ? inviteeStandIn(member.invitation) : this.users.getById(contextOf(graphql), member.userId);
  }

  @ResolveField(() => OrganizationInvitation, {
    nullable: true,
    description: 'Set on the answer of addOrganizationMember: the invitation behind the membership offered.',
  })
  invitation(member: OrganizationMember): OrganizationInvitation | null {
    return member.invitation ?? null;
  }
}

@Resolver(() => OrganizationInvitation)
export class OrganizationInvitationResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @ResolveField(() => Organization, { description: 'The organization the invitation is to.' })
  organization(invitation: OrganizationInvitation, _args: unknown, graphql: GraphQLContext): Promise<Organization> {
    return this.organizations.getById(contextOf(graphql), invitation.organizationId);
  }
}
