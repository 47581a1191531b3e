import { ApolloServer } from '@apollo/server';
import {
  GraphQLEnumType,
  GraphQLError,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
  type ExecutionResult,
} from 'graphql';
import { ForbiddenError } from '../errors/dure-error.js';
import { formatGraphQLError } from '../errors/format-error.js';
import { CompiledExecution, MAX_COMPILED_FIELDS } from './compiled-execution.js';
import { MoneyScalar } from './scalars.js';

const Status = new GraphQLEnumType({ name: 'Status', values: { OPEN: { value: 'open' }, CLOSED: { value: 'closed' } } });
const Node = new GraphQLInterfaceType({ name: 'Node', fields: { id: { type: new GraphQLNonNull(GraphQLID) } } });
const Item = new GraphQLObjectType({
  name: 'Item',
  interfaces: [Node],
  isTypeOf: (value: { kind?: string }) => value.kind === 'item',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    price: { type: MoneyScalar },
    status: { type: Status },
    secret: {
      type: GraphQLString,
      resolve: () => {
        throw new ForbiddenError('not yours');
      },
    },
    broken: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
    failing: {
      type: GraphQLString,
      resolve: () => {
        throw new Error('database gone');
      },
    },
  },
});
const Person = new GraphQLObjectType({
  name: 'Person',
  interfaces: [Node],
  isTypeOf: (value: { kind?: string }) => value.kind === 'person',
  fields: { id: { type: new GraphQLNonNull(GraphQLID) }, name: { type: GraphQLString } },
});
const ITEMS = [
  { kind: 'item', id: '1', price: 1500, status: 'open' },
  { kind: 'person', id: '2', name: 'Kim' },
];
const saved: unknown[] = [];
const schema = new GraphQLSchema({
  types: [Item, Person],
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Node))), resolve: async () => ITEMS },
      item: { type: Item, args: { id: { type: new GraphQLNonNull(GraphQLID) } }, resolve: (_root, { id }) => ITEMS.find((i) => i.id === id) },
      viewer: { type: GraphQLString, resolve: (_root, _args, context: { name?: string }) => context.name ?? null },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      save: {
        type: new GraphQLNonNull(GraphQLInt),
        args: {
          input: {
            type: new GraphQLNonNull(
              new GraphQLInputObjectType({ name: 'SaveInput', fields: { price: { type: new GraphQLNonNull(MoneyScalar) }, status: { type: Status } } }),
            ),
          },
        },
        resolve: (_root, { input }) => saved.push(input),
      },
    },
  }),
});

/**
 * graphql-js puts an inner error of the same words inside the errors it makes itself (a null where none may be,
 * a value of another type), graphql-jit none; formatGraphQLError and the error log take either for unexpected.
 */
const madeByGraphQL = (error: GraphQLError) =>
  error.originalError instanceof GraphQLError || error.message.startsWith('Cannot return null for non-nullable field');

/** What the server makes of a result: data and each error as JSON, with its extensions and the error a resolver threw. */
function seen(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((error) => ({
      json: error.toJSON(),
      extensions: error.extensions,
      thrown: madeByGraphQL(error) ? undefined : error.originalError,
      isGraphQLError: error instanceof GraphQLError,
    })),
  };
}

const CASES: Array<[string, string, Record<string, unknown>?, string?]> = [
  ['a query with an abstract list, a custom scalar and an enum', '{ items { id __typename ... on Item { price status } ... on Person { name } } }'],
  ['a resolver throwing a coded error', '{ item(id: "1") { id secret } }'],
  ['a resolver throwing an unexpected error', '{ item(id: "1") { id failing } }'],
  ['null bubbling up to the nearest nullable field', '{ item(id: "1") { id broken } viewer }'],
  ['null bubbling up to the root', '{ items { ... on Item { broken } } }'],
  ['variables', 'query One($id: ID!) { item(id: $id) { id price } }', { id: '1' }],
  ['a missing required variable', 'query One($id: ID!) { item(id: $id) { id } }', {}],
  ['a variable of the wrong type', 'mutation Save($input: SaveInput!) { save(input: $input) }', { input: { price: -5, status: 'NOPE' } }],
  ['an operation chosen by name', 'query A { viewer } query B { item(id: "2") { id } }', {}, 'B'],
];

/** Compiles on a document's first run, so each test below meets compiled execution at once. */
const EVERY_RUN = { compileFromRun: 1 };

