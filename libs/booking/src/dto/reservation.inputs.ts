import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageArgs } from '../../../common/src/index.js';
import { ReservationStatus } from '../reservation.entity.js';

@InputType()
export class ReserveInput {
  @Field(() => ID)
  @IsString()
  listingId: string;

  @Field()
  @IsDate()
  startsAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  attributionToken?: string | null;

  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  idempotencyKey: string;
}

@InputType()
export class CancelReservationInput {
  @Field(() => ID)
  @IsString()
  reservationId: string;

  @Field()
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason: string;
}

@InputType()
export class ReviewReservationInput {
  @Field(() => ID)
  @IsString()
  reservationId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  comment?: string | null;
}

@ArgsType()
export class ReservationListArgs extends PageArgs {
  @Field(() => ReservationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ReservationStatus)
  status?: ReservationStatus | null;
}
