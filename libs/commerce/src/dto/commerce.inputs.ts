import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MoneyScalar, PageArgs } from '../../../common/src/index.js';
import { B2BPurchaseInput } from '../../../membership/src/index.js';
import { CheckoutStatus } from '../checkout.entity.js';
import { OrderStatus } from '../order.entity.js';
import { ShippingAddressInput } from '../shipping-address.js';

@InputType({ description: 'Checks out the whole cart (docs/RULES.md §16).' })
export class CheckoutInput {
  @Field(() => ShippingAddressInput, { description: 'Where every order of the checkout ships to.' })
  @ValidateNested()
  @Type(() => ShippingAddressInput)
  shippingAddress: ShippingAddressInput;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'The total the client showed, in won; when the cart now costs something else → CONFLICT and nothing is held.',
  })
  @IsOptional()
  expectedTotal?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The token trackReferralClick returned, 1 to 500 characters; kept with the checkout for market-creator attribution (commissions on goods are not implemented yet).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  attributionToken?: string | null;

  @Field(() => B2BPurchaseInput, { nullable: true, description: 'Buy for an organization (B2B, docs/RULES.md §23); a personal purchase when absent.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => B2BPurchaseInput)
  onBehalfOf?: B2BPurchaseInput | null;

  @Field({
    description:
      'Client-chosen key, 1 to 200 characters: the same user and key within 24 hours returns the same checkout; with other input it is IDEMPOTENCY_KEY_REUSED.',
  })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  idempotencyKey: string;
}

@ArgsType()
export class CheckoutListArgs extends PageArgs {
  @Field(() => CheckoutStatus, { nullable: true, description: 'Only checkouts in this state; all when omitted.' })
  @IsOptional()
  @IsEnum(CheckoutStatus)
  status?: CheckoutStatus | null;
}

@ArgsType()
export class OrderListArgs extends PageArgs {
  @Field(() => OrderStatus, { nullable: true, description: 'Only orders in this state; all when omitted.' })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus | null;
}

@ArgsType()
export class AgencyOrderListArgs extends OrderListArgs {
  @Field(() => Boolean, { nullable: true, description: 'True for PAID orders past their dispatch deadline only (발송 지연).' })
  @IsOptional()
  @IsBoolean()
  overdueOnly?: boolean | null;
}

@InputType({ description: 'A line and how many of its units.' })
export class LineQuantityInput {
  @Field(() => ID, { description: 'A line of the order.' })
  @IsString()
  orderLineId: string;

  @Field(() => Int, { description: 'Units, from 1 to what the line still has that may be acted on.' })
  @IsInt()
  quantity: number;
}

@InputType({ description: 'Cancels units not yet shipped; the buyer, the agency (품절 취소) or an operator (docs/RULES.md §18).' })
export class CancelOrderInput {
  @Field(() => ID, { description: 'A PAID order.' })
  @IsString()
  orderId: string;

  @Field(() => String, {
    nullable: true,
    description: 'Required (non-blank) when the agency cancels; optional for the buyer and operators. At most 1000 characters; kept as `cancellationReason`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;

  @Field(() => [LineQuantityInput], { nullable: true, description: 'Units to cancel; omitted = every unit not shipped.' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LineQuantityInput)
  lines?: LineQuantityInput[] | null;
}
