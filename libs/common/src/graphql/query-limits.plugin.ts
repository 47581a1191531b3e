import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from './connection.js';

/**
 * Depth of the operation: how many selection sets nest below a root field (`{ me { id } }` is 1), following
 * fragments; introspection fields are not counted.
 */
export function selectionDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        max = Math.max(max, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) max = Math.max(max, depthOf(fragment.selectionSet, new Set([...seen, name])));
      }
    }
    return max;
  };
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((op) => !operationName || op.name?.value === operationName) ?? operations[0];
  return operation ? depthOf(operation.selectionSet, new Set()) : 0;
}

/** A connection's children cost once per requested node. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!isObjectType(getNamedType(field.type)) || !getNamedType(field.type).name.endsWith('Connection')) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * Math.max(first, 1);
};

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', fields: [], http: { status: 400 } } });
}

/** Refuses operations deeper or costlier than allowed before any resolver runs (docs/RULES.md §11). */
export function queryLimitsPlugin(maxDepth: number, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, schema }) {
          const depth = selectionDepth(document, operationName);
          if (depth > maxDepth) throw refuse(`Query is ${depth} levels deep; at most ${maxDepth} are allowed`);
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // It reads the variables first: a missing or mistyped one is the client's error, answered as 400.
            throw refuse(error instanceof Error ? error.message : 'Invalid variables');
          }
          if (complexity > maxComplexity) {
            throw refuse(`Query complexity ${complexity} exceeds the limit of ${maxComplexity}`);
          }
        },
      };
    },
  };
}
