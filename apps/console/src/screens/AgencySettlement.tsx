import { Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { isApprovalNumber, normalizedApprovalNumber } from '../../../../libs/settlement/src/approval-number';
import { fieldProblems } from '../api';
import {
  DisputeSettlementStatementDocument,
  IssuableTaxInvoicesDocument,
  RecordTaxInvoiceDocument,
  type StatementSummaryFragment,
  type TaxInvoiceDueFragment,
} from '../generated/graphql';
import { calendarDate, seoulToday, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';
import { Statements, TextAction } from '../SettlementStatement';

/**
 * 정산 of a partner agency: its monthly statements with their lines, disputed within the window (docs/RULES.md
 * §22), and the tax invoices it must issue to B2B buyers by their due date (§23), recorded once issued.
 */
export function AgencySettlement({ partnerAgencyId }: { partnerAgencyId: string }) {
  return (
    <Page title="정산">
      <Statements filter={{ partnerAgencyId }} emptyText="아직 정산서가 없습니다." actions={(statement) => <DisputeForm statement={statement} />} />
      <TaxInvoicesDue partnerAgencyId={partnerAgencyId} />
    </Page>
  );
}

/** An ISSUED statement may be disputed once, before its deadline; the server decides both (the window is its clock's). */
function DisputeForm({ statement }: { statement: StatementSummaryFragment }) {
  const dispute = useApiMutation(DisputeSettlementStatementDocument);
  if (statement.status !== 'ISSUED' || statement.disputeReason) return null;
  return (
    <TextAction
      label="이의 사유"
      button="이의 제기"
      color="red"
      pending={dispute.isPending}
      error={dispute.error}
      onSubmit={(reason) => dispute.mutate({ statementId: statement.id, reason })}
    />
  );
}

/** The sale a tax invoice is for, by its number. */
const saleNumber = (invoice: TaxInvoiceDueFragment): string => invoice.order?.number ?? invoice.reservation?.number ?? '—';

function TaxInvoicesDue({ partnerAgencyId }: { partnerAgencyId: string }) {
  const invoices = useApiQuery(IssuableTaxInvoicesDocument, { partnerAgencyId });
  const [recording, setRecording] = useState<TaxInvoiceDueFragment | null>(null);
  const connection = invoices.data?.taxInvoices;
  return (
    <>
      <Title order={2} size="h4">
        발행할 세금계산서
      </Title>
      <ErrorMessage error={invoices.error} />
      {invoices.isPending && <Loading />}
      {connection?.totalCount === 0 && <Text>발행할 세금계산서가 없습니다.</Text>}
      {connection && connection.totalCount > 0 && (
        <Table striped>
          <Table.Caption>홈택스에서 발행한 뒤 승인번호를 기록해 주세요. 발행 기한이 지난 것은 빨간색입니다.</Table.Caption>
          <ColumnHeads names={['주문·예약', '구매 기관', '작성일자', '공급가액', '세액', '면세 금액', '합계', '발행 기한', '기록']} />
          <Table.Tbody>
            {connection.nodes.map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Th scope="row">{saleNumber(invoice)}</Table.Th>
                <Table.Td>{invoice.buyer.name}</Table.Td>
                <Table.Td>{invoice.writtenOn ? calendarDate(invoice.writtenOn) : '—'}</Table.Td>
                <Table.Td>{won(invoice.supplyValue)}</Table.Td>
                <Table.Td>{won(invoice.vat)}</Table.Td>
                <Table.Td>{won(invoice.taxFreeAmount)}</Table.Td>
                <Table.Td>{won(invoice.total)}</Table.Td>
                <Table.Td c={invoice.overdue ? 'red.8' : undefined} fw={invoice.overdue ? 700 : undefined}>
                  {invoice.dueOn ? calendarDate(invoice.dueOn) : '—'}
                  {invoice.overdue && ' (기한 지남)'}
                </Table.Td>
                <Table.Td>
                  <Button size="xs" onClick={() => setRecording(invoice)} aria-label={`${saleNumber(invoice)} 세금계산서 발행 기록`}>
                    발행 기록
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={recording !== null}
        onClose={() => setRecording(null)}
        title={`${recording ? saleNumber(recording) : ''} 세금계산서 발행 기록`}
        closeButtonProps={{ 'aria-label': '닫기' }}
      >
        {recording && <RecordForm key={recording.id} invoice={recording} onRecorded={() => setRecording(null)} />}
      </Modal>
    </>
  );
}

type RecordProblems = Partial<Record<'approvalNumber' | 'taxFreeApprovalNumber' | 'issuedOn', string>>;

/** The server's check of a typed number (libs/settlement/src/approval-number.ts), in Korean. */
function approvalNumberProblem(typed: string): string | undefined {
  const number = normalizedApprovalNumber(typed);
  if (!number) return '승인번호를 입력해 주세요.';
  if (!isApprovalNumber(number)) return '국세청 승인번호는 영문과 숫자 24자리입니다 (- 제외).';
  return undefined;
}

/**
 * What the NTS answered: the 세금계산서's number when there is a taxable part, the 계산서's when there is a
 * tax-free part, and the date of issue (docs/RULES.md §23), checked here as the server checks them.
 */
function RecordForm({ invoice, onRecorded }: { invoice: TaxInvoiceDueFragment; onRecorded: () => void }) {
  const record = useApiMutation(RecordTaxInvoiceDocument);
  const taxable = invoice.supplyValue + invoice.vat > 0;
  const taxFree = invoice.taxFreeAmount > 0;
  const [approvalNumber, setApprovalNumber] = useState('');
  const [taxFreeApprovalNumber, setTaxFreeApprovalNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState(seoulToday);
  const [problems, setProblems] = useState<RecordProblems>({});
  const approvalNumberInput = useRef<HTMLInputElement>(null);
  const taxFreeApprovalNumberInput = useRef<HTMLInputElement>(null);
  const issuedOnInput = useRef<HTMLInputElement>(null);

  /** Shows `found` on their fields and moves the focus to the first, in the form's order, so it is read out. */
  const show = (found: RecordProblems) => {
    setProblems(found);
    if (found.approvalNumber) approvalNumberInput.current?.focus();
    else if (found.taxFreeApprovalNumber) taxFreeApprovalNumberInput.current?.focus();
    else if (found.issuedOn) issuedOnInput.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: RecordProblems = {
      approvalNumber: taxable ? approvalNumberProblem(approvalNumber) : undefined,
      taxFreeApprovalNumber: taxFree ? approvalNumberProblem(taxFreeApprovalNumber) : undefined,
      issuedOn: issuedOn ? undefined : '발행일을 입력해 주세요.',
    };
    show(found);
    if (Object.values(found).some(Boolean)) return;
    record.mutate(
      {
        input: {
          taxInvoiceId: invoice.id,
          approvalNumber: taxable ? approvalNumber : null,
          taxFreeApprovalNumber: taxFree ? taxFreeApprovalNumber : null,
          issuedOn,
        },
      },
      { onSuccess: onRecorded, onError: (error) => show(fieldProblems(error)) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {invoice.buyer.name} · 합계 {won(invoice.total)}
          {invoice.purchaseOrderNumber && ` · 품의번호 ${invoice.purchaseOrderNumber}`}
        </Text>
        {taxable && (
          <TextInput
            ref={approvalNumberInput}
            label="세금계산서 승인번호"
            description={`공급가액 ${won(invoice.supplyValue)}, 세액 ${won(invoice.vat)}. 영문과 숫자 24자리, -는 빼고 저장됩니다.`}
            required
            autoComplete="off"
            value={approvalNumber}
            onChange={(event) => setApprovalNumber(event.currentTarget.value)}
            error={problems.approvalNumber}
          />
        )}
        {taxFree && (
          <TextInput
            ref={taxFreeApprovalNumberInput}
            label="계산서 승인번호"
            description={`면세 금액 ${won(invoice.taxFreeAmount)}. 영문과 숫자 24자리, -는 빼고 저장됩니다.`}
            required
            autoComplete="off"
            value={taxFreeApprovalNumber}
            onChange={(event) => setTaxFreeApprovalNumber(event.currentTarget.value)}
            error={problems.taxFreeApprovalNumber}
          />
        )}
        <TextInput
          ref={issuedOnInput}
          label="발행일"
          type="date"
          required
          min={invoice.writtenOn ?? undefined}
          value={issuedOn}
          onChange={(event) => setIssuedOn(event.currentTarget.value)}
          error={problems.issuedOn}
        />
        <ErrorMessage error={record.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending}>
            발행 기록
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
