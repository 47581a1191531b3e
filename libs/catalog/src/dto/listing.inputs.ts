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
import { MAX_DISPATCH_BUSINESS_DAYS, MIN_DISPATCH_BUSINESS_DAYS, ServiceLocation, SubscriptionInterval } from '../listing-terms.js';
import { ListingKind } from '../listing-enums.js';
import { MAX_COMMISSION_RATE_BPS } from '../listing.entity.js';

const NOT_BLANK = /\S/;
const notBlank = { message: 'must not be blank' };

@InputType()
export class CancellationPolicyInput {
  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  fullRefundHoursBefore: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  partialRefundHoursBefore: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(10000)
  partialRefundRateBps: number;
}

@InputType()
export class GoodsTermsInput {
  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock: number;

  @Field(() => MoneyScalar)
  shippingFee: number;

  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  @Min(1)
  freeShippingOver?: number | null;

  /** Omitted: unchanged on an update (DEFAULT_DISPATCH_BUSINESS_DAYS when new); null: back to the default (docs/RULES.md §14). */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(MIN_DISPATCH_BUSINESS_DAYS)
  @Max(MAX_DISPATCH_BUSINESS_DAYS)
  dispatchBusinessDays?: number | null;

  /** Omitted: unchanged; null: follows shippingFee again. */
  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  returnShippingFee?: number | null;

  /** Omitted: unchanged; null: false. */
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  perishable?: boolean | null;
}

@InputType()
export class ServiceTermsInput {
  @Field(() => Int)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1000)
  capacityPerSlot: number;

  @Field(() => ServiceLocation)
  @IsEnum(ServiceLocation)
  location: ServiceLocation;

  @Field()
  @IsBoolean()
  requiresConsultation: boolean;

  /** Absent: the default policy on a new listing, the current one on an update. */
  @Field(() => CancellationPolicyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CancellationPolicyInput)
  cancellationPolicy?: CancellationPolicyInput | null;
}

@InputType()
export class SubscriptionTermsInput {
  @Field(() => SubscriptionInterval)
  @IsEnum(SubscriptionInterval)
  interval: SubscriptionInterval;

  @Field(() => MoneyScalar)
  shippingFee: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(120)
  minimumCycles: number;

  @Field(() => [String])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(NOT_BLANK, { each: true, ...notBlank })
  contents: string[];
}

/** Fields both inputs share; on an update every one is optional. */
@InputType({ isAbstract: true })
abstract class ListingTermsFields {
  @Field(() => GoodsTermsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => GoodsTermsInput)
  goods?: GoodsTermsInput | null;

  @Field(() => ServiceTermsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceTermsInput)
  service?: ServiceTermsInput | null;

  @Field(() => SubscriptionTermsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubscriptionTermsInput)
  subscription?: SubscriptionTermsInput | null;
}

@InputType()
export class CreateListingInput extends ListingTermsFields {
  @Field(() => ID)
  @IsString()
  partnerAgencyId: string;

  @Field(() => ListingKind)
  @IsEnum(ListingKind)
  kind: ListingKind;

  @Field()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, notBlank)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  summary?: string | null;

  @Field()
  @IsString()
  @Length(1, 20_000)
  @Matches(NOT_BLANK, notBlank)
  description: string;

  @Field(() => MoneyScalar)
  @Min(1)
  price: number;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  taxFree?: boolean | null;

  @Field(() => ServiceCategory, { nullable: true })
  @IsOptional()
  @IsEnum(ServiceCategory)
  category?: ServiceCategory | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  region?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(MAX_COMMISSION_RATE_BPS)
  commissionRateBps: number;
}

/** Omitted fields stay as they are; `summary` and `region` are cleared with null. */
@InputType()
export class UpdateListingInput extends ListingTermsFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, notBlank)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  @Matches(NOT_BLANK, notBlank)
  description?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  @Min(1)
  price?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  taxFree?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  region?: string | null;

  @Field(() => Int, { nullable: true })
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
registerEnumType(ListingOrder, { name: 'ListingOrder' });

@InputType()
export class ListingFilter {
  @Field(() => ListingKind, { nullable: true })
  @IsOptional()
  @IsEnum(ListingKind)
  kind?: ListingKind | null;

  @Field(() => ServiceCategory, { nullable: true })
  @IsOptional()
  @IsEnum(ServiceCategory)
  category?: ServiceCategory | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  partnerAgencyId?: string | null;

  @Field(() => [OrganizationKind], { nullable: true })
  @IsOptional()
  @IsEnum(OrganizationKind, { each: true })
  organizationKinds?: OrganizationKind[] | null;

  /** Substring of the title, the summary or the agency's name (Korean included). */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string | null;

  /** Matches regions that begin with it ("서울" matches "서울 마포구"). */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  minPrice?: number | null;

  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  maxPrice?: number | null;
}

@ArgsType()
export class ListingsArgs extends PageArgs {
  @Field(() => ListingFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ListingFilter)
  filter?: ListingFilter | null;

  @Field(() => ListingOrder, { nullable: true })
  @IsOptional()
  @IsEnum(ListingOrder)
  orderBy?: ListingOrder | null;
}
