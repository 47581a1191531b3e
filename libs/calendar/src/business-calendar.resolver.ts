import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, OperatorOnly, Public, RequestContext } from '../../common/src/index.js';
import { BusinessCalendarService } from './business-calendar.service.js';
import { NonBusinessDayInput } from './dto/non-business-day.input.js';
import { NonBusinessDay } from './non-business-day.entity.js';

@Resolver(() => NonBusinessDay)
export class BusinessCalendarResolver {
  constructor(private readonly calendar: BusinessCalendarService) {}

  @Public()
  @Query(() => [NonBusinessDay], { description: 'Non-business days of a year besides weekends (public).' })
  nonBusinessDays(
    @Ctx() ctx: RequestContext,
    @Args('year', { type: () => Int, description: 'A year from 2000 to 2100.' }) year: number,
  ): Promise<NonBusinessDay[]> {
    return this.calendar.nonBusinessDays(ctx, year);
  }

  @OperatorOnly()
  @Mutation(() => [NonBusinessDay], { description: "Replaces that year's list (operators). Affects deadlines computed afterwards, never ones already set." })
  setNonBusinessDays(
    @Ctx() ctx: RequestContext,
    @Args('year', { type: () => Int, description: 'A year from 2000 to 2100.' }) year: number,
    @Args('days', { type: () => [NonBusinessDayInput], description: 'The whole list for the year (at most 366 days).' }) days: NonBusinessDayInput[],
  ): Promise<NonBusinessDay[]> {
    return this.calendar.setNonBusinessDays(ctx, year, days);
  }
}
