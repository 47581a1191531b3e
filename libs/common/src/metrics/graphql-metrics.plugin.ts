import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { secondsSince, type Metrics } from './metrics.js';

/** Distinct operation names one process labels before calling the rest `other`. */
export const MAX_OPERATION_NAMES = 200;
const MAX_NAME_LENGTH = 64;

/**
 * Clients name their operations, so a label per name could grow without end (a client naming each
 * request differently). Names are labelled as they are up to MAX_OPERATION_NAMES distinct ones in this
 * process, cut to 64 characters; later new names become `other`, unnamed operations `anonymous`, and
 * requests that never resolved to an operation (unparsable, invalid) `invalid`.
 */
export class OperationNameLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max = MAX_OPERATION_NAMES) {}

  label(operation: OperationDefinitionNode | undefined): string {
    if (!operation) return 'invalid';
    const name = operation.name?.value.slice(0, MAX_NAME_LENGTH);
    if (!name) return 'anonymous';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(name);
    return name;
  }
}

/** Times every GraphQL operation by name, type (query, mutation) and outcome (ok, error). */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  const duration = metrics.histogram({
    name: 'dure_graphql_operation_duration_seconds',
    help: 'GraphQL operations by operation name, type and outcome (error when the response carries any error).',
    labelNames: ['operation', 'type', 'outcome'] as const,
  });
  const names = new OperationNameLabels();
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse({ operation, response }) {
          const failed = response.body.kind === 'single' ? Boolean(response.body.singleResult.errors?.length) : false;
          duration.observe(
            { operation: names.label(operation), type: operation?.operation ?? 'invalid', outcome: failed ? 'error' : 'ok' },
            secondsSince(startedAt),
          );
        },
      };
    },
  };
}
