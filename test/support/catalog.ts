import { APPLY, REVIEW, applicationInput, payInvoice, viewAgency } from './membership.js';
import { addMember, newBusinessRegistrationNumber, signUp, type TestApp } from './test-app.js';

export const LISTING_FIELDS = `id kind status title summary description price taxFree category region commissionRateBps
  goods { stock shippingFee freeShippingOver }
  service { durationMinutes capacityPerSlot location requiresConsultation cancellationPolicy { fullRefundHoursBefore partialRefundHoursBefore partialRefundRateBps } }
  subscription { interval shippingFee minimumCycles contents shipWeekday shipDayOfMonth cutoffDays subscriberLimit remainingSubscriptions }
  ratingAverage reviewCount createdAt updatedAt partnerAgency { id }`;

export const CREATE_LISTING = `mutation($input: CreateListingInput!) { createListing(input: $input) { ${LISTING_FIELDS} } }`;
export const UPDATE_LISTING = `mutation($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { ${LISTING_FIELDS} } }`;
export const PUBLISH_LISTING = `mutation($id: ID!) { publishListing(id: $id) { id status } }`;
export const HIDE_LISTING = `mutation($id: ID!) { hideListing(id: $id) { id status } }`;
export const ARCHIVE_LISTING = `mutation($id: ID!) { archiveListing(id: $id) { id status } }`;
export const LISTING = `query($id: ID!) { listing(id: $id) { ${LISTING_FIELDS} } }`;

export type User = Awaited<ReturnType<typeof signUp>>;

export interface Agency {
  id: string;
  organizationId: string;
  owner: User;
}

/**
 * A partner agency made ACTIVE through the API: a new organization (of `kind`, named `name`) applies for
 * `tierCode`, the operator approves, the owner pays the first dues invoice (the simulated provider takes
 * any payment key).
 */
export async function activePartnerAgency(
  t: TestApp,
  operatorToken: string,
  { name = '햇살돌봄 사회적협동조합', kind = 'SOCIAL_COOPERATIVE', tierCode = 'STANDARD' } = {},
): Promise<Agency> {
  const owner = await signUp(t, '대표');
  const organization = await t.ok(
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    { input: { name, kind, businessRegistrationNumber: newBusinessRegistrationNumber(), representativeName: '대표' } },
    owner.token,
  );
  const organizationId: string = organization.createOrganization.id;
  const applied = await t.ok(APPLY, { input: await applicationInput(t, organizationId, { tierCode }) }, owner.token);
  const id: string = applied.applyAsPartnerAgency.id;
  await t.ok(REVIEW, { input: { id, decision: 'APPROVE' } }, operatorToken);
  const [first] = (await viewAgency(t, id, owner.token)).duesInvoices;
  await payInvoice(t, first.id, owner.token);
  return { id, organizationId, owner };
}

/** A member of the agency's organization with `role`, added by its owner. */
export async function agencyMember(t: TestApp, agency: Agency, role: 'OWNER' | 'MANAGER' | 'STAFF'): Promise<User> {
  const user = await signUp(t, role);
  await addMember(t, agency.organizationId, agency.owner.token, user, role);
  return user;
}

export function serviceListingInput(partnerAgencyId: string, overrides: Record<string, unknown> = {}) {
  return {
    partnerAgencyId,
    kind: 'SERVICE',
    title: '어르신 방문 돌봄',
    summary: '집으로 찾아가는 돌봄 서비스',
    description: '요양보호사가 댁으로 방문해 식사, 말벗, 산책을 돕습니다.',
    price: 30000,
    category: 'CARE',
    region: '서울 마포구',
    commissionRateBps: 1000,
    service: { durationMinutes: 60, capacityPerSlot: 1, location: 'AT_CUSTOMER', requiresConsultation: false },
    ...overrides,
  };
}

/** Creates a listing (a SERVICE by default) and publishes it; returns its id. */
export async function publishedListing(t: TestApp, agency: Agency, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await t.ok(CREATE_LISTING, { input: serviceListingInput(agency.id, overrides) }, agency.owner.token);
  await t.ok(PUBLISH_LISTING, { id: created.createListing.id }, agency.owner.token);
  return created.createListing.id;
}

/** A membership tier allowing `maxPublishedListings` published listings (operator), for limit tests. */
export async function tierWithListingLimit(t: TestApp, operatorToken: string, code: string, maxPublishedListings: number): Promise<void> {
  await t.ok(
    `mutation($input: MembershipTierInput!) { saveMembershipTier(input: $input) { code } }`,
    {
      input: {
        code,
        name: `${code} tier`,
        duesAmount: 10000,
        billingPeriod: 'MONTHLY',
        platformFeeRateBps: 800,
        maxPublishedListings,
        featuredListingSlots: 0,
        benefits: [],
        active: true,
      },
    },
    operatorToken,
  );
}
