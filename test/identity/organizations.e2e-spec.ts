import { DataSource } from 'typeorm';
import { createTestApp, newBusinessRegistrationNumber, signUp, type TestApp } from '../support/test-app.js';

const CREATE = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id name kind businessRegistrationNumber isSocialEconomy members { role user { id } } }
}`;
const ADD_MEMBER = `mutation($org: ID!, $email: String!, $role: OrganizationRole!) {
  addOrganizationMember(organizationId: $org, email: $email, role: $role) { role user { id name } organization { id } }
}`;
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
    t = await createTestApp();
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
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'businessRegistrationNumber', message: expect.any(String) }] });
    const rows = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM organization WHERE business_registration_number = '1234567890'`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses the all-zero number, which passes the checksum, as BAD_USER_INPUT on businessRegistrationNumber', async () => {
    const owner = await signUp(t);
    for (const number of ['000-00-00000', '0000000000']) {
      const res = await t.gql(CREATE, { input: input(number) }, owner.token);
      expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'businessRegistrationNumber', message: expect.any(String) }] });
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

    beforeAll(async () => {
      [owner, manager, staff, outsider] = [await signUp(t, '대표'), await signUp(t, '매니저'), await signUp(t, '직원'), await signUp(t, '외부인')];
      const created = await t.ok(CREATE, { input: { ...input(newBusinessRegistrationNumber()), name: '마을기업' } }, owner.token);
      orgId = created.createOrganization.id;
    });

    it('an owner adds a manager, a manager adds staff', async () => {
      const added = await t.ok(ADD_MEMBER, { org: orgId, email: manager.email, role: 'MANAGER' }, owner.token);
      expect(added.addOrganizationMember).toEqual({ role: 'MANAGER', user: { id: manager.id, name: '매니저' }, organization: { id: orgId } });
      await t.ok(ADD_MEMBER, { org: orgId, email: staff.email.toUpperCase(), role: 'STAFF' }, manager.token);
    });

    it('a manager may not add owners or managers; staff may not add anyone; outsiders get NOT_FOUND', async () => {
      expect((await t.gql(ADD_MEMBER, { org: orgId, email: outsider.email, role: 'OWNER' }, manager.token)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(ADD_MEMBER, { org: orgId, email: outsider.email, role: 'STAFF' }, staff.token)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(ADD_MEMBER, { org: orgId, email: outsider.email, role: 'STAFF' }, outsider.token)).errors![0].extensions.code).toBe('NOT_FOUND');
    });

    it('adding an existing member is a CONFLICT; an unknown email is NOT_FOUND', async () => {
      expect((await t.gql(ADD_MEMBER, { org: orgId, email: staff.email, role: 'STAFF' }, owner.token)).errors![0].extensions.code).toBe('CONFLICT');
      expect((await t.gql(ADD_MEMBER, { org: orgId, email: 'ghost@example.com', role: 'STAFF' }, owner.token)).errors![0].extensions.code).toBe('NOT_FOUND');
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
      for (let i = 0; i < 4; i++) await t.ok(ADD_MEMBER, { org: orgId, email: (await signUp(t)).email, role: 'STAFF' }, owner.token);
      expect(await count()).toBe(before);
      expect(before).toBeLessThanOrEqual(5);
    });

    it('a member sees their memberships on me; nobody else can read them', async () => {
      const me = await t.ok(`{ me { memberships { role organization { id } } } }`, {}, staff.token);
      expect(me.me.memberships).toEqual([{ role: 'STAFF', organization: { id: orgId } }]);
      const res = await t.gql(`query($id: ID!) { organization(id: $id) { members { user { memberships { role } } } } }`, { id: orgId }, staff.token);
      expect(res.errors!.every((e) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    });
  });

  it('an unknown or malformed id is NOT_FOUND', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await t.gql(`query($id: ID!) { organization(id: $id) { id } }`, { id });
      expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
    }
  });
});
