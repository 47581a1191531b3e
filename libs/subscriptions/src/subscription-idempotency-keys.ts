import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, IdempotencyKeys, JobQueueService, TransactionalConnection } from '../../common/src/index.js';

/** Keys of `subscribe` (docs/RULES.md §20, as §8), in subscription_idempotency_key. */
@Injectable()
export class SubscriptionIdempotencyKeys extends IdempotencyKeys {
  constructor(connection: TransactionalConnection, clock: ClockService, config: DureConfig, jobs: JobQueueService) {
    super(connection, clock, config, jobs, {
      table: 'subscription_idempotency_key',
      resultColumn: 'subscription_id',
      pruneJob: 'subscriptions.prune-idempotency-keys',
    });
  }
}
