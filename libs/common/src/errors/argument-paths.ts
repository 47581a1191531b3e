import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { getNullableType, isInputObjectType, type GraphQLArgument, type GraphQLResolveInfo } from 'graphql';
import { catchError, throwError, type Observable } from 'rxjs';
import { BadUserInputError } from './dure-error.js';

/**
 * A field a service named inside the input object (`listingId`) as its path from the field's arguments
 * (`input.listingId`): unchanged when it begins with an argument's name (`days[1].date`, `filter.maxPrice`);
 * under the one input-object argument that has such a field; unchanged when none or several have it.
 */
export function argumentPath(field: string, args: readonly GraphQLArgument[]): string {
  const head = /^[^.[]*/.exec(field)![0];
  if (args.some((arg) => arg.name === head)) return field;
  const holders = args.filter((arg) => {
    const type = getNullableType(arg.type);
    return isInputObjectType(type) && head in type.getFields();
  });
  return holders.length === 1 ? `${holders[0].name}.${field}` : field;
}

/**
 * Services name fields inside the input they are given; a client reads `fields` as paths from the
 * operation's arguments, like the refusals of variables before execution (docs/RULES.md §11).
 */
@Injectable()
export class ArgumentPathInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const { parentType, fieldName } = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    const { args } = parentType.getFields()[fieldName];
    return next
      .handle()
      .pipe(
        catchError((error: unknown) => throwError(() => (error instanceof BadUserInputError ? error.renamed((field) => argumentPath(field, args)) : error))),
      );
  }
}
