import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { operationShape } from './operation-shape.js';

function shapeOf(text: string) {
  const document = parse(text);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationShape(document, operation);
}

describe('operationShape', () => {
  it('measures depth below the root fields, not counting introspection', () => {
    expect(shapeOf('{ me { id } }').depth).toBe(1);
    expect(shapeOf('{ me { memberships { organization { name } } } __schema { types { fields { name } } } }').depth).toBe(3);
  });

  it('counts a fragment wherever it is spread', () => {
    const shape = shapeOf(`
      query($id: ID! @deprecated) @cached { a: listing(id: $id) { ...Prices } b: listing(id: $id) { ...Prices @include(if: true) } }
      fragment Prices on Listing @skip(if: false) { low: price high: price @include(if: true) }`);
    expect(shape).toEqual({ depth: 1, aliases: 2 + 2 * 2, directives: 2 + 1 + 2 * (1 + 1), rootFields: 2 });
  });

  it('counts distinct root response keys, through fragments; fields under one key run once', () => {
    expect(
      shapeOf(
        '{ me { id } me { name } other: me { id } __typename ... on Query { listings { totalCount } ...Root } } fragment Root on Query { me { id } x: me { id } }',
      ).rootFields,
    ).toBe(4);
  });

  it('measures each fragment once: a chain spreading the next fragment twice costs linear time', () => {
    const chain = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ... on Query { ...F${i + 1} } ...F${i + 1} }`).join(' ');
    const shape = shapeOf(`{ ...F0 } ${chain} fragment F60 on Query { a: __typename }`);
    expect(shape.aliases).toBe(2 ** 60);
  });

  it('measures unknown and cyclic fragments (which validation refuses) as nothing', () => {
    expect(shapeOf('{ ...Missing ...A } fragment A on Query { a: __typename ...B } fragment B on Query { ...A }').aliases).toBe(1);
  });
});
