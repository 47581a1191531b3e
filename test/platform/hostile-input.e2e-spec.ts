import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { DataSource } from 'typeorm';
import { CompiledExecution, ERROR_CODES } from '../../libs/common/src/index.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

/**
 * Sends generated values for every argument of every operation in schema.graphql — Korean and emoji
 * text, 100 KB strings, negative and huge numbers, wrong types, missing fields — as an anonymous
 * caller, a buyer and an operator. No answer may be an internal error or show a stack or SQL, and a
 * mutation that fails leaves no row behind. New operations are covered as soon as they are in the schema.
 */
const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const RUNS_PER_OPERATION = Number(process.env.HOSTILE_INPUT_RUNS ?? 12);
/** Tables a failed call may legitimately write: failed log-ins, the job queue, the payment attempt log, mutation rate counts. */
const RECORDS_OF_FAILURES = ['login_attempt', 'job', 'payment_attempt', 'simulated_provider_request', 'mutation_rate_window'];
const LEAK =
  /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|\b(SELECT|INSERT|UPDATE|DELETE)\b.+\b(FROM|INTO|SET)\b|QueryFailedError|violates|relation "|syntax error at|TypeError|ReferenceError|undefined is not|Cannot read propert/i;
const KNOWN_CODES = new Set<string>(ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR'));

const text = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '돌봄 서비스', '햇살돌봄 사회적협동조합', '👩‍🌾🌾', '\u0000', "'; DROP TABLE payment; --", '%_\\', '<script>alert(1)</script>'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constant('가'.repeat(100 * 1024)),
);
const integer = fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 1, 2 ** 31 - 1, -(2 ** 31)), fc.maxSafeInteger(), fc.constantFrom(2 ** 31, 2 ** 53, 1e21));
const wrongType = fc.oneof(fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 1 }), text);

function scalar(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return integer;
    case 'Money':
      return fc.oneof(integer, fc.double(), fc.constantFrom(-10_000, 0, 10_000, Number.MAX_SAFE_INTEGER));
    case 'Float':
      return fc.double();
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return fc.oneof(fc.uuid(), text, fc.constantFrom('00000000-0000-0000-0000-000000000000', '1'));
    case 'DateTime':
      return fc.oneof(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('2026-02-30T10:00:00+09:00', '2026-11-23', 'yesterday', '2026-11-23T25:00:00Z'),
        text,
      );
    case 'Date':
      return fc.oneof(fc.constantFrom('2026-11-23', '2026-02-29', '2028-02-29', '0000-00-00', '2026-13-01'), text);
    default:
      return text;
  }
}

/** Mostly well-typed values of odd content, sometimes the wrong type or a missing required field. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ weight: 9, arbitrary: valueFor(type.ofType, depth) }, { weight: 1, arbitrary: fc.constant(undefined) });
  const wellTyped = ((): fc.Arbitrary<unknown> => {
    if (isListType(type)) return fc.array(valueFor(type.ofType, depth + 1), { maxLength: depth > 2 ? 0 : 4 });
    if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((value) => value.name)), fc.constant('NOT_A_VALUE'));
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      if (depth > 3) return fc.constant({});
      return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, depth + 1)])), { requiredKeys: [] });
    }
    return scalar(getNamedType(type).name);
  })();
  return fc.oneof({ weight: 8, arbitrary: wellTyped }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: fc.constant(null) });
}

function argumentsFor(args: readonly GraphQLArgument[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(args.map((arg) => [arg.name, valueFor(arg.type)])), { requiredKeys: [] });
}

function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

describe('hostile input', () => {
  let t: TestApp;
  let callers: Array<[string, string | undefined]>;
  let countRows: () => Promise<number>;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    callers = [
      ['anonymous', undefined],
      ['buyer', (await signUp(t, '김구매')).token],
      ['operator', await logInOperator(t)],
    ];
    const dataSource = t.app.get(DataSource);
    const tables: Array<{ name: string }> = await dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))`,
      [[...RECORDS_OF_FAILURES, 'migrations']],
    );
    const sql = `SELECT ${tables.map(({ name }) => `(SELECT count(*) FROM "${name}")`).join(' + ')} AS total`;
    countRows = async () => Number((await dataSource.query<Array<{ total: string }>>(sql))[0].total);
  });
  afterAll(() => t.close());

  const operations = (['query', 'mutation'] as const).flatMap((kind) => {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    return Object.values(root?.getFields() ?? {})
      .filter((field) => field.name !== 'logOut' && field.name !== 'advanceTestClock')
      .map((field) => [`${kind} ${field.name}`, kind, field] as const);
  });

  it.each(operations)('%s: no internal error, no leak, no partial write', async (_name, kind, field) => {
    const document = documentFor(kind, field);
    const executions = t.app.get(CompiledExecution).executions;
    const interpretedBefore = executions.interpreted;
    await fc.assert(
      fc.asyncProperty(argumentsFor(field.args), fc.integer({ min: 0, max: callers.length - 1 }), async (variables, who) => {
        const before = kind === 'mutation' ? await countRows() : 0;
        const res = await t.gql(document, variables, callers[who][1]);
        const oversized = Buffer.byteLength(JSON.stringify({ query: document, variables })) > t.config.requestBodyLimitBytes;
        expect(oversized ? [413] : [200, 400]).toContain(res.status);
        for (const error of res.errors ?? []) {
          expect(KNOWN_CODES).toContain(error.extensions?.code);
          expect(error.extensions).not.toHaveProperty('stacktrace');
          expect(error.message).not.toMatch(LEAK);
        }
        if (kind === 'mutation' && res.errors?.length) expect(await countRows()).toBe(before);
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
    // What reached execution ran compiled but the document's first run (graphql-js's, before it is compiled):
    // variables graphql-js would refuse are refused before execution (query limits).
    expect(executions.interpreted).toBeLessThanOrEqual(interpretedBefore + 1);
  });

  it('ran the operations above through their compiled queries', () => {
    // Many runs are refused before execution (bad variables, limits); of the others, only each document's first was graphql-js's.
    const { compiled, interpreted } = t.app.get(CompiledExecution).executions;
    expect(compiled).toBeGreaterThan(0);
    expect(compiled + interpreted).toBeGreaterThan(operations.length);
    expect(interpreted).toBeLessThanOrEqual(operations.length);
  });
});
