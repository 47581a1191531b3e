import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ManualTransaction, OperatorOnly } from '../auth/access.decorators.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { ClockService } from './clock.service.js';

@Resolver()
export class TestClockResolver {
  constructor(
    private readonly clock: ClockService,
    private readonly jobs: JobQueueService,
  ) {}

  /** docs/RULES.md §13: moves the clock forward (never back) and returns once every job due by then has run. */
  @OperatorOnly()
  @ManualTransaction()
  @Mutation(() => DateTimeScalar)
  async advanceTestClock(@Args('to', { type: () => DateTimeScalar }) to: Date): Promise<Date> {
    this.clock.assertTestClockEnabled();
    await this.jobs.runUntil(to, (at) => this.clock.moveTo(at));
    return this.clock.now();
  }
}
