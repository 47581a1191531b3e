import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public, RequestContext, listCost } from '../../common/src/index.js';
import { AvailabilityService } from './availability.service.js';
import { Availability, TimeSlot } from './availability.types.js';
import { AvailabilityInput } from './dto/availability.inputs.js';
import { estimatedSlotCount } from './slots.js';

@Resolver(() => Availability)
export class AvailabilityResolver {
  constructor(private readonly service: AvailabilityService) {}

  @Public()
  @Query(() => Availability, {
    nullable: true,
    description: 'Null until the agency sets it; only SERVICE listings have one. A listing the caller cannot see is NOT_FOUND.',
  })
  availability(
    @Ctx() ctx: RequestContext,
    @Args('listingId', { type: () => ID, description: 'The SERVICE listing.' }) listingId: string,
  ): Promise<Availability | null> {
    return this.service.get(ctx, listingId);
  }

  @Public()
  @Query(() => [TimeSlot], {
    description:
      'Future slots with free seats starting in [from, to), in time order; a longer range than 62 days is BAD_USER_INPUT, an invisible listing NOT_FOUND.',
    // Priced by what it produces: the range's days × the slots a day may have (README, Errors).
    complexity: ({ args, childComplexity }) => listCost(estimatedSlotCount(args.from as Date, args.to as Date), childComplexity),
  })
  availableSlots(
    @Ctx() ctx: RequestContext,
    @Args('listingId', { type: () => ID, description: 'The SERVICE listing.' }) listingId: string,
    @Args('from', { type: () => Date, description: 'Earliest start, inclusive; past slots are left out anyway.' }) from: Date,
    @Args('to', { type: () => Date, description: 'Latest start, exclusive; after from and at most 62 days later.' }) to: Date,
  ): Promise<TimeSlot[]> {
    return this.service.availableSlots(ctx, listingId, from, to);
  }

  @Mutation(() => Availability, {
    description:
      'Replaces weekly hours and exceptions of a SERVICE listing (OWNER or MANAGER of the agency; STAFF and operators FORBIDDEN, non-members NOT_FOUND).',
  })
  setAvailability(
    @Ctx() ctx: RequestContext,
    @Args('listingId', { type: () => ID, description: 'The SERVICE listing.' }) listingId: string,
    @Args('input', { description: 'The whole new availability.' }) input: AvailabilityInput,
  ): Promise<Availability> {
    return this.service.set(ctx, listingId, input);
  }
}
