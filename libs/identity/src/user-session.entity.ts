import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from './user.entity.js';

/**
 * What one log-in (or sign-up) started: the refresh tokens rotated from it and the access tokens issued
 * with them, which name it (`sid`). Every authenticated request checks that it is not revoked, so log-out
 * and a detected refresh-token replay end its access tokens at once, in every process.
 */
@Entity('user_session')
@Index('user_session_user_idx', ['userId'])
export class UserSession {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_session_user_id_fkey' })
  user?: Relation<User>;
}
