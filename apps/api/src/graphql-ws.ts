import { randomUUID } from 'node:crypto';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import {
  Authenticator,
  UnauthenticatedError,
  formatGraphQLError,
  formatGraphQLErrorWithoutSuggestions,
  type AuthUser,
  type DureRequest,
} from '../../../libs/common/src/index.js';

/** The access token a graphql-ws client sends in `connectionParams`, like the HTTP header. */
type LiveConnectionParams = Record<string, unknown> & { authorization?: unknown };

const requestOf = (params: LiveConnectionParams | undefined): DureRequest => ({
  id: randomUUID(),
  headers: { authorization: typeof params?.authorization === 'string' ? params.authorization : undefined },
});

/** A refused token closes the connection; a failure to check it (the database down) is an error, not a refusal. */
function refusedAsNull(error: unknown): AuthUser | null {
  if (error instanceof UnauthenticatedError) return null;
  throw error;
}

/**
 * GraphQL subscriptions over graphql-ws on the API's port and path (docs/RULES.md §31). The access token
 * is checked at connection init through the Authenticator the HTTP requests use: a connection without a
 * valid one is closed (4403 Forbidden). Each subscribe then runs the resolvers' guards on its own request,
 * so a session that ended since the connection opened cannot start another subscription.
 */
export function graphqlWsOptions(authenticator: Authenticator, production: boolean): ServerOptions<LiveConnectionParams> {
  const format = production ? formatGraphQLErrorWithoutSuggestions : formatGraphQLError;
  // As over HTTP: the codes of §11, and no internals of unexpected errors.
  const formatted = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => format(error.toJSON(), error));
  return {
    onConnect: async ({ connectionParams }) => (await authenticator.authenticate(requestOf(connectionParams)).catch(refusedAsNull)) !== null,
    context: ({ connectionParams }) => ({ req: requestOf(connectionParams) }),
    onError: (_ctx, _id, _payload, errors) => formatted(errors),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatted(result.errors) } : result),
  };
}
