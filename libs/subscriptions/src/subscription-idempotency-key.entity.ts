import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A client's idempotency key for `subscribe` (docs/RULES.md §20, as §8): per user, the digest of the input it
 * came with and the subscription it made. Written only with a paid subscription (a decline keeps nothing).
 */
@Entity('subscription_idempotency_key')
@Index('subscription_idempotency_key_created_idx', ['createdAt'])
export class SubscriptionIdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'input_digest', type: 'text' })
  inputDigest: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
