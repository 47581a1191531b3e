import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { DateScalar } from '../../../common/src/index.js';
import { Weekday } from '../weekday.js';

@InputType()
export class WeeklyHoursInput {
  @Field(() => Weekday)
  @IsEnum(Weekday)
  weekday: Weekday;

  /** HH:MM on the listing's wall clock. */
  @Field()
  @IsString()
  opensAt: string;

  /** HH:MM, later than opensAt; 24:00 for midnight. */
  @Field()
  @IsString()
  closesAt: string;
}

@InputType()
export class AvailabilityExceptionInput {
  @Field(() => DateScalar)
  date: string;

  @Field()
  @IsBoolean()
  closed: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  opensAt?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  closesAt?: string | null;
}

/** Replaces the listing's availability as a whole; omitted fields take their defaults. */
@InputType()
export class AvailabilityInput {
  /** IANA time zone; Asia/Seoul when omitted. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timezone?: string | null;

  /** Minutes between slot starts; the service's duration when omitted. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  slotIntervalMinutes?: number | null;

  @Field(() => [WeeklyHoursInput])
  @IsArray()
  @ArrayMaxSize(7 * 12)
  @ValidateNested({ each: true })
  @Type(() => WeeklyHoursInput)
  weeklyHours: WeeklyHoursInput[];

  @Field(() => [AvailabilityExceptionInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityExceptionInput)
  exceptions?: AvailabilityExceptionInput[] | null;
}
