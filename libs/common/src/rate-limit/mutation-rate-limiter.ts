import { Injectable } from '@nestjs/common';
import { clientAddressHash } from '../auth/client-address.js';
import { ClockService } from '../clock/clock.service.js';
import { DureConfig } from '../config/dure-config.js';
import type { AuthUser, RequestContext } from '../context/request-context.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { JobQueueService } from '../jobs/job-queue.service.js';

const WINDOW_MS = 60_000;

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

export interface WindowCounts {
  /** Mutations counted in the previous and the current one-minute window. */
  previous: number;
  current: number;
  /** Milliseconds left of the current window: how much of the previous one the last minute overlaps. */
  remainingMs: number;
}

/**
 * Milliseconds to wait, in whole seconds (at least 1), until `mutations` more fit under `limit` when the
 * client sends nothing meanwhile. Integer arithmetic, as in the admitting statement: room means
 * `previous × remainingMs + (current + mutations) × WINDOW_MS ≤ limit × WINDOW_MS`.
 */
export function secondsUntilRoom({ previous, current, remainingMs }: WindowCounts, mutations: number, limit: number): number {
  let waitMs: number;
  if (current + mutations <= limit) {
    // Later in this window, once the previous one overlaps little enough.
    waitMs = previous ? Math.max(0, remainingMs - Math.floor(((limit - current - mutations) * WINDOW_MS) / previous)) : 0;
  } else {
    // In the next window, once this one (then the previous) overlaps little enough; current > limit - mutations ≥ 0.
    waitMs = remainingMs + WINDOW_MS - Math.floor(((limit - mutations) * WINDOW_MS) / current);
  }
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/**
 * Counts each client's mutations over a sliding minute (MUTATION_RATE_LIMIT_PER_MINUTE), estimated from
 * two fixed one-minute windows: the previous window's count weighted by how much of it the last minute
 * still overlaps, plus the current window's count. The counts are
 * in PostgreSQL, so the limit holds across every API process; each operation is admitted or refused by
 * one statement outside any transaction, so a mutation that fails or rolls back still counts and no
 * counter row stays locked while it runs. Refused operations do not count.
 */
@Injectable()
export class MutationRateLimiter {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    jobs: JobQueueService,
  ) {
    jobs.registerRecurring('common.prune-mutation-rate-windows', 10 * 60_000, (ctx) => this.prune(ctx));
  }

  /** The signed-in user; without one, the client address (hashed: addresses are never stored). */
  clientKey(user: AuthUser | null, address: string | null): string {
    return user ? `user:${user.id}` : `address:${clientAddressHash(this.config.jwtSecret, address)}`;
  }

  get limit(): number {
    return this.config.mutationRateLimitPerMinute;
  }

  /**
   * Another per-address limit counted the same way, e.g. payment webhooks: `scope` keeps its counts
   * apart from the address's mutations.
   */
  admitAddress(scope: string, address: string | null, limit: number): Promise<Admission> {
    return this.admit(`${scope}:address:${clientAddressHash(this.config.jwtSecret, address)}`, 1, limit);
  }

  /** Counts `mutations` for `clientKey` if the sliding minute has room for all of them under `limit`, else counts nothing. */
  async admit(clientKey: string, mutations: number, limit = this.limit): Promise<Admission> {
    // Security time, like log-in throttling: the wall clock, which a moved test clock does not affect.
    const now = this.clock.wallClock().getTime();
    const windowStart = now - (now % WINDOW_MS);
    const remainingMs = windowStart + WINDOW_MS - now;
    // The conditions are checked again on the locked row when another request inserted or raised it
    // meanwhile, so concurrent requests of one client never admit more than the limit.
    const [row]: Array<{ admitted: boolean; previous: number; current: number }> = await this.connection.dataSource.query(
      `WITH previous AS (
         SELECT coalesce((SELECT mutations FROM mutation_rate_window WHERE client_key = $1::text AND window_start = $3::timestamptz), 0)::bigint AS mutations
       ), admitted AS (
         INSERT INTO mutation_rate_window AS w (client_key, window_start, mutations)
         SELECT $1::text, $2::timestamptz, $4::integer FROM previous
          WHERE previous.mutations * $5::integer + $4::integer * ${WINDOW_MS}::bigint <= $6::integer * ${WINDOW_MS}::bigint
         ON CONFLICT (client_key, window_start) DO UPDATE SET mutations = w.mutations + excluded.mutations
          WHERE (SELECT mutations FROM previous) * $5::integer + (w.mutations + excluded.mutations) * ${WINDOW_MS}::bigint <= $6::integer * ${WINDOW_MS}::bigint
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM admitted) AS admitted, previous.mutations::integer AS previous,
              coalesce((SELECT mutations FROM mutation_rate_window WHERE client_key = $1::text AND window_start = $2::timestamptz), 0) AS current
         FROM previous`,
      [clientKey, new Date(windowStart), new Date(windowStart - WINDOW_MS), mutations, remainingMs, limit],
    );
    if (row.admitted) return { admitted: true };
    const counts = { previous: row.previous, current: row.current, remainingMs };
    return { admitted: false, retryAfterSeconds: secondsUntilRoom(counts, mutations, limit) };
  }

  /** Windows older than the previous one no longer count. */
  private async prune(ctx: RequestContext): Promise<void> {
    const now = this.clock.wallClock().getTime();
    await this.connection.manager(ctx).query(`DELETE FROM mutation_rate_window WHERE window_start < $1`, [new Date(now - (now % WINDOW_MS) - WINDOW_MS)]);
  }
}
