import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../graphql/scalars.js';

export type JobState = 'queued' | 'active' | 'done' | 'failed';

/** The job states as operators see them (the stored values are the lower-case words). */
export enum JobStatus {
  QUEUED = 'queued',
  /** Claimed by a process that is running it now. */
  ACTIVE = 'active',
  DONE = 'done',
  /** Gave up after its last attempt. */
  FAILED = 'failed',
}
registerEnumType(JobStatus, {
  name: 'JobStatus',
  description: 'Where a background job is in its life.',
  valuesMap: {
    QUEUED: { description: 'Waiting for `runAt`, or for a retry after a failed attempt.' },
    ACTIVE: { description: 'Claimed by a process that is running it now.' },
    DONE: { description: 'Finished successfully; pruned after 7 days.' },
    FAILED: { description: 'Gave up after its last attempt; `lastError` says why.' },
  },
});

/**
 * A unit of background work; claimed one at a time with SKIP LOCKED so any number of processes can
 * share the queue. Operators read it through the `jobs` query.
 */
@ObjectType('Job', { description: 'A unit of background work (dues, holds, payouts, reconciliation…), as operators see it.' })
@Entity('job')
@Index('job_due_idx', ['runAt'], { where: `state = 'queued'` })
@Index('job_claim_expiry_idx', ['lockedUntil'], { where: `state = 'active'` })
@Index('job_singleton_uq', ['singletonKey'], { unique: true, where: `state IN ('queued', 'active')` })
export class Job {
  @Field(() => ID, { description: 'Increases with each job enqueued.' })
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Field({ description: 'What kind of work it is, e.g. `booking.hold-expiry`.' })
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Field(() => JobStatus, { name: 'status', description: 'Queued, running, done or given up.' })
  @Column({ type: 'text', default: 'queued' })
  state: JobState;

  @Field(() => DateTimeScalar, { description: 'When it is (or was last) due.' })
  @Column({ name: 'run_at', type: 'timestamptz' })
  runAt: Date;

  /** At most one queued or active job per key (recurring sweeps, per-entity timers). */
  @Column({ name: 'singleton_key', type: 'text', nullable: true })
  singletonKey: string | null;

  /** Recurring jobs enqueue their next run this many ms after finishing. */
  @Column({ name: 'repeat_every_ms', type: 'integer', nullable: true })
  repeatEveryMs: number | null;

  /** Claims so far: each claim is one attempt, and its number fences that attempt's writes. */
  @Field(() => Int, { description: 'Attempts begun so far, including a running one.' })
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Field(() => Int, { description: 'After this many failed attempts the job is FAILED (default 5).' })
  @Column({ name: 'max_attempts', type: 'integer', default: 5 })
  maxAttempts: number;

  /** Real (wall-clock) time until which the running attempt's claim holds; its heartbeat moves it on. */
  @Field(() => DateTimeScalar, {
    name: 'claimedUntil',
    nullable: true,
    description: 'While ACTIVE: until when its process holds it (heartbeats move this on).',
  })
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the latest unsuccessful attempt failed, or that its process stopped; kept once done.' })
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was enqueued.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the latest attempt began.' })
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it became DONE or FAILED; null before.' })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
