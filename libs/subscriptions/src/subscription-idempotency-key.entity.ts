import { Column, Entity, Index } from 'typeorm';
import { IdempotencyKeyColumns } from '../../common/src/index.js';

/**
 * A client's idempotency key for `subscribe` (docs/RULES.md §20, as §8): per user, the digest of the input it
 * came with and the subscription it made. Written only with a paid subscription (a decline keeps nothing).
 */
@Entity('subscription_idempotency_key')
@Index('subscription_idempotency_key_created_idx', ['createdAt'])
export class SubscriptionIdempotencyKey extends IdempotencyKeyColumns {
  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;
}
