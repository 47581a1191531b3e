import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  IdempotencyKeyReusedError,
  JobQueueService,
  RequestContext,
  TransactionalConnection,
} from '../../common/src/index.js';
import { ReservationIdempotencyKey } from './reservation-idempotency-key.entity.js';

const MAX_KEY_LENGTH = 200;
const PRUNE_JOB = 'booking.prune-idempotency-keys';

/** The first use of a key: go ahead and create `reservationId`. A repeat: return that reservation. */
export type KeyClaim = { fresh: true } | { fresh: false; reservationId: string };

/**
 * Idempotency keys of `reserve` and `acceptOffer` (docs/RULES.md §8): the same key from the same user within
 * the TTL gives the same reservation; with other input, IDEMPOTENCY_KEY_REUSED.
 */
@Injectable()
export class IdempotencyKeys {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    jobs: JobQueueService,
  ) {
    jobs.registerRecurring(PRUNE_JOB, 3600_000, (ctx) => this.prune(ctx));
  }

  /**
   * Claims `key` for `reservationId` in the caller's transaction, which must then create that
   * reservation (or roll back, freeing the key). A concurrent first use of the same key waits on the
   * primary key until this transaction ends and then sees its reservation. A key older than the TTL is
   * taken over as new.
   */
  async claim(ctx: RequestContext, userId: string, key: string, input: unknown, reservationId: string): Promise<KeyClaim> {
    if (!key.trim() || key.length > MAX_KEY_LENGTH) throw BadUserInputError.field('idempotencyKey', `must be 1 to ${MAX_KEY_LENGTH} characters`);
    const manager = this.connection.manager(ctx);
    const now = this.clock.now();
    const inputDigest = digestOf(input);
    const claimed: unknown[] = await manager.query(
      `INSERT INTO reservation_idempotency_key AS existing (user_id, key, input_digest, reservation_id, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO UPDATE
         SET input_digest = EXCLUDED.input_digest, reservation_id = EXCLUDED.reservation_id, created_at = EXCLUDED.created_at
         WHERE existing.created_at <= $6
       RETURNING 1`,
      [userId, key, inputDigest, reservationId, now, this.expiredBefore(now)],
    );
    if (claimed.length) return { fresh: true };
    const existing = await manager.getRepository(ReservationIdempotencyKey).findOneByOrFail({ userId, key });
    if (existing.inputDigest !== inputDigest) throw new IdempotencyKeyReusedError();
    return { fresh: false, reservationId: existing.reservationId };
  }

  private expiredBefore(now: Date): Date {
    return new Date(now.getTime() - this.config.idempotencyKeyTtlHours * 3600_000);
  }

  private async prune(ctx: RequestContext): Promise<void> {
    await this.connection
      .manager(ctx)
      .createQueryBuilder()
      .delete()
      .from(ReservationIdempotencyKey)
      .where('created_at <= :before', { before: this.expiredBefore(this.clock.now()) })
      .execute();
  }
}

/** A digest of the operation's input (keys sorted), so a retry with the same input matches. */
export function digestOf(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
