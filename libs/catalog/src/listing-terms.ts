import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';

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

@ObjectType()
export class GoodsTerms {
  @Field(() => Int)
  stock: number;

  @Field(() => MoneyScalar)
  shippingFee: number;

  @Field(() => MoneyScalar, { nullable: true })
  freeShippingOver: number | null;
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
