import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, IdempotencyKeys, JobQueueService, TransactionalConnection } from '../../common/src/index.js';

/** Keys of `checkout` (docs/RULES.md §16), in checkout_idempotency_key. */
@Injectable()
export class CheckoutIdempotencyKeys extends IdempotencyKeys {
  constructor(connection: TransactionalConnection, clock: ClockService, config: DureConfig, jobs: JobQueueService) {
    super(connection, clock, config, jobs, { table: 'checkout_idempotency_key', resultColumn: 'checkout_id', pruneJob: 'commerce.prune-idempotency-keys' });
  }
}
