import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/src/index.js';
import { B2BPurchaseInput } from '../../../membership/src/index.js';
import { MAX_RESERVATION_RANGE_DAYS } from '../reservation-range.js';
import { ReservationStatus } from '../reservation.entity.js';

@InputType({ description: 'A direct booking of one slot of a SERVICE listing.' })
export class ReserveInput {
  @Field(() => ID, { description: 'A PUBLISHED SERVICE listing of an ACTIVE agency; one that needs a consultation is BAD_USER_INPUT.' })
  @IsString()
  listingId: string;

  @Field({ description: 'The start of a future slot as availableSlots returns it; any other time is BAD_USER_INPUT.' })
  @IsDate()
  startsAt: Date;

  @Field(() => String, { nullable: true, description: 'The token trackReferralClick returned, crediting the market creator whose link led here.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  attributionToken?: string | null;

  @Field(() => B2BPurchaseInput, { nullable: true, description: 'Book for an organization (B2B, docs/RULES.md §23); the caller must be its OWNER or MANAGER.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => B2BPurchaseInput)
  onBehalfOf?: B2BPurchaseInput | null;

  @Field({
    description:
      'Your key for this booking, 1–200 characters: repeating it within 24 hours (by default) returns the same reservation; with other input it is IDEMPOTENCY_KEY_REUSED.',
  })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  idempotencyKey: string;
}

@InputType({ description: 'A cancellation of a reservation, with its reason.' })
export class CancelReservationInput {
  @Field(() => ID, { description: 'A PENDING_PAYMENT or CONFIRMED reservation.' })
  @IsString()
  reservationId: string;

  @Field({ description: 'Why, 1–1000 characters, not blank; kept as `cancellationReason`.' })
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason: string;
}

@InputType({ description: "The buyer's review of a completed reservation." })
export class ReviewReservationInput {
  @Field(() => ID, { description: 'A COMPLETED reservation of the caller.' })
  @IsString()
  reservationId: string;

  @Field(() => Int, { description: 'Stars from 1 (worst) to 5 (best).' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @Field(() => String, { nullable: true, description: 'Up to 4000 characters; blank or absent is none.' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  comment?: string | null;
}

/** How a reservation list sorts (docs/RULES.md §8, "Reservation lists"). */
export enum ReservationOrder {
  NEWEST = 'NEWEST',
  STARTS_AT = 'STARTS_AT',
}
registerEnumType(ReservationOrder, {
  name: 'ReservationOrder',
  description: 'How a reservation list sorts; both orders are stable, so cursors page without gaps or repeats.',
  valuesMap: {
    NEWEST: { description: 'Most recently reserved first (the default).' },
    STARTS_AT: { description: 'By the start of the service, earliest first: a calendar of the range asked.' },
  },
});

@ArgsType()
export class ReservationListArgs extends PageArgs {
  @Field(() => ReservationStatus, { nullable: true, description: 'Only reservations in this status; all when absent.' })
  @IsOptional()
  @IsEnum(ReservationStatus)
  status?: ReservationStatus | null;

  @Field(() => Date, { nullable: true, description: 'Only reservations starting at this instant or later (inclusive); no lower bound when absent.' })
  @IsOptional()
  @IsDate()
  startsFrom?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: `Only reservations starting before this instant (exclusive); no upper bound when absent. With startsFrom, later than it and at most ${MAX_RESERVATION_RANGE_DAYS} days after it, else BAD_USER_INPUT.`,
  })
  @IsOptional()
  @IsDate()
  startsBefore?: Date | null;

  @Field(() => ReservationOrder, { nullable: true, description: 'Sort order; NEWEST when omitted. A cursor from another order is BAD_USER_INPUT.' })
  @IsOptional()
  @IsEnum(ReservationOrder)
  order?: ReservationOrder | null;
}
