import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ImageContentType } from './image-format.js';

/**
 * An upload URL handed out by requestListingImageUpload and not attached yet. Attaching deletes the row
 * (the image takes its id); the media.orphaned-uploads job deletes rows and files left a day unattached.
 */
@Entity('listing_image_upload')
@Index('listing_image_upload_listing_idx', ['listingId', 'expiresAt'])
@Index('listing_image_upload_created_idx', ['createdAt'])
export class ListingImageUpload {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  /** The user who asked for it (identity; no foreign key across libraries). */
  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: ImageContentType;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize: number;

  /** The upload URL stops working then. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
