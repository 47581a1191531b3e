import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Counter } from 'prom-client';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { MANUAL_TRANSACTION_KEY, requestContextOf, requestOf } from '../auth/access.decorators.js';
import { isTransactionConflict } from '../database/postgres-errors.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
import { Metrics } from '../metrics/metrics.js';
import type { RequestContext } from './request-context.js';

/** How many times a mutation whose transaction lost a lock race runs again before the client sees the error. */
export const MUTATION_CONFLICT_RETRIES = 3;
/** The longest pause before a repeat, in ms; random below it so the racers do not meet again in step. */
const MAX_RETRY_PAUSE_MS = 50;

/**
 * Every GraphQL mutation runs in one transaction: all of it commits, or nothing stays behind. When
 * PostgreSQL ends that transaction as a deadlock's victim or a serialization failure, nothing of it was
 * kept and the mutation runs again from the start (docs/RULES.md §11): the client sees an error only if
 * it keeps losing. What a run calls outside the database is idempotent by its keys (payments, refunds).
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  private readonly logger = new Logger(TransactionInterceptor.name);
  private readonly retries: Counter<'operation'>;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly reflector: Reflector,
    metrics: Metrics,
  ) {
    this.retries = metrics.counter({
      name: 'dure_mutation_conflict_retries_total',
      help: 'Mutations run again because PostgreSQL ended their transaction as a deadlock victim or serialization failure.',
      labelNames: ['operation'],
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    const manual = this.reflector.get<boolean>(MANUAL_TRANSACTION_KEY, context.getHandler());
    if (info.parentType.name !== 'Mutation' || manual) return next.handle();
    const ctx = requestContextOf(requestOf(context));
    return from(this.runRetryingConflicts(ctx, info.fieldName, () => lastValueFrom(next.handle())));
  }

  /** Each call of `run` subscribes to the handler anew, so a repeat executes the resolver again. */
  private async runRetryingConflicts<T>(ctx: RequestContext, operation: string, run: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        return await this.connection.withTransaction(ctx, run);
      } catch (error) {
        if (retry === MUTATION_CONFLICT_RETRIES || !isTransactionConflict(error)) throw error;
        this.retries.inc({ operation });
        this.logger.warn({ requestId: ctx.requestId, operation, retry: retry + 1, err: error }, 'mutation lost a lock race; running it again');
        // Rows loaded in the lost transaction may have changed since.
        ctx.forgetLoaded();
        await sleep(Math.random() * MAX_RETRY_PAUSE_MS);
      }
    }
  }
}
