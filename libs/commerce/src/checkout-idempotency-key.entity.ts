import { Column, Entity, Index } from 'typeorm';
import { IdempotencyKeyColumns } from '../../common/src/index.js';

/**
 * A client's idempotency key for `checkout` (docs/RULES.md §16): per user, the digest of the input it came
 * with and the checkout it produced. No foreign key: the key is claimed before the checkout row exists.
 */
@Entity('checkout_idempotency_key')
@Index('checkout_idempotency_key_created_idx', ['createdAt'])
export class CheckoutIdempotencyKey extends IdempotencyKeyColumns {
  @Column({ name: 'checkout_id', type: 'uuid' })
  checkoutId: string;
}
