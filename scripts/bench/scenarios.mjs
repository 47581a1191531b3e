// The measured scenarios. Each warms up briefly, then runs ~15 s under autocannon from this process.
import { gql } from './graphql.mjs';
import { load, statementsPerRequest, withPeakMemory } from './measure.mjs';

const WARM_UP_SECONDS = 3;
const SECONDS = 15;

const LISTINGS = (first) => `query Listings {
  listings(first: ${first}) { nodes { id title price ratingAverage reviewCount partnerAgency { organization { name } } } }
}`;
const LISTING_WITH_SLOTS = `query ListingWithSlots($id: ID!, $from: DateTime!, $to: DateTime!) {
  listing(id: $id) { id title price service { durationMinutes capacityPerSlot } }
  availableSlots(listingId: $id, from: $from, to: $to) { startsAt endsAt remainingCapacity }
}`;

const body = (query, variables = {}) => JSON.stringify({ query, variables });
const randomOf = (list) => list[Math.floor(Math.random() * list.length)];

/** Sends the operation once and fails loudly on errors, so a broken query is not benchmarked as fast. */
async function check(server, query, variables) {
  await gql(server.url, query, variables);
}

async function warmedUp(server, options) {
  await load({ ...options, url: server.url, duration: WARM_UP_SECONDS, overallRate: undefined });
}

/** A read scenario: warm-up, statements counted one request at a time, then the measured run under load. */
async function readScenario(env, options) {
  await warmedUp(env.server, options);
  const statements = await statementsPerRequest(env.server.url, env.counter, options.requests);
  const result = await withPeakMemory(env.server.pid, () => load({ url: env.server.url, duration: SECONDS, ...options }));
  return { ...result, statementsPerRequest: statements };
}

function listingsScenario(first, { connections = 20, overallRate } = {}) {
  return async (env) => {
    await check(env.server, LISTINGS(first));
    return readScenario(env, { connections, overallRate, requests: [{ body: body(LISTINGS(first)) }] });
  };
}

async function listingWithSlots(env) {
  const sevenDays = () => {
    const from = new Date();
    return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
  };
  await check(env.server, LISTING_WITH_SLOTS, { id: env.seed.serviceListingIds[0], ...sevenDays() });
  const requests = [{ setupRequest: (request) => ({ ...request, body: body(LISTING_WITH_SLOTS, { id: randomOf(env.seed.serviceListingIds), ...sevenDays() }) }) }];
  return readScenario(env, { connections: 20, requests });
}

/**
 * Every scenario with its targets (from issue 7). `limits` are checked against the result; a scenario
 * whose library is not there yet is listed with the reason.
 */
export const SCENARIOS = [
  {
    key: 'a',
    title: '`listings(first: 20)` + agency name, rating, price — max throughput',
    run: listingsScenario(20),
    targets: { rps: { min: 1500 }, statementsPerRequest: { max: 5 } },
  },
  {
    key: 'a',
    title: '`listings(first: 20)` — fixed 500 req/s',
    run: listingsScenario(20, { connections: 50, overallRate: 500 }),
    targets: { p99: { max: 50 } },
  },
  {
    key: 'a',
    title: '`listings(first: 100)` — max throughput (statements do not grow with the page)',
    run: listingsScenario(100),
    targets: { statementsPerRequest: { max: 5 } },
  },
  {
    key: 'b',
    title: '`listing(id)` + `availableSlots` for 7 days, random listings',
    run: listingWithSlots,
    targets: {},
  },
];
