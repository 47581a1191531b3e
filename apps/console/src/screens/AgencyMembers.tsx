import { Badge, Button, Group, NativeSelect, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldProblems } from '../api';
import { AgencyMembersDocument, InviteMemberDocument, type OrganizationRole } from '../generated/graphql';
import { useFieldProblems } from '../fields';
import { kstDateTime } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { ORGANIZATION_ROLE } from '../labels';
import { ColumnHeads, Confirmation, ErrorMessage, Loading, Page } from '../Page';
import type { ActingAgency } from './AgencyPicker';

/** Who may invite whom (docs/RULES.md §3a): an OWNER any role, a MANAGER only STAFF, STAFF nobody. */
const INVITABLE: Record<OrganizationRole, OrganizationRole[]> = { OWNER: ['STAFF', 'MANAGER', 'OWNER'], MANAGER: ['STAFF'], STAFF: [] };

/**
 * 구성원: the organization's members and roles, and an invitation by e-mail for those who may invite. The
 * contract has no removal of another member: each member leaves by themselves (leaveOrganization).
 */
export function AgencyMembers({ agency }: { agency: ActingAgency }) {
  const members = useApiQuery(AgencyMembersDocument, { organizationId: agency.organizationId });
  const [invited, setInvited] = useState<string | null>(null);
  const list = members.data?.organization?.members ?? [];
  return (
    <Page title="구성원">
      <ErrorMessage error={members.error} />
      <Confirmation title="초대했습니다" message={invited} />
      {members.isPending && <Loading />}
      {list.length > 0 && (
        <Table>
          <Table.Caption>
            {agency.name} 구성원 {list.length}명
          </Table.Caption>
          <ColumnHeads names={['이름', '역할']} />
          <Table.Tbody>
            {list.map((member) => (
              <Table.Tr key={member.user.id}>
                <Table.Th scope="row">{member.user.name}</Table.Th>
                <Table.Td>
                  <Badge color={member.role === 'STAFF' ? 'gray' : 'dure'}>{ORGANIZATION_ROLE[member.role]}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2} size="h3">
        구성원 초대
      </Title>
      {INVITABLE[agency.role].length === 0 ? (
        <Text>구성원 초대는 대표나 관리자가 할 수 있습니다.</Text>
      ) : (
        <InviteForm key={agency.id} agency={agency} onInvited={setInvited} />
      )}
    </Page>
  );
}

const INVITE_FIELDS = ['email', 'role'] as const;

/** An invitation by e-mail: whoever signs in with that address accepts it, account or not yet. */
function InviteForm({ agency, onInvited }: { agency: ActingAgency; onInvited: (message: string) => void }) {
  const invite = useApiMutation(InviteMemberDocument);
  const roles = INVITABLE[agency.role];
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OrganizationRole>(roles[0]);
  const { problems, show, refOf } = useFieldProblems(INVITE_FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.includes('@')) return show({ email: '이메일 주소를 입력해 주세요.' });
    show({});
    invite.mutate(
      { organizationId: agency.organizationId, email: email.trim(), role },
      {
        onSuccess: ({ addOrganizationMember: offered }) => {
          setEmail('');
          onInvited(
            `${offered.invitation?.email ?? email}님을 ${ORGANIZATION_ROLE[offered.role]}(으)로 초대했습니다. ${kstDateTime(offered.invitation?.expiresAt ?? null)}까지 수락할 수 있습니다.`,
          );
        },
        onError: (error) => show(fieldProblems(error)),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm">
        <TextInput
          ref={refOf('email')}
          type="email"
          label="이메일"
          required
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={problems.email}
        />
        <NativeSelect
          label="역할"
          data={roles.map((value) => ({ value, label: ORGANIZATION_ROLE[value] }))}
          value={role}
          onChange={(event) => setRole(event.currentTarget.value as OrganizationRole)}
          error={problems.role}
        />
        <Button type="submit" loading={invite.isPending}>
          초대
        </Button>
      </Group>
      <ErrorMessage error={invite.error} />
    </form>
  );
}
