import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Listing } from './listing.entity.js';
import type { DatedException, WeeklyOpeningHours } from './opening-hours.js';

/** When a SERVICE listing can be booked (docs/RULES.md §7); hours are checked in code before they are stored. */
@Entity('listing_availability')
@Check('listing_availability_interval_check', `slot_interval_minutes BETWEEN 5 AND 1440`)
export class ListingAvailability {
  @PrimaryColumn({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  /** IANA time zone of the hours and exception dates. */
  @Column({ type: 'text' })
  timezone: string;

  /** Null: a new slot starts when the previous one ends (the service's duration). */
  @Column({ name: 'slot_interval_minutes', type: 'integer', nullable: true })
  slotIntervalMinutes: number | null;

  @Column({ name: 'weekly_hours', type: 'jsonb' })
  weeklyHours: WeeklyOpeningHours[];

  @Column({ type: 'jsonb' })
  exceptions: DatedException[];

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToOne(() => Listing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id', foreignKeyConstraintName: 'listing_availability_listing_id_fkey' })
  listing?: Relation<Listing>;
}
