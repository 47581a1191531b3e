import { Anchor, Badge, Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { AgencyConsultationsDocument, AgencyReturnsDocument, OrdersToShipDocument, TaxInvoicesDueDocument } from '../generated/graphql';
import { calendarDate, kstDateTime, won } from '../format';
import { useApiQuery } from '../hooks';
import { OrdersToShipTable } from '../OrdersToShipTable';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

/**
 * What the agency must do today: paid orders to ship by their dispatch deadline (those the server counts as
 * overdue in red, docs/RULES.md §17), returns to take a step on (§18), consultations waiting for an answer
 * (§8) and tax invoices to issue by their due date (§23, overdue in red). Each count links to its screen.
 */
export function AgencyDashboard({ partnerAgencyId }: { partnerAgencyId: string }) {
  // The other screens' queries, so either finds them already loaded and the counts match their lists.
  const orders = useApiQuery(OrdersToShipDocument, { partnerAgencyId });
  const returns = useApiQuery(AgencyReturnsDocument, { partnerAgencyId });
  const consultations = useApiQuery(AgencyConsultationsDocument, { partnerAgencyId });
  const taxInvoices = useApiQuery(TaxInvoicesDueDocument, { partnerAgencyId });
  const queries = [orders, returns, consultations, taxInvoices];
  const error = queries.find((query) => query.error)?.error ?? null;
  if (!orders.data || !returns.data || !consultations.data || !taxInvoices.data)
    return (
      <Page title="오늘 할 일">
        <ErrorMessage error={error} />
        {!error && <Loading />}
      </Page>
    );
  const { requested, accepted, received } = returns.data;
  const { open, expired } = consultations.data;
  const { issuable, lateInvoices } = taxInvoices.data;
  return (
    <Page title="오늘 할 일">
      <ErrorMessage error={error} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure label="발송할 주문" count={orders.data.toShip.totalCount} href="/shipping" />
        <Figure label="발송 기한 지남" count={orders.data.overdue.totalCount} href="/shipping" alert />
        <Figure label="처리할 반품·교환" count={requested.totalCount + accepted.totalCount + received.totalCount} href="/returns" />
        <Figure label="답변을 기다리는 상담" count={open.totalCount + expired.totalCount} href="/consultations" />
        <Figure label="발행할 세금계산서" count={issuable.totalCount} href="/settlement" />
        <Figure label="발행 기한 지난 세금계산서" count={lateInvoices.totalCount} href="/settlement" alert />
      </SimpleGrid>
      <Title order={2} size="h3">
        발송할 주문
      </Title>
      {orders.data.toShip.totalCount === 0 ? (
        <Text>발송할 주문이 없습니다.</Text>
      ) : (
        <OrdersToShipTable orders={orders.data} caption="결제 완료된 주문, 최근 순 (최대 100건)" />
      )}
      <Title order={2} size="h3">
        답변을 기다리는 상담
      </Title>
      {open.totalCount === 0 ? (
        <Text>기다리는 상담이 없습니다.</Text>
      ) : (
        <Table>
          <Table.Caption>새로 들어온 상담 (최근 15건까지)</Table.Caption>
          <ColumnHeads names={['서비스', '신청자', '신청 일시']} />
          <Table.Tbody>
            {open.nodes.map((consultation) => (
              <Table.Tr key={consultation.id}>
                <Table.Th scope="row">{consultation.listing.title}</Table.Th>
                <Table.Td>{consultation.buyer.name}</Table.Td>
                <Table.Td>{kstDateTime(consultation.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2} size="h3">
        발행할 세금계산서
      </Title>
      {issuable.totalCount === 0 ? (
        <Text>발행할 세금계산서가 없습니다.</Text>
      ) : (
        <Table>
          <Table.Caption>홈택스에서 발행한 뒤 승인번호를 기록하세요 (최대 100건)</Table.Caption>
          <ColumnHeads names={['구매 기관', '합계', '발행 기한']} />
          <Table.Tbody>
            {issuable.nodes.map((invoice) => (
              <Table.Tr key={invoice.id}>
                <Table.Th scope="row">{invoice.buyer.name}</Table.Th>
                <Table.Td>{won(invoice.total)}</Table.Td>
                <Table.Td c={invoice.overdue ? 'red.9' : undefined}>
                  {invoice.dueOn ? calendarDate(invoice.dueOn) : '—'}{' '}
                  {invoice.overdue && (
                    <Badge color="red" variant="outline">
                      기한 지남
                    </Badge>
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

/** A count of things to do, in red when `alert` and any; with `href`, a link to the screen that lists them. */
function Figure({ label, count, href, alert = false }: { label: string; count: number; href?: string; alert?: boolean }) {
  const value = (
    <Text size="xl" fw={700} c={alert && count > 0 ? 'red.9' : undefined} span>
      {count}건
    </Text>
  );
  return (
    <Card withBorder>
      <Text size="sm">{label}</Text>
      {href ? (
        <Anchor component={Link} href={href} aria-label={`${label} ${count}건`}>
          {value}
        </Anchor>
      ) : (
        value
      )}
    </Card>
  );
}
