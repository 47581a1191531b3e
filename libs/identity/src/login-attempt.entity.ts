import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A log-in attempt, recorded before its password is verified and kept for the rate-limit window; a right
 * password deletes it, so what stays are failures and attempts being verified. The client address is
 * stored only as a keyed hash.
 */
@Entity('login_attempt')
@Index('login_attempt_email_idx', ['email', 'attemptedAt'])
@Index('login_attempt_address_idx', ['addressHash', 'attemptedAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'citext' })
  email: string;

  @Column({ name: 'address_hash', type: 'text' })
  addressHash: string;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt: Date;
}
