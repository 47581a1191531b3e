import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ShippingAddressInput } from '../../../commerce/src/index.js';
import { B2BPurchaseInput } from '../../../membership/src/index.js';

@InputType({ description: 'Starts a subscription and pays its first delivery at once (RULES §20).' })
export class SubscribeInput {
  @Field(() => ID, { description: 'A PUBLISHED SUBSCRIPTION listing of an ACTIVE agency.' })
  @IsString()
  listingId: string;

  @Field(() => Int, { nullable: true, description: 'Boxes per delivery, 1 to 99; default 1.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  quantity?: number | null;

  @Field(() => ID, { description: "The caller's own usable billing method (registerBillingMethod)." })
  @IsString()
  billingMethodId: string;

  @Field(() => ShippingAddressInput, { description: 'Where every box ships to (updateSubscription changes it for later deliveries).' })
  @ValidateNested()
  @Type(() => ShippingAddressInput)
  shippingAddress: ShippingAddressInput;

  @Field(() => String, {
    nullable: true,
    description:
      'A coupon with appliesToSubscriptions (RULES §19), checked and redeemed here only: it discounts the first subscriptionCycles paid deliveries, each priced on that delivery, even after the coupon ends.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  couponCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "A market creator's attribution token from the landing URL (RULES §21): decided here with the listing's rate now (else the caller's newest remembered click), kept for the commission on the first 12 paid deliveries.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  attributionToken?: string | null;

  @Field(() => B2BPurchaseInput, { nullable: true, description: 'Subscribe for an organization (B2B, docs/RULES.md §23); personal when absent.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => B2BPurchaseInput)
  onBehalfOf?: B2BPurchaseInput | null;

  @Field({
    description:
      'Client-chosen key, 1 to 200 characters: the same user and key within 24 hours returns the same subscription (charged once); with other input it is IDEMPOTENCY_KEY_REUSED.',
  })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  idempotencyKey: string;
}
