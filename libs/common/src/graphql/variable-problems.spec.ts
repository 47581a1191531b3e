import {
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  parse,
  type OperationDefinitionNode,
} from 'graphql';
import { MAX_VARIABLE_PROBLEMS, variableProblems } from './variable-problems.js';
import { MoneyScalar } from './scalars.js';

const ItemInput = new GraphQLInputObjectType({
  name: 'ItemInput',
  fields: { price: { type: new GraphQLNonNull(MoneyScalar) }, title: { type: new GraphQLNonNull(GraphQLString) }, count: { type: GraphQLInt } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      save: { type: GraphQLString, args: { input: { type: new GraphQLNonNull(ItemInput) } } },
      saveAll: { type: GraphQLString, args: { items: { type: new GraphQLList(new GraphQLNonNull(ItemInput)) } } },
    },
  }),
});

function problems(document: string, variables: Record<string, unknown>, hideSuggestions = true) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return variableProblems(schema, parsed, operation, variables, hideSuggestions);
}

const SAVE = 'mutation($input: ItemInput!) { save(input: $input) }';

describe('variableProblems', () => {
  it('finds nothing in valid variables', () => {
    expect(problems(SAVE, { input: { price: 0, title: 't' } })).toEqual([]);
  });

  it('lists every problem at its argument path, without the scalar or field name in the message', () => {
    expect(problems(SAVE, { input: { price: -1, count: 'two', colour: 'red' } })).toEqual([
      { field: 'input.price', message: 'must not be negative' },
      { field: 'input.title', message: 'is required' },
      { field: 'input.count', message: 'Int cannot represent non-integer value: "two"' },
      { field: 'input.colour', message: 'is not a field of ItemInput' },
    ]);
  });

  it('names a missing or null variable by its argument', () => {
    expect(problems(SAVE, {})).toEqual([{ field: 'input', message: 'is required' }]);
    expect(problems(SAVE, { input: null })).toEqual([{ field: 'input', message: 'must not be null' }]);
  });

  it('follows a variable into a literal and into list items', () => {
    expect(problems('mutation($p: Money!) { save(input: { price: $p, title: "t" }) }', { p: 1.5 })).toEqual([
      { field: 'input.price', message: 'must be a whole number of won' },
    ]);
    expect(
      problems('mutation($items: [ItemInput!]) { saveAll(items: $items) }', {
        items: [
          { price: 1, title: 't' },
          { price: -1, title: 't' },
        ],
      }),
    ).toEqual([{ field: 'items[1].price', message: 'must not be negative' }]);
  });

  it('names a variable used at several places by its name', () => {
    expect(problems('mutation($p: Money!) { a: save(input: { price: $p, title: "a" }) b: saveAll(items: [{ price: $p, title: "b" }]) }', { p: -1 })).toEqual([
      { field: '$p', message: 'must not be negative' },
    ]);
  });

  it('suggests field names only when asked to', () => {
    expect(problems(SAVE, { input: { price: 1, title: 't', titel: 'x' } }, false)).toEqual([
      { field: 'input.titel', message: 'is not a field of ItemInput. Did you mean "title"?' },
    ]);
  });

  it(`stops at ${MAX_VARIABLE_PROBLEMS} problems`, () => {
    const items = Array.from({ length: 80 }, () => ({ price: -1, title: 't' }));
    expect(problems('mutation($items: [ItemInput!]) { saveAll(items: $items) }', { items })).toHaveLength(MAX_VARIABLE_PROBLEMS);
  });
});
