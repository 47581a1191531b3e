import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { MANUAL_TRANSACTION_KEY, requestContextOf, requestOf } from '../auth/access.decorators.js';
import { TransactionalConnection } from '../database/transactional-connection.js';

/** Every GraphQL mutation runs in one transaction: all of it commits, or nothing stays behind. */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string } }>();
    const manual = this.reflector.get<boolean>(MANUAL_TRANSACTION_KEY, context.getHandler());
    if (info.parentType.name !== 'Mutation' || manual) return next.handle();
    const ctx = requestContextOf(requestOf(context));
    return from(this.connection.withTransaction(ctx, () => lastValueFrom(next.handle())));
  }
}
