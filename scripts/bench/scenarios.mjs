// The measured scenarios, in the order they run. Each warms up briefly, then runs ~15 s.
import { agencyOrders, myReservations } from './account-scenarios.mjs';
import { reservationRace, reserveAndPay } from './booking-scenarios.mjs';
import { checkoutAndPay } from './commerce-scenarios.mjs';
import { body, gql } from './graphql.mjs';
import { measuredLoad } from './measure.mjs';

const LISTINGS = (first, fields = '') => `query Listings {
  listings(first: ${first}) { ${fields} nodes { id title price ratingAverage reviewCount partnerAgency { organization { name } } } }
}`;
const LISTING_WITH_SLOTS = `query ListingWithSlots($id: ID!, $from: DateTime!, $to: DateTime!) {
  listing(id: $id) { id title price service { durationMinutes capacityPerSlot } }
  availableSlots(listingId: $id, from: $from, to: $to) { startsAt endsAt remainingCapacity }
}`;

const randomOf = (list) => list[Math.floor(Math.random() * list.length)];

/** A target of issue 7: its text and whether a result (beside the run's other `rows`) meets it. */
const target = (text, met) => ({ text, met });

/** Sends the operation once and fails loudly on errors, so a broken query is not benchmarked as fast. */
async function check(server, query, variables) {
  await gql(server.url, query, variables);
}

/** Asks past the public response cache (README, "How it scales"), as a client wanting a fresh answer does. */
const FRESH = { 'content-type': 'application/json', 'cache-control': 'no-cache' };

/**
 * Every client asks for the same anonymous page, as visitors of the storefront's front page do: answered
 * from the public response cache unless `fresh`. Statements are counted with fresh requests either way.
 */
function listings(first, { rate, fresh = false, fields } = {}) {
  return async (env) => {
    const query = LISTINGS(first, fields);
    await check(env.server, query);
    const uncached = { body: body(query), headers: FRESH };
    const request = fresh ? uncached : { body: body(query) };
    return measuredLoad(env, { connections: 20, rate, requests: [request], statementRequests: [uncached] });
  };
}

function sevenDays() {
  const from = new Date();
  return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
}

async function listingWithSlots(env) {
  await check(env.server, LISTING_WITH_SLOTS, { id: env.seed.serviceListingIds[0], ...sevenDays() });
  const requests = [
    { setupRequest: (request) => ({ ...request, body: body(LISTING_WITH_SLOTS, { id: randomOf(env.seed.serviceListingIds), ...sevenDays() }) }) },
  ];
  return measuredLoad(env, { connections: 20, requests });
}

/** a) uncached, which h) adds the count to. */
const uncachedPage = listings(20, { fresh: true });

/** Every scenario with the targets of issue 7 it is held to. */
export const SCENARIOS = [
  {
    key: 'a',
    title: '`listings(first: 20)` + agency name, rating, price, the same anonymous page for every client (cached) — max throughput',
    run: listings(20),
    targets: [target('≥ 1,500 req/s', (r) => r.rps >= 1500), target('≤ 5 SQL', (r) => r.statementsPerRequest <= 5)],
  },
  {
    key: 'a',
    title: '`listings(first: 20)` cached — fixed 500 req/s',
    run: listings(20, { rate: 500 }),
    targets: [target('p99 ≤ 50 ms', (r) => r.p99 <= 50)],
  },
  {
    key: 'a',
    title: '`listings(first: 20)` uncached (`Cache-Control: no-cache`) — max throughput',
    run: uncachedPage,
    targets: [target('≤ 5 SQL', (r) => r.statementsPerRequest <= 5)],
  },
  {
    key: 'a',
    title: '`listings(first: 20)` uncached — fixed 150 req/s (below its saturation on this machine)',
    run: listings(20, { rate: 150, fresh: true }),
    targets: [],
  },
  {
    key: 'a',
    title: '`listings(first: 100)` uncached — max throughput (statements do not grow with the page)',
    run: listings(100, { fresh: true }),
    targets: [target('≤ 5 SQL', (r) => r.statementsPerRequest <= 5)],
  },
  {
    key: 'h',
    title: '`listings(first: 20) { totalCount … }` uncached — max throughput (the count beside the same page)',
    run: listings(20, { fresh: true, fields: 'totalCount' }),
    targets: [
      target('≤ 0.5 PostgreSQL CPU ms more than a) uncached in the same run (issue 21)', (r, rows) => {
        const page = rows.find((row) => row.scenario.run === uncachedPage)?.result;
        return Boolean(page) && r.postgresCpuMsPerRequest - page.postgresCpuMsPerRequest <= 0.5;
      }),
    ],
  },
  {
    key: 'b',
    title: '`listing(id)` + `availableSlots` for 7 days, random listings',
    run: listingWithSlots,
    targets: [],
  },
  {
    key: 'c',
    title: '`reserve` → `payReservation`, many buyers on many slots — reservations/s (SQL per request: reserve or pay)',
    run: reserveAndPay,
    targets: [target('≥ 200 reservations/s', (r) => r.rps >= 200), target('p99 ≤ 100 ms', (r) => r.p99 <= 100)],
  },
  {
    key: 'd',
    title: '200 buyers `reserve` one slot at once',
    run: reservationRace,
    targets: [target('exactly 1 winner', (r) => r.winners === 1)],
  },
  {
    key: 'e',
    title: 'three-line cart over two agencies, `checkout` → `payCheckout`, many buyers — checkouts/s (SQL per request: checkout or pay)',
    run: checkoutAndPay,
    targets: [
      target('≥ c) reservations/s in the same run (issue 15)', (r, rows) => {
        const reservations = rows.find((row) => row.scenario.run === reserveAndPay)?.result;
        return Boolean(reservations) && r.rps >= reservations.rps;
      }),
    ],
  },
  {
    key: 'f',
    title: "a signed-in buyer's `myReservations(first: 20)` with listing and agency name, 20 buyers in turn — max throughput",
    run: myReservations,
    targets: [target('≤ 1.5 server CPU ms', (r) => r.cpuMsPerRequest <= 1.5)],
  },
  {
    key: 'g',
    title: "an agency's `partnerAgencyOrders(first: 20)` with lines and buyer, read by its owner — max throughput",
    run: agencyOrders,
    targets: [target('≤ 1.5 server CPU ms', (r) => r.cpuMsPerRequest <= 1.5)],
  },
];
