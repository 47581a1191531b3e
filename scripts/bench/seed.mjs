// Seeds the generated data set through the GraphQL API, as clients would, and caches what it made.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as dataset from './dataset.mjs';
import { Account, gql, mapConcurrently } from './graphql.mjs';
import { BENCH_DIR, OPERATOR } from './processes.mjs';

/** Raise when the data set or the way it is made changes: cached databases are then seeded again. */
export const SEED_VERSION = 2;
/** Dues fall due monthly on the real clock; after this many days unpaid invoices would start to suspend agencies. */
const MAX_SEED_AGE_DAYS = 20;
const CONCURRENCY = 16;
/** What a partner agency agrees to when it applies (docs/RULES.md §4). */
const AGENCY_POLICIES = ['OPERATING_PRINCIPLES', 'ETHICS_CODE'];
const MARKER = join(BENCH_DIR, 'seed.json');

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const POLICIES = `{ currentPolicies { id kind } }`;
const APPLY = `mutation($input: PartnerAgencyApplicationInput!) { applyAsPartnerAgency(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { reviewPartnerAgency(input: { id: $id, decision: APPROVE }) { status } }`;
const INVOICES = `query($id: ID!) { partnerAgency(id: $id) { duesInvoices { id status } } }`;
const PAY = `mutation($input: PayInput!) { payDuesInvoice(input: $input) { status } }`;
const CREATE_LISTING = `mutation($input: CreateListingInput!) { createListing(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishListing(id: $id) { status } }`;
const APPLY_AS_CREATOR = `mutation($input: MarketCreatorApplicationInput!) { applyAsMarketCreator(input: $input) { status } }`;
const ADD_TO_MARKET = `mutation($id: ID!) { addToMarket(listingId: $id) { id } }`;
const CREATE_LINK = `mutation { createReferralLink(input: { campaign: "bench" }) { code } }`;
const PUBLISH_AND_OPEN = `mutation($id: ID!, $hours: AvailabilityInput!) {
  publishListing(id: $id) { status }
  setAvailability(listingId: $id, input: $hours) { timezone }
}`;

/** The cached data set when the database it describes is still there, current and young enough. */
export function cachedSeed(identity, scale) {
  if (!existsSync(MARKER)) return null;
  const marker = JSON.parse(readFileSync(MARKER, 'utf8'));
  const ageDays = (Date.now() - Date.parse(marker.seededAt)) / 86_400_000;
  const current = marker.version === SEED_VERSION && marker.database === identity && (marker.scale ?? 1) === scale;
  return current && ageDays < MAX_SEED_AGE_DAYS ? marker : null;
}

export function forgetSeed() {
  rmSync(MARKER, { force: true });
}

