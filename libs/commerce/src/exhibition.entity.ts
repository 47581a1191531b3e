import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

export enum ExhibitionStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ExhibitionStatus, {
  name: 'ExhibitionStatus',
  description: 'DRAFT → PUBLISHED → ARCHIVED (DRAFT → ARCHIVED too), docs/RULES.md §19.',
  valuesMap: {
    DRAFT: { description: 'Being prepared; only operators see it.' },
    PUBLISHED: { description: 'Public, with its coupons and their codes; live within its window.' },
    ARCHIVED: { description: 'Over; only operators see it.' },
  },
});

/** 기획전 (docs/RULES.md §19): an operator-curated, time-boxed page of listings; its discounts are its coupons. */
@ObjectType('Exhibition', { description: '기획전: an operator-curated, time-boxed page of listings with its coupons (경기도×G마켓 추석 특별전).' })
@Entity('exhibition')
@Index('exhibition_slug_uq', ['slug'], { unique: true })
@Index('exhibition_status_idx', ['status', 'startsAt', 'id'])
@Check('exhibition_status_check', `status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')`)
@Check('exhibition_window_check', `starts_at < ends_at`)
export class Exhibition {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field({ description: 'URL name: 3–60 of a-z 0-9 -, unique.' })
  @Column({ type: 'text' })
  slug: string;

  @Field({ description: 'The page title.' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, description: 'One line under the title.' })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field(() => String, { nullable: true, description: 'The page text.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'The banner image.' })
  @Column({ name: 'banner_image_url', type: 'text', nullable: true })
  bannerImageUrl: string | null;

  @Field({ description: 'When it goes live (a published page may be shown before).' })
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Field({ description: 'When it stops being live (exclusive).' })
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Field(() => ExhibitionStatus, { description: 'Where it is in its table.' })
  @Column({ type: 'text' })
  status: ExhibitionStatus;

  @Field({ description: 'When an operator made it.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One listing of an exhibition at its curated position. */
@Entity('exhibition_listing')
@Index('exhibition_listing_listing_idx', ['listingId'])
export class ExhibitionListing {
  @PrimaryColumn({ name: 'exhibition_id', type: 'uuid' })
  exhibitionId: string;

  @ManyToOne(() => Exhibition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exhibition_id', foreignKeyConstraintName: 'exhibition_listing_exhibition_id_fkey' })
  exhibition?: Relation<Exhibition>;

  /** The catalog's listing (no foreign key across libraries). */
  @PrimaryColumn({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  @Column({ type: 'integer' })
  position: number;
}
