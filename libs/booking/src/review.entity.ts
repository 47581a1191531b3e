import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Reservation } from './reservation.entity.js';

/** A buyer's rating of a completed reservation; one per reservation (docs/RULES.md §8). */
@ObjectType('Review', { description: "The buyer's one rating of a COMPLETED reservation, counted in its listing's rating." })
@Entity('reservation_review')
@Index('reservation_review_reservation_uq', ['reservationId'], { unique: true })
@Index('reservation_review_listing_idx', ['listingId', 'createdAt'])
@Check('reservation_review_rating_check', `rating BETWEEN 1 AND 5`)
export class Review {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'reservation_id', type: 'uuid' })
  reservationId: string;

  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Field(() => Int, { description: 'Stars from 1 (worst) to 5 (best).' })
  @Column({ type: 'smallint' })
  rating: number;

  @Field(() => String, { nullable: true, description: "The buyer's words, trimmed; null when none were given." })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Field({ description: 'When it was written.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Reservation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reservation_id', foreignKeyConstraintName: 'reservation_review_reservation_id_fkey' })
  reservation?: Relation<Reservation>;
}
