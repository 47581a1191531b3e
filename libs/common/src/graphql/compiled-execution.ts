import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { GraphQLError, execute, getOperationAST, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/**
 * Documents whose compiled queries are kept per schema; the least recently used go first, so clients sending
 * endless distinct documents cost a bounded amount of memory (each entry holds its document and generated code).
 */
export const MAX_COMPILED_DOCUMENTS = 500;

/** A compiled query, or null where graphql-js answers (a construct graphql-jit refuses, a subscription). */
type Compiled = CompiledQuery | null;

export type ExecutionRequest = Pick<ExecutionArgs, 'schema' | 'document' | 'contextValue' | 'variableValues'> & { operationName?: string | null };

/**
 * Runs operations compiled once per schema, document and operation name (graphql-jit) instead of walking the
 * document on every request (graphql-js's `execute`), with the same answers: whatever graphql-jit does not
 * compile, and variables it would refuse in words of its own, go to `execute`. Apollo reaches it as a gateway
 * (the only executor hook it has); Apollo still parses, validates, runs every plugin and formats the errors.
 */
export class CompiledExecution {
  /** Operations this executor answered compiled, and handed to graphql-js: the tests prove the fast path ran. */
  readonly executions = { compiled: 0, interpreted: 0 };
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<DocumentNode, Map<string, Compiled>>>();

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const compiled = this.compiled(request.schema, request.document, request.operationName ?? undefined);
    if (compiled) {
      const result = await compiled.query(undefined, request.contextValue, request.variableValues);
      // graphql-jit refuses bad variables before any resolver runs, with messages of its own: graphql-js's are the contract.
      if (result.data !== undefined) {
        this.executions.compiled++;
        return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
      }
    }
    this.executions.interpreted++;
    return execute({ ...request, operationName: request.operationName ?? undefined });
  }

  /** How many documents have compiled queries kept for this schema. */
  documentsKept(schema: GraphQLSchema): number {
    return this.bySchema.get(schema)?.size ?? 0;
  }

  /**
   * Apollo's gateway hook: hands Apollo the schema (the one Nest built, known only once Apollo starts) and this
   * executor. Apollo gives each request the same parsed document for the same text (its document store).
   */
  gateway(schemaBuilt: () => GraphQLSchema): Gateway {
    return {
      load: async () => ({
        executor: ({ schema: requestSchema, document, request, context }) =>
          this.execute({ schema: requestSchema, document, operationName: request.operationName, contextValue: context, variableValues: request.variables }),
      }),
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: schemaBuilt(), coreSupergraphSdl: '' });
        return () => undefined;
      },
      stop: async () => undefined,
    };
  }

  private compiled(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Compiled {
    let documents = this.bySchema.get(schema);
    if (!documents) this.bySchema.set(schema, (documents = new Map()));
    let operations = documents.get(document);
    if (operations) documents.delete(document);
    else operations = new Map();
    // Re-inserted: a Map iterates in insertion order, so its first key is the least recently used.
    documents.set(document, operations);
    if (documents.size > MAX_COMPILED_DOCUMENTS) documents.delete(documents.keys().next().value!);
    const key = operationName ?? '';
    if (!operations.has(key)) operations.set(key, compileOperation(schema, document, operationName));
    return operations.get(key)!;
  }
}

function compileOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Compiled {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation === 'subscription') return null;
  const compiled = compileQuery(schema, document, operationName);
  return isCompiledQuery(compiled) ? compiled : null;
}

/**
 * graphql-jit's errors pass for graphql-js's (`instanceof`) but have no `extensions` when the thrown error had
 * none, where graphql-js gives `{}` and Apollo reads `extensions.code`: the same error as graphql-js makes it.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
  return Object.assign(converted, { locations: error.locations });
}
