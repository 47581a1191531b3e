// The measured scenarios, in the order they run. Each warms up briefly, then runs ~15 s.
import { reservationRace, reserveAndPay } from './booking-scenarios.mjs';
import { body, gql } from './graphql.mjs';
import { measuredLoad } from './measure.mjs';

const LISTINGS = (first) => `query Listings {
  listings(first: ${first}) { nodes { id title price ratingAverage reviewCount partnerAgency { organization { name } } } }
}`;
const LISTING_WITH_SLOTS = `query ListingWithSlots($id: ID!, $from: DateTime!, $to: DateTime!) {
  listing(id: $id) { id title price service { durationMinutes capacityPerSlot } }
  availableSlots(listingId: $id, from: $from, to: $to) { startsAt endsAt remainingCapacity }
}`;

const randomOf = (list) => list[Math.floor(Math.random() * list.length)];

/** A target of issue 7: its text and whether a result meets it. */
const target = (text, met) => ({ text, met });

/** Sends the operation once and fails loudly on errors, so a broken query is not benchmarked as fast. */
async function check(server, query, variables) {
  await gql(server.url, query, variables);
}

function listings(first, rate) {
  return async (env) => {
    await check(env.server, LISTINGS(first));
    return measuredLoad(env, { connections: 20, rate, requests: [{ body: body(LISTINGS(first)) }] });
  };
}

function sevenDays() {
  const from = new Date();
  return { from: from.toISOString(), to: new Date(from.getTime() + 7 * 86_400_000).toISOString() };
}

async function listingWithSlots(env) {
  await check(env.server, LISTING_WITH_SLOTS, { id: env.seed.serviceListingIds[0], ...sevenDays() });
  const requests = [{ setupRequest: (request) => ({ ...request, body: body(LISTING_WITH_SLOTS, { id: randomOf(env.seed.serviceListingIds), ...sevenDays() }) }) }];
  return measuredLoad(env, { connections: 20, requests });
}

/** Every scenario with the targets of issue 7 it is held to. */
export const SCENARIOS = [
  {
    key: 'a',
    title: '`listings(first: 20)` + agency name, rating, price — max throughput',
    run: listings(20),
    targets: [target('≥ 1,500 req/s', (r) => r.rps >= 1500), target('≤ 5 SQL', (r) => r.statementsPerRequest <= 5)],
  },
  {
    key: 'a',
    title: '`listings(first: 20)` — fixed 500 req/s',
    run: listings(20, 500),
    targets: [target('p99 ≤ 50 ms', (r) => r.p99 <= 50)],
  },
  {
    key: 'a',
    title: '`listings(first: 20)` — fixed 150 req/s (below saturation on this machine)',
    run: listings(20, 150),
    targets: [],
  },
  {
    key: 'a',
    title: '`listings(first: 100)` — max throughput (statements do not grow with the page)',
    run: listings(100),
    targets: [target('≤ 5 SQL', (r) => r.statementsPerRequest <= 5)],
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
];
