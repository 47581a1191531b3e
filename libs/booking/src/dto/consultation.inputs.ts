import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { MoneyScalar, PageArgs } from '../../../common/src/index.js';
import { B2BPurchaseInput } from '../../../membership/src/index.js';
import { ConsultationStatus } from '../consultation.entity.js';

const NOT_BLANK = { message: 'must not be blank' };

@InputType({ description: 'A request to talk with a partner agency about one of its SERVICE listings.' })
export class RequestConsultationInput {
  @Field(() => ID, { description: 'A PUBLISHED SERVICE listing of an ACTIVE agency.' })
  @IsString()
  listingId: string;

  @Field({ description: 'The first message, 1–4000 characters, not blank.' })
  @IsString()
  @Length(1, 4000)
  @Matches(/\S/, NOT_BLANK)
  message: string;

  @Field(() => [Date], { nullable: true, description: 'Up to 10 times that would suit the buyer; none when absent.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsDate({ each: true })
  preferredTimes?: Date[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'The token trackReferralClick returned; the reservation an accepted offer creates carries it to attribution.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  attributionToken?: string | null;

  @Field(() => B2BPurchaseInput, {
    nullable: true,
    description: 'Consult for an organization (B2B, docs/RULES.md §23); the reservation made from an accepted offer carries it.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => B2BPurchaseInput)
  onBehalfOf?: B2BPurchaseInput | null;
}

@InputType({ description: "An agency's offer of a price and time on a consultation." })
export class SendOfferInput {
  @Field(() => ID, { description: 'An OPEN, OFFERED or EXPIRED consultation of your agency.' })
  @IsString()
  consultationId: string;

  @Field(() => MoneyScalar, { description: 'Won the buyer would pay, more than 0.' })
  @IsInt()
  @Min(1, { message: 'must be more than 0' })
  price: number;

  @Field({ description: 'When the service would start, in the future, at a time with a free seat.' })
  @IsDate()
  startsAt: Date;

  @Field({ description: 'When it would end, after `startsAt`.' })
  @IsDate()
  endsAt: Date;

  @Field(() => String, { nullable: true, description: 'Words to the buyer, up to 2000 characters.' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Until when the buyer may accept, in the future and not after `startsAt`; default 48 hours, or `startsAt` if sooner.',
  })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}

@ArgsType()
export class ConsultationListArgs extends PageArgs {
  @Field(() => ConsultationStatus, { nullable: true, description: 'Only consultations in this status; all when absent.' })
  @IsOptional()
  @IsEnum(ConsultationStatus)
  status?: ConsultationStatus | null;
}
