import request from 'supertest';
import { activePartnerAgency, publishedListing } from '../support/catalog.js';
import { OPERATOR_ENV, createTestApp, logInOperator, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const SET_AVAILABILITY = `mutation($id: ID!, $input: AvailabilityInput!) { setAvailability(listingId: $id, input: $input) { timezone } }`;
const DAY_MS = 86_400_000;

const everyDay = (opensAt: string, closesAt: string) => WEEKDAYS.map((weekday) => ({ weekday, opensAt, closesAt }));

/** The "ordinary listing" by default: an hour-long service bookable 09:00–18:00 every day (9 slots a day). */
async function serviceListing(t: TestApp, availability: Record<string, unknown> = { weeklyHours: everyDay('09:00', '18:00') }): Promise<string> {
  const agency = await activePartnerAgency(t, await logInOperator(t));
  const id = await publishedListing(t, agency);
  await t.ok(SET_AVAILABILITY, { id, input: availability }, agency.owner.token);
  return id;
}

/** `aliases` anonymous `availableSlots` of the listing over `days` days from tomorrow, in one operation. */
function slotsQuery(aliases: number): string {
  const fields = Array.from({ length: aliases }, (_, i) => `s${i}: availableSlots(listingId: $id, from: $from, to: $to) { ...Slot }`);
  return `query($id: ID!, $from: DateTime!, $to: DateTime!) { ${fields.join(' ')} } fragment Slot on TimeSlot { startsAt endsAt remainingCapacity }`;
}

function slotsRange(listingId: string, days: number) {
  const from = Date.now() + DAY_MS;
  return { id: listingId, from: new Date(from).toISOString(), to: new Date(from + days * DAY_MS).toISOString() };
}

const askSlots = (t: TestApp, listingId: string, aliases: number, days: number) => t.gql(slotsQuery(aliases), slotsRange(listingId, days));
const slotsOf = async (t: TestApp, listingId: string, days: number) => (await t.ok(slotsQuery(1), slotsRange(listingId, days))).s0 as unknown[];

const refusedBeforeExecution = (res: GraphQLResponse, message: RegExp) => {
  expect(res.status).toBe(400);
  expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', fields: [] } })]);
};

/** Starts `hostile`, then times `/health` while it is handled: the event loop must stay free. */
async function healthWhile<T>(t: TestApp, hostile: () => Promise<T>): Promise<{ result: T; slowestHealthMs: number }> {
  const pending = hostile();
  let slowestHealthMs = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    expect((await request(t.app.getHttpServer()).get('/health')).status).toBe(200);
    slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
  }
  return { result: await pending, slowestHealthMs };
}

