/** How one run of a job ended: `retry` failed with attempts left, `failed` failed for good. */
export type JobOutcome = 'done' | 'retry' | 'failed';

/** Told of every job run once its outcome is committed (the job metrics). Must be quick and never throw. */
export interface JobObserver {
  jobEnded(name: string, outcome: JobOutcome, seconds: number): void;
}
