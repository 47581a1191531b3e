import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener, type GraphQLResponse } from '@apollo/server';
import type { Logger } from '@nestjs/common';
import type { DureRequest } from '../auth/access.decorators.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { ErrorCode } from '../errors/dure-error.js';
import type { Admission, MutationRateLimiter } from '../rate-limit/mutation-rate-limiter.js';
import { operationShape } from './operation-shape.js';

function refusal(status: number, code: ErrorCode, message: string, headers: Array<[string, string]> = []): GraphQLResponse {
  const extensions = code === 'BAD_USER_INPUT' ? { code, fields: [] } : { code };
  return { http: { status, headers: new HeaderMap(headers) }, body: { kind: 'single', singleResult: { errors: [{ message, extensions }] } } };
}

/**
 * Refuses a mutation operation that would take its client over MUTATION_RATE_LIMIT_PER_MINUTE with
 * RATE_LIMITED (HTTP 429 and `Retry-After`), before any of it runs. It answers in
 * `responseForOperation`, which comes after validation and the query limits: an operation refused
 * for those uses up nothing. Queries are not limited.
 */
export function mutationRateLimitPlugin(limiter: MutationRateLimiter, authenticator: Authenticator, logger: Logger): ApolloServerPlugin<{ req: DureRequest }> {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<{ req: DureRequest }>> {
      return {
        async responseForOperation({ document, operation, contextValue: { req } }) {
          if (operation.operation !== 'mutation') return null;
          // Each root field is one mutation.
          const mutations = operationShape(document, operation).rootFields;
          if (!mutations) return null;
          if (mutations > limiter.limit) {
            return refusal(400, 'BAD_USER_INPUT', `This operation has ${mutations} mutations; at most ${limiter.limit} may run per minute`);
          }
          // With the same session check the access guard does (and then reuses); an invalid token is refused
          // there, and meanwhile counts as anonymous.
          const admission = await limiter.admitMutations(authenticator, req, mutations).catch((error: unknown): Admission => {
            // A limit that cannot be counted does not stop the mutation: it protects, it decides nothing.
            logger.error({ err: error, requestId: req.id }, 'mutation rate limit not checked');
            return { admitted: true };
          });
          if (admission.admitted) return null;
          const seconds = admission.retryAfterSeconds;
          return refusal(429, 'RATE_LIMITED', `Too many mutations; try again in ${seconds} s`, [['retry-after', String(seconds)]]);
        },
      };
    },
  };
}
