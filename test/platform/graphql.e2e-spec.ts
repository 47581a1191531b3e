import { CompiledExecution } from '../../libs/common/src/index.js';
import { DataSource } from 'typeorm';
import { CREATE_LISTING, activePartnerAgency, serviceListingInput } from '../support/catalog.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

/**
 * `{ me { marketCreator { user { marketCreator { … } } } } }`, `levels` selection sets deep: single objects
 * all the way, so it costs little however deep it goes.
 */
function nestedQuery(levels: number): string {
  const steps = ['marketCreator', 'user'];
  let query = 'id';
  for (let i = levels - 1; i >= 1; i--) query = `${steps[(i - 1) % 2]} { ${query} }`;
  return `{ me { ${query} } }`;
}

describe('GraphQL platform: limits and error model', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_MAX_COMPLEXITY: '300', ...OPERATOR_ENV });
    token = (await signUp(t)).token;
  });
  afterAll(() => t.close());

  it('answers a query 10 levels deep and refuses 11 before running it', async () => {
    const ten = await t.gql(nestedQuery(10), {}, token);
    expect(ten.errors).toBeUndefined();
    t.queries.count = 0;
    const eleven = await t.gql(nestedQuery(11), {}, token);
    expect(eleven.status).toBe(400);
    expect(eleven.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [] });
    expect(eleven.errors![0].message).toContain('11 levels');
    expect(t.queries.count).toBe(0);
  });

  it('counts fragments when measuring depth', async () => {
    const res = await t.gql(`fragment Deep on User { ${nestedQuery(11).slice(7, -4)} } { me { ...Deep } }`, {}, token);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a query above the complexity limit before running it', async () => {
    t.queries.count = 0;
    const res = await t.gql(`{ listings(first: 100) { nodes { id title price summary } } }`, {}, token);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toBe('Query complexity 501 exceeds the limit of 300');
    expect(t.queries.count).toBe(0);
  });

  it('reports parse and validation failures as BAD_USER_INPUT', async () => {
    expect((await t.gql(`{ me { `)).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(`{ me { noSuchField } }`, {}, token)).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const wrongType = await t.gql(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, { input: { email: 5 } });
    expect(wrongType.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: expect.arrayContaining([
        { field: 'input.email', message: 'String cannot represent a non string value: 5' },
        { field: 'input.password', message: 'is required' },
      ]),
    });
  });

  it('answers a missing or mistyped variable with HTTP 400 and BAD_USER_INPUT naming the argument', async () => {
    const cases = [
      [{}, 'is required'],
      [{ id: null }, 'must not be null'],
      [{ id: { not: 'an id' } }, 'ID cannot represent value: { not: "an id" }'],
    ] as const;
    for (const [variables, message] of cases) {
      const res = await t.gql('query($id: ID!) { organization(id: $id) { name } }', variables, token);
      expect(res.status).toBe(400);
      expect(res.errors).toEqual([
        expect.objectContaining({ message: `id: ${message}`, extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'id', message }] } }),
      ]);
    }
  });

  it('refuses NUL characters (PostgreSQL cannot store them) as BAD_USER_INPUT naming the field', async () => {
    const nested = await t.gql(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: 'a\u0000b', kind: 'COOPERATIVE', businessRegistrationNumber: '220-81-62517', representativeName: '대표' } },
      token,
    );
    expect(nested.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.name', message: 'must not contain NUL characters' }] });
    const scalar = await t.gql(`mutation($token: String!) { logOut(refreshToken: $token) }`, { token: '\u0000' }, token);
    expect(scalar.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'refreshToken', message: 'must not contain NUL characters' }] });
  });

  it('refuses lone UTF-16 surrogates (not Unicode) as BAD_USER_INPUT naming the field, in inputs and plain arguments', async () => {
    const nested = await t.gql(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { name: '마을\uDC00', kind: 'COOPERATIVE', businessRegistrationNumber: '220-81-62517', representativeName: '대표' } },
      token,
    );
    expect(nested.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.name', message: expect.stringContaining('surrogate') }] });
    const scalar = await t.gql(`mutation($token: String!) { logOut(refreshToken: $token) }`, { token: '\uD83D' }, token);
    expect(scalar.errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'refreshToken', message: expect.stringContaining('surrogate') }],
    });
    // a well-formed pair (an emoji) is ordinary text
    expect((await t.gql(`mutation($token: String!) { logOut(refreshToken: $token) }`, { token: '\uD83D\uDE00' }, token)).errors).toBeUndefined();
  });

  it('refuses a date-time that does not exist (30 February) as BAD_USER_INPUT instead of reading it as 2 March', async () => {
    const res = await t.gql(`mutation($to: DateTime!) { advanceTestClock(to: $to) }`, { to: '2027-02-30T10:00:00Z' }, await logInOperator(t));
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('not a real date-time');
  });

  it('refuses a cursor whose id is no UUID as BAD_USER_INPUT on after, before it reaches SQL (docs/RULES.md §11)', async () => {
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const lists = [
      { query: 'query($after: String) { partnerAgencies(after: $after) { nodes { id } } }', token: undefined },
      { query: 'query($after: String) { myReservations(after: $after) { nodes { id } } }', token },
    ];
    for (const { query, token: caller } of lists) {
      for (const id of [' ', 'agency-1', 7]) {
        const res = await t.gql(query, { after: cursor(['2026-11-23T01:00:00.000Z', id]) }, caller);
        expect(res.errors).toEqual([
          expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after', message: 'is not a cursor of this list' }] } }),
        ]);
      }
      // The same cursor with a UUID is one of the list's, past every row.
      expect((await t.gql(query, { after: cursor(['2000-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000']) }, caller)).errors).toBeUndefined();
    }
  });

  it('only lets operators use the test clock, and only when the server enables it', async () => {
    const operator = await logInOperator(t);
    const refused = await t.gql(`mutation { advanceTestClock(to: "2030-01-01T00:00:00Z") }`, {}, operator);
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toMatch(/not enabled/);
    const res = await t.gql(`mutation { advanceTestClock(to: "2030-01-01T00:00:00Z") }`, {}, token);
    expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(`mutation { advanceTestClock(to: "2030-01-01T00:00:00Z") }`)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('hides internal failures: no stack, no SQL, just INTERNAL_SERVER_ERROR', async () => {
    const broken = await createTestApp();
    try {
      const user = await signUp(broken);
      await broken.app.get(DataSource).query('DROP TABLE organization_member');
      const res = await broken.gql(`{ me { memberships { role } } }`, {}, user.token);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toEqual({
        message: 'Internal server error',
        locations: expect.any(Array),
        path: ['me', 'memberships'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(res)).not.toMatch(/organization_member|SELECT|stack|at .*\.ts/);
    } finally {
      await broken.close();
    }
  });

  describe('one shape for every refused input (a price below 1 found by the Money scalar or by the validator)', () => {
    let owner: string;
    let agencyId: string;
    beforeAll(async () => {
      const agency = await activePartnerAgency(t, await logInOperator(t));
      owner = agency.owner.token;
      agencyId = agency.id;
    });
    const create = (overrides: Record<string, unknown>) => t.gql(CREATE_LISTING, { input: serviceListingInput(agencyId, overrides) }, owner);

    /** The refusal, checked to be one BAD_USER_INPUT error whose message lists its fields once each, in order. */
    function refusal(res: GraphQLResponse) {
      expect(res.errors).toHaveLength(1);
      const [error] = res.errors!;
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      const fields = error.extensions.fields!;
      expect(error.message).toBe(fields.map(({ field, message }) => `${field}: ${message}`).join('; '));
      for (const { field, message } of fields) expect(message).not.toContain(field.split('.').pop());
      return { status: res.status, message: error.message, extensions: error.extensions };
    }

    it('names input.price whether the scalar (before execution, HTTP 400) or the validator (HTTP 200) refuses it', async () => {
      expect(refusal(await create({ price: -1 }))).toEqual({
        status: 400,
        message: 'input.price: must not be negative',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.price', message: 'must not be negative' }] },
      });
      expect(refusal(await create({ price: 1.5 }))).toEqual({
        status: 400,
        message: 'input.price: must be a whole number of won',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.price', message: 'must be a whole number of won' }] },
      });
      expect(refusal(await create({ price: 0 }))).toEqual({
        status: 200,
        message: 'input.price: must not be less than 1',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.price', message: 'must not be less than 1' }] },
      });
    });

    it('lists every problem of the variables at once, nested ones and missing ones included', async () => {
      const { status, extensions } = refusal(
        await create({
          price: -1,
          title: undefined,
          colour: 'red',
          service: { durationMinutes: 60, capacityPerSlot: 'two', location: 'AT_CUSTOMER', requiresConsultation: false },
        }),
      );
      expect(status).toBe(400);
      const expected = [
        { field: 'input.price', message: 'must not be negative' },
        { field: 'input.title', message: 'is required' },
        { field: 'input.colour', message: 'is not a field of CreateListingInput' },
        { field: 'input.service.capacityPerSlot', message: 'Int cannot represent non-integer value: "two"' },
      ];
      expect(extensions.fields).toHaveLength(expected.length);
      expect(extensions.fields).toEqual(expect.arrayContaining(expected));
    });

    it('lists every problem the validator finds at once, at argument paths', async () => {
      const { status, extensions } = refusal(
        await create({
          price: 0,
          title: '',
          commissionRateBps: 100_000,
          service: { durationMinutes: 1, capacityPerSlot: 1, location: 'AT_CUSTOMER', requiresConsultation: false },
        }),
      );
      expect(status).toBe(200);
      expect([...new Set(extensions.fields!.map((f) => f.field))].sort()).toEqual([
        'input.commissionRateBps',
        'input.price',
        'input.service.durationMinutes',
        'input.title',
      ]);
    });

    it('names the argument path of a variable used inside a literal argument', async () => {
      const { extensions } = refusal(
        await t.gql(
          `mutation($price: Money!) { createListing(input: { partnerAgencyId: "${agencyId}", kind: SERVICE, title: "t", description: "d", commissionRateBps: 0, price: $price }) { id } }`,
          { price: -5 },
          owner,
        ),
      );
      expect(extensions.fields).toEqual([{ field: 'input.price', message: 'must not be negative' }]);
    });

    it('names the argument path of a field a service refuses', async () => {
      expect(refusal(await create({ service: null })).extensions.fields).toEqual([{ field: 'input.service', message: 'is required for a SERVICE listing' }]);
    });
  });
});

describe('GraphQL platform: compiled execution and GRAPHQL_COMPILED_EXECUTION=false answer alike', () => {
  let compiled: TestApp;
  let interpreted: TestApp;
  beforeAll(async () => {
    [compiled, interpreted] = await Promise.all([createTestApp(), createTestApp({ GRAPHQL_COMPILED_EXECUTION: 'false' })]);
  });
  afterAll(() => Promise.all([compiled.close(), interpreted.close()]));

  const ORGANIZATION = { kind: 'COOPERATIVE', businessRegistrationNumber: '220-81-62517', representativeName: '대표' };
  const CASES: Array<[string, string, Record<string, unknown>?, boolean?]> = [
    ['data, signed in', '{ me { name marketCreator { id } } }', {}, true],
    ['a guard refusing an anonymous caller', '{ me { name } }'],
    ['a list and its count', '{ listings(first: 2) { nodes { id title } totalCount } }'],
    ['a record that does not exist', 'query($id: ID!) { organization(id: $id) { name } }', { id: '00000000-0000-4000-8000-000000000000' }, true],
    [
      'an input the validation pipe refuses',
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      { input: { ...ORGANIZATION, name: 'a\u0000b' } },
      true,
    ],
    ['a bad variable', 'query($id: ID!) { organization(id: $id) { name } }', { id: { not: 'an id' } }, true],
    ['introspection', '{ __schema { queryType { name } } __type(name: "Money") { kind } }'],
    ['a nested query', nestedQuery(6), {}, true],
  ];

  it.each(CASES)('%s', async (_name, query, variables = {}, signedIn = false) => {
    const ask = async (t: TestApp) => t.gql(query, variables, signedIn ? (await signUp(t, '김동일')).token : undefined);
    // A document is compiled on its second run (the first is graphql-js's), so the second answer is the compiled one.
    await ask(compiled);
    const [withCompiled, withInterpreted] = await Promise.all([ask(compiled), ask(interpreted)]);
    expect(withCompiled).toEqual(withInterpreted);
  });

  it('ran compiled only where it is on', () => {
    const { compiled: ran, interpreted: firstRuns } = compiled.app.get(CompiledExecution).executions;
    expect(firstRuns).toBeLessThanOrEqual(CASES.length);
    expect(ran).toBeGreaterThanOrEqual(CASES.length - 1);
    expect(interpreted.app.get(CompiledExecution).executions).toEqual({ compiled: 0, interpreted: 0 });
  });
});
