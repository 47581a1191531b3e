import { newBusinessRegistrationNumber, signUp, type TestApp } from './test-app.js';

export const APPLY = `mutation($input: PartnerAgencyApplicationInput!) {
  applyAsPartnerAgency(input: $input) { id status reviewNote introduction serviceCategories appliedAt tier { code } }
}`;
export const REVIEW = `mutation($input: ReviewInput!) { reviewPartnerAgency(input: $input) { id status reviewNote } }`;
export const SUSPEND = `mutation($id: ID!, $reason: String!) { suspendPartnerAgency(partnerAgencyId: $id, reason: $reason) { id status } }`;
export const REINSTATE = `mutation($id: ID!) { reinstatePartnerAgency(partnerAgencyId: $id) { id status } }`;
export const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawPartnerAgency(partnerAgencyId: $id, reason: $reason) { id status } }`;
export const CHANGE_TIER = `mutation($id: ID!, $tierCode: String!) {
  changeMembershipTier(partnerAgencyId: $id, tierCode: $tierCode) { id status tier { code } scheduledTier { code } scheduledTierFrom }
}`;
export const PAY = `mutation($input: PayInput!) { payDuesInvoice(input: $input) { id status paidAt payment { status amount } } }`;
export const AGENCY = `query($id: ID!) {
  partnerAgency(id: $id) {
    id status activatedAt duesPaidThrough reviewNote tier { code } scheduledTier { code } scheduledTierFrom
    duesInvoices {
      id kind status periodStart periodEnd dueDate amount paidAt tier { code }
      paymentRequest { orderId orderName amount } payment { status amount }
    }
  }
}`;
const ADVANCE = `mutation($to: DateTime!) { advanceTestClock(to: $to) }`;

export interface Invoice {
  id: string;
  kind: 'REGULAR' | 'PRORATED';
  status: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  amount: number;
  paidAt: string | null;
  tier: { code: string };
  paymentRequest: { orderId: string; orderName: string; amount: number } | null;
  payment: { status: string; amount: number } | null;
}

export interface AgencyView {
  id: string;
  status: string;
  activatedAt: string | null;
  duesPaidThrough: string | null;
  reviewNote: string | null;
  tier: { code: string };
  scheduledTier: { code: string } | null;
  scheduledTierFrom: string | null;
  duesInvoices: Invoice[];
}

/** Noon in Seoul (03:00 UTC) on a date, so every step lands well inside the billing day. */
export const seoulNoon = (date: string) => `${date}T03:00:00Z`;

/** Moves the server's clock (running every job due by then). */
export async function advanceTo(t: TestApp, operator: string, date: string): Promise<void> {
  await t.ok(ADVANCE, { to: seoulNoon(date) }, operator);
}

export async function currentPolicyIds(t: TestApp): Promise<Record<string, string>> {
  const data = await t.ok<{ currentPolicies: Array<{ id: string; kind: string }> }>(`{ currentPolicies { id kind } }`);
  return Object.fromEntries(data.currentPolicies.map((policy) => [policy.kind, policy.id]));
}

/** A new user who owns a new organization. */
export async function newOrganization(t: TestApp, name = '마을돌봄 협동조합'): Promise<{ owner: Awaited<ReturnType<typeof signUp>>; organizationId: string }> {
  const owner = await signUp(t, '대표');
  const data = await t.ok(
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    { input: { name, kind: 'SOCIAL_COOPERATIVE', businessRegistrationNumber: newBusinessRegistrationNumber(), representativeName: '대표' } },
    owner.token,
  );
  return { owner, organizationId: data.createOrganization.id };
}

export async function applicationInput(t: TestApp, organizationId: string, overrides: Record<string, unknown> = {}) {
  const policies = await currentPolicyIds(t);
  return {
    organizationId,
    tierCode: 'STANDARD',
    introduction: '어르신 방문 돌봄을 하는 협동조합입니다.',
    serviceCategories: ['CARE'],
    agreedPolicyIds: [policies.OPERATING_PRINCIPLES, policies.ETHICS_CODE],
    ...overrides,
  };
}

export async function viewAgency(t: TestApp, id: string, token: string): Promise<AgencyView> {
  return (await t.ok<{ partnerAgency: AgencyView }>(AGENCY, { id }, token)).partnerAgency;
}

export async function payInvoice(t: TestApp, invoiceId: string, token: string) {
  return (await t.ok(PAY, { input: { id: invoiceId, paymentKey: `key_${invoiceId}` } }, token)).payDuesInvoice;
}

/** An organization that applied for `tierCode` and was approved (AWAITING_DUES), and, with `pay`, paid its first invoice (ACTIVE). */
export async function approvedAgency(t: TestApp, operator: string, { tierCode = 'STANDARD', pay = true, name = '마을돌봄 협동조합' } = {}) {
  const { owner, organizationId } = await newOrganization(t, name);
  const applied = await t.ok(APPLY, { input: await applicationInput(t, organizationId, { tierCode }) }, owner.token);
  const id: string = applied.applyAsPartnerAgency.id;
  await t.ok(REVIEW, { input: { id, decision: 'APPROVE' } }, operator);
  if (pay) {
    const [first] = (await viewAgency(t, id, owner.token)).duesInvoices;
    await payInvoice(t, first.id, owner.token);
  }
  return { id, owner, organizationId };
}
