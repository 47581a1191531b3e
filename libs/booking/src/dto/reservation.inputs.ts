import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/src/index.js';
import { B2BPurchaseInput } from '../../../membership/src/index.js';
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

@ArgsType()
export class ReservationListArgs extends PageArgs {
  @Field(() => ReservationStatus, { nullable: true, description: 'Only reservations in this status; all when absent.' })
  @IsOptional()
  @IsEnum(ReservationStatus)
  status?: ReservationStatus | null;
}
