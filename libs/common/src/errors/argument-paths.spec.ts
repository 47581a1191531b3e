import { GraphQLID, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLString, type GraphQLArgument } from 'graphql';
import { argumentPath } from './argument-paths.js';

const ListingInput = new GraphQLInputObjectType({ name: 'ListingInput', fields: { title: { type: GraphQLString }, listingId: { type: GraphQLID } } });
const TermsInput = new GraphQLInputObjectType({ name: 'TermsInput', fields: { title: { type: GraphQLString } } });

function args(types: Record<string, GraphQLArgument['type']>): GraphQLArgument[] {
  return Object.entries(types).map(([name, type]) => ({
    name,
    type,
    description: null,
    defaultValue: undefined,
    deprecationReason: null,
    extensions: {},
    astNode: null,
  }));
}

describe('argumentPath', () => {
  it('puts a field named inside the input object under its argument', () => {
    const input = args({ id: GraphQLID, input: new GraphQLNonNull(ListingInput) });
    expect(argumentPath('title', input)).toBe('input.title');
    expect(argumentPath('listingId.x', input)).toBe('input.listingId.x');
  });

  it('keeps a path that already begins with an argument', () => {
    const input = args({ listingId: GraphQLID, input: ListingInput, days: new GraphQLList(ListingInput) });
    expect(argumentPath('listingId', input)).toBe('listingId');
    expect(argumentPath('days[1].title', input)).toBe('days[1].title');
    expect(argumentPath('input.title', input)).toBe('input.title');
  });

  it('keeps a field that no input argument has, or that several have', () => {
    expect(argumentPath('colour', args({ input: ListingInput }))).toBe('colour');
    expect(argumentPath('title', args({ input: ListingInput, terms: TermsInput }))).toBe('title');
    // Items of a list argument are named by index, which a service naming `title` does not give.
    expect(argumentPath('title', args({ items: new GraphQLList(ListingInput) }))).toBe('title');
  });
});
