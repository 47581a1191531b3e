import { Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { MarkPayoutPaidDocument, PayoutsDocument, RunPayoutsDocument, type PayoutRowFragment, type PayoutStatus } from '../generated/graphql';
import { calendarDate, kstDateTime, seoulToday, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { PAYOUT_STATUS, optionsOf } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

const STATUS_OPTIONS = optionsOf(PAYOUT_STATUS);

/**
 * 지급: market creators' payouts (docs/RULES.md §10), newest first, by period and status. Running a period is a
 * separate, explicit step (idempotent: a second run makes nothing new); after it the list shows that period.
 * Each payout is marked paid once the transfer is sent.
 */
export function Payouts() {
  const [periodEnd, setPeriodEnd] = useState('');
  const [status, setStatus] = useState<PayoutStatus | null>(null);
  return (
    <Page title="지급">
      <RunForm onRun={setPeriodEnd} />
      <Title order={2} size="h4">
        지급 내역
      </Title>
      <Group align="end">
        <TextInput label="기간 끝날짜" type="date" value={periodEnd} onChange={(event) => setPeriodEnd(event.currentTarget.value)} />
        <Select label="상태" placeholder="전체" clearable data={STATUS_OPTIONS} value={status} onChange={(value) => setStatus(value as PayoutStatus | null)} />
      </Group>
      <PayoutList periodEnd={periodEnd || null} status={status} />
    </Page>
  );
}

/** Runs the payouts of a period end; `onRun` then shows that period (every query is fetched again after it). */
function RunForm({ onRun }: { onRun: (periodEnd: string) => void }) {
  const [periodEnd, setPeriodEnd] = useState(seoulToday);
  const run = useApiMutation(RunPayoutsDocument);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        run.mutate({ periodEnd }, { onSuccess: () => onRun(periodEnd) });
      }}
    >
      <Stack gap="xs">
        <Title order={2} size="h4">
          지급 실행
        </Title>
        <Group align="end">
          <TextInput
            label="실행할 기간 끝날짜"
            description="승인된 크리에이터 수수료를 이 날짜까지 모아 지급액을 계산합니다. 같은 기간을 다시 실행해도 지급이 두 번 생기지 않습니다."
            type="date"
            required
            value={periodEnd}
            onChange={(event) => setPeriodEnd(event.currentTarget.value)}
          />
          <Button type="submit" loading={run.isPending}>
            지급 실행
          </Button>
        </Group>
        <ErrorMessage error={run.error} />
        {run.isSuccess && (
          <Text role="status" c="dure.9">
            {calendarDate(run.variables.periodEnd)}까지의 지급 {run.data.runPayouts.length}건이 있습니다.
          </Text>
        )}
      </Stack>
    </form>
  );
}

/** The payouts of the filter, newest first, each SCHEDULED one with its "paid" button. */
function PayoutList({ periodEnd, status }: { periodEnd: string | null; status: PayoutStatus | null }) {
  const payouts = useApiQuery(PayoutsDocument, { filter: { periodEnd, status } });
  const markPaid = useApiMutation(MarkPayoutPaidDocument);
  const connection = payouts.data?.payouts;
  return (
    <>
      <ErrorMessage error={payouts.error} />
      <ErrorMessage error={markPaid.error} />
      {payouts.isPending && <Loading />}
      {connection?.totalCount === 0 && <Text>조건에 맞는 지급이 없습니다.</Text>}
      {connection && connection.totalCount > 0 && (
        <Table striped>
          <Table.Caption>지급 {connection.totalCount}건, 최근 실행부터 (최대 100건)</Table.Caption>
          <ColumnHeads names={['크리에이터', '기간', '수수료', '원천징수', '지급액', '상태', '지급']} />
          <Table.Tbody>
            {connection.nodes.map((payout) => (
              <PayoutRow
                key={payout.id}
                payout={payout}
                paying={markPaid.isPending && markPaid.variables?.payoutId === payout.id}
                onPaid={() => markPaid.mutate({ payoutId: payout.id })}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

function PayoutRow({ payout, paying, onPaid }: { payout: PayoutRowFragment; paying: boolean; onPaid: () => void }) {
  return (
    <Table.Tr>
      <Table.Th scope="row">
        {payout.marketCreator.displayName} (@{payout.marketCreator.handle})
      </Table.Th>
      <Table.Td>
        {calendarDate(payout.periodStart)} ~ {calendarDate(payout.periodEnd)}
      </Table.Td>
      <Table.Td>{won(payout.grossAmount)}</Table.Td>
      <Table.Td>{won(payout.withholdingTax)}</Table.Td>
      <Table.Td>{won(payout.netAmount)}</Table.Td>
      <Table.Td>
        <Badge color={payout.status === 'PAID' ? 'dure' : 'blue'}>{PAYOUT_STATUS[payout.status]}</Badge>
      </Table.Td>
      <Table.Td>
        {payout.status === 'SCHEDULED' ? (
          <Button size="xs" loading={paying} aria-label={`${payout.marketCreator.displayName} 지급 완료 처리`} onClick={onPaid}>
            지급 완료 처리
          </Button>
        ) : (
          kstDateTime(payout.paidAt)
        )}
      </Table.Td>
    </Table.Tr>
  );
}
