import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceCategory } from '../../membership/src/index.js';
import type { ListingKind } from './listing-enums.js';

/** What `category` holds for listings without one (a primary key column cannot be null). */
export const NO_CATEGORY = '';

/**
 * How many listings the public sees (PUBLISHED, of an ACTIVE agency: docs/RULES.md §4, §6) per kind and
 * category, kept in the transaction of every change that moves one in or out (PublicListingCounts), so an
 * anonymous `listings` page's `totalCount` is a sum over a few rows instead of a count over every listing.
 */
@Entity('public_listing_count')
export class PublicListingCount {
  @PrimaryColumn({ type: 'text' })
  kind: ListingKind;

  /** The listing's category, or NO_CATEGORY. */
  @PrimaryColumn({ type: 'text' })
  category: ServiceCategory | typeof NO_CATEGORY;

  @Column({ type: 'integer' })
  count: number;
}
