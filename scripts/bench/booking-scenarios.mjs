// The write path: buyers reserve and pay slots (c), and 200 buyers race for one slot (d).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PASSWORD } from './dataset.mjs';
import { body, gql, mapConcurrently } from './graphql.mjs';
import { countWhenQuiet, measuredLoad, percentile, withServerUsage } from './measure.mjs';

const BUYERS = 250;
const RACERS = 200;
/** Slots from the day after tomorrow for a week, so none starts (and drops out) during a run. */
const SLOT_WINDOW_DAYS = { from: 2, to: 9 };
const SLOTS_NEEDED = 8_000;

const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
const RESERVE = `mutation Reserve($input: ReserveInput!) { reserve(input: $input) { id status } }`;
const PAY = `mutation Pay($input: PayInput!) { payReservation(input: $input) { id status } }`;
const BOOKABLE = `query Bookable($id: ID!, $from: DateTime!, $to: DateTime!) {
  listing(id: $id) { service { requiresConsultation capacityPerSlot } }
  availableSlots(listingId: $id, from: $from, to: $to) { startsAt remainingCapacity }
}`;

export const headersOf = (token) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
export const dataOf = (text) => {
  try {
    return JSON.parse(text).data;
  } catch {
    return null;
  }
};

/**
 * Access tokens of the first BUYERS seeded buyers, logged in once per run (scrypt makes log-in slow on
 * purpose). Each buyer logs in from an address of its own, as through a proxy (the measured server trusts
 * X-Forwarded-For): from one address, the 250 anonymous log-ins would go over the mutation rate limit.
 */
export async function buyerTokens(env) {
  env.buyerTokens ??= await mapConcurrently(env.seed.buyerEmails.slice(0, BUYERS), 8, async (email, i) => {
    const address = `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    const data = await gql(env.server.url, LOG_IN, { input: { email, password: PASSWORD } }, undefined, { 'x-forwarded-for': address });
    return data.logIn.accessToken;
  });
  return env.buyerTokens;
}

function shuffled(list) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * Free slots of directly bookable services (no consultation), from random listings, each used once; the
 * race (d) gets a slot with a single seat kept apart. Found through the public API like a client would.
 */
export async function bookableSlots(env) {
  if (env.slots) return env.slots;
  const day = 86_400_000;
  const from = new Date(Date.now() + SLOT_WINDOW_DAYS.from * day).toISOString();
  const to = new Date(Date.now() + SLOT_WINDOW_DAYS.to * day).toISOString();
  const slots = [];
  let race = null;
  for (const id of shuffled(env.seed.serviceListingIds)) {
    if (slots.length >= SLOTS_NEEDED && race) break;
    const { listing, availableSlots } = await gql(env.server.url, BOOKABLE, { id, from, to });
    if (listing.service.requiresConsultation) continue;
    const open = availableSlots.map((slot) => ({ listingId: id, startsAt: slot.startsAt }));
    if (!race && listing.service.capacityPerSlot === 1 && open.length) race = open.pop();
    slots.push(...open);
  }
  // `taken` is c)'s place in the pool across runs (bench:compare runs c) several times, on two servers sharing one pool).
  env.slots = { pool: shuffled(slots), race, taken: 0 };
  return env.slots;
}

/**
 * c) Each autocannon round is one reservation: `reserve` a slot as a buyer (round robin), then
 * `payReservation` it. A round whose reserve failed stops there (counted as an error).
 */
export async function reserveAndPay(env) {
  env.log(`   logging in ${BUYERS} buyers and finding free slots`);
  const tokens = await buyerTokens(env);
  const slots = await bookableSlots(env);
  const { pool } = slots;
  let next = 0;
  const requests = [
    {
      setupRequest(request, context) {
        const slot = pool[slots.taken++ % pool.length];
        context.token = tokens[next++ % tokens.length];
        const input = { listingId: slot.listingId, startsAt: slot.startsAt, idempotencyKey: randomUUID() };
        return { ...request, headers: headersOf(context.token), body: body(RESERVE, { input }) };
      },
      onResponse(status, text, context) {
        context.reservationId = dataOf(text)?.reserve?.id;
      },
    },
    {
      setupRequest(request, context) {
        if (!context.reservationId) return null;
        const input = { id: context.reservationId, paymentKey: `bench_${context.reservationId}` };
        return { ...request, headers: headersOf(context.token), body: body(PAY, { input }) };
      },
    },
  ];
  const result = await measuredLoad(env, { connections: 20, requests });
  if (slots.taken > pool.length) env.log(`   only ${pool.length} free slots for ${slots.taken} reservations: later ones were SLOT_UNAVAILABLE`);
  // Two requests make one reservation.
  return { ...result, rps: result.rps / 2 };
}

/**
 * d) RACERS buyers, each on an open connection, reserve the same single-seat slot at once. Exactly one
 * must win; the others must get SLOT_UNAVAILABLE; the slot must then be gone from availableSlots.
 */
export async function reservationRace(env) {
  const tokens = (await buyerTokens(env)).slice(0, RACERS);
  const { race } = await bookableSlots(env);
  if (!race) throw new Error('no free single-seat slot was found for the race');
  const url = env.server.url;
  await Promise.all(tokens.map(() => gql(url, '{ __typename }')));
  const before = await countWhenQuiet(env.counter);
  const result = await withServerUsage(env, async () => {
    const started = performance.now();
    const outcomes = await Promise.all(
      tokens.map(async (token) => {
        const sent = performance.now();
        const input = { listingId: race.listingId, startsAt: race.startsAt, idempotencyKey: randomUUID() };
        const answer = await (await fetch(url, { method: 'POST', headers: headersOf(token), body: body(RESERVE, { input }) })).json();
        return { ms: performance.now() - sent, won: Boolean(answer.data?.reserve), code: answer.errors?.[0]?.extensions?.code };
      }),
    );
    return { settledMs: performance.now() - started, outcomes, requests: RACERS };
  });
  const statements = (await countWhenQuiet(env.counter)) - before;
  const { outcomes } = result;
  const winners = outcomes.filter((outcome) => outcome.won).length;
  const refused = outcomes.filter((outcome) => outcome.code === 'SLOT_UNAVAILABLE').length;
  const day = 86_400_000;
  const left = await gql(url, BOOKABLE, { id: race.listingId, from: race.startsAt, to: new Date(Date.parse(race.startsAt) + day).toISOString() });
  const stillOpen = left.availableSlots.some((slot) => slot.startsAt === race.startsAt);
  const latencies = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b);
  return {
    rps: NaN,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statementsPerRequest: statements / RACERS,
    peakRssMb: result.peakRssMb,
    cpuMsPerRequest: result.cpuMsPerRequest,
    loadGeneratorCpuMsPerRequest: result.loadGeneratorCpuMsPerRequest,
    postgresCpuMsPerRequest: result.postgresCpuMsPerRequest,
    errors: RACERS - winners - refused + (stillOpen ? 1 : 0),
    winners,
    note: `settled in ${result.settledMs.toFixed(0)} ms: ${winners} winner, ${refused} SLOT_UNAVAILABLE${stillOpen ? ', but the slot is still offered' : ''}`,
  };
}
