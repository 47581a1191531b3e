import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, OperatorOnly, Public, RequestContext } from '../../common/src/index.js';
import { PublishPolicyInput } from './dto/policy.input.js';
import { PolicyDocument } from './policy-document.entity.js';
import { PolicyService } from './policy.service.js';

@Resolver(() => PolicyDocument)
export class PolicyResolver {
  constructor(private readonly policies: PolicyService) {}

  @Public()
  @Query(() => [PolicyDocument], { description: 'The newest version of each policy; agree to these by their ids.' })
  currentPolicies(@Ctx() ctx: RequestContext): Promise<PolicyDocument[]> {
    return this.policies.current(ctx);
  }

  @OperatorOnly()
  @Mutation(() => PolicyDocument, { description: 'Publishes the next version of a policy (operators); earlier agreements stay as they were.' })
  publishPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The kind and text of the new version.' }) input: PublishPolicyInput,
  ): Promise<PolicyDocument> {
    return this.policies.publish(ctx, input);
  }
}
