import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every idempotency-key table shares (IdempotencyKeys): per user and key, the digest of the input
 * it came with and when. Each entity adds the column naming what the key produced, and its own index names.
 * The primary key makes concurrent first uses of one key queue behind each other.
 */
export abstract class IdempotencyKeyColumns {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'input_digest', type: 'text' })
  inputDigest: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
