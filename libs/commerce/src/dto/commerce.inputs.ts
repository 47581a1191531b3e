import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { MoneyScalar, PageArgs } from '../../../common/src/index.js';
import { CheckoutStatus } from '../checkout.entity.js';
import { OrderStatus } from '../order.entity.js';
import { ShippingAddressInput } from '../shipping-address.js';

/** Checks out the whole cart (docs/RULES.md §16). */
@InputType()
export class CheckoutInput {
  @Field(() => ShippingAddressInput)
  @ValidateNested()
  @Type(() => ShippingAddressInput)
  shippingAddress: ShippingAddressInput;

  /** The total the client showed; when the cart now costs something else → CONFLICT and nothing is held. */
  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  expectedTotal?: number | null;

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

@ArgsType()
export class CheckoutListArgs extends PageArgs {
  @Field(() => CheckoutStatus, { nullable: true })
  @IsOptional()
  @IsEnum(CheckoutStatus)
  status?: CheckoutStatus | null;
}

@ArgsType()
export class OrderListArgs extends PageArgs {
  @Field(() => OrderStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus | null;
}

@ArgsType()
export class AgencyOrderListArgs extends OrderListArgs {
  /** PAID orders past their dispatch deadline (발송 지연). */
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  overdueOnly?: boolean | null;
}
