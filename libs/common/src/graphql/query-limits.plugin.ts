import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNamedType, getNullableType, isListType, isObjectType, type GraphQLCompositeType } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { DureConfig } from '../config/dure-config.js';
import { DEFAULT_PAGE_SIZE } from './connection.js';
import { operationShape } from './operation-shape.js';
import { invalidVariablesError, variableProblems } from './variable-problems.js';

/** A list without `first` (an organization's members, a consultation's offers…) is priced as this many items. */
export const UNPAGED_LIST_ITEMS = 10;

/** The cost of a field producing `items` objects that each cost `childComplexity`. */
export function listCost(items: number, childComplexity: number): number {
  return 1 + childComplexity * Math.max(items, 1);
}

const isConnection = (type: GraphQLCompositeType) => type.name.endsWith('Connection');

/** A connection's children cost once per requested node. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (!isObjectType(type) || !isConnection(type)) return undefined;
  return listCost(typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE, childComplexity);
};

/** Other lists of objects cost their children UNPAGED_LIST_ITEMS times; a connection's `nodes` and `edges` are its `first`. */
const unpagedListEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
  if (!isListType(getNullableType(field.type)) || isConnection(type)) return undefined;
  return listCost(UNPAGED_LIST_ITEMS, childComplexity);
};

function refuse(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', fields: [], http: { status: 400 } } });
}

type QueryLimits = Pick<
  DureConfig,
  'nodeEnv' | 'graphqlMaxDepth' | 'graphqlMaxComplexity' | 'graphqlMaxAliases' | 'graphqlMaxRootFields' | 'graphqlMaxDirectives'
>;

/**
 * Refuses operations that ask for too much before any resolver runs (docs/RULES.md §11): too many aliases, root
 * fields or directives, too deep, or costlier than allowed. A field that declares its own cost (such as
 * `availableSlots`, by its range) is priced by it. The shape is measured first: it takes linear time,
 * and it bounds what the complexity walk has to visit.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request, schema }) {
          // Without an operation to run, execution answers the error.
          if (!operation) return;
          const shape = operationShape(document, operation);
          const over = (count: number, what: string, max: number) => {
            if (count > max) throw refuse(`This operation has ${count} ${what}; at most ${max} are allowed`);
          };
          over(shape.aliases, 'aliases', limits.graphqlMaxAliases);
          over(shape.rootFields, 'root fields', limits.graphqlMaxRootFields);
          over(shape.directives, 'directives', limits.graphqlMaxDirectives);
          if (shape.depth > limits.graphqlMaxDepth) throw refuse(`Query is ${shape.depth} levels deep; at most ${limits.graphqlMaxDepth} are allowed`);
          // The cost depends on the variables (`first`, ranges), so they are checked first, every problem at once.
          const problems = variableProblems(schema, document, operation, request.variables ?? {}, limits.nodeEnv === 'production');
          if (problems.length) throw invalidVariablesError(problems);
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), connectionEstimator, unpagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // It coerces the variables again; whatever it still refuses is the client's error too, answered as 400.
            throw refuse(error instanceof Error ? error.message : 'Invalid variables');
          }
          if (complexity > limits.graphqlMaxComplexity) {
            throw refuse(`Query complexity ${complexity} exceeds the limit of ${limits.graphqlMaxComplexity}`);
          }
        },
      };
    },
  };
}
