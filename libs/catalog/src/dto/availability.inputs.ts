import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { DateScalar } from '../../../common/src/index.js';
import { Weekday } from '../weekday.js';

@InputType({ description: 'One opening range of a weekday; ranges of the same day must not overlap (BAD_USER_INPUT).' })
export class WeeklyHoursInput {
  @Field(() => Weekday, { description: 'The day the range repeats on.' })
  @IsEnum(Weekday)
  weekday: Weekday;

  @Field({ description: "HH:MM on the listing's wall clock, 00:00 to 23:59." })
  @IsString()
  opensAt: string;

  @Field({ description: 'HH:MM, later than opensAt on the same day; 24:00 for midnight.' })
  @IsString()
  closesAt: string;
}

@InputType({ description: 'A dated day that differs from the weekly hours; at most one per date (BAD_USER_INPUT).' })
export class AvailabilityExceptionInput {
  @Field(() => DateScalar, { description: "The calendar day, in the listing's time zone." })
  date: string;

  @Field({ description: 'True for no slots that day; then opensAt and closesAt must be absent.' })
  @IsBoolean()
  closed: boolean;

  @Field(() => String, { nullable: true, description: 'HH:MM; required unless closed.' })
  @IsOptional()
  @IsString()
  opensAt?: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM, later than opensAt (24:00 for midnight); required unless closed.' })
  @IsOptional()
  @IsString()
  closesAt?: string | null;
}

@InputType({ description: "Replaces the listing's availability as a whole; omitted fields take their defaults." })
export class AvailabilityInput {
  @Field(() => String, { nullable: true, description: 'IANA time zone such as Asia/Seoul (the default when omitted); an unknown zone is BAD_USER_INPUT.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timezone?: string | null;

  @Field(() => Int, { nullable: true, description: "Minutes between slot starts, 5 to 1440; the service's duration when omitted." })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  slotIntervalMinutes?: number | null;

  @Field(() => [WeeklyHoursInput], { description: 'Every weekly opening range, at most 84; a weekday without any is closed.' })
  @IsArray()
  @ArrayMaxSize(7 * 12)
  @ValidateNested({ each: true })
  @Type(() => WeeklyHoursInput)
  weeklyHours: WeeklyHoursInput[];

  @Field(() => [AvailabilityExceptionInput], { nullable: true, description: 'Dated exceptions, at most 500; none when omitted.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityExceptionInput)
  exceptions?: AvailabilityExceptionInput[] | null;
}
