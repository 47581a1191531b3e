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
@ObjectType()
@Entity('listing')
@Index('listing_partner_agency_idx', ['partnerAgencyId', 'status'])
@Index('listing_status_created_idx', ['status', 'createdAt', 'id'])
@Index('listing_status_price_idx', ['status', 'price', 'id'])
@Index('listing_search_text_trgm_idx', { synchronize: false })
@Check('listing_kind_check', `kind IN ('GOODS', 'SERVICE', 'SUBSCRIPTION')`)
@Check('listing_status_check', `status IN ('DRAFT', 'PUBLISHED', 'HIDDEN', 'ARCHIVED')`)
@Check('listing_category_check', `category IN ('CARE', 'LIVING', 'EDUCATION', 'BUSINESS_SUPPORT')`)
@Check('listing_service_category_check', `kind <> 'SERVICE' OR category IS NOT NULL`)
@Check('listing_terms_check', `(kind = 'GOODS') = (goods IS NOT NULL) AND (kind = 'SERVICE') = (service IS NOT NULL) AND (kind = 'SUBSCRIPTION') = (subscription IS NOT NULL)`)
@Check('listing_price_check', `price > 0`)
@Check('listing_goods_stock_check', `kind <> 'GOODS' OR (goods->>'stock')::integer >= 0`)
@Check('listing_commission_rate_check', `commission_rate_bps BETWEEN 0 AND ${MAX_COMMISSION_RATE_BPS}`)
@Check('listing_rating_check', `rating_count >= 0 AND rating_sum BETWEEN rating_count AND 5 * rating_count`)
@Check('listing_published_at_check', `status <> 'PUBLISHED' OR published_at IS NOT NULL`)
export class Listing {
  @Field(() => ID)
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

  @Field(() => ListingKind)
  @Column({ type: 'text' })
  kind: ListingKind;

  @Field(() => ListingStatus)
  @Column({ type: 'text' })
  status: ListingStatus;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  price: number;

  @Field()
  @Column({ name: 'tax_free', type: 'boolean' })
  taxFree: boolean;

  @Field(() => ServiceCategory, { nullable: true })
  @Column({ type: 'text', nullable: true })
  category: ServiceCategory | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Field(() => Int)
  @Column({ name: 'commission_rate_bps', type: 'integer' })
  commissionRateBps: number;

  @Field(() => GoodsTerms, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  goods: GoodsTerms | null;

  @Field(() => ServiceTerms, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  service: ServiceTerms | null;

  @Field(() => SubscriptionTerms, { nullable: true })
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

  @Field(() => Int)
  @Column({ name: 'rating_count', type: 'integer' })
  reviewCount: number;

  /** When it last became PUBLISHED: over a tier's limit, the most recently published are hidden first. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Float, { nullable: true })
  get ratingAverage(): number | null {
    return this.reviewCount === 0 ? null : this.ratingSum / this.reviewCount;
  }
}
