// Signed-in reads that the public response cache never answers: a buyer's reservations (f) and an
// agency's orders (g). Each tops up what it reads through the API first, so a page is always full.
import { randomUUID } from 'node:crypto';
import { bookableSlots, headersOf } from './booking-scenarios.mjs';
import { PASSWORD } from './dataset.mjs';
import { body, gql, mapConcurrently } from './graphql.mjs';
import { measuredLoad } from './measure.mjs';

/** The page both lists are read in, and how many signed-in readers take turns. */
const PAGE = 20;
const READERS = 20;

const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
const RESERVE = `mutation Reserve($input: ReserveInput!) { reserve(input: $input) { id } }`;
const PAY_RESERVATION = `mutation Pay($input: PayInput!) { payReservation(input: $input) { id } }`;
const SET_CART_LINE = `mutation Cart($id: ID!) { setCartLine(listingId: $id, quantity: 1) { updatedAt } }`;
const CHECKOUT = `mutation Checkout($input: CheckoutInput!) { checkout(input: $input) { id } }`;
const PAY_CHECKOUT = `mutation PayCheckout($input: PayInput!) { payCheckout(input: $input) { id } }`;
const SHIPPING_ADDRESS = { recipientName: '김벤치', phone: '010-1234-5678', postalCode: '04524', address1: '서울 중구 세종대로 110' };
const STOCK = `query Stock($id: ID!) { listing(id: $id) { partnerAgency { id } goods { stock } } }`;

const MY_RESERVATIONS = `query MyReservations {
  myReservations(first: ${PAGE}) { nodes { id number status startsAt endsAt amount listing { id title } partnerAgency { organization { name } } } }
}`;
const AGENCY_ORDERS = `query AgencyOrders($id: ID!) {
  partnerAgencyOrders(partnerAgencyId: $id, first: ${PAGE}) {
    nodes { id number status paidAt dispatchDeadline price { total } buyer { name } lines { title quantity unitPrice } shippingAddress { recipientName } }
  }
}`;

/** Logs `emails` in, each from an address of its own in `network` (the mutation rate limit counts per address for log-ins). */
const logIn = (env, emails, network) =>
  mapConcurrently(emails, 8, async (email, i) => {
    const headers = { 'x-forwarded-for': `10.${network}.${Math.floor(i / 250)}.${(i % 250) + 1}` };
    return (await gql(env.server.url, LOG_IN, { input: { email, password: PASSWORD } }, undefined, headers)).logIn.accessToken;
  });

/** The last seeded buyers: c) and e) use the first ones, so their carts and slots stay apart. */
async function readers(env) {
  env.readerTokens ??= await logIn(env, env.seed.buyerEmails.slice(-READERS), 1);
  return env.readerTokens;
}

/** Sends `query` once and fails loudly on errors, so a broken query is not benchmarked as fast. */
const check = (env, query, variables, token) => gql(env.server.url, query, variables, token);

/** f) Each reader holds a page of paid reservations (slots taken out of c)'s pool), then reads it, in turns. */
export async function myReservations(env) {
  const tokens = await readers(env);
  const { pool } = await bookableSlots(env);
  await mapConcurrently(tokens, 4, async (token) => {
    const held = (await check(env, MY_RESERVATIONS, {}, token)).myReservations.nodes.length;
    for (let i = held; i < PAGE; i++) {
      const slot = pool.pop();
      const input = { listingId: slot.listingId, startsAt: slot.startsAt, idempotencyKey: randomUUID() };
      const { reserve } = await check(env, RESERVE, { input }, token);
      await check(env, PAY_RESERVATION, { input: { id: reserve.id, paymentKey: `bench_${reserve.id}` } }, token);
    }
  });
  return readInTurns(env, tokens, MY_RESERVATIONS, {});
}

/** A GOODS listing with stock for a page of orders and the seeded agency that sells it. */
async function sellingAgency(env) {
  for (const id of env.seed.goodsListingIds) {
    const { listing } = await gql(env.server.url, STOCK, { id });
    if (listing.goods.stock >= 2 * PAGE) return { listingId: id, agency: env.seed.agencies.find((agency) => agency.id === listing.partnerAgency.id) };
  }
  throw new Error(`no GOODS listing has ${2 * PAGE} or more in stock`);
}

/** g) One agency has a page of paid orders (one a reader, bought through the cart), which its owner reads. */
export async function agencyOrders(env) {
  const buyers = await readers(env);
  const { listingId, agency } = await sellingAgency(env);
  const [owner] = await logIn(env, [agency.email], 2);
  const variables = { id: agency.id };
  const held = (await check(env, AGENCY_ORDERS, variables, owner)).partnerAgencyOrders.nodes.length;
  await mapConcurrently(buyers.slice(0, Math.max(PAGE - held, 0)), 4, async (token) => {
    await check(env, SET_CART_LINE, { id: listingId }, token);
    const { checkout } = await check(env, CHECKOUT, { input: { shippingAddress: SHIPPING_ADDRESS, idempotencyKey: randomUUID() } }, token);
    await check(env, PAY_CHECKOUT, { input: { id: checkout.id, paymentKey: `bench_${checkout.id}` } }, token);
  });
  return readInTurns(env, [owner], AGENCY_ORDERS, variables);
}

/** The page read by each of `tokens` in turn, 20 connections, as fast as the server answers. */
function readInTurns(env, tokens, query, variables) {
  const request = { body: body(query, variables), headers: headersOf(tokens[0]) };
  let next = 0;
  const requests = [{ setupRequest: (sent) => ({ ...sent, body: request.body, headers: headersOf(tokens[next++ % tokens.length]) }) }];
  return measuredLoad(env, { connections: 20, requests, statementRequests: [request] });
}
