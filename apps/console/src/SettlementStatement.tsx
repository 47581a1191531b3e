import { Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { Fragment, useState, type ReactNode } from 'react';
import { session } from './api';
import { CsvDownload } from './CsvDownload';
import {
  SettlementStatementCsvDocument,
  SettlementStatementLinesDocument,
  SettlementStatementsDocument,
  type SettlementStatementsQueryVariables,
  type StatementSummaryFragment,
} from './generated/graphql';
import { calendarDate, kstDateTime, monthLabel, won } from './format';
import { useApiQuery } from './hooks';
import { SETTLEMENT_LINE_KIND, SETTLEMENT_STATUS, SETTLEMENT_STATUS_COLOR } from './labels';
import { ColumnHeads, ErrorMessage, Loading, useRetainedTitle } from './Page';

/** A statement's name as people say it: 햇살 협동조합 2027년 3월 정산서. */
const statementName = (statement: StatementSummaryFragment): string => `${statement.partnerAgency.organization.name} ${monthLabel(statement.month)} 정산서`;

/** The statement's state as a coloured badge. */
function StatementStatus({ statement }: { statement: StatementSummaryFragment }) {
  return <Badge color={SETTLEMENT_STATUS_COLOR[statement.status]}>{SETTLEMENT_STATUS[statement.status]}</Badge>;
}

/**
 * The statements `filter` selects, newest month first, each opened in a dialog with its lines, its CSV and
 * what the reader may do with it (`actions`).
 */
export function Statements({
  filter,
  emptyText,
  actions,
}: {
  filter: SettlementStatementsQueryVariables;
  emptyText: string;
  actions: (statement: StatementSummaryFragment) => ReactNode;
}) {
  const statements = useApiQuery(SettlementStatementsDocument, filter);
  const [openId, setOpenId] = useState<string | null>(null);
  const connection = statements.data?.settlementStatements;
  const open = connection?.nodes.find((statement) => statement.id === openId);
  return (
    <>
      <ErrorMessage error={statements.error} />
      {statements.isPending && <Loading />}
      {connection?.totalCount === 0 && <Text>{emptyText}</Text>}
      {connection && connection.totalCount > 0 && (
        <StatementsTable
          statements={connection.nodes}
          caption={`정산서 ${connection.totalCount}건, 최근 월부터 (최대 50건)`}
          onOpen={(statement) => setOpenId(statement.id)}
        />
      )}
      <StatementDialog statement={open} onClose={() => setOpenId(null)}>
        {open && <Fragment key={open.id}>{actions(open)}</Fragment>}
      </StatementDialog>
    </>
  );
}

/** Statements, newest month first, each opened with its own button. */
function StatementsTable({
  statements,
  caption,
  onOpen,
}: {
  statements: StatementSummaryFragment[];
  caption: string;
  onOpen: (statement: StatementSummaryFragment) => void;
}) {
  return (
    <Table striped highlightOnHover>
      <Table.Caption>{caption}</Table.Caption>
      <ColumnHeads names={['기관', '정산월', '상태', '매출 기준액', '플랫폼 수수료', '지급액', '지급 예정일', '상세']} />
      <Table.Tbody>
        {statements.map((statement) => (
          <Table.Tr key={statement.id}>
            <Table.Th scope="row">{statement.partnerAgency.organization.name}</Table.Th>
            <Table.Td>{monthLabel(statement.month)}</Table.Td>
            <Table.Td>
              <StatementStatus statement={statement} />
            </Table.Td>
            <Table.Td>{won(statement.salesBase)}</Table.Td>
            <Table.Td>{won(statement.platformFee)}</Table.Td>
            <Table.Td>{won(statement.netPayable)}</Table.Td>
            <Table.Td>{calendarDate(statement.payableOn)}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="light" onClick={() => onOpen(statement)} aria-label={`${statementName(statement)} 보기`}>
                보기
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** An amount the statement takes off, shown with its minus (never "-0원"). */
const deducted = (amount: number): number => (amount === 0 ? 0 : -amount);

/** The statement's columns in the order of its formula (docs/RULES.md §22): netPayable = salesBase − platformFee − commissions + shipping + adjustments + carriedOver. */
const TOTALS: Array<[label: string, amount: (statement: StatementSummaryFragment) => number]> = [
  ['총매출', (s) => s.grossSales],
  ['취소·반품', (s) => deducted(s.returns)],
  ['기관 부담 할인', (s) => deducted(s.agencyDiscounts)],
  ['매출 기준액', (s) => s.salesBase],
  ['플랫폼 수수료', (s) => deducted(s.platformFee)],
  ['크리에이터 수수료', (s) => deducted(s.commissions)],
  ['배송비', (s) => s.shipping],
  ['조정', (s) => s.adjustments],
  ['이월 잔액', (s) => s.carriedOver],
  ['지급액', (s) => s.netPayable],
];

/** One statement in a dialog: its totals, its lines, its CSV, and what the reader may do with it (`children`). */
function StatementDialog({ statement, onClose, children }: { statement: StatementSummaryFragment | undefined; onClose: () => void; children?: ReactNode }) {
  const title = useRetainedTitle(statement && statementName(statement));
  return (
    <Modal opened={Boolean(statement)} onClose={onClose} title={title} size="70rem" closeButtonProps={{ 'aria-label': '닫기' }}>
      {statement && (
        <Stack>
          <StatementStatus statement={statement} />
          <Table>
            <Table.Caption>
              합계 (플랫폼 수수료의 부가세 {won(statement.platformFeeVat)} 포함, 플랫폼 부담 할인 {won(statement.platformDiscounts)})
            </Table.Caption>
            <Table.Tbody>
              {TOTALS.map(([label, amount]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td ta="right">{won(amount(statement))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <StatementDates statement={statement} />
          <StatementLines statementId={statement.id} />
          <CsvDownload
            label="CSV 내려받기"
            fileName={`정산서-${statement.month}-${statement.partnerAgency.organization.name}.csv`}
            load={async () => (await session.request(SettlementStatementCsvDocument, { id: statement.id })).settlementStatement!.csv}
          />
          {children}
        </Stack>
      )}
    </Modal>
  );
}

function StatementDates({ statement }: { statement: StatementSummaryFragment }) {
  return (
    <Stack gap={4}>
      <Text size="sm">
        발행 {kstDateTime(statement.issuedAt)} · 이의 제기 기한 {kstDateTime(statement.disputeDeadline)} · 지급 예정일 {calendarDate(statement.payableOn)}
      </Text>
      {statement.disputeReason && <Text size="sm">이의 사유: {statement.disputeReason}</Text>}
      {statement.resolutionNote && <Text size="sm">처리 결과: {statement.resolutionNote}</Text>}
      {statement.paidAt && (
        <Text size="sm">
          지급 {kstDateTime(statement.paidAt)} (이체 참조 {statement.transferReference})
        </Text>
      )}
    </Stack>
  );
}

function StatementLines({ statementId }: { statementId: string }) {
  const lines = useApiQuery(SettlementStatementLinesDocument, { id: statementId });
  const connection = lines.data?.settlementStatement?.lines;
  return (
    <>
      <Title order={2} size="h4">
        정산 내역
      </Title>
      <ErrorMessage error={lines.error} />
      {lines.isPending && <Loading />}
      {connection && (
        <Table>
          <Table.Caption>정산 내역 {connection.totalCount}건 (처음 100건)</Table.Caption>
          <ColumnHeads names={['구분', '내용', '확정 일시', '매출 기준액', '플랫폼 수수료', '크리에이터 수수료', '배송비', '조정', '금액']} />
          <Table.Tbody>
            {connection.nodes.map((line) => (
              <Table.Tr key={line.id}>
                <Table.Td>{SETTLEMENT_LINE_KIND[line.kind]}</Table.Td>
                <Table.Th scope="row">{line.description}</Table.Th>
                <Table.Td>{kstDateTime(line.occurredAt)}</Table.Td>
                <Table.Td>{won(line.salesBase)}</Table.Td>
                <Table.Td>{won(line.platformFee)}</Table.Td>
                <Table.Td>{won(line.commission)}</Table.Td>
                <Table.Td>{won(line.shipping)}</Table.Td>
                <Table.Td>{won(line.adjustment)}</Table.Td>
                <Table.Td>{won(line.net)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

/** One required text and its button, for a change that needs a word from the person: a reason, a note, a transfer reference. */
export function TextAction({
  label,
  button,
  color,
  pending,
  error,
  onSubmit,
}: {
  label: string;
  button: string;
  color?: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (text: string) => void;
}) {
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onSubmit(text.trim());
      }}
    >
      <Stack gap="xs">
        <Textarea label={label} required autosize minRows={2} value={text} onChange={(event) => setText(event.currentTarget.value)} />
        <ErrorMessage error={error} />
        <Group>
          <Button type="submit" color={color} loading={pending}>
            {button}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
