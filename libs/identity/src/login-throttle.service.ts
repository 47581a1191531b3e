import { Injectable } from '@nestjs/common';
import {
  ClockService,
  DureConfig,
  JobQueueService,
  RateLimitedError,
  RequestContext,
  TransactionalConnection,
  clientAddressHash,
} from '../../common/src/index.js';
import { LoginAttempt } from './login-attempt.entity.js';

/**
 * Limits log-in attempts per email and per client address in a sliding window (docs/RULES.md §2). An attempt is
 * counted before its password is verified, and attempts for one email or address are admitted one at a
 * time in PostgreSQL, so however many arrive at once, in however many processes, no more than the limit
 * are ever verified. A right password takes its own attempt back; earlier failures still count.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    jobs: JobQueueService,
  ) {
    jobs.registerRecurring('identity.prune-login-failures', 3600_000, (ctx) => this.prune(ctx));
  }

  private windowStart(): Date {
    return new Date(this.clock.wallClock().getTime() - this.config.loginFailureWindowMinutes * 60_000);
  }

  /** Records the attempt and returns its id, or refuses it (RATE_LIMITED) when a limit is reached. Commits on its own. */
  async admitAttempt(ctx: RequestContext, email: string): Promise<string> {
    const addressHash = clientAddressHash(this.config.jwtSecret, ctx.clientAddress);
    const admitted = await this.connection.withTransaction(ctx, async () => {
      const manager = this.connection.manager(ctx);
      // Transaction-scoped locks, always the email's first: a transaction holding an address lock waits for
      // nothing, so there is no deadlock. The next statement's snapshot then sees every attempt admitted before.
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('login-email:' || lower($1), 0)),
                pg_advisory_xact_lock(hashtextextended('login-address:' || $2, 0))`,
        [email, addressHash],
      );
      const rows: Array<{ id: string }> = await manager.query(
        `WITH recent AS (
           SELECT count(*) FILTER (WHERE email = $1) AS by_email, count(*) FILTER (WHERE address_hash = $2) AS by_address
             FROM login_attempt
            WHERE attempted_at > $3 AND (email = $1 OR address_hash = $2))
         INSERT INTO login_attempt (email, address_hash, attempted_at)
         SELECT $1, $2, $4 FROM recent WHERE by_email < $5 AND by_address < $6
         RETURNING id`,
        [email, addressHash, this.windowStart(), this.clock.wallClock(), this.config.loginFailuresPerEmail, this.config.loginFailuresPerAddress],
      );
      return rows[0]?.id;
    });
    if (!admitted) throw new RateLimitedError('Too many failed log-ins; try again later');
    return admitted;
  }

  /** The password was right: the attempt does not count against the user or the address. */
  async forgetAttempt(ctx: RequestContext, attemptId: string): Promise<void> {
    await this.connection.getRepository(ctx, LoginAttempt).delete({ id: attemptId });
  }

  private async prune(ctx: RequestContext): Promise<void> {
    await this.connection
      .manager(ctx)
      .createQueryBuilder()
      .delete()
      .from(LoginAttempt)
      .where('attempted_at < :before', { before: this.windowStart() })
      .execute();
  }
}
