import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { MoneyScalar, PageArgs } from '../../../common/src/index.js';
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
