import { Check, Column, Entity, Exclusion, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Reservation } from './reservation.entity.js';

/**
 * One unit of a listing's capacity taken by one reservation for its time (docs/RULES.md §8, no double booking).
 * Seats are numbered 1..capacityPerSlot and the exclusion constraint lets no two active rows of one
 * listing share a seat number over overlapping time, so the database itself caps concurrent
 * reservations at the capacity, whatever the number of server processes. Expired holds are switched
 * off (active = false) by whoever takes a seat next, in the same transaction; reads already count
 * them as free. The constraint's expression is compared by name only by TypeORM's schema builder.
 */
@Entity('reservation_seat')
@Exclusion('reservation_seat_no_overlap', 'USING gist (listing_id WITH =, seat WITH =, during WITH &&) WHERE (active)')
@Check('reservation_seat_seat_check', `seat >= 1`)
@Check('reservation_seat_during_check', `NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)`)
export class ReservationSeat {
  @PrimaryColumn({ name: 'reservation_id', type: 'uuid' })
  reservationId: string;

  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  @Column({ type: 'smallint' })
  seat: number;

  /** [startsAt, endsAt) of the reservation; written and read in SQL only. */
  @Column({ type: 'tstzrange' })
  during: string;

  /** Null once paid: a paid seat never lapses. */
  @Column({ name: 'hold_expires_at', type: 'timestamptz', nullable: true })
  holdExpiresAt: Date | null;

  /** False once the reservation is cancelled, expired or a no-show (or its hold lapsed). */
  @Column({ type: 'boolean' })
  active: boolean;

  @ManyToOne(() => Reservation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reservation_id', foreignKeyConstraintName: 'reservation_seat_reservation_id_fkey' })
  reservation?: Relation<Reservation>;
}
