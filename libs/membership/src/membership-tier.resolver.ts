import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, OperatorOnly, Public, RequestContext } from '../../common/src/index.js';
import { MembershipTierInput } from './dto/membership-tier.input.js';
import { MembershipTier } from './membership-tier.entity.js';
import { MembershipTierService } from './membership-tier.service.js';

@Resolver(() => MembershipTier)
export class MembershipTierResolver {
  constructor(private readonly tiers: MembershipTierService) {}

  @Public()
  @Query(() => [MembershipTier], { description: 'Active tiers, smallest first; operators also see inactive ones.' })
  membershipTiers(@Ctx() ctx: RequestContext): Promise<MembershipTier[]> {
    return this.tiers.list(ctx);
  }

  @OperatorOnly()
  @Mutation(() => MembershipTier, {
    description: 'Creates the tier with this code or updates it (operators). Agencies keep their tier and its sales their fee.',
  })
  saveMembershipTier(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The whole tier; `code` picks the one to update.' }) input: MembershipTierInput,
  ): Promise<MembershipTier> {
    return this.tiers.save(ctx, input);
  }
}
