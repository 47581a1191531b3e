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
import { LoginFailure } from './login-failure.entity.js';

/**
 * Counts failed log-ins per email and per client address in a sliding window (docs/RULES.md §2). Counting in
 * PostgreSQL makes the limit hold across every API process.
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

  private addressHash(address: string | null): string {
    return clientAddressHash(this.config.jwtSecret, address);
  }

  private windowStart(): Date {
    return new Date(this.clock.wallClock().getTime() - this.config.loginFailureWindowMinutes * 60_000);
  }

  async assertAllowed(ctx: RequestContext, email: string): Promise<void> {
    const [row] = await this.connection.manager(ctx).query(
      `SELECT count(*) FILTER (WHERE email = $1)::int AS "byEmail",
              count(*) FILTER (WHERE address_hash = $2)::int AS "byAddress"
         FROM login_failure
        WHERE failed_at > $3 AND (email = $1 OR address_hash = $2)`,
      [email, this.addressHash(ctx.clientAddress), this.windowStart()],
    );
    if (row.byEmail >= this.config.loginFailuresPerEmail || row.byAddress >= this.config.loginFailuresPerAddress) {
      throw new RateLimitedError('Too many failed log-ins; try again later');
    }
  }

  async recordFailure(ctx: RequestContext, email: string): Promise<void> {
    await this.connection
      .getRepository(ctx, LoginFailure)
      .insert({ email, addressHash: this.addressHash(ctx.clientAddress), failedAt: this.clock.wallClock() });
  }

  async clearForEmail(ctx: RequestContext, email: string): Promise<void> {
    await this.connection.getRepository(ctx, LoginFailure).delete({ email });
  }

  private async prune(ctx: RequestContext): Promise<void> {
    await this.connection
      .manager(ctx)
      .createQueryBuilder()
      .delete()
      .from(LoginFailure)
      .where('failed_at < :before', { before: this.windowStart() })
      .execute();
  }
}
