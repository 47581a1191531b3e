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
  @Mutation(() => DateTimeScalar, {
    description:
      'Test servers only (DURE_TEST_CLOCK=1, else FORBIDDEN), operators: moves the business clock forward to `to` (never back), runs every job due by then and answers the new time.',
  })
  async advanceTestClock(
    @Args('to', { type: () => DateTimeScalar, description: 'The instant to move to; an earlier one leaves the clock where it is.' }) to: Date,
  ): Promise<Date> {
    this.clock.assertTestClockEnabled();
    await this.jobs.runUntil(to, (at) => this.clock.moveTo(at));
    return this.clock.now();
  }
}
