import { Query, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Authenticated, Ctx, RequestContext, type GraphQLContext } from '../../common/src/index.js';
import { OrganizationInvitation } from './organization-invitation.entity.js';
import { OrganizationInvitationService } from './organization-invitation.service.js';
import { OrganizationMember } from './organization-member.entity.js';
import { OrganizationService } from './organization.service.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly users: UserService,
    private readonly organizations: OrganizationService,
    private readonly invitations: OrganizationInvitationService,
  ) {}

  @Authenticated()
  @Query(() => User, { description: 'The signed-in user (UNAUTHENTICATED without a valid access token).' })
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.users.me(ctx);
  }

  @ResolveField(() => String, {
    description:
      'Sign-in address. Only the user, operators and partner agencies the user has consulted, booked or bought from see it (docs/RULES.md §11, §25); others FORBIDDEN.',
  })
  async email(user: User, _args: unknown, graphql: GraphQLContext): Promise<string> {
    await this.users.assertMayReadContact(contextOf(graphql), user, 'email');
    return user.email;
  }

  @ResolveField(() => String, { nullable: true, description: 'Contact number, if given; visible to the same callers as `email`.' })
  async phone(user: User, _args: unknown, graphql: GraphQLContext): Promise<string | null> {
    await this.users.assertMayReadContact(contextOf(graphql), user, 'phone');
    return user.phone;
  }

  @ResolveField(() => [OrganizationInvitation], { description: 'Invitations to organizations the user can still accept or decline (the user and operators).' })
  organizationInvitations(user: User, _args: unknown, graphql: GraphQLContext): Promise<OrganizationInvitation[]> {
    const ctx = contextOf(graphql);
    this.users.assertMayReadPrivate(ctx, user, 'organizationInvitations');
    return this.invitations.pendingFor(ctx, user.id);
  }

  @ResolveField(() => [OrganizationMember], { description: "The user's organizations and roles (the user and operators; others FORBIDDEN)." })
  memberships(user: User, _args: unknown, graphql: GraphQLContext): Promise<OrganizationMember[]> {
    const ctx = contextOf(graphql);
    this.users.assertMayReadPrivate(ctx, user, 'memberships');
    return this.organizations.membershipsOfUser(ctx, user.id);
  }
}
