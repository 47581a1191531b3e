import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { DureConfig } from '../config/dure-config.js';
import { DEFAULT_PAGE_SIZE } from './connection.js';
import { LeastRecentlyUsed } from './least-recently-used.js';
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

/** The operation to judge: Apollo's parsed and validated document, the operation in it to run, and its variables. */
export interface JudgedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

/**
 * The refusal of an operation that asks for too much (docs/RULES.md §11), or undefined when it may run: too many
 * aliases, root fields or directives, too deep, invalid variables, or costlier than allowed. A field that declares
 * its own cost (such as `availableSlots`, by its range) is priced by it. The shape is measured first: it takes
 * linear time, and it bounds what the complexity walk has to visit.
 */
export function limitsRefusal(limits: QueryLimits, { schema, document, operation, operationName, variables }: JudgedOperation): GraphQLError | undefined {
  const shape = operationShape(document, operation);
  const over = (count: number, what: string, max: number) =>
    count > max ? refuse(`This operation has ${count} ${what}; at most ${max} are allowed`) : undefined;
  const shapeRefusal =
    over(shape.aliases, 'aliases', limits.graphqlMaxAliases) ??
    over(shape.rootFields, 'root fields', limits.graphqlMaxRootFields) ??
    over(shape.directives, 'directives', limits.graphqlMaxDirectives);
  if (shapeRefusal) return shapeRefusal;
  if (shape.depth > limits.graphqlMaxDepth) return refuse(`Query is ${shape.depth} levels deep; at most ${limits.graphqlMaxDepth} are allowed`);
  // The cost depends on the variables (`first`, ranges), so they are checked first, every problem at once.
  const problems = variableProblems(schema, document, operation, variables, limits.nodeEnv === 'production');
  if (problems.length) return invalidVariablesError(problems);
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [fieldExtensionsEstimator(), connectionEstimator, unpagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // It coerces the variables again; whatever it still refuses is the client's error too, answered as 400.
    return refuse(error instanceof Error ? error.message : 'Invalid variables');
  }
  return complexity > limits.graphqlMaxComplexity ? refuse(`Query complexity ${complexity} exceeds the limit of ${limits.graphqlMaxComplexity}`) : undefined;
}

/** Verdicts kept per document: past this many variable sets, the least recently used is dropped. */
export const VERDICTS_PER_DOCUMENT = 64;
/** Variables longer than this (as JSON) are judged every time rather than kept as a key. */
export const MAX_VERDICT_KEY_LENGTH = 1024;

/**
 * A verdict depends only on the document, the operation and the variables (the schema and the limits are fixed for
 * the process), and Apollo hands the same document object to every request with the same text, so verdicts are
 * kept per document (weakly: they go when Apollo's document cache drops it) and per operation name and variables.
 * A refusal is kept too: a client repeating a refused operation is refused again without the walk.
 */
export class OperationVerdicts {
  private readonly byDocument = new WeakMap<DocumentNode, LeastRecentlyUsed<string, GraphQLError | undefined>>();

  constructor(
    private readonly judge: (judged: JudgedOperation) => GraphQLError | undefined,
    private readonly perDocument = VERDICTS_PER_DOCUMENT,
  ) {}

  refusalOf(judged: JudgedOperation): GraphQLError | undefined {
    const key = `${judged.operationName ?? ''}\n${JSON.stringify(judged.variables)}`;
    if (key.length > MAX_VERDICT_KEY_LENGTH) return this.judge(judged);
    let verdicts = this.byDocument.get(judged.document);
    if (!verdicts) this.byDocument.set(judged.document, (verdicts = new LeastRecentlyUsed(this.perDocument)));
    if (verdicts.has(key)) return verdicts.get(key);
    const refusal = this.judge(judged);
    verdicts.set(key, refusal);
    return refusal;
  }
}

/** Refuses operations that ask for too much before any resolver runs (`limitsRefusal`), 400 with BAD_USER_INPUT. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  const verdicts = new OperationVerdicts((judged) => limitsRefusal(limits, judged));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request, schema }) {
          // Without an operation to run, execution answers the error.
          if (!operation) return;
          const refusal = verdicts.refusalOf({ schema, document, operation, operationName: operationName ?? undefined, variables: request.variables ?? {} });
          if (refusal) throw refusal;
        },
      };
    },
  };
}
