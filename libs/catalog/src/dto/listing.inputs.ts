import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyScalar, PageArgs } from '../../../common/src/index.js';
import { OrganizationKind } from '../../../identity/src/index.js';
import { ServiceCategory } from '../../../membership/src/index.js';
import {
  MAX_CUTOFF_DAYS,
  MAX_DISPATCH_BUSINESS_DAYS,
  MAX_SHIP_DAY_OF_MONTH,
  MIN_CUTOFF_DAYS,
  MIN_DISPATCH_BUSINESS_DAYS,
  ServiceLocation,
  SubscriptionInterval,
} from '../listing-terms.js';
import { ListingKind, ListingStatus } from '../listing-enums.js';
import { Weekday } from '../weekday.js';
import { MAX_COMMISSION_RATE_BPS } from '../listing.entity.js';

const NOT_BLANK = /\S/;
const notBlank = { message: 'must not be blank' };

@InputType({ description: 'A cancellation policy; partialRefundHoursBefore may not exceed fullRefundHoursBefore (BAD_USER_INPUT).' })
export class CancellationPolicyInput {
  @Field(() => Int, { description: 'Hours before the start up to which a cancellation refunds everything, 0 to 8760.' })
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  fullRefundHoursBefore: number;

  @Field(() => Int, { description: 'Hours before the start up to which it refunds partialRefundRateBps, 0 to 8760.' })
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  partialRefundHoursBefore: number;

  @Field(() => Int, { description: 'Share refunded in the partial window, in basis points, 0 to 10000.' })
  @IsInt()
  @Min(0)
  @Max(10000)
  partialRefundRateBps: number;
}

@InputType({ description: 'Terms of a GOODS listing; on an update the three later fields keep their value when omitted (docs/RULES.md §15).' })
export class GoodsTermsInput {
  @Field(() => Int, { description: 'Units that can be bought now, 0 to 1,000,000.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock: number;

  @Field(() => MoneyScalar, { description: 'Shipping fee in won; 0 for free shipping.' })
  shippingFee: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'Items total in won, above 0, from which shipping is free; null or omitted = never free.' })
  @IsOptional()
  @Min(1)
  freeShippingOver?: number | null;

  @Field(() => Int, { nullable: true, description: 'Business days to ship after payment, 1 to 14. Omitted: unchanged (3 when new); null: back to 3.' })
  @IsOptional()
  @IsInt()
  @Min(MIN_DISPATCH_BUSINESS_DAYS)
  @Max(MAX_DISPATCH_BUSINESS_DAYS)
  dispatchBusinessDays?: number | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Won deducted from a change-of-mind refund. Omitted: unchanged; null: follows shippingFee (the default).',
  })
  @IsOptional()
  returnShippingFee?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Fresh or perishable goods (no change-of-mind return once delivered). Omitted: unchanged (false when new); null: false.',
  })
  @IsOptional()
  @IsBoolean()
  perishable?: boolean | null;
}

@InputType({ description: 'Terms of a SERVICE listing; new terms replace the old ones whole.' })
export class ServiceTermsInput {
  @Field(() => Int, { description: 'Minutes one session lasts, 5 to 1440.' })
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes: number;

