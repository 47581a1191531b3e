import { Badge, Button, Group, NativeSelect, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldProblems } from '../api';
import { AgencyMembersDocument, InviteMemberDocument, RemoveMemberDocument, type AgencyMembersQuery, type OrganizationRole } from '../generated/graphql';
import { useFieldProblems } from '../fields';
import { kstDateTime } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { ORGANIZATION_ROLE } from '../labels';
import { ActionForm, ColumnHeads, Confirmation, ErrorMessage, Loading, Page, RowActionDialog, useRowAction } from '../Page';
import type { ActingAgency } from './AgencyPicker';

/**
 * Who may invite, and remove, whom (docs/RULES.md §3a): an OWNER any role, a MANAGER only STAFF, STAFF nobody.
 * Everyone may leave, except the only OWNER.
 */
const MANAGEABLE: Record<OrganizationRole, OrganizationRole[]> = { OWNER: ['STAFF', 'MANAGER', 'OWNER'], MANAGER: ['STAFF'], STAFF: [] };

type Member = NonNullable<AgencyMembersQuery['organization']>['members'][number];

/**
 * 구성원: the organization's members and roles, a removal (confirmed) of those the caller may remove, leaving
 * for the caller, and an invitation by e-mail for those who may invite.
 */
export function AgencyMembers({ agency, userId }: { agency: ActingAgency; userId: string }) {
  const members = useApiQuery(AgencyMembersDocument, { organizationId: agency.organizationId });
  const [invited, setInvited] = useState<string | null>(null);
  const removing = useRowAction<Member>();
  const list = members.data?.organization?.members ?? [];
  const owners = list.filter((member) => member.role === 'OWNER').length;
  /** The remove button's (and its dialog's) name, when the caller may remove the member or leave. */
  const removal = (member: Member) => {
    if (member.user.id === userId) return member.role === 'OWNER' && owners === 1 ? null : `${agency.name}에서 나가기`;
    return MANAGEABLE[agency.role].includes(member.role) ? `${member.user.name} 내보내기` : null;
  };
  return (
    <Page title="구성원">
      <ErrorMessage error={members.error} />
      <Confirmation title="초대했습니다" message={invited} />
      <Confirmation title="구성원을 내보냈습니다" message={removing.done} />
      {members.isPending && <Loading />}
      {list.length > 0 && (
        <Table>
          <Table.Caption>
            {agency.name} 구성원 {list.length}명
          </Table.Caption>
          <ColumnHeads names={['이름', '역할', '관리']} />
          <Table.Tbody>
            {list.map((member) => {
              const name = removal(member);
              return (
                <Table.Tr key={member.user.id}>
                  <Table.Th scope="row">{member.user.name}</Table.Th>
                  <Table.Td>
                    <Badge color={member.role === 'STAFF' ? 'gray' : 'dure'}>{ORGANIZATION_ROLE[member.role]}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {name && (
                      <Button size="xs" variant="default" color="red" aria-label={name} onClick={() => removing.start(member)}>
                        {member.user.id === userId ? '나가기' : '내보내기'}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <RowActionDialog title={removing.acting ? (removal(removing.acting) ?? '') : ''} action={removing}>
        {removing.acting && (
          <RemoveForm
            key={removing.acting.user.id}
            agency={agency}
            member={removing.acting}
            leaving={removing.acting.user.id === userId}
            onCancel={removing.cancel}
            onDone={removing.finish}
          />
        )}
      </RowActionDialog>
      <Title order={2} size="h3">
        구성원 초대
      </Title>
      {MANAGEABLE[agency.role].length === 0 ? (
        <Text>구성원 초대는 대표나 관리자가 할 수 있습니다.</Text>
      ) : (
        <InviteForm key={agency.id} agency={agency} onInvited={setInvited} />
      )}
    </Page>
  );
}

/**
 * Removing a member, or leaving, once confirmed. The member loses the agency's rights at once; what they did
 * stays, and so do the invitations they sent. Having left, the console moves on to the caller's other agency.
 */
function RemoveForm({
  agency,
  member,
  leaving,
  onCancel,
  onDone,
}: {
  agency: ActingAgency;
  member: Member;
  leaving: boolean;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const remove = useApiMutation(RemoveMemberDocument);
  const submit = () =>
    remove.mutate(
      { organizationId: agency.organizationId, userId: member.user.id },
      { onSuccess: () => onDone(`${member.user.name}님을 구성원에서 내보냈습니다.`) },
    );
  return (
    <ActionForm submitLabel={leaving ? '나가기' : '내보내기'} onSubmit={submit} onCancel={onCancel} pending={remove.isPending} error={remove.error}>
      <Text size="sm">
        {leaving
          ? `${agency.name}에서 나갑니다. 이 기관의 일을 더 이상 보거나 할 수 없습니다.`
          : `${member.user.name}님(${ORGANIZATION_ROLE[member.role]})을 ${agency.name}에서 내보냅니다. 이 기관의 일을 더 이상 보거나 할 수 없습니다.`}
      </Text>
    </ActionForm>
  );
}

const INVITE_FIELDS = ['email', 'role'] as const;

/** An invitation by e-mail: whoever signs in with that address accepts it, account or not yet. */
function InviteForm({ agency, onInvited }: { agency: ActingAgency; onInvited: (message: string) => void }) {
  const invite = useApiMutation(InviteMemberDocument);
  const roles = MANAGEABLE[agency.role];
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
