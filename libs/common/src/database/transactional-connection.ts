import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';

/**
 * Gives services repositories bound to the request's transaction, and opens transactions.
 * Work queued with `ctx.onCommit` runs only after a successful commit; a rollback discards it.
 */
@Injectable()
export class TransactionalConnection {
  private readonly logger = new Logger(TransactionalConnection.name);

  constructor(readonly dataSource: DataSource) {}

  manager(ctx: RequestContext): EntityManager {
    return ctx.manager ?? this.dataSource.manager;
  }

  getRepository<T extends ObjectLiteral>(ctx: RequestContext, target: EntityTarget<T>): Repository<T> {
    return this.manager(ctx).getRepository(target);
  }

  /** Runs `work` in a transaction on `ctx`; joins the one already open. */
  async withTransaction<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
    if (ctx.manager) return work();
    let result: T;
    try {
      result = await this.dataSource.transaction(async (manager) => {
        ctx.manager = manager;
        try {
          return await work();
        } finally {
          ctx.manager = undefined;
        }
      });
    } catch (error) {
      ctx.discardAfterCommitWork();
      throw error;
    }
    for (const task of ctx.takeAfterCommitWork()) {
      try {
        await task();
      } catch (error) {
        this.logger.error({ err: error, requestId: ctx.requestId }, 'after-commit work failed');
      }
    }
    return result;
  }
}
