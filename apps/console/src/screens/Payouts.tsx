import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MarkPayoutPaidDocument, RunPayoutsDocument, type PayoutRowFragment } from '../generated/graphql';
import { calendarDate, kstDateTime, seoulToday, won } from '../format';
import { useApiMutation } from '../hooks';
import { PAYOUT_STATUS } from '../labels';
import { ColumnHeads, ErrorMessage, Page } from '../Page';

/**
 * 지급: market creators' payouts (docs/RULES.md §10). Running them for a period end is idempotent and answers
 * every payout of that period, earlier runs' included, so it is also how the operator reads them; each is
 * marked paid once the transfer is sent.
 */
export function Payouts() {
  const [periodEnd, setPeriodEnd] = useState(seoulToday);
  const run = useApiMutation(RunPayoutsDocument);
  const markPaid = useApiMutation(MarkPayoutPaidDocument);
  const [payouts, setPayouts] = useState<PayoutRowFragment[] | null>(null);
  return (
    <Page title="지급">
      <Text>승인된 크리에이터 수수료를 기간 끝날짜까지 모아 지급액을 계산합니다. 같은 기간을 다시 실행해도 지급이 두 번 생기지 않습니다.</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate({ periodEnd }, { onSuccess: (data) => setPayouts(data.runPayouts) });
        }}
      >
        <Group align="end">
          <TextInput label="기간 끝날짜" type="date" required value={periodEnd} onChange={(event) => setPeriodEnd(event.currentTarget.value)} />
          <Button type="submit" loading={run.isPending}>
            지급 실행
          </Button>
        </Group>
      </form>
      <ErrorMessage error={run.error} />
      <ErrorMessage error={markPaid.error} />
      {payouts?.length === 0 && <Text role="status">이 기간에 지급할 크리에이터가 없습니다.</Text>}
      {payouts && payouts.length > 0 && (
        <Table striped>
          <Table.Caption>
            {calendarDate(payouts[0].periodEnd)}까지의 지급 {payouts.length}건
          </Table.Caption>
          <ColumnHeads names={['크리에이터', '기간', '수수료', '원천징수', '지급액', '상태', '지급']} />
          <Table.Tbody>
            {payouts.map((payout) => (
              <Table.Tr key={payout.id}>
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
                    <Button
                      size="xs"
                      loading={markPaid.isPending && markPaid.variables?.payoutId === payout.id}
                      aria-label={`${payout.marketCreator.displayName} 지급 완료 처리`}
                      onClick={() =>
                        markPaid.mutate(
                          { payoutId: payout.id },
                          { onSuccess: ({ markPayoutPaid }) => setPayouts(payouts.map((p) => (p.id === markPayoutPaid.id ? markPayoutPaid : p))) },
                        )
                      }
                    >
                      지급 완료 처리
                    </Button>
                  ) : (
                    kstDateTime(payout.paidAt)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
