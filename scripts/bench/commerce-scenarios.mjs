// The goods write path (e): buyers fill a three-line cart over two agencies, check it out and pay it.
import { randomUUID } from 'node:crypto';
import { buyerTokens, dataOf, headersOf } from './booking-scenarios.mjs';
import { body, gql } from './graphql.mjs';
import { countWhenQuiet, measuredLoad } from './measure.mjs';

/** Listings a cart may use: enough stock for several runs on the cached database. */
const MIN_STOCK = 100;
/** Listings asked for in one request while looking for stock (aliases of `listing`). */
const LOOKUP_BATCH = 20;
/** Rounds counted one at a time for the statements of a checkout and of a payment. */
const COUNTED_ROUNDS = 20;

const SHIPPING_ADDRESS = { recipientName: '김벤치', phone: '010-1234-5678', postalCode: '04524', address1: '서울 중구 세종대로 110' };
const FILL_CART = `mutation FillCart($a: ID!, $b: ID!, $c: ID!) {
  a: setCartLine(listingId: $a, quantity: 1) { updatedAt }
  b: setCartLine(listingId: $b, quantity: 1) { updatedAt }
  c: setCartLine(listingId: $c, quantity: 1) { updatedAt }
}`;
const CHECKOUT = `mutation Checkout($input: CheckoutInput!) { checkout(input: $input) { id status } }`;
const PAY = `mutation PayCheckout($input: PayInput!) { payCheckout(input: $input) { id status } }`;

const lookup = (ids) => `query Stock { ${ids.map((id, i) => `l${i}: listing(id: "${id}") { id partnerAgency { id } goods { stock } }`).join(' ')} }`;

/**
 * Three-line carts, each two listings of one agency and one of another, from the seeded GOODS listings
 * with the most stock (asked through the public API, as a client would). Each buyer keeps one cart, so
 * the lines a failed checkout leaves behind are the ones the buyer's next round sets again.
 */
async function carts(env) {
  if (env.carts) return env.carts;
  const ids = env.seed.goodsListingIds;
  const listings = [];
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) listings.push(...Object.values(await gql(env.server.url, lookup(ids.slice(i, i + LOOKUP_BATCH)))));
  const byAgency = new Map();
  for (const listing of listings.filter((l) => l.goods.stock >= MIN_STOCK).sort((a, b) => b.goods.stock - a.goods.stock)) {
    const agencyId = listing.partnerAgency.id;
    byAgency.set(agencyId, [...(byAgency.get(agencyId) ?? []), listing.id]);
  }
  const agencies = [...byAgency.values()];
  const pairs = agencies.filter((listingIds) => listingIds.length >= 2);
  if (!pairs.length || agencies.length < 2) throw new Error(`too few agencies have GOODS listings with ${MIN_STOCK} or more in stock`);
  // The third line from the next agency along, so the carts spread over the agencies.
  env.carts = pairs.map((pair) => {
    const other = agencies[(agencies.indexOf(pair) + 1) % agencies.length];
    return { a: pair[0], b: pair[1], c: other[0] };
  });
  return env.carts;
}

/** One round's three requests: fill the cart, check it out, pay it; a failed step ends the round. */
function roundRequests(tokens, cartOf) {
  let next = 0;
  return [
    {
      setupRequest(request, context) {
        const buyer = next++ % tokens.length;
        context.token = tokens[buyer];
        context.checkoutId = undefined;
        return { ...request, headers: headersOf(context.token), body: body(FILL_CART, cartOf(buyer)) };
      },
    },
    {
      setupRequest(request, context) {
        const input = { shippingAddress: SHIPPING_ADDRESS, idempotencyKey: randomUUID() };
        return { ...request, headers: headersOf(context.token), body: body(CHECKOUT, { input }) };
      },
      onResponse(status, text, context) {
        context.checkoutId = dataOf(text)?.checkout?.id;
      },
    },
    {
      setupRequest(request, context) {
        if (!context.checkoutId) return null;
        const input = { id: context.checkoutId, paymentKey: `bench_${context.checkoutId}` };
        return { ...request, headers: headersOf(context.token), body: body(PAY, { input }) };
      },
    },
  ];
}

/**
 * Statements of a checkout and of its payment, each counted over COUNTED_ROUNDS sent one at a time
 * (the carts filled beforehand, uncounted).
 */
async function statementsOfCheckoutAndPay(env, tokens, cartOf) {
  const url = env.server.url;
  const buyers = tokens.slice(0, COUNTED_ROUNDS).map((token, i) => ({ token, cart: cartOf(i) }));
  for (const buyer of buyers) await gql(url, FILL_CART, buyer.cart, buyer.token);
  const counted = async (send) => {
    const before = await countWhenQuiet(env.counter);
    const results = [];
    for (const buyer of buyers) results.push(await send(buyer));
    return { results, perRound: ((await countWhenQuiet(env.counter)) - before) / buyers.length };
  };
  const checkouts = await counted((buyer) => gql(url, CHECKOUT, { input: { shippingAddress: SHIPPING_ADDRESS, idempotencyKey: randomUUID() } }, buyer.token));
  const payments = await counted((buyer) => {
    const { id } = checkouts.results[buyers.indexOf(buyer)].checkout;
    return gql(url, PAY, { input: { id, paymentKey: `bench_${id}` } }, buyer.token);
  });
  return { checkout: checkouts.perRound, pay: payments.perRound };
}

/**
 * e) Each autocannon round is one checkout: fill a buyer's three-line cart over two agencies (one
 * request), `checkout` it (two orders, one payment), then `payCheckout`. Checkouts/s are rounds/s; SQL per
 * request is that of checkout and pay (the cart is left out), as c) counts reserve and pay.
 */
export async function checkoutAndPay(env) {
  env.log('   logging in buyers and finding GOODS listings with stock');
  const tokens = await buyerTokens(env);
  const plans = await carts(env);
  const cartOf = (buyer) => plans[buyer % plans.length];
  const statements = await statementsOfCheckoutAndPay(env, tokens, cartOf);
  const result = await measuredLoad(env, {
    connections: 20,
    requests: roundRequests(tokens, cartOf),
    countedStatements: (statements.checkout + statements.pay) / 2,
  });
  return {
    ...result,
    // Three requests make one checkout.
    rps: result.rps / 3,
    checkoutStatements: statements.checkout,
    payStatements: statements.pay,
    note: `${statements.checkout.toFixed(1)} SQL per checkout + ${statements.pay.toFixed(1)} per pay; ${plans.length} carts`,
  };
}
