import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { GraphQLError, execute, getOperationAST, visit, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LeastRecentlyUsed } from './least-recently-used.js';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/**
 * Fields (of their documents) whose compiled queries are kept per schema; the least recently used documents go
 * first. Generated code grows with the fields a document selects, 2–4 kB each (measured: 19 kB for the listings
 * page's 9 fields, 335 kB for 20 aliased lookups with 80), so a budget in fields, not documents, bounds the memory
 * clients sending endless distinct documents can take: about 10–16 MB, a few hundred operations of ordinary size.
 */
export const MAX_COMPILED_FIELDS = 4_000;

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
  private readonly bySchema = new WeakMap<GraphQLSchema, KeptDocuments>();

  /**
   * `compileFromRun`: a document is compiled on this run of it, graphql-js answering the runs before. The server
   * compiles on the second: a document sent once (a one-off lookup, a hostile client's endless variations) costs
   * no compiling (0.4–3 ms) and keeps no generated code, which would otherwise crowd out the operations clients
   * repeat.
   */
  constructor(private readonly options: { compileFromRun: number } = { compileFromRun: 2 }) {}

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
    return this.bySchema.get(schema)?.documents.size ?? 0;
  }

  /** How many fields the documents kept for this schema select (what MAX_COMPILED_FIELDS bounds). */
  fieldsKept(schema: GraphQLSchema): number {
    return this.bySchema.get(schema)?.documents.weight ?? 0;
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
    let kept = this.bySchema.get(schema);
    if (!kept) this.bySchema.set(schema, (kept = { documents: new LeastRecentlyUsed(MAX_COMPILED_FIELDS), runs: new WeakMap() }));
    let operations = kept.documents.get(document);
    if (!operations) {
      const run = (kept.runs.get(document) ?? 0) + 1;
      if (run < this.options.compileFromRun) {
        kept.runs.set(document, run);
        return null;
      }
      kept.runs.delete(document);
      operations = new Map();
      kept.documents.set(document, operations, fieldsOf(document));
    }
    const key = operationName ?? '';
    if (!operations.has(key)) operations.set(key, compileOperation(schema, document, operationName));
    return operations.get(key)!;
  }
}

/**
 * A schema's compiled documents, weighed by the fields they select; and the runs so far of documents not compiled
 * yet (weakly: a document Apollo's store drops is forgotten with it).
 */
interface KeptDocuments {
  documents: LeastRecentlyUsed<DocumentNode, Map<string, Compiled>>;
  runs: WeakMap<DocumentNode, number>;
}

function fieldsOf(document: DocumentNode): number {
  let fields = 0;
  visit(document, {
    Field() {
      fields++;
    },
  });
  return fields;
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