describe('GraphQL operation limits: the work an operation may cause', () => {
  let t: TestApp;
  let listingId: string;
  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    listingId = await serviceListing(t);
  });
  afterAll(() => t.close());

  it("refuses the issue's 500 anonymous aliases of availableSlots over 61 days before running anything", async () => {
    t.queries.count = 0;
    const started = performance.now();
    const { result, slowestHealthMs } = await healthWhile(t, () => askSlots(t, listingId, 500, 61));
    refusedBeforeExecution(result, /Document contains more th.. 1000 tokens/);
    expect(t.queries.count).toBe(0);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(slowestHealthMs).toBeLessThan(500);
  });

  it('prices availableSlots by its range in days: one 61-day range passes, two are over the limit, a week costs a seventh', async () => {
    expect((await slotsOf(t, listingId, 61)).length).toBeGreaterThanOrEqual(9 * 60);
    t.queries.count = 0;
    refusedBeforeExecution(await askSlots(t, listingId, 2, 61), /complexity 8786 exceeds the limit of 5000/);
    expect(t.queries.count).toBe(0);
    expect(Object.keys(await t.ok(slotsQuery(8), slotsRange(listingId, 7)))).toHaveLength(8);
  });

  it('prices a list without `first` as several items, so nested lists multiply', async () => {
    const fanOut = `{ listings(first: 100) { nodes { partnerAgency { organization { members { user { memberships { role } } } } } } } }`;
    refusedBeforeExecution(await t.gql(fanOut), /complexity 12401 exceeds/);
    expect((await t.ok(`{ listings(first: 100) { nodes { partnerAgency { organization { name } } } } }`)).listings.nodes.length).toBeGreaterThan(0);
  });

  it('judges the same document again for other variables, and refuses a refused operation every time it comes', async () => {
    const fanOut = `query FanOut($first: Int) { listings(first: $first) { nodes { partnerAgency { organization { members { user { memberships { role } } } } } } } }`;
    const operator = await logInOperator(t);
    for (let round = 0; round < 2; round++) {
      expect((await t.ok(fanOut, { first: 1 }, operator)).listings.nodes).toHaveLength(1);
      t.queries.count = 0;
      refusedBeforeExecution(await t.gql(fanOut, { first: 100 }), /complexity 12401 exceeds/);
      refusedBeforeExecution(await t.gql(fanOut, { first: 80 }), /complexity 9921 exceeds/);
      const mistyped = await t.gql(fanOut, { first: 'many' });
      expect(mistyped.status).toBe(400);
      expect(mistyped.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      expect(t.queries.count).toBe(0);
    }
  });

  it('refuses more than 20 aliases, counting those of a fragment wherever it is spread', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ');
    expect(Object.keys(await t.ok(`{ ${aliases(20)} }`))).toHaveLength(20);
    refusedBeforeExecution(await t.gql(`{ ${aliases(21)} }`), /21 aliases; at most 20/);
    const spread = `fragment Seven on Listing { ${aliases(7)} } { a: listing(id: "${listingId}") { ...Seven } b: listing(id: "${listingId}") { ...Seven } c: listing(id: "${listingId}") { ...Seven } }`;
    refusedBeforeExecution(await t.gql(spread), /24 aliases; at most 20/);
  });

  it('refuses more than 20 root fields', async () => {
    const roots = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `l${i}: listing(id: "${listingId}") { id }`).join(' ')} }`;
    expect(Object.keys(await t.ok(roots(20)))).toHaveLength(20);
    refusedBeforeExecution(await t.gql(`{ currentPolicies { kind } ${roots(20).slice(1)}`), /21 root fields; at most 20/);
  });

  it('refuses more than 50 directives', async () => {
    const directives = (n: number) => `{ listing(id: "${listingId}") { ${Array.from({ length: n }, () => 'id @include(if: true)').join(' ')} } }`;
    expect((await t.ok(directives(50))).listing.id).toBe(listingId);
    refusedBeforeExecution(await t.gql(directives(51)), /51 directives; at most 50/);
  });

  it('stops parsing at 1000 tokens: the 879 KB query of 50,000 @include directives is refused at once and /health stays prompt', async () => {
    const hostile = `{ __typename ${'@include(if: true)'.repeat(50_000)} }`;
    expect(hostile.length).toBeGreaterThan(879_000);
    const started = performance.now();
    const { result, slowestHealthMs } = await healthWhile(t, () => t.gql(hostile));
    refusedBeforeExecution(result, /Document contains more th.. 1000 tokens/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(slowestHealthMs).toBeLessThan(500);
  });

  it('measures a chain of fragments each spreading the next twice without walking every path', async () => {
    const chain = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ... on Query { ...F${i + 1} } ...F${i + 1} }`).join(' ');
    const res = await t.gql(`{ ...F0 } ${chain} fragment F40 on Query { listing(id: "${listingId}") { id } }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it("passes the README's and the benchmark's queries", async () => {
    const week = { from: new Date(Date.now() + DAY_MS).toISOString(), to: new Date(Date.now() + 8 * DAY_MS).toISOString() };
    const queries: Array<[string, Record<string, unknown>]> = [
      [
        `query Find { listings(filter: { search: "돌봄", kind: SERVICE }, orderBy: PRICE_ASC, first: 10) { totalCount
          nodes { id title price ratingAverage service { durationMinutes requiresConsultation } partnerAgency { organization { name } } }
          pageInfo { hasNextPage endCursor } } }`,
        {},
      ],
      [
        `query Slots($id: ID!) { availableSlots(listingId: $id, from: "${week.from}", to: "${week.to}") { startsAt endsAt remainingCapacity } }`,
        { id: listingId },
      ],
      [`query Listings { listings(first: 100) { nodes { id title price ratingAverage reviewCount partnerAgency { organization { name } } } } }`, {}],
      [
        `query ListingWithSlots($id: ID!, $from: DateTime!, $to: DateTime!) {
          listing(id: $id) { id title price service { durationMinutes capacityPerSlot } }
          availableSlots(listingId: $id, from: $from, to: $to) { startsAt endsAt remainingCapacity } }`,
        { id: listingId, ...week },
      ],
    ];
    for (const [query, variables] of queries) await t.ok(query, variables);
  });
});

describe('GraphQL operation limits that hold whatever the estimate says', () => {
  /** Every estimate-based limit opened wide, as if the estimate were wrong. */
  const WIDE_OPEN = {
    GRAPHQL_MAX_COMPLEXITY: String(1e12),
    GRAPHQL_MAX_ALIASES: '1000',
    GRAPHQL_MAX_ROOT_FIELDS: '1000',
    PUBLIC_CACHE_TTL_MS: '0',
    ...OPERATOR_ENV,
  };

  it('answers LIMIT_EXCEEDED instead of an answer larger than GRAPHQL_MAX_RESPONSE_BYTES', async () => {
    const t = await createTestApp({ ...WIDE_OPEN, GRAPHQL_MAX_RESPONSE_BYTES: '20000' });
    try {
      const listingId = await serviceListing(t);
      expect((await slotsOf(t, listingId, 7)).length).toBeGreaterThanOrEqual(9 * 6);
      const res = await askSlots(t, listingId, 1, 61);
      expect(res.data).toBeUndefined();
      expect(res.errors).toEqual([{ message: 'The answer is larger than the limit of 20000 bytes; ask for less', extensions: { code: 'LIMIT_EXCEEDED' } }]);
    } finally {
      await t.close();
    }
  });

  it('stops an operation after GRAPHQL_MAX_EXECUTION_MS with LIMIT_EXCEEDED; /health answers meanwhile and the server stays healthy', async () => {
    const t = await createTestApp({ ...WIDE_OPEN, GRAPHQL_MAX_EXECUTION_MS: '300' });
    try {
      // A slot starting every 5 minutes all day: 277 a day, where the estimate assumes 24.
      const listingId = await serviceListing(t, { slotIntervalMinutes: 5, weeklyHours: everyDay('00:00', '24:00') });
      expect((await slotsOf(t, listingId, 1)).length).toBeGreaterThan(270);
      // 40 × 61 days × 277 slots: about 680,000 slots, over 60 MB of JSON, in a document of under 1000 tokens.
      const started = performance.now();
      const { result, slowestHealthMs } = await healthWhile(t, () => askSlots(t, listingId, 40, 61));
      expect(result.errors).toEqual([{ message: 'The operation took longer than 300 ms; ask for less', extensions: { code: 'LIMIT_EXCEEDED' } }]);
      expect(result.data).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(3000);
      expect(slowestHealthMs).toBeLessThan(500);
      expect((await slotsOf(t, listingId, 1)).length).toBeGreaterThan(270);
    } finally {
      await t.close();
    }
  });
});

describe('GraphQL errors in production', () => {
  const TYPO = `{ listings(first: 1) { nodes { titel } } }`;
  const ENUM = `query($order: ListingOrder) { listings(orderBy: $order, first: 1) { totalCount } }`;

  it('suggest schema names outside production only ("Did you mean …")', async () => {
    const development = await createTestApp();
    const production = await createTestApp({
      NODE_ENV: 'production',
      PAYMENT_PROVIDER: 'simulated',
      BILLING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    try {
      expect((await development.gql(TYPO)).errors![0].message).toMatch(/Did you mean "title"\?/);
      expect((await development.gql(ENUM, { order: 'PRICE_AS' })).errors![0].message).toMatch(/Did you mean the enum value "PRICE_ASC"/);
      const typo = await production.gql(TYPO);
      expect(typo.errors).toEqual([
        expect.objectContaining({ message: 'Cannot query field "titel" on type "Listing".', extensions: { code: 'BAD_USER_INPUT', fields: [] } }),
      ]);
      const enumValue = await production.gql(ENUM, { order: 'PRICE_AS' });
      expect(enumValue.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(enumValue.errors![0].message).toMatch(/PRICE_AS/);
      expect(enumValue.errors![0].message).not.toMatch(/Did you mean|PRICE_ASC/);
      expect(enumValue.errors![0].extensions.fields).toEqual([{ field: 'orderBy', message: 'Value "PRICE_AS" does not exist in "ListingOrder" enum.' }]);
    } finally {
      await Promise.all([development.close(), production.close()]);
    }
  });
});
