import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A client's idempotency key for `checkout` (docs/RULES.md §16): per user, the digest of the input it came
 * with and the checkout it produced. No foreign key: the key is claimed before the checkout row exists.
 */
@Entity('checkout_idempotency_key')
@Index('checkout_idempotency_key_created_idx', ['createdAt'])
export class CheckoutIdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'input_digest', type: 'text' })
  inputDigest: string;

  @Column({ name: 'checkout_id', type: 'uuid' })
  checkoutId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
