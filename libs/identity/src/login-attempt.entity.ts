import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A failed log-in, kept for the rate-limit window. The client address is stored only as a keyed hash. */
@Entity('login_failure')
@Index('login_failure_email_idx', ['email', 'failedAt'])
@Index('login_failure_address_idx', ['addressHash', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'citext' })
  email: string;

  @Column({ name: 'address_hash', type: 'text' })
  addressHash: string;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt: Date;
}
