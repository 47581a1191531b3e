import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';
import { Weekday } from './weekday.js';

/** docs/RULES.md §15: a listing promises shipping within 1 to 14 business days. */
export const MIN_DISPATCH_BUSINESS_DAYS = 1;
export const MAX_DISPATCH_BUSINESS_DAYS = 14;

/** docs/RULES.md §20: a box is charged and locked 1 to 14 days before its ship date (the default is a setting). */
export const MIN_CUTOFF_DAYS = 1;
export const MAX_CUTOFF_DAYS = 14;
/** docs/RULES.md §20: monthly boxes ship on day 1–28, a day every month has, February included. */
export const MAX_SHIP_DAY_OF_MONTH = 28;
/** docs/RULES.md §20: the anchors a plan gets when the agency names none. */
export const DEFAULT_SHIP_WEEKDAY = Weekday.TUESDAY;
export const DEFAULT_SHIP_DAY_OF_MONTH = 15;

export enum ServiceLocation {
  AT_CUSTOMER = 'AT_CUSTOMER',
  AT_PROVIDER = 'AT_PROVIDER',
  ONLINE = 'ONLINE',
}
registerEnumType(ServiceLocation, {
  name: 'ServiceLocation',
  description: 'Where a service takes place.',
  valuesMap: {
    AT_CUSTOMER: { description: "At the buyer's place (방문 서비스)." },
    AT_PROVIDER: { description: "At the agency's premises." },
    ONLINE: { description: 'Remotely, by video call or phone.' },
  },
});

export enum SubscriptionInterval {
  WEEKLY = 'WEEKLY',
  BIWEEKLY = 'BIWEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(SubscriptionInterval, {
  name: 'SubscriptionInterval',
  description: 'How often a subscription box ships.',
  valuesMap: {
    WEEKLY: { description: 'Every week.' },
    BIWEEKLY: { description: 'Every other week.' },
    MONTHLY: { description: 'Every month.' },
  },
});

/** How much of the price a buyer gets back when cancelling, by hours left before the start (docs/RULES.md §6). */
@ObjectType({ description: "How much of a reservation's price the buyer gets back when cancelling, by hours left before the start." })
export class CancellationPolicy {
  @Field(() => Int, { description: 'Cancelling at least this many hours before the start refunds everything (default 24).' })
  fullRefundHoursBefore: number;

  @Field(() => Int, {
    description: 'Cancelling later but at least this many hours before refunds partialRefundRateBps of the price (default 3); later, nothing.',
  })
  partialRefundHoursBefore: number;

  @Field(() => Int, { description: 'Share refunded in the partial window, in basis points (5000 = 50 %, the default).' })
  partialRefundRateBps: number;
}

/** docs/RULES.md §15. `stock` is what can still be bought: checkouts take units out, expired holds put them back. */
@ObjectType({ description: 'Stock and shipping of a GOODS listing (docs/RULES.md §15).' })
export class GoodsTerms {
  @Field(() => Int, { description: 'Units that can still be bought: checkouts take them, expired holds give them back; the agency edits it.' })
  stock: number;

  @Field(() => MoneyScalar, { description: "Shipping fee in won; an order pays one fee, the largest of its lines' (docs/RULES.md §15)." })
  shippingFee: number;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Shipping is free once the items total (list price × quantity) reaches this many won; null = never free.',
  })
  freeShippingOver: number | null;

  @Field(() => Int, { description: 'Business days (KST) after the payment day by which every line must be shipped (발송기한). Default 3, 1–14.' })
  dispatchBusinessDays: number;

  /** Null follows `shippingFee` (the default); GraphQL shows the amount in force (GoodsTermsResolver). */
  returnShippingFee: number | null;

  @Field({ description: 'Fresh or perishable goods: change-of-mind returns are refused once delivered.' })
  perishable: boolean;
}

@ObjectType({ description: 'How a SERVICE listing is delivered and booked.' })
export class ServiceTerms {
  @Field(() => Int, { description: 'How long one session lasts, in minutes; every slot lasts this long.' })
  durationMinutes: number;

  @Field(() => Int, { description: 'Buyers one slot can take at once (seats).' })
  capacityPerSlot: number;

  @Field(() => ServiceLocation, { description: 'Where the service takes place.' })
  location: ServiceLocation;

  @Field({ description: 'True when buyers must consult first and book through an accepted offer; `reserve` is refused.' })
  requiresConsultation: boolean;

  @Field(() => CancellationPolicy, { description: 'Refunds on cancellation; the configured default (24 h full, 50 % from 3 h) unless the agency set one.' })
  cancellationPolicy: CancellationPolicy;
}

@ObjectType({ description: 'Terms of a SUBSCRIPTION listing: a recurring box (꾸러미).' })
export class SubscriptionTerms {
  @Field(() => SubscriptionInterval, { description: 'How often a box ships.' })
  interval: SubscriptionInterval;

  @Field(() => MoneyScalar, { description: 'Shipping fee charged with every box, in won.' })
  shippingFee: number;

  @Field(() => Int, { description: 'Deliveries the buyer commits to before cancelling, 1 to 120.' })
  minimumCycles: number;

  @Field(() => [String], { description: 'What a box holds, one item per entry, as shown to buyers.' })
  contents: string[];

  @Field(() => Weekday, {
    nullable: true,
    description: 'Weekday each box ships for WEEKLY and BIWEEKLY plans (the merchant-side anchor; default TUESDAY). Null for MONTHLY.',
  })
  shipWeekday: Weekday | null;

  @Field(() => Int, { nullable: true, description: 'Day of month (1–28) each box ships for MONTHLY plans (default 15). Null otherwise.' })
  shipDayOfMonth: number | null;

  @Field(() => Int, {
    description: 'A delivery is charged and locked (no skip, pause, change) at 00:00 KST this many days before its ship date. Default 3, 1–14.',
  })
  cutoffDays: number;

  @Field(() => Int, { nullable: true, description: 'Most live (ACTIVE, PAUSED, PAST_DUE) subscriptions at once; null = no limit.' })
  subscriberLimit: number | null;
}

/** Subscription terms as GraphQL resolves them: with their listing, for the fields that count its subscriptions. */
export type ListedSubscriptionTerms = SubscriptionTerms & { listingId: string };