describe('CompiledExecution', () => {
  it('compiles a document on its second run by default: one sent once is answered by graphql-js and keeps nothing', async () => {
    const compiled = new CompiledExecution();
    const document = parse('{ item(id: "1") { id price } }');
    const once = parse('{ viewer }');
    const expected = await execute({ schema, document, contextValue: {} });
    expect(seen(await compiled.execute({ schema, document: once, contextValue: { name: 'Lee' } }))).toEqual({ data: { viewer: 'Lee' } });
    expect(seen(await compiled.execute({ schema, document, contextValue: {} }))).toEqual(seen(expected));
    expect(compiled.executions).toEqual({ compiled: 0, interpreted: 2 });
    expect(compiled.documentsKept(schema)).toBe(0);
    expect(seen(await compiled.execute({ schema, document, contextValue: {} }))).toEqual(seen(expected));
    expect(compiled.executions).toEqual({ compiled: 1, interpreted: 2 });
    expect(compiled.documentsKept(schema)).toBe(1);
  });

  it.each(CASES)('answers %s exactly as graphql-js does', async (_name, query, variableValues = {}, operationName) => {
    const document = parse(query);
    const contextValue = { name: 'Lee' };
    const compiled = new CompiledExecution(EVERY_RUN);
    const expected = await execute({ schema, document, variableValues, operationName, contextValue });
    expect(seen(await compiled.execute({ schema, document, variableValues, operationName, contextValue }))).toEqual(seen(expected));
  });

  it('runs queries and mutations compiled, and hands bad variables to graphql-js', async () => {
    const compiled = new CompiledExecution(EVERY_RUN);
    const document = parse('mutation Save($input: SaveInput!) { save(input: $input) }');
    const before = saved.length;
    expect((await compiled.execute({ schema, document, variableValues: { input: { price: 100, status: 'OPEN' } } })).data).toEqual({ save: before + 1 });
    expect(saved.at(-1)).toEqual({ price: 100, status: 'open' });
    expect(compiled.executions).toEqual({ compiled: 1, interpreted: 0 });
    await compiled.execute({ schema, document, variableValues: { input: { price: 'many' } } });
    expect(compiled.executions).toEqual({ compiled: 1, interpreted: 1 });
    expect(saved).toHaveLength(before + 1);
  });

  it('does not reuse for another schema what it compiled for one', async () => {
    const compiled = new CompiledExecution(EVERY_RUN);
    const document = parse('{ viewer }');
    const other = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { viewer: { type: GraphQLString, resolve: () => 'other' } } }) });
    expect((await compiled.execute({ schema, document, contextValue: { name: 'Lee' } })).data).toEqual({ viewer: 'Lee' });
    expect((await compiled.execute({ schema: other, document, contextValue: { name: 'Lee' } })).data).toEqual({ viewer: 'other' });
    expect(compiled.executions.compiled).toBe(2);
    expect([compiled.documentsKept(schema), compiled.documentsKept(other)]).toEqual([1, 1]);
  });

  it(`keeps the documents of at most ${MAX_COMPILED_FIELDS} fields per schema, the least recently used dropped first`, async () => {
    const compiled = new CompiledExecution(EVERY_RUN);
    const first = parse('{ viewer }');
    await compiled.execute({ schema, document: first, contextValue: {} });
    // Two fields each (`item`, `id`): the budget holds half as many of them, and `first` (one field), kept in use.
    const documents = MAX_COMPILED_FIELDS / 2 + 20;
    for (let i = 0; i < documents; i++) {
      await compiled.execute({ schema, document: parse(`{ item(id: "${i}") { id } }`), contextValue: {} });
      if (i % 100 === 0) await compiled.execute({ schema, document: first, contextValue: {} });
    }
    expect(compiled.fieldsKept(schema)).toBeLessThanOrEqual(MAX_COMPILED_FIELDS);
    expect(compiled.documentsKept(schema)).toBe(1 + Math.floor((MAX_COMPILED_FIELDS - 1) / 2));
    expect(compiled.executions.interpreted).toBe(0);
    // A document larger than the whole budget is still compiled and kept alone.
    const huge = parse(`{ ${Array.from({ length: MAX_COMPILED_FIELDS + 1 }, (_, i) => `v${i}: viewer`).join(' ')} }`);
    await compiled.execute({ schema, document: huge, contextValue: {} });
    expect(compiled.documentsKept(schema)).toBe(1);
    expect(compiled.executions.interpreted).toBe(0);
  });

  it('gives Apollo, as its gateway, the answers and formatted errors it gives with the schema alone', async () => {
    const compiled = new CompiledExecution(EVERY_RUN);
    const withSchema = new ApolloServer({ schema, formatError: formatGraphQLError });
    const withGateway = new ApolloServer({ gateway: compiled.gateway(() => schema), formatError: formatGraphQLError });
    await Promise.all([withSchema.start(), withGateway.start()]);
    try {
      for (const [, query, variables] of CASES.filter(([, , , operationName]) => !operationName)) {
        const [expected, actual] = await Promise.all(
          [withSchema, withGateway].map((server) => server.executeOperation({ query, variables }, { contextValue: { name: 'Lee' } })),
        );
        expect(actual.body).toEqual(expected.body);
        expect(actual.http.status).toEqual(expected.http.status);
      }
      expect(compiled.executions.compiled).toBeGreaterThan(0);
    } finally {
      await Promise.all([withSchema.stop(), withGateway.stop()]);
    }
  });
});
