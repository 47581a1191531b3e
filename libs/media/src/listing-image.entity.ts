import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ImageContentType } from './image-format.js';

/** One stored WebP copy of an image: its width slot names the key (imageKeys.variant). */
export interface StoredVariant {
  slot: number;
  width: number;
}

/**
 * A picture of a listing (docs/RULES.md §29), stripped of its metadata, with WebP variants. Its id is the
 * id of the upload it came from, so every file it owns has a key known from (listing, id). Positions run
 * 0..n−1 per listing and change only under the listing's image lock (ListingImageService).
 */
@ObjectType({ description: 'A picture of a listing, in the order of `Listing.images`; every file is served with a year-long cache (it never changes).' })
@Entity('listing_image')
@Index('listing_image_listing_idx', ['listingId', 'position'])
@Check('listing_image_position_check', `position >= 0`)
@Check('listing_image_size_check', `width > 0 AND height > 0`)
export class ListingImage {
  @Field(() => ID, { description: 'Stable for the life of the image; reorderListingImages and removeListingImage take it.' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The listing in catalog (no foreign key across libraries). */
  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  @Column({ type: 'integer' })
  position: number;

  @Field({ description: 'What the picture shows, for screen readers and when it cannot load; 1–300 characters.' })
  @Column({ name: 'alt_text', type: 'text' })
  alt: string;

  @Field(() => Int, { description: 'Width in pixels of the picture at `url`, upright.' })
  @Column({ type: 'integer' })
  width: number;

  @Field(() => Int, { description: 'Height in pixels of the picture at `url`, upright.' })
  @Column({ type: 'integer' })
  height: number;

  /** The format of the full-size file (the uploaded one's, re-encoded). */
  @Column({ name: 'content_type', type: 'text' })
  contentType: ImageContentType;

  @Column({ type: 'jsonb' })
  variants: StoredVariant[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@ObjectType({ description: 'A WebP copy of a listing image at a smaller width (for `srcset`); never wider than the picture itself.' })
export class ImageVariant {
  @Field(() => Int, { description: 'Width in pixels; the height keeps the aspect ratio.' })
  width: number;

  @Field({ description: 'Where to fetch it (image/webp).' })
  url: string;
}
