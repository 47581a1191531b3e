import { createHash } from 'node:crypto';
import type { ClockService } from '../clock/clock.service.js';
import type { DureConfig } from '../config/dure-config.js';
import type { RequestContext } from '../context/request-context.js';
import type { TransactionalConnection } from '../database/transactional-connection.js';
import { BadUserInputError, IdempotencyKeyReusedError } from '../errors/dure-error.js';
import type { JobQueueService } from '../jobs/job-queue.service.js';

const MAX_KEY_LENGTH = 200;

/** The first use of a key: go ahead and create the result under the id claimed. A repeat: return that result. */
export type KeyClaim = { fresh: true } | { fresh: false; resultId: string };

/** Where one operation's keys live: a table of (user_id, key) primary key, input_digest, `resultColumn`, created_at. */
export interface IdempotencyKeyTable {
  table: string;
  resultColumn: string;
  /** The hourly job that forgets keys older than the TTL. */
  pruneJob: string;
}

/**
 * Idempotency keys of operations that create something for a user (docs/RULES.md §8, §16): the same key
 * from the same user within IDEMPOTENCY_KEY_TTL_HOURS gives the same result; with other input,
 * IDEMPOTENCY_KEY_REUSED. Each owning library subclasses it with its own table.
 */
export abstract class IdempotencyKeys {
  protected constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    jobs: JobQueueService,
    private readonly where: IdempotencyKeyTable,
  ) {
    jobs.registerRecurring(where.pruneJob, 3600_000, (ctx) => this.prune(ctx));
  }

  /**
   * Claims `key` for `resultId` in the caller's transaction, which must then create that result (or roll
   * back, freeing the key). A concurrent first use of the same key waits on the primary key until this
   * transaction ends and then sees its result. A key older than the TTL is taken over as new.
   */
  async claim(ctx: RequestContext, userId: string, key: string, input: unknown, resultId: string): Promise<KeyClaim> {
    if (!key.trim() || key.length > MAX_KEY_LENGTH) throw BadUserInputError.field('idempotencyKey', `must be 1 to ${MAX_KEY_LENGTH} characters`);
    const manager = this.connection.manager(ctx);
    const now = this.clock.now();
    const inputDigest = digestOf(input);
    const { table, resultColumn } = this.where;
    const claimed: unknown[] = await manager.query(
      `INSERT INTO ${table} AS existing (user_id, key, input_digest, ${resultColumn}, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO UPDATE
         SET input_digest = EXCLUDED.input_digest, ${resultColumn} = EXCLUDED.${resultColumn}, created_at = EXCLUDED.created_at
         WHERE existing.created_at <= $6
       RETURNING 1`,
      [userId, key, inputDigest, resultId, now, this.expiredBefore(now)],
    );
    if (claimed.length) return { fresh: true };
    const [existing]: Array<{ input_digest: string; result_id: string }> = await manager.query(
      `SELECT input_digest, ${resultColumn} AS result_id FROM ${table} WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    if (existing.input_digest !== inputDigest) throw new IdempotencyKeyReusedError();
    return { fresh: false, resultId: existing.result_id };
  }

  private expiredBefore(now: Date): Date {
    return new Date(now.getTime() - this.config.idempotencyKeyTtlHours * 3600_000);
  }

  private async prune(ctx: RequestContext): Promise<void> {
    await this.connection.manager(ctx).query(`DELETE FROM ${this.where.table} WHERE created_at <= $1`, [this.expiredBefore(this.clock.now())]);
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
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
