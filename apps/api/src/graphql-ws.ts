import { randomUUID } from 'node:crypto';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { CloseCode, type Context, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import {
  Authenticator,
  LiveUpdates,
  SESSION_ENDED_TOPIC,
  UnauthenticatedError,
  formatGraphQLError,
  formatGraphQLErrorWithoutSuggestions,
  type DureRequest,
  type SignedInSession,
} from '../../../libs/common/src/index.js';

/** The access token a graphql-ws client sends in `connectionParams`, like the HTTP header. */
type LiveConnectionParams = Record<string, unknown> & { authorization?: unknown };

const requestOf = (params: LiveConnectionParams | undefined): DureRequest => ({
  id: randomUUID(),
  headers: { authorization: typeof params?.authorization === 'string' ? params.authorization : undefined },
});

/** The longest delay a Node timer takes (about 24.8 days); a token living longer is closed on then. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** A refused token closes the connection; a failure to check it (the database down) is an error, not a refusal. */
function refusedAsNull(error: unknown): SignedInSession | null {
  if (error instanceof UnauthenticatedError) return null;
  throw error;
}

/**
 * Closes the connection (4403 Forbidden, as at connection init) when its session ends in any process (sign-out,
 * a revoked session) or its access token expires; a client reconnects with a fresh token. Returns the clean-up.
 */
function closeWithSession(socket: Extra['socket'], session: SignedInSession, live: LiveUpdates): () => void {
  const close = (reason: string) => socket.close(CloseCode.Forbidden, reason);
  const stopWatching = live.watch(SESSION_ENDED_TOPIC, session.sessionId, () => close('Forbidden: the session has ended'));
  // The token's `exp` is real time, as jsonwebtoken checks it; the business clock has no say here.
  const expiresIn = Math.min(session.expiresAt.getTime() - Date.now(), LONGEST_TIMER_MS);
  const expiry = setTimeout(() => close('Forbidden: the access token has expired'), expiresIn);
  return () => {
    stopWatching();
    clearTimeout(expiry);
  };
}

/**
 * GraphQL subscriptions over graphql-ws on the API's port and path (docs/RULES.md §31). The access token
 * is checked at connection init through the Authenticator the HTTP requests use: a connection without a
 * valid one is closed (4403 Forbidden), and so is one whose session ends or whose token expires later.
 * Each subscribe then runs the resolvers' guards on its own request, so a session that ended since the
 * connection opened cannot start another subscription.
 */
export function graphqlWsOptions(authenticator: Authenticator, live: LiveUpdates, production: boolean): ServerOptions<LiveConnectionParams> {
  const format = production ? formatGraphQLErrorWithoutSuggestions : formatGraphQLError;
  // As over HTTP: the codes of §11, and no internals of unexpected errors.
  const formatted = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => format(error.toJSON(), error));
  const cleanUps = new WeakMap<Context<LiveConnectionParams>, () => void>();
  return {
    onConnect: async (ctx) => {
      const session = await authenticator.session(requestOf(ctx.connectionParams)).catch(refusedAsNull);
      if (!session) return false;
      // Nest serves graphql-ws through its `ws` adapter, whose extra is the socket and the upgrade request.
      cleanUps.set(ctx, closeWithSession((ctx.extra as Extra).socket, session, live));
      return true;
    },
    onClose: (ctx) => cleanUps.get(ctx)?.(),
    context: ({ connectionParams }) => ({ req: requestOf(connectionParams) }),
    onError: (_ctx, _id, _payload, errors) => formatted(errors),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatted(result.errors) } : result),
  };
}
