import { GraphQLError, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { OperationVerdicts, type JudgedOperation } from './query-limits.plugin.js';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { words: { type: GraphQLString, args: { first: { type: GraphQLInt } } } } }),
});

function judged(document: ReturnType<typeof parse>, variables: Record<string, unknown>, operationName?: string): JudgedOperation {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => o.name?.value === operationName) ?? operations[0];
  return { schema, document, operation, operationName, variables };
}

/** A judge that refuses `first` over 10 and counts how often it was asked. */
function countingJudge() {
  const asked: unknown[] = [];
  const judge = ({ variables, operationName }: JudgedOperation) => {
    asked.push({ operationName, ...variables });
    return Number(variables.first) > 10 ? new GraphQLError(`first ${String(variables.first)} is too many`) : undefined;
  };
  return { asked, judge };
}

describe('OperationVerdicts', () => {
  const document = parse('query A($first: Int) { words(first: $first) } query B($first: Int) { words(first: $first) }');

  it('judges a document once per operation and variables, and gives a refusal again when the operation comes again', () => {
    const { asked, judge } = countingJudge();
    const verdicts = new OperationVerdicts(judge);
    expect(verdicts.refusalOf(judged(document, { first: 5 }, 'A'))).toBeUndefined();
    const refusal = verdicts.refusalOf(judged(document, { first: 50 }, 'A'));
    expect(refusal?.message).toBe('first 50 is too many');
    expect(verdicts.refusalOf(judged(document, { first: 50 }, 'A'))).toBe(refusal);
    expect(verdicts.refusalOf(judged(document, { first: 5 }, 'A'))).toBeUndefined();
    expect(verdicts.refusalOf(judged(document, { first: 50 }, 'B'))?.message).toBe('first 50 is too many');
    expect(verdicts.refusalOf(judged(parse('query A($first: Int) { words(first: $first) }'), { first: 5 }, 'A'))).toBeUndefined();
    expect(asked).toEqual([
      { operationName: 'A', first: 5 },
      { operationName: 'A', first: 50 },
      { operationName: 'B', first: 50 },
      { operationName: 'A', first: 5 },
    ]);
  });

  it('keeps a bounded number of verdicts per document, dropping the least recently used', () => {
    const { asked, judge } = countingJudge();
    const verdicts = new OperationVerdicts(judge, 2);
    for (const first of [1, 2, 1, 3, 1, 2]) verdicts.refusalOf(judged(document, { first }, 'A'));
    expect(asked.map((a) => (a as { first: number }).first)).toEqual([1, 2, 3, 2]);
  });

  it('judges every time variables too long to keep as a key', () => {
    const { asked, judge } = countingJudge();
    const verdicts = new OperationVerdicts(judge);
    const long = { first: 5, padding: 'x'.repeat(2000) };
    verdicts.refusalOf(judged(document, long, 'A'));
    verdicts.refusalOf(judged(document, long, 'A'));
    expect(asked).toHaveLength(2);
  });
});
