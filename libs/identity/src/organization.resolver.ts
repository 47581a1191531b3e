import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, Ctx, Public, RequestContext } from '../../common/src/index.js';
import { CreateOrganizationInput } from './dto/organization.inputs.js';
import { OrganizationMember, OrganizationRole } from './organization-member.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationService } from './organization.service.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @Public()
  @Query(() => Organization, { nullable: true })
  organization(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Organization> {
    return this.organizations.getById(ctx, id);
  }

  @Authenticated()
  @Mutation(() => Organization)
  createOrganization(@Ctx() ctx: RequestContext, @Args('input') input: CreateOrganizationInput): Promise<Organization> {
    return this.organizations.create(ctx, input);
  }

  @Authenticated()
  @Mutation(() => OrganizationMember)
  addOrganizationMember(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('email', { type: () => String }) email: string,
    @Args('role', { type: () => OrganizationRole }) role: OrganizationRole,
  ): Promise<OrganizationMember> {
    return this.organizations.addMember(ctx, organizationId, email, role);
  }

  @ResolveField(() => Boolean, { description: 'Operators: whether another organization claims the same business registration number.' })
  duplicateRegistrationNumber(@Ctx() ctx: RequestContext, @Parent() organization: Organization): Promise<boolean> {
    return this.organizations.hasDuplicateRegistrationNumber(ctx, organization);
  }

  @ResolveField(() => [OrganizationMember])
  async members(@Ctx() ctx: RequestContext, @Parent() organization: Organization): Promise<OrganizationMember[]> {
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

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() member: OrganizationMember): Promise<Organization> {
    return this.organizations.getById(ctx, member.organizationId);
  }

  @ResolveField(() => User)
  user(@Ctx() ctx: RequestContext, @Parent() member: OrganizationMember): Promise<User> {
    return this.users.getById(ctx, member.userId);
  }
}

