import { Injectable } from '@nestjs/common';
import type { DureRequest } from '../auth/access.decorators.js';
import type { Authenticator, SessionCompanion } from '../auth/authenticator.js';
import { clientAddressHash } from '../auth/client-address.js';
import { ClockService } from '../clock/clock.service.js';
import { DureConfig } from '../config/dure-config.js';
import type { RequestContext } from '../context/request-context.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { JobQueueService } from '../jobs/job-queue.service.js';

const WINDOW_MS = 60_000;

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** The current one-minute window: when it started (ms) and how much of it is left. */
interface Window {
  start: number;
  remainingMs: number;
}

interface AdmissionRow {
  admitted: boolean;
  previous: number;
  current: number;
}

function outcome(row: AdmissionRow, window: Window, mutations: number, limit: number): Admission {
  if (row.admitted) return { admitted: true };
  const counts = { previous: row.previous, current: row.current, remainingMs: window.remainingMs };
  return { admitted: false, retryAfterSeconds: secondsUntilRoom(counts, mutations, limit) };
}

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

  get limit(): number {
    return this.config.mutationRateLimitPerMinute;
  }

  /**
   * Another per-address limit counted the same way, e.g. payment webhooks: `scope` keeps its counts
   * apart from the address's mutations.
   */
  async admitAddress(scope: string, address: string | null, limit: number): Promise<Admission> {
    const window = this.currentWindow();
    const { ctes, answer, params } = this.admission('$1::text', 2, window, 1, limit);
    const [row] = await this.connection.dataSource.query<AdmissionRow[]>(`WITH ${ctes} ${answer}`, [`${scope}:${this.addressKey(address)}`, ...params]);
    return outcome(row, window, 1, limit);
  }

  /**
   * Counts a mutation operation's `mutations` for its client, the signed-in user or else the client address
   * (hashed: addresses are never stored), if the sliding minute has room for all of them, else counts nothing.
   * The request's session is checked in the same statement (Authenticator.authenticateAlong), so a mutation
   * costs one round trip for both; a caller whose token the check refuses counts as its address.
   */
  async admitMutations(authenticator: Authenticator, req: DureRequest, mutations: number): Promise<Admission> {
    const window = this.currentWindow();
    const admission = this.admission(`coalesce('user:' || (SELECT "userId" FROM signed_in), $3::text)`, 4, window, mutations, this.limit);
    const row = await authenticator.authenticateAlong<AdmissionRow>(req, { ...admission, params: [this.addressKey(req.ip ?? null), ...admission.params] });
    return outcome(row, window, mutations, this.limit);
  }

  private addressKey(address: string | null): string {
    return `address:${clientAddressHash(this.config.jwtSecret, address)}`;
  }

  private currentWindow(): Window {
    // Security time, like log-in throttling: the wall clock, which a moved test clock does not affect.
    const now = this.clock.wallClock().getTime();
    const start = now - (now % WINDOW_MS);
    return { start, remainingMs: start + WINDOW_MS - now };
  }

  /**
   * The admitting statement for the client key `clientKey` (an SQL expression), its parameters numbered from
   * `first`: CTEs, then the SELECT of its one row. The conditions are checked again on the locked row when
   * another request inserted or raised it meanwhile, so concurrent requests of one client never admit more
   * than the limit.
   */
  private admission(clientKey: string, first: number, window: Window, mutations: number, limit: number): SessionCompanion {
    const [start, previousStart, count, remainingMs, max] = [0, 1, 2, 3, 4].map((index) => `$${first + index}`);
    const countIn = (windowStart: string) =>
      `SELECT mutations FROM mutation_rate_window WHERE client_key = (SELECT key FROM client) AND window_start = ${windowStart}::timestamptz`;
    const fits = (previous: string, current: string) =>
      `${previous} * ${remainingMs}::integer + ${current} * ${WINDOW_MS}::bigint <= ${max}::integer * ${WINDOW_MS}::bigint`;
    return {
      ctes: `client AS (SELECT ${clientKey} AS key),
       previous AS (SELECT coalesce((${countIn(previousStart)}), 0)::bigint AS mutations),
       admitted AS (
         INSERT INTO mutation_rate_window AS w (client_key, window_start, mutations)
         SELECT (SELECT key FROM client), ${start}::timestamptz, ${count}::integer FROM previous
          WHERE ${fits('previous.mutations', `${count}::integer`)}
         ON CONFLICT (client_key, window_start) DO UPDATE SET mutations = w.mutations + excluded.mutations
          WHERE ${fits('(SELECT mutations FROM previous)', '(w.mutations + excluded.mutations)')}
         RETURNING 1)`,
      answer: `SELECT EXISTS (SELECT 1 FROM admitted) AS admitted, previous.mutations::integer AS previous,
              coalesce((${countIn(start)}), 0) AS current
         FROM previous`,
      params: [new Date(window.start), new Date(window.start - WINDOW_MS), mutations, window.remainingMs, limit],
    };
  }

  /** Windows older than the previous one no longer count. */
  private async prune(ctx: RequestContext): Promise<void> {
    const now = this.clock.wallClock().getTime();
    await this.connection.manager(ctx).query(`DELETE FROM mutation_rate_window WHERE window_start < $1`, [new Date(now - (now % WINDOW_MS) - WINDOW_MS)]);
  }
}
