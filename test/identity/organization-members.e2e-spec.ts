import { DataSource } from 'typeorm';
import { CREATE_LISTING, activePartnerAgency, agencyMember, serviceListingInput, type Agency, type User } from '../support/catalog.js';
import { newOrganization } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const REMOVE = `mutation($org: ID!, $user: ID!) { removeOrganizationMember(organizationId: $org, userId: $user) { id } }`;
const INVITE = `mutation($org: ID!, $email: String!, $role: OrganizationRole!) {
  addOrganizationMember(organizationId: $org, email: $email, role: $role) { invitation { id } }
}`;
const ACCEPT = `mutation($id: ID!) { acceptOrganizationInvitation(invitationId: $id) { role } }`;
const DUES = `query($id: ID!) { partnerAgency(id: $id) { duesInvoices { id } } }`;
const MEMBERSHIPS = `{ me { memberships { organization { id } } } }`;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;

/** Removing members and leaving (docs/RULES.md §3a). */
describe('identity: removing organization members', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator, { name: '들녘 영농조합' });
  });
  afterAll(() => t.close());

  const remove = (member: { id: string }, caller: { token: string }, org = agency.organizationId) => t.gql(REMOVE, { org, user: member.id }, caller.token);
  const ownersOf = async (org: string) =>
    (await t.app.get(DataSource).query(`SELECT user_id AS id FROM organization_member WHERE organization_id = $1 AND role = 'OWNER'`, [org])).map(
      (row: { id: string }) => row.id,
    );

  it('the removed member’s token loses the organization’s and its agency’s rights at once; the invitation they sent stays valid', async () => {
    const manager = await agencyMember(t, agency, 'MANAGER');
    const invitee = await signUp(t);
    const invited = await t.ok(INVITE, { org: agency.organizationId, email: invitee.email, role: 'STAFF' }, manager.token);
    expect((await t.gql(DUES, { id: agency.id }, manager.token)).errors).toBeUndefined();

    const removed = await t.ok(
      `mutation($org: ID!, $user: ID!) { removeOrganizationMember(organizationId: $org, userId: $user) { members { user { id } } } }`,
      { org: agency.organizationId, user: manager.id },
      agency.owner.token,
    );
    expect(removed.removeOrganizationMember.members.map((m: { user: { id: string } }) => m.user.id)).not.toContain(manager.id);

    expect((await t.ok(MEMBERSHIPS, {}, manager.token)).me.memberships).toEqual([]);
    expect(codeOf(await t.gql(DUES, { id: agency.id }, manager.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(CREATE_LISTING, { input: serviceListingInput(agency.id) }, manager.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(INVITE, { org: agency.organizationId, email: 'x@example.com', role: 'STAFF' }, manager.token))).toBe('NOT_FOUND');
    // Invitations are the organization's, not the inviter's.
    expect((await t.ok(ACCEPT, { id: invited.addOrganizationMember.invitation.id }, invitee.token)).acceptOrganizationInvitation.role).toBe('STAFF');
  });

  it('a MANAGER removes STAFF only, STAFF nobody else; each may leave; outsiders, operators and unknown members get NOT_FOUND', async () => {
    const manager = await agencyMember(t, agency, 'MANAGER');
    const otherManager = await agencyMember(t, agency, 'MANAGER');
    const staff = await agencyMember(t, agency, 'STAFF');
    const otherStaff = await agencyMember(t, agency, 'STAFF');
    expect(codeOf(await remove(otherManager, manager))).toBe('FORBIDDEN');
    expect(codeOf(await remove(agency.owner, manager))).toBe('FORBIDDEN');
    expect(codeOf(await remove(otherStaff, staff))).toBe('FORBIDDEN');
    expect(codeOf(await remove(manager, staff))).toBe('FORBIDDEN');

    const outsider = await signUp(t);
    expect(codeOf(await remove(staff, outsider))).toBe('NOT_FOUND');
    expect(codeOf(await remove(staff, { token: operator }))).toBe('NOT_FOUND');
    expect(codeOf(await remove(outsider, agency.owner))).toBe('NOT_FOUND');
    expect(codeOf(await remove({ id: 'not-a-uuid' }, agency.owner))).toBe('NOT_FOUND');
    expect(codeOf(await remove(staff, agency.owner, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(codeOf(await remove(staff, agency.owner, 'not-a-uuid'))).toBe('NOT_FOUND');

    expect((await remove(otherStaff, manager)).errors).toBeUndefined();
    expect((await remove(staff, staff)).errors).toBeUndefined();
    expect((await remove(otherManager, otherManager)).errors).toBeUndefined();
    expect((await t.ok(MEMBERSHIPS, {}, staff.token)).me.memberships).toEqual([]);
    // Gone, so nothing more to remove.
    expect(codeOf(await remove(staff, manager))).toBe('NOT_FOUND');
  });

  it('an OWNER removes another OWNER; the last OWNER cannot go (INVALID_STATE)', async () => {
    const { organizationId: org, owner } = await newOrganization(t);
    const second = await signUp(t);
    await addMember(t, org, owner.token, second, 'OWNER');
    expect((await remove(owner, second, org)).errors).toBeUndefined();
    expect(codeOf(await remove(second, second, org))).toBe('INVALID_STATE');
    expect(await ownersOf(org)).toEqual([second.id]);
  });

  it('memberships loaded earlier in the same request no longer count after leaving', async () => {
    const manager = await agencyMember(t, agency, 'MANAGER');
    const [first, second] = [await signUp(t), await signUp(t)];
    const res = await t.gql(
      `mutation($org: ID!, $me: ID!, $first: String!, $second: String!) {
        before: addOrganizationMember(organizationId: $org, email: $first, role: STAFF) { role }
        removeOrganizationMember(organizationId: $org, userId: $me) { id }
        after: addOrganizationMember(organizationId: $org, email: $second, role: STAFF) { role }
      }`,
      { org: agency.organizationId, me: manager.id, first: first.email, second: second.email },
      manager.token,
    );
    // The first invitation went out while still a member; the last is refused (and, non-null, nulls `data`).
    expect(res.errors?.map((error) => [error.path, error.extensions.code])).toEqual([[['after'], 'NOT_FOUND']]);
    const invitedOf = async (user: User) => (await t.ok(`{ me { organizationInvitations { role } } }`, {}, user.token)).me.organizationInvitations;
    expect(await invitedOf(first)).toEqual([{ role: 'STAFF' }]);
    expect(await invitedOf(second)).toEqual([]);
  });

  describe('under a lock on the organization, two concurrent removals of its last two OWNERs leave one', () => {
    /** A few rounds, each on a new organization of two OWNERs a and b: the two removals at once, then what each got. */
    const race = async (removals: (org: string, a: User, b: User) => Array<Promise<GraphQLResponse>>) => {
      const codes = [];
      for (let round = 0; round < 3; round++) {
        const { organizationId: org, owner: a } = await newOrganization(t);
        const b = await signUp(t);
        await addMember(t, org, a.token, b, 'OWNER');
        codes.push((await Promise.all(removals(org, a, b))).map(codeOf).sort());
        expect(await ownersOf(org)).toHaveLength(1);
      }
      return codes;
    };

    it('each removing the other: one wins, the other is no longer a member (NOT_FOUND)', async () => {
      expect(await race((org, a, b) => [remove(b, a, org), remove(a, b, org)])).toEqual(Array(3).fill(['NOT_FOUND', undefined]));
    });

    it('each removing themself: one leaves, the last is refused (INVALID_STATE)', async () => {
      expect(await race((org, a, b) => [remove(a, a, org), remove(b, b, org)])).toEqual(Array(3).fill(['INVALID_STATE', undefined]));
    });
  });
});
