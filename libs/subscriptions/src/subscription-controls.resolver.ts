import { Args, Field, ID, InputType, Int, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { Ctx, DateScalar, RequestContext } from '../../common/src/index.js';
import { ShippingAddressInput } from '../../commerce/src/index.js';
import { BoxSubscription } from './box-subscription.entity.js';
import { SubscriptionControls } from './subscription-controls.service.js';

@InputType({ description: 'Changes apply to deliveries whose cutoff is still ahead; omitted fields stay.' })
export class UpdateSubscriptionInput {
  @Field(() => Int, { nullable: true, description: 'Boxes per delivery, 1 to 99.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  quantity?: number | null;

  @Field(() => ShippingAddressInput, { nullable: true, description: 'Where the next deliveries go.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShippingAddressInput)
  shippingAddress?: ShippingAddressInput | null;
}

const SUBSCRIPTION_ID = { type: () => ID, description: 'The subscription.' } as const;
const BY_BUYER = 'The subscriber only (others who may read it FORBIDDEN, anyone else NOT_FOUND)';

/** The buyer's controls and cancellation (docs/RULES.md §20); the rules are in SubscriptionControls. */
@Resolver(() => BoxSubscription)
export class SubscriptionControlsResolver {
  constructor(private readonly controls: SubscriptionControls) {}

  @Mutation(() => BoxSubscription, {
    description: `Quantity or address for every delivery whose cutoff is ahead (a change after a cutoff belongs to the next delivery). ${BY_BUYER}; CANCELLED is INVALID_STATE.`,
  })
  updateSubscription(
    @Ctx() ctx: RequestContext,
    @Args('subscriptionId', SUBSCRIPTION_ID) subscriptionId: string,
    @Args('input', { description: 'What changes.' }) input: UpdateSubscriptionInput,
  ): Promise<BoxSubscription> {
    return this.controls.change(ctx, subscriptionId, input);
  }

  @Mutation(() => BoxSubscription, {
    description: `Skips (or restores) one future delivery of an ACTIVE subscription whose cutoff is ahead; no limit on how many. ${BY_BUYER}.`,
  })
  setSubscriptionDeliverySkipped(
    @Ctx() ctx: RequestContext,
    @Args('subscriptionId', SUBSCRIPTION_ID) subscriptionId: string,
    @Args('shipDate', { type: () => DateScalar, description: 'A ship date from upcomingDeliveries.' }) shipDate: string,
    @Args('skipped', { description: 'True to skip it, false to have it charged and shipped again.' }) skipped: boolean,
  ): Promise<BoxSubscription> {
    return this.controls.setDeliverySkipped(ctx, subscriptionId, shipDate, skipped);
  }

  @Mutation(() => BoxSubscription, {
    description: `ACTIVE → PAUSED: deliveries whose cutoff falls before 00:00 KST on resumeOn are skipped; ACTIVE again then. ${BY_BUYER}.`,
  })
  pauseSubscription(
    @Ctx() ctx: RequestContext,
    @Args('subscriptionId', SUBSCRIPTION_ID) subscriptionId: string,
    @Args('resumeOn', { type: () => DateScalar, description: 'After today and at most SUBSCRIPTION_MAX_PAUSE_DAYS (90) ahead, else BAD_USER_INPUT.' })
    resumeOn: string,
  ): Promise<BoxSubscription> {
    return this.controls.pause(ctx, subscriptionId, resumeOn);
  }

  @Mutation(() => BoxSubscription, { description: `PAUSED → ACTIVE at once: deliveries whose cutoff is ahead are charged again. ${BY_BUYER}.` })
  resumeSubscription(@Ctx() ctx: RequestContext, @Args('subscriptionId', SUBSCRIPTION_ID) subscriptionId: string): Promise<BoxSubscription> {
    return this.controls.resume(ctx, subscriptionId);
  }

  @Mutation(() => BoxSubscription, {
    description:
      'Buyer, agency or operator; endReason follows the caller. One call, no retention step; it stops further charges only. The buyer only when `cancellable` (else INVALID_STATE); agency staff FORBIDDEN.',
  })
  cancelSubscription(
    @Ctx() ctx: RequestContext,
    @Args('subscriptionId', SUBSCRIPTION_ID) subscriptionId: string,
    @Args('reason', { type: () => String, nullable: true, description: 'Why, up to 500 characters; kept with the subscription.' }) reason: string | null,
  ): Promise<BoxSubscription> {
    return this.controls.cancel(ctx, subscriptionId, reason);
  }

  @Mutation(() => BoxSubscription, {
    description: `The explicit consent to the pending price increase, before its respondBy (else INVALID_STATE); its effectiveShipDate is charged the new price. ${BY_BUYER}.`,
  })
  acceptSubscriptionPriceChange(@Ctx() ctx: RequestContext, @Args('subscriptionId', SUBSCRIPTION_ID) subscriptionId: string): Promise<BoxSubscription> {
    return this.controls.acceptPriceChange(ctx, subscriptionId);
  }
}
