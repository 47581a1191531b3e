import { OrganizationRole, mayManageRole } from './organization-member.entity.js';

const { OWNER, MANAGER, STAFF } = OrganizationRole;

describe('mayManageRole (docs/RULES.md §3a)', () => {
  it.each([
    [OWNER, [OWNER, MANAGER, STAFF]],
    [MANAGER, [STAFF]],
    [STAFF, []],
  ])('a %s may invite and remove %j', (caller, manageable) => {
    expect([OWNER, MANAGER, STAFF].filter((member) => mayManageRole(caller, member))).toEqual(manageable);
  });
});
