import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../common/src/index.js';
import { Weekday } from './weekday.js';

@ObjectType()
export class WeeklyHours {
  @Field(() => Weekday)
  weekday: Weekday;

  @Field()
  opensAt: string;

  @Field()
  closesAt: string;
}

@ObjectType()
export class AvailabilityException {
  @Field(() => DateScalar)
  date: string;

  @Field()
  closed: boolean;

  @Field(() => String, { nullable: true })
  opensAt: string | null;

  @Field(() => String, { nullable: true })
  closesAt: string | null;
}

/** A listing's availability as clients see it: the interval is the effective one. */
@ObjectType()
export class Availability {
  @Field()
  timezone: string;

  @Field(() => Int)
  slotIntervalMinutes: number;

  @Field(() => [WeeklyHours])
  weeklyHours: WeeklyHours[];

  @Field(() => [AvailabilityException])
  exceptions: AvailabilityException[];
}

@ObjectType()
export class TimeSlot {
  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Int)
  remainingCapacity: number;
}
