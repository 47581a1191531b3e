import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsDate, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { MoneyScalar, PageArgs } from '../../../common/src/index.js';
import { ConsultationStatus } from '../consultation.entity.js';

const NOT_BLANK = { message: 'must not be blank' };

@InputType()
export class RequestConsultationInput {
  @Field(() => ID)
  @IsString()
  listingId: string;

  @Field()
  @IsString()
  @Length(1, 4000)
  @Matches(/\S/, NOT_BLANK)
  message: string;

  @Field(() => [Date], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsDate({ each: true })
  preferredTimes?: Date[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  attributionToken?: string | null;
}

@InputType()
export class SendOfferInput {
  @Field(() => ID)
  @IsString()
  consultationId: string;

  @Field(() => MoneyScalar)
  @IsInt()
  @Min(1, { message: 'must be more than 0' })
  price: number;

  @Field()
  @IsDate()
  startsAt: Date;

  @Field()
  @IsDate()
  endsAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}

@ArgsType()
export class ConsultationListArgs extends PageArgs {
  @Field(() => ConsultationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ConsultationStatus)
  status?: ConsultationStatus | null;
}
