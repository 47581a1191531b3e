import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, IdempotencyKeys, JobQueueService, TransactionalConnection } from '../../common/src/index.js';

/** Keys of `reserve` and `acceptOffer` (docs/RULES.md §8), in reservation_idempotency_key. */
@Injectable()
export class ReservationIdempotencyKeys extends IdempotencyKeys {
  constructor(connection: TransactionalConnection, clock: ClockService, config: DureConfig, jobs: JobQueueService) {
    super(connection, clock, config, jobs, {
      table: 'reservation_idempotency_key',
      resultColumn: 'reservation_id',
      pruneJob: 'booking.prune-idempotency-keys',
    });
  }
}
