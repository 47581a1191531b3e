import { Args, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Authenticated, Ctx, OperatorOnly, RequestContext, type GraphQLContext } from '../../common/src/index.js';
import { Organization, OrganizationService } from '../../identity/src/index.js';
import { CertificationService } from './certification.service.js';
import { SubmitCertificationInput } from './dto/certification.input.js';
import { ReviewInput } from './dto/partner-agency.input.js';
import { SocialEconomyCertification } from './social-economy-certification.entity.js';

@Resolver(() => SocialEconomyCertification)
export class CertificationResolver {
  constructor(
    private readonly certifications: CertificationService,
    private readonly organizations: OrganizationService,
  ) {}

  @OperatorOnly()
  @Query(() => [SocialEconomyCertification], { description: 'Operators: certifications waiting for review, oldest submission first.' })
  pendingCertifications(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'How many, at most 100 (default 20).' }) first: number | null,
  ): Promise<SocialEconomyCertification[]> {
    return this.certifications.pending(ctx, first ?? undefined);
  }

  @Authenticated()
  @Mutation(() => SocialEconomyCertification, { description: 'OWNER or MANAGER of the organization: PENDING until an operator reviews it.' })
  submitCertification(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The certificate.' }) input: SubmitCertificationInput,
  ): Promise<SocialEconomyCertification> {
    return this.certifications.submit(ctx, input);
  }

  @OperatorOnly()
  @Mutation(() => SocialEconomyCertification, {
    description: 'Operator: APPROVE → VERIFIED, REJECT (note required) → REJECTED; REQUEST_CHANGES is BAD_USER_INPUT.',
  })
  reviewCertification(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The certification (its id) and the decision.' }) input: ReviewInput,
  ): Promise<SocialEconomyCertification> {
    return this.certifications.review(ctx, input);
  }

  @ResolveField(() => Organization, { description: 'The organization certified.' })
  organization(certification: SocialEconomyCertification, _args: unknown, graphql: GraphQLContext): Promise<Organization> {
    return this.organizations.getById(contextOf(graphql), certification.organizationId);
  }
}

@Resolver(() => Organization)
export class OrganizationCertificationResolver {
  constructor(private readonly certificationService: CertificationService) {}

  @ResolveField(() => [SocialEconomyCertification], {
    description: 'Verified certifications are public; pending and rejected ones only for members and operators. Oldest issue first.',
  })
  certifications(organization: Organization, _args: unknown, graphql: GraphQLContext): Promise<SocialEconomyCertification[]> {
    return this.certificationService.ofOrganization(contextOf(graphql), organization.id);
  }
}