  @Field(() => Int, { description: 'Buyers one slot can take at once, 1 to 1000.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacityPerSlot: number;

  @Field(() => ServiceLocation, { description: 'Where the service takes place.' })
  @IsEnum(ServiceLocation)
  location: ServiceLocation;

  @Field({ description: 'True to take bookings only through consultations and accepted offers.' })
  @IsBoolean()
  requiresConsultation: boolean;

  @Field(() => CancellationPolicyInput, { nullable: true, description: 'Absent: the default policy on a new listing, the current one on an update.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CancellationPolicyInput)
  cancellationPolicy?: CancellationPolicyInput | null;
}

@InputType({
  description:
    'Terms of a SUBSCRIPTION listing; on an update interval, shippingFee, minimumCycles and contents are replaced, the anchor, cutoff and limit keep their value when omitted (docs/RULES.md §20).',
})
export class SubscriptionTermsInput {
  @Field(() => SubscriptionInterval, { description: 'How often a box ships.' })
  @IsEnum(SubscriptionInterval)
  interval: SubscriptionInterval;

  @Field(() => MoneyScalar, { description: 'Shipping fee in won charged with every box.' })
  shippingFee: number;

  @Field(() => Int, { description: 'Deliveries the buyer commits to, 1 to 120.' })
  @IsInt()
  @Min(1)
  @Max(120)
  minimumCycles: number;

  @Field(() => [String], { description: 'What a box holds: 1 to 50 entries of 1 to 200 characters, not blank.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(NOT_BLANK, { each: true, ...notBlank })
  contents: string[];

  @Field(() => Weekday, {
    nullable: true,
    description: 'WEEKLY and BIWEEKLY only (else BAD_USER_INPUT): the ship weekday. Omitted: unchanged (TUESDAY when new or MONTHLY before); null: TUESDAY.',
  })
  @IsOptional()
  @IsEnum(Weekday)
  shipWeekday?: Weekday | null;

  @Field(() => Int, {
    nullable: true,
    description: 'MONTHLY only (else BAD_USER_INPUT): the ship day, 1 to 28. Omitted: unchanged (15 when new or weekly before); null: 15.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SHIP_DAY_OF_MONTH)
  shipDayOfMonth?: number | null;

  @Field(() => Int, { nullable: true, description: 'Days before the ship date of the cutoff (00:00 KST), 1 to 14. Omitted: unchanged (3 when new); null: 3.' })
  @IsOptional()
  @IsInt()
  @Min(MIN_CUTOFF_DAYS)
  @Max(MAX_CUTOFF_DAYS)
  cutoffDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Most live subscriptions at once, 1 to 1,000,000. Omitted: unchanged (no limit when new); null: no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  subscriberLimit?: number | null;
}

/** Fields both inputs share; on an update every one is optional. */
@InputType({ isAbstract: true })
abstract class ListingTermsFields {
  @Field(() => GoodsTermsInput, {
    nullable: true,
    description: 'Required for GOODS and refused for other kinds (BAD_USER_INPUT); on an update, omitted keeps the terms.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GoodsTermsInput)
  goods?: GoodsTermsInput | null;

  @Field(() => ServiceTermsInput, {
    nullable: true,
    description: 'Required for SERVICE and refused for other kinds (BAD_USER_INPUT); on an update, omitted keeps the terms.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceTermsInput)
  service?: ServiceTermsInput | null;

  @Field(() => SubscriptionTermsInput, {
    nullable: true,
    description: 'Required for SUBSCRIPTION and refused for other kinds (BAD_USER_INPUT); on an update, omitted keeps the terms.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubscriptionTermsInput)
  subscription?: SubscriptionTermsInput | null;
}

@InputType({ description: 'A new DRAFT listing and the terms object of its kind (docs/RULES.md §6).' })
export class CreateListingInput extends ListingTermsFields {
  @Field(() => ID, { description: 'The agency that sells it; the caller must be an OWNER or MANAGER of its organization.' })
  @IsString()
  partnerAgencyId: string;

  @Field(() => ListingKind, { description: 'What it sells; cannot change later.' })
  @IsEnum(ListingKind)
  kind: ListingKind;

  @Field({ description: 'Name shown to buyers, 1 to 200 characters, not blank.' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, notBlank)
  title: string;

  @Field(() => String, { nullable: true, description: 'One-line pitch, up to 500 characters; null clears it.' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  summary?: string | null;

  @Field({ description: 'Full text of the offer, 1 to 20,000 characters, not blank.' })
  @IsString()
  @Length(1, 20_000)
  @Matches(NOT_BLANK, notBlank)
  description: string;

  @Field(() => MoneyScalar, { description: 'Price in won, VAT included, above 0.' })
  @Min(1)
  price: number;

  @Field(() => Boolean, { nullable: true, description: 'VAT-exempt (면세); false when omitted on a new listing.' })
  @IsOptional()
  @IsBoolean()
  taxFree?: boolean | null;

  @Field(() => ServiceCategory, { nullable: true, description: 'Required for SERVICE (BAD_USER_INPUT); optional otherwise.' })
  @IsOptional()
  @IsEnum(ServiceCategory)
  category?: ServiceCategory | null;

  @Field(() => String, { nullable: true, description: 'Area it is offered in, broad to narrow ("서울 마포구"), up to 100 characters; null clears it.' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  region?: string | null;

  @Field(() => Int, { description: 'Market-creator commission in basis points of the price, 0 to 3000.' })
  @IsInt()
  @Min(0)
  @Max(MAX_COMMISSION_RATE_BPS)
  commissionRateBps: number;
}

@InputType({
  description: 'Changes to a listing: omitted fields stay as they are; `summary` and `region` are cleared with null. An ARCHIVED listing is INVALID_STATE.',
})
export class UpdateListingInput extends ListingTermsFields {
  @Field(() => String, { nullable: true, description: 'New name, 1 to 200 characters, not blank.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, notBlank)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'One-line pitch, up to 500 characters; null clears it.' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'New full text, 1 to 20,000 characters, not blank.' })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  @Matches(NOT_BLANK, notBlank)
  description?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'New price in won, VAT included, above 0.' })
  @IsOptional()
  @Min(1)
  price?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'VAT-exempt (면세); false when omitted on a new listing.' })
  @IsOptional()
  @IsBoolean()
  taxFree?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Area it is offered in, broad to narrow ("서울 마포구"), up to 100 characters; null clears it.' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  region?: string | null;

  @Field(() => Int, { nullable: true, description: 'Market-creator commission in basis points of the price, 0 to 3000.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COMMISSION_RATE_BPS)
  commissionRateBps?: number | null;
}

export enum ListingOrder {
  NEWEST = 'NEWEST',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  RATING = 'RATING',
}
registerEnumType(ListingOrder, {
  name: 'ListingOrder',
  description: 'How `listings` sorts; every order is stable, so cursors page without gaps or repeats.',
  valuesMap: {
    NEWEST: { description: 'Most recently created first (the default).' },
    PRICE_ASC: { description: 'Cheapest first.' },
    PRICE_DESC: { description: 'Dearest first.' },
    RATING: { description: 'Best average rating first, then more reviews, then newest; unrated listings last.' },
  },
});

@InputType({ description: 'Narrows `listings`; every field given must match, an omitted one matches all.' })
export class ListingFilter {
  @Field(() => ListingKind, { nullable: true, description: 'Only listings of this kind.' })
  @IsOptional()
  @IsEnum(ListingKind)
  kind?: ListingKind | null;

  @Field(() => ServiceCategory, { nullable: true, description: 'Only listings of this category.' })
  @IsOptional()
  @IsEnum(ServiceCategory)
  category?: ServiceCategory | null;

  @Field(() => ID, { nullable: true, description: "Only this agency's listings." })
  @IsOptional()
  @IsUUID()
  partnerAgencyId?: string | null;

  @Field(() => [ListingStatus], {
    nullable: true,
    description:
      'Only listings in one of these states, among those the caller may see (docs/RULES.md §6): operators any, members their own ' +
      "agencies' in any state, everyone else PUBLISHED only, so another state matches nothing for them.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(ListingStatus, { each: true })
  statuses?: ListingStatus[] | null;

  @Field(() => [OrganizationKind], {
    nullable: true,
    description: 'Only listings of agencies whose organization is one of these kinds (사회적기업, 협동조합, …).',
  })
  @IsOptional()
  @IsEnum(OrganizationKind, { each: true })
  organizationKinds?: OrganizationKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: "Case-insensitive substring of the title, the summary or the agency's name (Korean included), 1 to 100 characters.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches regions that begin with it ("서울" matches "서울 마포구").' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Lowest price in won, inclusive.' })
  @IsOptional()
  minPrice?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Highest price in won, inclusive; below minPrice is BAD_USER_INPUT.' })
  @IsOptional()
  maxPrice?: number | null;
}

@ArgsType()
export class ListingsArgs extends PageArgs {
  @Field(() => ListingFilter, { nullable: true, description: 'What to keep; all visible listings when omitted.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ListingFilter)
  filter?: ListingFilter | null;

  @Field(() => ListingOrder, { nullable: true, description: 'Sort order; NEWEST when omitted. A cursor from another order is BAD_USER_INPUT.' })
  @IsOptional()
  @IsEnum(ListingOrder)
  orderBy?: ListingOrder | null;
}
