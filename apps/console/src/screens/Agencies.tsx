import { Badge, Button, Group, Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'wouter';
import { PartnerAgenciesDocument, type PartnerAgencyStatus } from '../generated/graphql';
import { kstDateTime } from '../format';
import { useApiQuery } from '../hooks';
import { AGENCY_STATUS, AGENCY_STATUS_COLOR, optionsOf } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

const STATUS_OPTIONS = optionsOf(AGENCY_STATUS);

/** Every partner agency with its tier, status and strikes; each opens its detail (AgencyDetail). */
export function Agencies() {
  const [status, setStatus] = useState<PartnerAgencyStatus | null>(null);
  const [search, setSearch] = useState('');
  const agencies = useApiQuery(PartnerAgenciesDocument, { status, search: search.trim() || null });
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
                  <Button size="xs" variant="light" component={Link} href={`/agencies/${agency.id}`} aria-label={`${agency.organization.name} 관리`}>
                    관리
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
