import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../common/src/index.js';
import { Weekday } from './weekday.js';

@ObjectType({ description: "One opening range of a weekday, on the listing's wall clock; a day may have several that do not overlap." })
export class WeeklyHours {
  @Field(() => Weekday, { description: 'The day the range repeats on.' })
  weekday: Weekday;

  @Field({ description: 'Opening time, HH:MM; the first slot of the range starts then.' })
  opensAt: string;

  @Field({ description: 'Closing time, HH:MM, later than opensAt (24:00 for midnight); no slot ends after it.' })
  closesAt: string;
}

@ObjectType({ description: 'A dated exception to the weekly hours: closed that day, or open at other hours.' })
export class AvailabilityException {
  @Field(() => DateScalar, { description: "The calendar day it replaces, in the listing's time zone." })
  date: string;

  @Field({ description: 'True when there are no slots that day; opensAt and closesAt are then null.' })
  closed: boolean;

  @Field(() => String, { nullable: true, description: "That day's opening time, HH:MM; null when closed." })
  opensAt: string | null;

  @Field(() => String, { nullable: true, description: "That day's closing time, HH:MM (24:00 for midnight); null when closed." })
  closesAt: string | null;
}

/** A listing's availability as clients see it: the interval is the effective one. */
@ObjectType({ description: 'When a SERVICE listing can be booked: weekly opening hours and dated exceptions in its time zone (public, like the listing).' })
export class Availability {
  @Field({ description: 'IANA time zone the hours are in; Asia/Seoul unless the agency chose another.' })
  timezone: string;

  @Field(() => Int, { description: "Minutes between slot starts; the service's duration unless the agency set another." })
  slotIntervalMinutes: number;

  @Field(() => [WeeklyHours], { description: 'Opening ranges that repeat every week; a weekday without any is closed.' })
  weeklyHours: WeeklyHours[];

  @Field(() => [AvailabilityException], { description: 'Dated days that differ from the weekly hours.' })
  exceptions: AvailabilityException[];
}

@ObjectType({ description: 'A bookable start time of a SERVICE listing with seats left.' })
export class TimeSlot {
  @Field({ description: 'When the service starts; pass it to `reserve` as the start.' })
  startsAt: Date;

  @Field({ description: "When it ends: startsAt plus the service's durationMinutes." })
  endsAt: Date;

  @Field(() => Int, { description: 'Seats still free: capacityPerSlot minus live reservations and unexpired holds; always above 0.' })
  remainingCapacity: number;
}
