import { Button, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  AddSettlementAdjustmentDocument,
  GenerateSettlementStatementsDocument,
  IssueSettlementStatementDocument,
  MarkSettlementPaidDocument,
  PartnerAgenciesDocument,
  ResolveSettlementDisputeDocument,
  type SettlementStatus,
  type StatementSummaryFragment,
} from '../generated/graphql';
import { lastMonthInSeoul, monthLabel } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { SETTLEMENT_STATUS, optionsOf } from '../labels';
import { ErrorMessage, Page } from '../Page';
import { Statements, TextAction } from '../SettlementStatement';

const STATUS_OPTIONS = optionsOf(SETTLEMENT_STATUS);

/**
 * 정산: the partner agencies' monthly statements (docs/RULES.md §22) by month, agency and status. The
 * operator generates a closed month's statements, adjusts a DRAFT or DISPUTED one, issues it, answers a
 * dispute and marks it paid.
 */
export function Settlement() {
  const [month, setMonth] = useState('');
  const [partnerAgencyId, setPartnerAgencyId] = useState<string | null>(null);
  const [status, setStatus] = useState<SettlementStatus | null>(null);
  const agencies = useApiQuery(PartnerAgenciesDocument, {});
  return (
    <Page title="정산">
      <GenerateForm />
      <Title order={2} size="h4">
        정산서
      </Title>
      <Group align="end">
        <TextInput label="정산월" type="month" value={month} onChange={(event) => setMonth(event.currentTarget.value)} />
        <Select
          label="기관"
          placeholder="전체"
          clearable
          searchable
          data={agencies.data?.partnerAgencies.nodes.map((agency) => ({ value: agency.id, label: agency.organization.name })) ?? []}
          value={partnerAgencyId}
          onChange={setPartnerAgencyId}
        />
        <Select
          label="상태"
          placeholder="전체"
          clearable
          data={STATUS_OPTIONS}
          value={status}
          onChange={(value) => setStatus(value as SettlementStatus | null)}
        />
      </Group>
      <Statements
        filter={{ month: month || null, partnerAgencyId, status }}
        emptyText="조건에 맞는 정산서가 없습니다."
        actions={(statement) => <OperatorActions statement={statement} />}
      />
    </Page>
  );
}

/** Generation of a closed month (idempotent: an agency keeps the statement it has). */
function GenerateForm() {
  const [month, setMonth] = useState(lastMonthInSeoul);
  const generate = useApiMutation(GenerateSettlementStatementsDocument);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        generate.mutate({ month });
      }}
    >
      <Stack gap="xs">
        <Title order={2} size="h4">
          정산서 생성
        </Title>
        <Group align="end">
          <TextInput
            label="생성할 정산월"
            description="끝난 달만 생성할 수 있습니다. 이미 있는 기관의 정산서는 그대로 둡니다."
            type="month"
            required
            value={month}
            onChange={(event) => setMonth(event.currentTarget.value)}
          />
          <Button type="submit" loading={generate.isPending}>
            정산서 생성
          </Button>
        </Group>
        <ErrorMessage error={generate.error} />
        {generate.isSuccess && (
          <Text role="status" c="dure.9">
            {monthLabel(generate.variables.month)} 정산서 {generate.data.generateSettlementStatements.length}건을 생성했습니다.
          </Text>
        )}
      </Stack>
    </form>
  );
}

/** What the operator may do in the statement's state (docs/RULES.md §22's transition table). */
function OperatorActions({ statement }: { statement: StatementSummaryFragment }) {
  const issue = useApiMutation(IssueSettlementStatementDocument);
  const resolve = useApiMutation(ResolveSettlementDisputeDocument);
  const markPaid = useApiMutation(MarkSettlementPaidDocument);
  const statementId = statement.id;
  return (
    <Stack>
      {(statement.status === 'DRAFT' || statement.status === 'DISPUTED') && <AdjustmentForm statementId={statementId} />}
      {statement.status === 'DRAFT' && (
        <Stack gap="xs">
          <ErrorMessage error={issue.error} />
          <Group>
            <Button loading={issue.isPending} onClick={() => issue.mutate({ statementId })}>
              정산서 발행
            </Button>
          </Group>
        </Stack>
      )}
      {statement.status === 'DISPUTED' && (
        <TextAction
          label="이의 처리 결과"
          button="이의 처리 완료"
          pending={resolve.isPending}
          error={resolve.error}
          onSubmit={(note) => resolve.mutate({ statementId, note })}
        />
      )}
      {statement.status === 'ISSUED' && (
        <TextAction
          label="이체 참조 번호"
          button="지급 완료 처리"
          pending={markPaid.isPending}
          error={markPaid.error}
          onSubmit={(transferReference) => markPaid.mutate({ statementId, transferReference })}
        />
      )}
    </Stack>
  );
}

/** An adjustment of either sign, never 0, with the reason the agency will read. */
function AdjustmentForm({ statementId }: { statementId: string }) {
  const adjust = useApiMutation(AddSettlementAdjustmentDocument);
  const [amount, setAmount] = useState<number | string>('');
  const [description, setDescription] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (typeof amount !== 'number' || amount === 0 || !description.trim()) return;
        adjust.mutate(
          { statementId, amount, description: description.trim() },
          {
            onSuccess: () => {
              setAmount('');
              setDescription('');
            },
          },
        );
      }}
    >
      <Stack gap="xs">
        <Title order={2} size="h4">
          조정 추가
        </Title>
        <Group align="end">
          <NumberInput
            label="조정 금액 (원)"
            description="지급액에서 빼려면 음수로 입력합니다."
            required
            allowDecimal={false}
            thousandSeparator=","
            value={amount}
            onChange={setAmount}
          />
          <TextInput label="조정 사유" required value={description} onChange={(event) => setDescription(event.currentTarget.value)} />
          <Button type="submit" variant="light" loading={adjust.isPending}>
            조정 추가
          </Button>
        </Group>
        <ErrorMessage error={adjust.error} />
      </Stack>
    </form>
  );
}
