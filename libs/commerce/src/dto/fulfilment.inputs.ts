import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DateScalar } from '../../../common/src/index.js';
import { Carrier } from '../carrier.js';
import { DispatchDelayReason } from '../dispatch-delay.js';

/** What a parcel is registered under; checked by parcelLabelOf (docs/RULES.md §17). */
@InputType({ isAbstract: true })
abstract class ParcelLabelInput {
  @Field(() => Carrier, { description: '택배사, or DIRECT for the agency’s own delivery.' })
  @IsEnum(Carrier)
  carrier: Carrier;

  @Field(() => String, { nullable: true, description: 'The courier’s name; required for OTHER, refused for the others.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  carrierName?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for couriers, refused for DIRECT; spaces and dashes are removed.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  trackingNumber?: string | null;
}

@InputType({ description: 'Registers a parcel (송장 등록). Tracking-number formats: docs/RULES.md §17.' })
export class ShipOrderInput extends ParcelLabelInput {
  @Field(() => ID, { description: 'The PAID order.' })
  @IsString()
  orderId: string;

  @Field(() => [ID], { nullable: true, description: 'Lines to put in this parcel; omitted = every line not yet shipped or cancelled.' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  orderLineIds?: string[] | null;
}

@InputType({ description: 'Corrects a parcel before its first carrier scan.' })
export class UpdateShipmentInput extends ParcelLabelInput {
  @Field(() => ID, { description: 'The parcel.' })
  @IsString()
  shipmentId: string;
}

@InputType({ description: '발송지연 처리: once per order, before the deadline.' })
export class DelayDispatchInput {
  @Field(() => ID, { description: 'The PAID order.' })
  @IsString()
  orderId: string;

  @Field(() => DateScalar, { description: 'Ship by the end of this KST day (from today, at most 14 days after the last day of the original deadline).' })
  newDispatchDate: string;

  @Field(() => DispatchDelayReason, { description: 'Why (told to the buyer).' })
  @IsEnum(DispatchDelayReason)
  reason: DispatchDelayReason;

  @Field(() => String, { nullable: true, description: 'The agency’s words to the buyer, up to 1,000 characters.' })
  @IsOptional()
  @IsString()
  note?: string | null;
}
