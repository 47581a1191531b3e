import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MoneyScalar, PageArgs } from '../../../common/src/index.js';
import { Carrier } from '../carrier.js';
import { ReturnReason, ReturnResolution, ReturnStatus } from '../return-request.entity.js';
import { LineQuantityInput } from './commerce.inputs.js';

@InputType({ description: 'The buyer asks to return units (docs/RULES.md §18 windows).' })
export class RequestReturnInput {
  @Field(() => ID, { description: 'A SHIPPED or DELIVERED order of the caller.' })
  @IsString()
  orderId: string;

  @Field(() => ReturnReason, { description: 'Why: CHANGE_OF_MIND until 7 days after delivery, the others until confirmation.' })
  @IsEnum(ReturnReason)
  reason: ReturnReason;

  @Field(() => ReturnResolution, { description: 'REFUND, or EXCHANGE for reasons other than CHANGE_OF_MIND.' })
  @IsEnum(ReturnResolution)
  resolution: ReturnResolution;

  @Field(() => [LineQuantityInput], { description: 'Shipped units to send back, each line once.' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => LineQuantityInput)
  lines: LineQuantityInput[];

  @Field(() => String, { nullable: true, description: 'The buyer’s words to the agency, up to 1,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: 'The agency takes the return (and may book the pick-up).' })
export class AcceptReturnInput {
  @Field(() => ID, { description: 'A REQUESTED return; operators also a REJECTED one.' })
  @IsString()
  returnRequestId: string;

  @Field(() => Carrier, { nullable: true, description: 'The pick-up waybill the agency booked (반품 수거), if any: one of the tracked couriers.' })
  @IsOptional()
  @IsEnum(Carrier)
  pickupCarrier?: Carrier | null;

  @Field(() => String, { nullable: true, description: 'The pick-up waybill’s number, with pickupCarrier (tracking-number formats of docs/RULES.md §17).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  pickupTrackingNumber?: string | null;
}

@InputType({ description: 'Refund now, or ship the exchange’s replacement.' })
export class CompleteReturnInput {
  @Field(() => ID, { description: 'A RECEIVED return.' })
  @IsString()
  returnRequestId: string;

  @Field(() => Carrier, { nullable: true, description: 'EXCHANGE only: the replacement parcel’s carrier (required for EXCHANGE).' })
  @IsOptional()
  @IsEnum(Carrier)
  replacementCarrier?: Carrier | null;

  @Field(() => String, { nullable: true, description: 'EXCHANGE with OTHER only: the courier’s name.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  replacementCarrierName?: string | null;

  @Field(() => String, { nullable: true, description: 'EXCHANGE only: the replacement’s tracking number (none for DIRECT).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  replacementTrackingNumber?: string | null;
}

@InputType({ description: 'Operator-only refund outside the return flow (after confirmation, disputes). Appears in the agency’s next settlement.' })
export class RefundOrderInput {
  @Field(() => ID, { description: 'A CONFIRMED or RETURNED order.' })
  @IsString()
  orderId: string;

  @Field(() => MoneyScalar, { description: 'Won to pay back, at most what the lines still have paid.' })
  amount: number;

  @Field({ description: 'Why (required, non-blank, at most 1,000 characters).' })
  @IsString()
  @MaxLength(1000)
  reason: string;
}

@ArgsType()
export class ReturnListArgs extends PageArgs {
  @Field(() => ReturnStatus, { nullable: true, description: 'Only returns in this state; all when omitted.' })
  @IsOptional()
  @IsEnum(ReturnStatus)
  status?: ReturnStatus | null;
}
