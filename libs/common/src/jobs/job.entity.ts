import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type JobState = 'queued' | 'active' | 'done' | 'failed';

/** A unit of background work; claimed with SKIP LOCKED so any number of processes can share the queue. */
@Entity('job')
@Index('job_due_idx', ['runAt'], { where: `state = 'queued'` })
@Index('job_singleton_uq', ['singletonKey'], { unique: true, where: `state IN ('queued', 'active')` })
export class Job {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Column({ type: 'text', default: 'queued' })
  state: JobState;

  @Column({ name: 'run_at', type: 'timestamptz' })
  runAt: Date;

  /** At most one queued or active job per key (recurring sweeps, per-entity timers). */
  @Column({ name: 'singleton_key', type: 'text', nullable: true })
  singletonKey: string | null;

  /** Recurring jobs enqueue their next run this many ms after finishing. */
  @Column({ name: 'repeat_every_ms', type: 'integer', nullable: true })
  repeatEveryMs: number | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'max_attempts', type: 'integer', default: 5 })
  maxAttempts: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
