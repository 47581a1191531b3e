import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { OrganizationKind } from '../../identity/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { ServiceCategory } from '../../membership/src/index.js';
import { ListingKind, ListingStatus } from './listing-enums.js';
import { GoodsTerms, ServiceTerms, SubscriptionTerms } from './listing-terms.js';

export const MAX_COMMISSION_RATE_BPS = 3000;

/**
 * Something a partner agency sells. Exactly the terms object of its kind is set (checked here and in
 * the database). The status moves only through listing-transitions.ts.
 */
@ObjectType({ description: 'Something a partner agency sells: goods, a bookable service or a subscription box. Who sees it: docs/RULES.md §6.' })
@Entity('listing')
@Index('listing_partner_agency_idx', ['partnerAgencyId', 'status'])
@Index('listing_status_created_idx', ['status', 'createdAt', 'id'])
@Index('listing_status_price_idx', ['status', 'price', 'id'])
@Index('listing_search_text_trgm_idx', { synchronize: false })
@Check('listing_kind_check', `kind IN ('GOODS', 'SERVICE', 'SUBSCRIPTION')`)
@Check('listing_status_check', `status IN ('DRAFT', 'PUBLISHED', 'HIDDEN', 'ARCHIVED')`)
@Check('listing_category_check', `category IN ('CARE', 'LIVING', 'EDUCATION', 'BUSINESS_SUPPORT')`)
@Check('listing_service_category_check', `kind <> 'SERVICE' OR category IS NOT NULL`)
@Check(
  'listing_terms_check',
  `(kind = 'GOODS') = (goods IS NOT NULL) AND (kind = 'SERVICE') = (service IS NOT NULL) AND (kind = 'SUBSCRIPTION') = (subscription IS NOT NULL)`,
)
@Check('listing_price_check', `price > 0`)
@Check('listing_goods_stock_check', `kind <> 'GOODS' OR (goods->>'stock')::integer >= 0`)
@Check('listing_commission_rate_check', `commission_rate_bps BETWEEN 0 AND ${MAX_COMMISSION_RATE_BPS}`)
@Check('listing_rating_check', `rating_count >= 0 AND rating_sum BETWEEN rating_count AND 5 * rating_count`)
@Check('listing_published_at_check', `status <> 'PUBLISHED' OR published_at IS NOT NULL`)
export class Listing {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The partner agency in membership (no foreign key across libraries). */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  /** The agency's organization and its kind, copied at creation (neither changes) for filters and access. */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'organization_kind', type: 'text' })
  organizationKind: OrganizationKind;

  @Field(() => ListingKind, { description: 'What it sells; fixed at creation.' })
  @Column({ type: 'text' })
  kind: ListingKind;

  @Field(() => ListingStatus, { description: 'Lifecycle state; only PUBLISHED listings of ACTIVE agencies are public.' })
  @Column({ type: 'text' })
  status: ListingStatus;

  @Field({ description: 'Name shown to buyers, 1 to 200 characters.' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, description: 'One-line pitch for lists, up to 500 characters; null when none.' })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field({ description: 'Full text of the offer, up to 20,000 characters.' })
  @Column({ type: 'text' })
  description: string;

  @Field(() => MoneyScalar, { description: 'Price in won, VAT included, above 0: per unit, per session or per box.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  price: number;

  @Field({ description: 'VAT-exempt (면세): the price carries no VAT. Default false.' })
  @Column({ name: 'tax_free', type: 'boolean' })
  taxFree: boolean;

  @Field(() => ServiceCategory, { nullable: true, description: 'Required for SERVICE listings; optional for the other kinds.' })
  @Column({ type: 'text', nullable: true })
  category: ServiceCategory | null;

  @Field(() => String, {
    nullable: true,
    description: 'The area it is offered in, broad to narrow ("서울 마포구"); the `region` filter matches its start. Null when none.',
  })
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Field(() => Int, { description: 'Commission a market creator earns on a sale they referred, in basis points of the price, 0 to 3000.' })
  @Column({ name: 'commission_rate_bps', type: 'integer' })
  commissionRateBps: number;

  @Field(() => GoodsTerms, { nullable: true, description: 'Set exactly for GOODS listings.' })
  @Column({ type: 'jsonb', nullable: true })
  goods: GoodsTerms | null;

  @Field(() => ServiceTerms, { nullable: true, description: 'Set exactly for SERVICE listings.' })
  @Column({ type: 'jsonb', nullable: true })
  service: ServiceTerms | null;

  /** GraphQL: `ListingResolver.subscription`, which gives the terms their listing for `remainingSubscriptions`. */
  @Column({ type: 'jsonb', nullable: true })
  subscription: SubscriptionTerms | null;

  /**
   * Title, summary and the agency's organization name in one column (each character tripled, see
   * search-text.ts), so `search` is one `ILIKE '%…%'` served by the trigram index
   * listing_search_text_trgm_idx (created in the migration). Only SQL reads it, so loading a listing
   * leaves it out (it is the widest column).
   */
  @Column({ name: 'search_text', type: 'text', select: false })
  searchText: string;

  /** Sum and number of review ratings (1..5), kept by recordReview. */
  @Column({ name: 'rating_sum', type: 'integer' })
  ratingSum: number;

  @Field(() => Int, { description: 'Reviews of completed reservations counted in ratingAverage.' })
  @Column({ name: 'rating_count', type: 'integer' })
  reviewCount: number;

  @Field(() => String, {
    nullable: true,
    description: "Why it was archived, when whoever archived it said: an operator's take-down always does (docs/RULES.md §6). Null otherwise.",
  })
  @Column({ name: 'archive_reason', type: 'text', nullable: true })
  archiveReason: string | null;

  /** When it last became PUBLISHED: over a tier's limit, the most recently published are hidden first. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field({ description: 'When the agency created it.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When it or its status last changed.' })
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Float, { nullable: true, description: 'Average review rating, 1 to 5; null while it has no reviews.' })
  get ratingAverage(): number | null {
    return this.reviewCount === 0 ? null : this.ratingSum / this.reviewCount;
  }
}
