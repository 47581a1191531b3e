import { DataSource } from 'typeorm';
import { ClockService } from '../../libs/common/src/index.js';
import { addMember, createTestApp, newBusinessRegistrationNumber, signUp, type TestApp } from '../support/test-app.js';

const CREATE = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id name kind businessRegistrationNumber isSocialEconomy members { role user { id } } }
}`;
const INVITE = `mutation($org: ID!, $email: String!, $role: OrganizationRole!) {
  addOrganizationMember(organizationId: $org, email: $email, role: $role) {
    role user { id name } organization { id } invitation { id email role status expiresAt organization { id } }
  }
}`;
const ACCEPT = `mutation($id: ID!) { acceptOrganizationInvitation(invitationId: $id) { role user { id } organization { id } } }`;
const DECLINE = `mutation($id: ID!) { declineOrganizationInvitation(invitationId: $id) { status } }`;
const LEAVE = `mutation($org: ID!) { leaveOrganization(organizationId: $org) }`;
const MEMBERS = `query($id: ID!) { organization(id: $id) { id name members { role user { id } } } }`;

const input = (businessRegistrationNumber: string, kind = 'SOCIAL_COOPERATIVE') => ({
  name: '햇살돌봄 사회적협동조합',
  kind,
  businessRegistrationNumber,
  representativeName: '김대표',
  address: '서울특별시 마포구',
});

describe('identity: organizations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DURE_TEST_CLOCK: '1' });
  });
  afterAll(() => t.close());

  it('creates an organization with the number stored as 10 digits and the creator as OWNER', async () => {
    const owner = await signUp(t);
    const data = await t.ok(CREATE, { input: input('120-81-47521') }, owner.token);
    expect(data.createOrganization).toMatchObject({
      businessRegistrationNumber: '1208147521',
      kind: 'SOCIAL_COOPERATIVE',
      isSocialEconomy: true,
      members: [{ role: 'OWNER', user: { id: owner.id } }],
    });
  });

  it('isSocialEconomy is false for public institutions and companies', async () => {
    const owner = await signUp(t);
    const data = await t.ok(CREATE, { input: input('2208162517', 'PUBLIC_INSTITUTION') }, owner.token);
    expect(data.createOrganization.isSocialEconomy).toBe(false);
  });

  it('refuses a number with a wrong checksum as BAD_USER_INPUT on businessRegistrationNumber, writing nothing', async () => {
    const owner = await signUp(t);
    const res = await t.gql(CREATE, { input: input('123-45-67890') }, owner.token);
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.businessRegistrationNumber', message: expect.any(String) }] });
    const rows = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM organization WHERE business_registration_number = '1234567890'`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses the all-zero number, which passes the checksum, as BAD_USER_INPUT on businessRegistrationNumber', async () => {
    const owner = await signUp(t);
    for (const number of ['000-00-00000', '0000000000']) {
      const res = await t.gql(CREATE, { input: input(number) }, owner.token);
      expect(res.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.businessRegistrationNumber', message: expect.any(String) }],
      });
    }
  });

  it('a second, unverified organization may claim the same number (dashes or not): nobody locks the real owner out', async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const first = await t.ok(CREATE, { input: input('124-81-00998') }, a.token);
    const second = await t.ok(CREATE, { input: input('1248100998') }, b.token);
    expect(second.createOrganization.id).not.toBe(first.createOrganization.id);
    expect(second.createOrganization).toMatchObject({ businessRegistrationNumber: '1248100998', members: [{ role: 'OWNER', user: { id: b.id } }] });
  });

  it('needs a signed-in user', async () => {
    const res = await t.gql(CREATE, { input: input('120-81-47521') });
    expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  describe('members', () => {
    let owner: Awaited<ReturnType<typeof signUp>>;
    let manager: Awaited<ReturnType<typeof signUp>>;
    let staff: Awaited<ReturnType<typeof signUp>>;
    let outsider: Awaited<ReturnType<typeof signUp>>;
    let orgId: string;

    const invite = (email: string, role: string, token: string, org = orgId) => t.gql(INVITE, { org, email, role }, token);
    const invitationId = async (email: string, role: string, token: string, org = orgId) =>
      (await t.ok(INVITE, { org, email, role }, token)).addOrganizationMember.invitation.id as string;
    const accept = (id: string, token: string) => t.gql(ACCEPT, { id }, token);
    const codeOf = (res: { errors?: Array<{ extensions: { code: string } }> }) => res.errors?.[0].extensions.code;

    beforeAll(async () => {
      [owner, manager, staff, outsider] = [await signUp(t, '대표'), await signUp(t, '매니저'), await signUp(t, '직원'), await signUp(t, '외부인')];
      const created = await t.ok(CREATE, { input: { ...input(newBusinessRegistrationNumber()), name: '마을기업' } }, owner.token);
      orgId = created.createOrganization.id;
    });

    it('an owner invites a manager and a manager invites staff; each joins only by accepting', async () => {
      const invited = await invite(manager.email, 'MANAGER', owner.token);
      const invitation = invited.data!.addOrganizationMember.invitation;
      expect(invitation).toMatchObject({ email: manager.email, role: 'MANAGER', status: 'PENDING', organization: { id: orgId } });
      expect((await t.ok(MEMBERS, { id: orgId }, owner.token)).organization.members).toHaveLength(1);
      const mine = await t.ok(`{ me { organizationInvitations { id role organization { name } } } }`, {}, manager.token);
      expect(mine.me.organizationInvitations).toEqual([{ id: invitation.id, role: 'MANAGER', organization: { name: '마을기업' } }]);

      const accepted = await t.ok(ACCEPT, { id: invitation.id }, manager.token);
      expect(accepted.acceptOrganizationInvitation).toEqual({ role: 'MANAGER', user: { id: manager.id }, organization: { id: orgId } });
      expect((await t.ok(`{ me { organizationInvitations { id } } }`, {}, manager.token)).me.organizationInvitations).toEqual([]);
      expect(codeOf(await accept(invitation.id, manager.token))).toBe('INVALID_STATE');

      await t.ok(ACCEPT, { id: await invitationId(staff.email.toUpperCase(), 'STAFF', manager.token) }, staff.token);
      expect((await t.ok(MEMBERS, { id: orgId }, owner.token)).organization.members.map((m: { role: string }) => m.role)).toEqual([
        'OWNER',
        'MANAGER',
        'STAFF',
      ]);
    });

    it('answers the same whether the address has an account, has none or is a member already', async () => {
      const answers = [];
      for (const email of [outsider.email, 'nobody-here@example.com', staff.email]) {
        const res = await invite(email, 'STAFF', owner.token);
        expect(res.errors).toBeUndefined();
        const answer = res.data!.addOrganizationMember;
        expect(answer.user).toEqual({ id: answer.invitation.id, name: email });
        answers.push({ ...answer, user: null, invitation: { ...answer.invitation, id: null, email: null, expiresAt: null } });
      }
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      const standIn = await t.gql(
        `mutation($org: ID!) { addOrganizationMember(organizationId: $org, email: "x@example.com", role: STAFF) { user { email } } }`,
        { org: orgId },
        owner.token,
      );
      expect(codeOf(standIn)).toBe('FORBIDDEN');
    });

    it('inviting an address again renews its pending invitation; someone signing up later with the address sees it', async () => {
      const email = `later${Date.now()}@example.com`;
      const first = await invitationId(email, 'STAFF', owner.token);
      expect(await invitationId(email, 'MANAGER', owner.token)).toBe(first);
      const later = await t.ok(`mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`, {
        input: { email, password: 'correct horse battery', name: '나중' },
      });
      const token = later.signUp.accessToken;
      expect((await t.ok(`{ me { organizationInvitations { id role } } }`, {}, token)).me.organizationInvitations).toEqual([{ id: first, role: 'MANAGER' }]);
      expect(codeOf(await accept(first, outsider.token))).toBe('NOT_FOUND');
      expect((await t.ok(DECLINE, { id: first }, token)).declineOrganizationInvitation).toEqual({ status: 'DECLINED' });
      expect(codeOf(await accept(first, token))).toBe('INVALID_STATE');
    });

    it('a member accepting again is a CONFLICT; nobody else reads invitations on another user', async () => {
      expect(codeOf(await accept(await invitationId(staff.email, 'STAFF', owner.token), staff.token))).toBe('CONFLICT');
      const res = await t.gql(`query($id: ID!) { organization(id: $id) { members { user { organizationInvitations { id } } } } }`, { id: orgId }, staff.token);
      expect(res.errors!.every((e) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    });

    it('a manager may not invite owners or managers; staff may not invite anyone; outsiders get NOT_FOUND; the address must be one', async () => {
      expect(codeOf(await invite(outsider.email, 'OWNER', manager.token))).toBe('FORBIDDEN');
      expect(codeOf(await invite(outsider.email, 'STAFF', staff.token))).toBe('FORBIDDEN');
      expect(codeOf(await invite(outsider.email, 'STAFF', outsider.token))).toBe('NOT_FOUND');
      const bad = await invite('not an address', 'STAFF', owner.token);
      expect(bad.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'email', message: 'must be an email address' }] });
    });

    it('members (even staff) see the member list; others see only public fields', async () => {
      const asStaff = await t.ok(MEMBERS, { id: orgId }, staff.token);
      expect(asStaff.organization.members.map((m: { role: string }) => m.role)).toEqual(['OWNER', 'MANAGER', 'STAFF']);
      for (const token of [outsider.token, undefined]) {
        const res = await t.gql(MEMBERS, { id: orgId }, token);
        expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
        expect(res.errors![0].path).toEqual(['organization', 'members']);
      }
      const publicView = await t.ok(`query($id: ID!) { organization(id: $id) { name businessRegistrationNumber } }`, { id: orgId });
      expect(publicView.organization.name).toBe('마을기업');
    });

    it('loads nested members with a constant number of SQL statements, whatever their number', async () => {
      const query = `query($id: ID!) { organization(id: $id) { members { role user { name } organization { name } } } }`;
      const count = async () => {
        t.queries.count = 0;
        await t.ok(query, { id: orgId }, owner.token);
        return t.queries.count;
      };
      const before = await count();
      for (let i = 0; i < 4; i++) await addMember(t, orgId, owner.token, await signUp(t));
      expect(await count()).toBe(before);
      expect(before).toBeLessThanOrEqual(5);
    });

    it('a member sees their memberships on me; nobody else can read them', async () => {
      const me = await t.ok(`{ me { memberships { role organization { id } } } }`, {}, staff.token);
      expect(me.me.memberships).toEqual([{ role: 'STAFF', organization: { id: orgId } }]);
      const res = await t.gql(`query($id: ID!) { organization(id: $id) { members { user { memberships { role } } } } }`, { id: orgId }, staff.token);
      expect(res.errors!.every((e) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    });

    it('a member leaves; a non-member gets NOT_FOUND; the last owner cannot leave (INVALID_STATE)', async () => {
      const leaver = await signUp(t);
      await addMember(t, orgId, owner.token, leaver);
      expect((await t.ok(LEAVE, { org: orgId }, leaver.token)).leaveOrganization).toBe(true);
      expect((await t.ok(`{ me { memberships { role } } }`, {}, leaver.token)).me.memberships).toEqual([]);
      expect(codeOf(await t.gql(LEAVE, { org: orgId }, leaver.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(LEAVE, { org: orgId }, owner.token))).toBe('INVALID_STATE');
    });

    it('owners leaving at once: all but one go, so the organization always keeps an owner', async () => {
      const first = await signUp(t);
      const created = await t.ok(CREATE, { input: input(newBusinessRegistrationNumber()) }, first.token);
      const org = created.createOrganization.id;
      const owners = [first];
      for (let i = 0; i < 4; i++) {
        const next = await signUp(t);
        await addMember(t, org, first.token, next, 'OWNER');
        owners.push(next);
      }
      const results = await Promise.all(owners.map((o) => t.gql(LEAVE, { org }, o.token)));
      expect(results.filter((res) => !res.errors)).toHaveLength(4);
      expect(results.filter((res) => res.errors).map(codeOf)).toEqual(['INVALID_STATE']);
      const [{ n }] = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM organization_member WHERE organization_id = $1 AND role = 'OWNER'`, [org]);
      expect(n).toBe(1);
    });

    it('an invitation expires after ORGANIZATION_INVITATION_TTL_DAYS (7)', async () => {
      const invitee = await signUp(t);
      const id = await invitationId(invitee.email, 'STAFF', owner.token);
      const clock = t.app.get(ClockService);
      clock.moveTo(new Date(clock.now().getTime() + 7 * 24 * 3600_000));
      expect((await t.ok(`{ me { organizationInvitations { id } } }`, {}, invitee.token)).me.organizationInvitations).toEqual([]);
      expect(codeOf(await accept(id, invitee.token))).toBe('INVALID_STATE');
    });
  });

  it('an unknown or malformed id is NOT_FOUND', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await t.gql(`query($id: ID!) { organization(id: $id) { id } }`, { id });
      expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
    }
  });
});
