import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { DureRequest } from '../auth/access.decorators.js';
import { OperationDeadline } from '../context/operation-deadline.js';
import { LimitExceededError } from '../errors/dure-error.js';

/** The whole answer when an operation went over one of its budgets: that error alone, no partial data. */
function limitExceeded(error: LimitExceededError): FormattedExecutionResult {
  return { errors: [{ message: error.message, extensions: { code: error.code } }] };
}

/**
 * Gives every query operation GRAPHQL_MAX_EXECUTION_MS (an OperationDeadline on its request, which its
 * RequestContext carries). When a step was refused for time, the answer is that one LIMIT_EXCEEDED error
 * instead of an error per refused field. Mutations run to the end: each is one transaction and rate
 * limited, and stopping one halfway would only waste what it did.
 */
export function operationDeadlinePlugin(budgetMs: number): ApolloServerPlugin<{ req: DureRequest }> {
  return {
    async requestDidStart({ contextValue: { req } }) {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'query') req.operationDeadline = new OperationDeadline(budgetMs);
        },
        async willSendResponse({ response }) {
          const deadline = req.operationDeadline;
          if (deadline?.hasPassed) response.body = { kind: 'single', singleResult: limitExceeded(deadline.error()) };
        },
      };
    },
  };
}

/**
 * Apollo's `stringifyResult` with a cap: an answer longer than `maxBytes` is replaced by one
 * LIMIT_EXCEEDED error, so no client is sent a body that large whatever the cost estimate allowed.
 */
export function cappedResultStringifier(maxBytes: number): (result: FormattedExecutionResult) => string {
  const tooLarge = `${JSON.stringify(limitExceeded(new LimitExceededError(`The answer is larger than the limit of ${maxBytes} bytes; ask for less`)))}\n`;
  return (result) => {
    const body = `${JSON.stringify(result)}\n`;
    // A UTF-16 code unit is at most 3 bytes of UTF-8, so most bodies need no counting.
    return body.length * 3 <= maxBytes || Buffer.byteLength(body) <= maxBytes ? body : tooLarge;
  };
}
