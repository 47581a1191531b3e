import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { OperationNameLabels } from './graphql-metrics.plugin.js';

const operation = (source: string) => parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

describe('OperationNameLabels', () => {
  it('labels named operations by name, unnamed ones anonymous, unresolved requests invalid', () => {
    const labels = new OperationNameLabels();
    expect(labels.label(operation('query Listings { listings { totalCount } }'))).toBe('Listings');
    expect(labels.label(operation('{ listings { totalCount } }'))).toBe('anonymous');
    expect(labels.label(undefined)).toBe('invalid');
  });

  it('keeps the number of series bounded: names past the limit are other, long names are cut', () => {
    const labels = new OperationNameLabels(2);
    expect(labels.label(operation('query A { me { id } }'))).toBe('A');
    expect(labels.label(operation('query B { me { id } }'))).toBe('B');
    expect(labels.label(operation('query C { me { id } }'))).toBe('other');
    expect(labels.label(operation('query A { me { id } }'))).toBe('A');
    expect(new OperationNameLabels().label(operation(`query ${'N'.repeat(300)} { me { id } }`))).toBe('N'.repeat(64));
  });
});
