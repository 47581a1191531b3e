import { randomUUID } from 'node:crypto';
import { ClockService } from '../../libs/common/src/index.js';
import { CREATE_LISTING, PUBLISH_LISTING, serviceListingInput, type Agency } from './catalog.js';
import { ADDRESS } from './commerce.js';
import { payInvoice, viewAgency } from './membership.js';
import { REGISTER_BILLING_METHOD } from './billing.js';
import type { TestApp } from './test-app.js';

export const ADVANCE_CLOCK = `mutation($to: DateTime!) { advanceTestClock(to: $to) }`;

export const SUBSCRIPTION_FIELDS = `id number status quantity unitPrice shippingFee nextChargeAmount interval paidCycles minimumCycles cancellable
  failedAttempts pastDueSince nextRetryAt startedAt cancelledAt endReason resumeOn
  billingMethod { id cardSummary } shippingAddress { recipientName address1 }
  upcomingDeliveries(count: 3) { shipDate cutoffAt skipped skipReason amount }
  cycles(first: 50) { totalCount nodes { index shipDate cutoffAt status skipReason amount attempts nextRetryAt payment { status amount } order { id status price { total } dispatchDeadline subscription { id } } } }`;

export const SUBSCRIBE = `mutation($input: SubscribeInput!) { subscribe(input: $input) { ${SUBSCRIPTION_FIELDS} } }`;
export const BOX_SUBSCRIPTION = `query($id: ID!) { boxSubscription(id: $id) { ${SUBSCRIPTION_FIELDS} } }`;
export const CHANGE_BILLING_METHOD = `mutation($id: ID!, $methodId: ID!) { changeSubscriptionBillingMethod(subscriptionId: $id, billingMethodId: $methodId) { ${SUBSCRIPTION_FIELDS} } }`;

/** A published WEEKLY (Tuesday, cutoff 3 days) box of the agency at 25,000 won + 3,000 shipping unless overridden; its id. */
export async function subscriptionListing(t: TestApp, agency: Agency, subscription: Record<string, unknown> = {}): Promise<string> {
  const input = {
    ...serviceListingInput(agency.id),
    kind: 'SUBSCRIPTION',
    title: '제철 채소 꾸러미',
    price: 25_000,
    category: null,
    service: undefined,
    subscription: { interval: 'WEEKLY', shippingFee: 3_000, minimumCycles: 1, contents: ['감자', '당근'], ...subscription },
  };
  const created = await t.ok(CREATE_LISTING, { input }, agency.owner.token);
  await t.ok(PUBLISH_LISTING, { id: created.createListing.id }, agency.owner.token);
  return created.createListing.id;
}

/** A billing method of the user registered from `authKey` (a fresh one unless given, e.g. `sim_chargefail2_…`); its id. */
export async function billingMethod(t: TestApp, token: string, authKey = `auth_${randomUUID()}`): Promise<string> {
  return (await t.ok(REGISTER_BILLING_METHOD, { authKey }, token)).registerBillingMethod.id;
}

/** `subscribe` with the test address and a fresh idempotency key unless the input names them. */
export function subscribe(t: TestApp, token: string, input: { listingId: string; billingMethodId: string } & Record<string, unknown>) {
  return t.gql(SUBSCRIBE, { input: { shippingAddress: ADDRESS, idempotencyKey: randomUUID(), ...input } }, token);
}

/** The agency pays every dues invoice it owes, so it stays ACTIVE while a test clock runs (else its deliveries are skipped). */
export async function payDues(t: TestApp, agency: Agency): Promise<void> {
  for (const invoice of (await viewAgency(t, agency.id, agency.owner.token)).duesInvoices) {
    if (invoice.paymentRequest) await payInvoice(t, invoice.id, agency.owner.token);
  }
}

/** Moves the test clock week by week to `to`, the agencies paying their dues on the way (else their deliveries are skipped). */
export async function advanceWeekly(t: TestApp, operator: string, agencies: readonly Agency[], to: string): Promise<void> {
  const payAll = async () => {
    for (const agency of agencies) await payDues(t, agency);
  };
  for (let at = t.app.get(ClockService).now().getTime() + 7 * 24 * 3600_000; at < Date.parse(to); at += 7 * 24 * 3600_000) {
    await t.ok(ADVANCE_CLOCK, { to: new Date(at).toISOString() }, operator);
    await payAll();
  }
  await t.ok(ADVANCE_CLOCK, { to }, operator);
  await payAll();
}
