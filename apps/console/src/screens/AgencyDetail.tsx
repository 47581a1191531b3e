import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'wouter';
import {
  AddStrikeDocument,
  PartnerAgencyDetailDocument,
  ReinstatePartnerAgencyDocument,
  SuspendPartnerAgencyDocument,
  type PartnerAgencyDetailQuery,
  type StrikeReason,
} from '../generated/graphql';
import { calendarDate, kstDateTime, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { AGENCY_STATUS, AGENCY_STATUS_COLOR, DUES_INVOICE_KIND, DUES_INVOICE_STATUS, DUES_INVOICE_STATUS_COLOR, STRIKE_REASON, optionsOf } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

const STRIKE_OPTIONS = optionsOf(STRIKE_REASON);

type AgencyDetailFields = NonNullable<PartnerAgencyDetailQuery['partnerAgency']>;

/**
 * One partner agency for the operator: tier, status, dues invoices and strikes; the operator adds strikes,
 * suspends an ACTIVE agency and reinstates a SUSPENDED one (docs/RULES.md §4, §5).
 */
export function AgencyDetail({ params }: { params: { id: string } }) {
  const detail = useApiQuery(PartnerAgencyDetailDocument, { id: params.id });
  const agency = detail.data?.partnerAgency;
  return (
    <Page title={agency ? agency.organization.name : '파트너 기관'}>
      <Anchor component={Link} href="/agencies">
        파트너 기관 목록으로
      </Anchor>
      <ErrorMessage error={detail.error} />
      {detail.isPending && <Loading />}
      {agency && (
        <>
          <Group>
            <Badge color={AGENCY_STATUS_COLOR[agency.status]}>{AGENCY_STATUS[agency.status]}</Badge>
            <Text>
              등급 {agency.tier.name} (회비 {won(agency.tier.duesAmount)})
            </Text>
            <Text>활동 시작 {kstDateTime(agency.activatedAt)}</Text>
            <Text>회비 납부 {agency.duesPaidThrough ? `${calendarDate(agency.duesPaidThrough)}까지` : '없음'}</Text>
          </Group>
          <DuesInvoices invoices={agency.duesInvoices} />
          <Strikes agency={agency} />
          <StatusActions agency={agency} />
        </>
      )}
    </Page>
  );
}

function DuesInvoices({ invoices }: { invoices: AgencyDetailFields['duesInvoices'] }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="dues-heading">
      <Title order={2} size="h4" id="dues-heading">
        회비 청구서
      </Title>
      {invoices.length === 0 ? (
        <Text>청구서가 없습니다.</Text>
      ) : (
        <Table>
          <ColumnHeads names={['기간', '종류', '등급', '금액', '납부 기한', '상태', '납부일']} />
          <Table.Tbody>
            {invoices.map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Th scope="row">
                  {calendarDate(invoice.periodStart)} – {calendarDate(invoice.periodEnd)}
                </Table.Th>
                <Table.Td>{DUES_INVOICE_KIND[invoice.kind]}</Table.Td>
                <Table.Td>{invoice.tier.name}</Table.Td>
                <Table.Td>{won(invoice.amount)}</Table.Td>
                <Table.Td>{calendarDate(invoice.dueDate)}</Table.Td>
                <Table.Td>
                  <Badge color={DUES_INVOICE_STATUS_COLOR[invoice.status]}>{DUES_INVOICE_STATUS[invoice.status]}</Badge>
                </Table.Td>
                <Table.Td>{kstDateTime(invoice.paidAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Strikes({ agency }: { agency: AgencyDetailFields }) {
  const [reason, setReason] = useState<StrikeReason | null>(null);
  const [note, setNote] = useState('');
  const addStrike = useApiMutation(AddStrikeDocument);
  return (
    <Stack gap="xs" component="section" aria-labelledby="strikes-heading">
      <Title order={2} size="h4" id="strikes-heading">
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
    </Stack>
  );
}

/** Suspension of an ACTIVE agency (with its reason) and reinstatement of a SUSPENDED one; other statuses offer neither. */
function StatusActions({ agency }: { agency: AgencyDetailFields }) {
  const [suspension, setSuspension] = useState('');
  const suspend = useApiMutation(SuspendPartnerAgencyDocument);
  const reinstate = useApiMutation(ReinstatePartnerAgencyDocument);
  if (agency.status === 'ACTIVE')
    return (
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
    );
  if (agency.status === 'SUSPENDED')
    return (
      <Stack gap="xs">
        <ErrorMessage error={reinstate.error} />
        <Button loading={reinstate.isPending} onClick={() => reinstate.mutate({ partnerAgencyId: agency.id })}>
          활동 재개
        </Button>
      </Stack>
    );
  return null;
}
