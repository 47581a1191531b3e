import { Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { AgencyDashboardDocument, OrdersToShipDocument } from '../generated/graphql';
import { kstDateTime } from '../format';
import { useApiQuery } from '../hooks';
import { OrdersToShipTable } from '../OrdersToShipTable';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

/**
 * What the agency must do today: paid orders to ship by their dispatch deadline (those the server counts as
 * overdue in red, docs/RULES.md §17), and consultations waiting for an answer.
 */
export function AgencyDashboard({ partnerAgencyId }: { partnerAgencyId: string }) {
  // The orders are the shipping screen's query, so either screen finds them already loaded.
  const orders = useApiQuery(OrdersToShipDocument, { partnerAgencyId });
  const consultations = useApiQuery(AgencyDashboardDocument, { partnerAgencyId });
  const data = orders.data && consultations.data ? { ...orders.data, ...consultations.data } : null;
  return (
    <Page title="오늘 할 일">
      <ErrorMessage error={orders.error ?? consultations.error} />
      {(orders.isPending || consultations.isPending) && <Loading />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Figure label="발송할 주문" value={`${data.toShip.totalCount}건`} />
            <Figure label="발송 기한 지남" value={`${data.overdue.totalCount}건`} alert={data.overdue.totalCount > 0} />
            <Figure label="답변을 기다리는 상담" value={`${data.consultations.totalCount}건`} />
          </SimpleGrid>
          <Title order={2} size="h3">
            발송할 주문
          </Title>
          {data.toShip.totalCount === 0 ? (
            <Text>발송할 주문이 없습니다.</Text>
          ) : (
            <OrdersToShipTable orders={data} caption="결제 완료된 주문, 최근 순 (최대 100건)" />
          )}
          <Title order={2} size="h3">
            답변을 기다리는 상담
          </Title>
          {data.consultations.totalCount === 0 ? (
            <Text>기다리는 상담이 없습니다.</Text>
          ) : (
            <Table>
              <Table.Caption>새로 들어온 상담 (최대 20건)</Table.Caption>
              <ColumnHeads names={['서비스', '신청자', '신청 일시']} />
              <Table.Tbody>
                {data.consultations.nodes.map((consultation) => (
                  <Table.Tr key={consultation.id}>
                    <Table.Th scope="row">{consultation.listing.title}</Table.Th>
                    <Table.Td>{consultation.buyer.name}</Table.Td>
                    <Table.Td>{kstDateTime(consultation.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Page>
  );
}

function Figure({ label, value, alert = false }: { label: string; value: string; alert?: boolean }) {
  return (
    <Card withBorder>
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700} c={alert ? 'red.9' : undefined}>
        {value}
      </Text>
    </Card>
  );
}
