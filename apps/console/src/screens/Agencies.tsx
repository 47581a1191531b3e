import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import {
  AddStrikeDocument,
  PartnerAgenciesDocument,
  ReinstatePartnerAgencyDocument,
  SuspendPartnerAgencyDocument,
  type AgencySummaryFragment,
  type PartnerAgencyStatus,
  type StrikeReason,
} from '../generated/graphql';
import { kstDateTime } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { AGENCY_STATUS, AGENCY_STATUS_COLOR, STRIKE_REASON } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

const STATUS_OPTIONS = Object.entries(AGENCY_STATUS).map(([value, label]) => ({ value, label }));
const STRIKE_OPTIONS = Object.entries(STRIKE_REASON).map(([value, label]) => ({ value, label }));

/** Every partner agency with its tier, status and strikes; the operator adds strikes, suspends and reinstates (docs/RULES.md §3, §4). */
export function Agencies() {
  const [status, setStatus] = useState<PartnerAgencyStatus | null>(null);
  const [search, setSearch] = useState('');
  const agencies = useApiQuery(PartnerAgenciesDocument, { status, search: search.trim() || null });
  const [openId, setOpenId] = useState<string | null>(null);
  const open = agencies.data?.partnerAgencies.nodes.find((agency) => agency.id === openId);
  return (
    <Page title="파트너 기관">
      <Group align="end">
        <Select
          label="상태"
          placeholder="전체"
          clearable
          data={STATUS_OPTIONS}
          value={status}
          onChange={(value) => setStatus(value as PartnerAgencyStatus | null)}
        />
        <TextInput label="기관 이름 검색" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      </Group>
      <ErrorMessage error={agencies.error} />
      {agencies.isPending && <Loading />}
      {agencies.data && (
        <Table striped highlightOnHover>
          <Table.Caption>파트너 기관 {agencies.data.partnerAgencies.totalCount}곳</Table.Caption>
          <ColumnHeads names={['기관', '등급', '상태', '경고', '활동 시작', '관리']} />
          <Table.Tbody>
            {agencies.data.partnerAgencies.nodes.map((agency) => (
              <Table.Tr key={agency.id}>
                <Table.Th scope="row">{agency.organization.name}</Table.Th>
                <Table.Td>{agency.tier.name}</Table.Td>
                <Table.Td>
                  <Badge color={AGENCY_STATUS_COLOR[agency.status]}>{AGENCY_STATUS[agency.status]}</Badge>
                </Table.Td>
                <Table.Td>{agency.strikes.length}회</Table.Td>
                <Table.Td>{kstDateTime(agency.activatedAt)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => setOpenId(agency.id)} aria-label={`${agency.organization.name} 관리`}>
                    관리
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={Boolean(open)} onClose={() => setOpenId(null)} title={open?.organization.name} size="lg">
        {open && <AgencyActions agency={open} />}
      </Modal>
    </Page>
  );
}

function AgencyActions({ agency }: { agency: AgencySummaryFragment }) {
  const [reason, setReason] = useState<StrikeReason | null>(null);
  const [note, setNote] = useState('');
  const [suspension, setSuspension] = useState('');
  const addStrike = useApiMutation(AddStrikeDocument);
  const suspend = useApiMutation(SuspendPartnerAgencyDocument);
  const reinstate = useApiMutation(ReinstatePartnerAgencyDocument);
  return (
    <Stack>
      <Group>
        <Text>상태</Text>
        <Badge color={AGENCY_STATUS_COLOR[agency.status]}>{AGENCY_STATUS[agency.status]}</Badge>
        <Text>등급 {agency.tier.name}</Text>
      </Group>
      <Title order={2} size="h4">
        경고 {agency.strikes.length}회
      </Title>
      {agency.strikes.length > 0 && (
        <Table>
          <ColumnHeads names={['사유', '메모', '일시']} />
          <Table.Tbody>
            {agency.strikes.map((strike) => (
              <Table.Tr key={strike.id}>
                <Table.Td>{STRIKE_REASON[strike.reason]}</Table.Td>
                <Table.Td>{strike.note ?? '—'}</Table.Td>
                <Table.Td>{kstDateTime(strike.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (reason) addStrike.mutate({ partnerAgencyId: agency.id, reason, note: note.trim() || null }, { onSuccess: () => setNote('') });
        }}
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            경고 추가
          </Title>
          <Group align="end">
            <Select label="사유" required data={STRIKE_OPTIONS} value={reason} onChange={(value) => setReason(value as StrikeReason | null)} />
            <TextInput label="메모" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button type="submit" color="red" variant="outline" loading={addStrike.isPending} disabled={!reason}>
              경고 추가
            </Button>
          </Group>
          <ErrorMessage error={addStrike.error} />
        </Stack>
      </form>
      {agency.status === 'ACTIVE' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            suspend.mutate({ partnerAgencyId: agency.id, reason: suspension.trim() });
          }}
        >
          <Stack gap="xs">
            <Textarea label="정지 사유" required value={suspension} onChange={(e) => setSuspension(e.currentTarget.value)} />
            <ErrorMessage error={suspend.error} />
            <Button type="submit" color="red" loading={suspend.isPending}>
              활동 정지
            </Button>
          </Stack>
        </form>
      )}
      {agency.status === 'SUSPENDED' && (
        <Stack gap="xs">
          <ErrorMessage error={reinstate.error} />
          <Button loading={reinstate.isPending} onClick={() => reinstate.mutate({ partnerAgencyId: agency.id })}>
            활동 재개
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
