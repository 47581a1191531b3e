import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { OperationDeadline } from '../context/operation-deadline.js';
import { RequestContext, type AuthUser } from '../context/request-context.js';

export type Access = 'public' | 'authenticated' | 'operator';
export const ACCESS_KEY = 'dure:access';
export const MANUAL_TRANSACTION_KEY = 'dure:manual-transaction';

/** Anyone, signed in or not. Operations without an access decorator require a signed-in user. */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
export const Authenticated = () => SetMetadata(ACCESS_KEY, 'authenticated' satisfies Access);
export const OperatorOnly = () => SetMetadata(ACCESS_KEY, 'operator' satisfies Access);

/**
 * Mutations run in one transaction by default; this opts out for the few that must commit in steps
 * (a provider call between two writes, a failure that must be recorded although the call fails).
 */
export const ManualTransaction = () => SetMetadata(MANUAL_TRANSACTION_KEY, true);

export interface DureRequest {
  id?: string | number;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser | null;
  dureContext?: RequestContext;
  operationDeadline?: OperationDeadline;
}

export function requestOf(context: ExecutionContext): DureRequest {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: DureRequest }>().req;
  return context.switchToHttp().getRequest<DureRequest>();
}

/** The request's context, created once per request after authentication. */
export function requestContextOf(req: DureRequest): RequestContext {
  req.dureContext ??= new RequestContext(String(req.id ?? 'unknown'), req.user ?? null, req.ip ?? null, req.operationDeadline);
  return req.dureContext;
}

/** GraphQL's context of every operation: the HTTP request (graphql-ws makes one up for subscriptions). */
export interface GraphQLContext {
  req: DureRequest;
}

/**
 * `@Ctx()` for a field resolver that takes GraphQL's own arguments `(parent, args, context)` and no
 * parameter decorators: Nest calls such a method directly instead of through its per-call machinery
 * (execution context, param factories, pipes: several promises per field and row), which field
 * resolvers need none of: guards and interceptors run on root fields only, and the global pipes pass on
 * a parent (docs/PERFORMANCE.md).
 */
export const contextOf = (graphql: GraphQLContext): RequestContext => requestContextOf(graphql.req);

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) => requestContextOf(requestOf(context)));
