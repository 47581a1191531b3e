import { Column, Entity, Index } from 'typeorm';
import { IdempotencyKeyColumns } from '../../common/src/index.js';

/**
 * A client's idempotency key for `reserve` and `acceptOffer` (docs/RULES.md §8): per user, the digest of the
 * input it came with and the reservation it produced. The primary key makes concurrent first uses of
 * one key queue behind each other. No foreign key to the reservation: the key is claimed before the
 * reservation row exists, in the same transaction.
 */
@Entity('reservation_idempotency_key')
@Index('reservation_idempotency_key_created_idx', ['createdAt'])
export class ReservationIdempotencyKey extends IdempotencyKeyColumns {
  @Column({ name: 'reservation_id', type: 'uuid' })
  reservationId: string;
}
