import { Button, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldProblems, session } from '../api';
import { CsvDownload } from '../CsvDownload';
import {
  PriorityPurchaseReportCsvDocument,
  PriorityPurchaseReportDocument,
  type PriorityPurchaseReportInput,
  type PriorityPurchaseReportQuery,
  type ReportPeriod,
} from '../generated/graphql';
import { calendarDate, kstDateTime, seoulToday, won } from '../format';
import { useApiQuery } from '../hooks';
import { ORGANIZATION_KIND, REPORT_PERIOD, SUPPLY_CATEGORY, optionsOf } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

const PERIOD_OPTIONS = optionsOf(REPORT_PERIOD);

/**
 * 우선구매 실적 (docs/RULES.md §24): what one buyer organization bought through Dure for itself between two
 * KST dates (at most 366 days), by period, supplier kind, certification and category, with the evidence CSV.
 */
export function PriorityPurchaseReport() {
  const [buyerOrganizationId, setBuyerOrganizationId] = useState('');
  const [from, setFrom] = useState(() => `${seoulToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(seoulToday);
  const [groupBy, setGroupBy] = useState<ReportPeriod>('MONTH');
  const [asked, setAsked] = useState<PriorityPurchaseReportInput | null>(null);
  const report = useApiQuery(PriorityPurchaseReportDocument, { input: asked! }, { enabled: asked !== null });
  const problems = fieldProblems(report.error);
  return (
    <Page title="우선구매 실적">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setAsked({ buyerOrganizationId: buyerOrganizationId.trim(), from, to, groupBy });
        }}
      >
        <Group align="end">
          <TextInput
            label="구매 기관 ID"
            description="구매한 기관의 ID (UUID)"
            required
            autoComplete="off"
            value={buyerOrganizationId}
            onChange={(event) => setBuyerOrganizationId(event.currentTarget.value)}
            error={problems.buyerOrganizationId}
          />
          <TextInput label="시작일" type="date" required value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={problems.from} />
          <TextInput
            label="종료일"
            description="시작일부터 366일 이내"
            type="date"
            required
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={problems.to}
          />
          <NativeSelect label="묶음 단위" data={PERIOD_OPTIONS} value={groupBy} onChange={(event) => setGroupBy(event.currentTarget.value as ReportPeriod)} />
          <Button type="submit">조회</Button>
        </Group>
      </form>
      <ErrorMessage error={report.error} />
      {asked && report.isPending && <Loading />}
      {asked && report.data && <Report report={report.data.priorityPurchaseReport} input={asked} />}
    </Page>
  );
}

function Report({ report, input }: { report: PriorityPurchaseReportQuery['priorityPurchaseReport']; input: PriorityPurchaseReportInput }) {
  return (
    <>
      <Text role="status">
        {report.buyerOrganization.name} · {calendarDate(report.from)} ~ {calendarDate(report.to)} · 총 구매액 {won(report.total)}, 그중 인증 기업{' '}
        {won(report.certifiedTotal)} ({kstDateTime(report.generatedAt)} 기준)
      </Text>
      {report.rows.length === 0 ? (
        <Text>이 기간의 구매가 없습니다.</Text>
      ) : (
        <Table striped>
          <Table.Caption>
            {REPORT_PERIOD[report.groupBy]} 구매 실적 {report.rows.length}행
          </Table.Caption>
          <ColumnHeads names={['기간', '기업 유형', '인증', '구분', '구매 건수', '공급 기관 수', '금액']} />
          <Table.Tbody>
            {report.rows.map((row) => (
              <Table.Tr key={`${row.period}:${row.supplierKind}:${row.certified}:${row.category}`}>
                <Table.Th scope="row">{row.period}</Table.Th>
                <Table.Td>{ORGANIZATION_KIND[row.supplierKind]}</Table.Td>
                <Table.Td>{row.certified ? '인증' : '미인증'}</Table.Td>
                <Table.Td>{SUPPLY_CATEGORY[row.category]}</Table.Td>
                <Table.Td>{row.purchaseCount}건</Table.Td>
                <Table.Td>{row.supplierCount}곳</Table.Td>
                <Table.Td>{won(row.amount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CsvDownload
        label="구매 증빙 CSV 내려받기"
        fileName={`우선구매실적-${report.buyerOrganization.name}-${report.from}-${report.to}.csv`}
        load={async () => (await session.request(PriorityPurchaseReportCsvDocument, { input })).priorityPurchaseReport.csv}
      />
    </>
  );
}
