import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';

/** docs/RULES.md §15: a listing promises shipping within 1 to 14 business days. */
export const MIN_DISPATCH_BUSINESS_DAYS = 1;
export const MAX_DISPATCH_BUSINESS_DAYS = 14;

export enum ServiceLocation {
  AT_CUSTOMER = 'AT_CUSTOMER',
  AT_PROVIDER = 'AT_PROVIDER',
  ONLINE = 'ONLINE',
}
registerEnumType(ServiceLocation, { name: 'ServiceLocation' });

export enum SubscriptionInterval {
  WEEKLY = 'WEEKLY',
  BIWEEKLY = 'BIWEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(SubscriptionInterval, { name: 'SubscriptionInterval' });

/** How much of the price a buyer gets back when cancelling, by hours left before the start (docs/RULES.md §6). */
@ObjectType()
export class CancellationPolicy {
  @Field(() => Int)
  fullRefundHoursBefore: number;

  @Field(() => Int)
  partialRefundHoursBefore: number;

  @Field(() => Int)
  partialRefundRateBps: number;
}

/** docs/RULES.md §15. `stock` is what can still be bought: checkouts take units out, expired holds put them back. */
@ObjectType()
export class GoodsTerms {
  @Field(() => Int)
  stock: number;

  @Field(() => MoneyScalar)
  shippingFee: number;

  @Field(() => MoneyScalar, { nullable: true })
  freeShippingOver: number | null;

  @Field(() => Int, { description: 'Business days (KST) after the payment day by which every line must be shipped (발송기한). Default 3, 1–14.' })
  dispatchBusinessDays: number;

  /** Null follows `shippingFee` (the default); GraphQL shows the amount in force (GoodsTermsResolver). */
  returnShippingFee: number | null;

  @Field({ description: 'Fresh or perishable goods: change-of-mind returns are refused once delivered.' })
  perishable: boolean;
}

@ObjectType()
export class ServiceTerms {
  @Field(() => Int)
  durationMinutes: number;

  @Field(() => Int)
  capacityPerSlot: number;

  @Field(() => ServiceLocation)
  location: ServiceLocation;

  @Field()
  requiresConsultation: boolean;

  @Field(() => CancellationPolicy)
  cancellationPolicy: CancellationPolicy;
}

/** A recurring bundle (꾸러미). */
@ObjectType()
export class SubscriptionTerms {
  @Field(() => SubscriptionInterval)
  interval: SubscriptionInterval;

  @Field(() => MoneyScalar)
  shippingFee: number;

  @Field(() => Int)
  minimumCycles: number;

  @Field(() => [String])
  contents: string[];
}