function progress(label, log) {
  let last = -1;
  const started = Date.now();
  return (done, total) => {
    const tenth = Math.floor((done * 10) / total);
    if (tenth === last) return;
    last = tenth;
    log(`  ${label}: ${done}/${total} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  };
}

async function signUp(url, email, name) {
  const data = await gql(url, SIGN_UP, { input: { email, name, password: dataset.PASSWORD } });
  return new Account(url, email, dataset.PASSWORD, data.signUp.accessToken);
}

/** Sign-up, organization, application with the current policies, approval, first dues paid: ACTIVE. */
async function activeAgency(url, operator, policyIds, agency) {
  const owner = await signUp(url, agency.email, agency.representativeName);
  const { name, kind, businessRegistrationNumber, representativeName } = agency;
  const organization = (await owner.gql(CREATE_ORGANIZATION, { input: { name, kind, businessRegistrationNumber, representativeName } })).createOrganization;
  const input = {
    organizationId: organization.id,
    tierCode: agency.tierCode,
    introduction: `${name}입니다. 지역에서 함께 일하고 함께 나눕니다.`,
    serviceCategories: agency.serviceCategories,
    agreedPolicyIds: policyIds,
  };
  const { id } = (await owner.gql(APPLY, { input })).applyAsPartnerAgency;
  await operator.gql(APPROVE, { id });
  const [invoice] = (await owner.gql(INVOICES, { id })).partnerAgency.duesInvoices;
  await owner.gql(PAY, { input: { id: invoice.id, paymentKey: `bench_${invoice.id}` } });
  return { id, owner };
}

/** Created as a DRAFT, then published (and, for a service, opened with weekly hours) in one request. */
async function publishedListing(agency, listing) {
  const { id } = (await agency.owner.gql(CREATE_LISTING, { input: { ...listing.input, partnerAgencyId: agency.id } })).createListing;
  if (listing.weeklyHours) await agency.owner.gql(PUBLISH_AND_OPEN, { id, hours: { weeklyHours: listing.weeklyHours } });
  else await agency.owner.gql(PUBLISH, { id });
  return { id, kind: listing.input.kind, commissionRateBps: listing.input.commissionRateBps };
}

/** Applies (INDIVIDUAL: ACTIVE at once) agreeing to the current terms, curates listings, makes a market link. */
async function marketCreator(url, termsId, creator, curated) {
  const user = await signUp(url, creator.email, creator.name);
  const { handle, displayName, bio, payoutAccount } = creator;
  await user.gql(APPLY_AS_CREATOR, { input: { kind: 'INDIVIDUAL', handle, displayName, bio, payoutAccount, agreedPolicyIds: [termsId] } });
  for (const id of curated) await user.gql(ADD_TO_MARKET, { id });
  await user.gql(CREATE_LINK);
}

/**
 * Seeds through the API of the server at `url` with bounded concurrency and writes the marker that
 * lets later runs reuse the database. `scale` is the fraction of the full data set (1 for all of it);
 * `normalizeRegistrationNumber` is the server's checksum.
 */
export async function seed(url, identity, scale, normalizeRegistrationNumber, log) {
  forgetSeed();
  dataset.scaleSizes(scale);
  const started = Date.now();
  const operator = new Account(url, OPERATOR.email, OPERATOR.password);
  // Once, before the concurrent approvals: concurrent log-ins of one e-mail count against LOGIN_FAILURES_PER_EMAIL (README).
  await operator.token();
  const policies = (await gql(url, POLICIES)).currentPolicies;
  const policyIds = policies.filter((policy) => AGENCY_POLICIES.includes(policy.kind)).map((policy) => policy.id);

  const agencyPlan = dataset.agencies(normalizeRegistrationNumber);
  const agencies = await mapConcurrently(
    agencyPlan,
    CONCURRENCY,
    (agency) => activeAgency(url, operator, policyIds, agency),
    progress('active partner agencies', log),
  );

  const listingPlan = dataset.listings(agencyPlan);
  const listings = await mapConcurrently(
    listingPlan,
    CONCURRENCY,
    (listing) => publishedListing(agencies[listing.agencyIndex], listing),
    progress('published listings', log),
  );

  const creatorPlan = dataset.marketCreators();
  const termsId = policies.find((policy) => policy.kind === 'MARKET_CREATOR_TERMS').id;
  const withCommission = listings.filter((listing) => listing.commissionRateBps > 0).map((listing) => listing.id);
  const curatedBy = (i, count) => Array.from({ length: count }, (_, k) => withCommission[(i * 97 + k * 31) % withCommission.length]);
  await mapConcurrently(
    creatorPlan,
    CONCURRENCY,
    (creator, i) => marketCreator(url, termsId, creator, [...new Set(curatedBy(i, creator.curates))]),
    progress('market creators', log),
  );

  const buyerPlan = dataset.buyers();
  await mapConcurrently(buyerPlan, CONCURRENCY, (buyer) => signUp(url, buyer.email, buyer.name), progress('buyers', log));

  const marker = {
    version: SEED_VERSION,
    database: identity,
    scale,
    seededAt: new Date().toISOString(),
    seedSeconds: Math.round((Date.now() - started) / 1000),
    counts: { agencies: agencies.length, listings: listings.length, marketCreators: creatorPlan.length, buyers: buyerPlan.length },
    notes: [`Each market creator curates ${creatorPlan[0].curates} listings and has a referral link.`],
    agencies: agencies.map((agency, i) => ({ id: agency.id, email: agencyPlan[i].email })),
    serviceListingIds: listings.filter((listing) => listing.kind === 'SERVICE').map((listing) => listing.id),
    goodsListingIds: listings.filter((listing) => listing.kind === 'GOODS').map((listing) => listing.id),
    buyerEmails: buyerPlan.map((buyer) => buyer.email),
  };
  writeFileSync(MARKER, JSON.stringify(marker));
  log(`seeded in ${marker.seedSeconds} s; cached in ${resolve(MARKER)} (npm run bench -- --reseed starts over)`);
  return marker;
}
