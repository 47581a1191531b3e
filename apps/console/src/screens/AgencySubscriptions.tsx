import { Badge, Table, Text, Title } from '@mantine/core';
import { AgencySubscriptionsDocument, type AgencySubscriptionsQuery } from '../generated/graphql';
import { calendarDate, won } from '../format';
import { useApiQuery } from '../hooks';
import { SUBSCRIPTION_INTERVAL, SUBSCRIPTION_STATUS, SUBSCRIPTION_STATUS_COLOR } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

type Subscription = AgencySubscriptionsQuery['partnerAgencySubscriptions']['nodes'][number];

/** A ship date's boxes to pack: how many, for how many subscribers, of which listings. */
interface ShipDay {
  shipDate: string;
  boxes: number;
  subscribers: number;
  titles: Set<string>;
}

/** The deliveries that will be charged and shipped, by ship date (skipped ones and paused weeks left out). */
function shipDays(subscriptions: Subscription[]): ShipDay[] {
  const days = new Map<string, ShipDay>();
  for (const subscription of subscriptions) {
    for (const delivery of subscription.upcomingDeliveries.filter((upcoming) => !upcoming.skipped)) {
      const day = days.get(delivery.shipDate) ?? { shipDate: delivery.shipDate, boxes: 0, subscribers: 0, titles: new Set<string>() };
      day.boxes += subscription.quantity;
      day.subscribers += 1;
      day.titles.add(subscription.listing.title);
      days.set(delivery.shipDate, day);
    }
  }
  return [...days.values()].sort((a, b) => a.shipDate.localeCompare(b.shipDate));
}

/**
 * 정기배송 (docs/RULES.md §20): the boxes to pack by ship date over each subscription's next four deliveries,
 * then the agency's subscribers (the newest 50) with their plan and next delivery. The shipping address is
 * on each delivery's order, in 발송 관리.
 */
export function AgencySubscriptions({ partnerAgencyId }: { partnerAgencyId: string }) {
  const subscriptions = useApiQuery(AgencySubscriptionsDocument, { partnerAgencyId });
  const nodes = subscriptions.data?.partnerAgencySubscriptions.nodes ?? [];
  const upcoming = shipDays(nodes);
  return (
    <Page title="정기배송">
      <ErrorMessage error={subscriptions.error} />
      {subscriptions.isPending && <Loading />}
      {subscriptions.data && (
        <>
          <Title order={2} size="h3">
            다가오는 배송
          </Title>
          {upcoming.length === 0 ? (
            <Text>예정된 배송이 없습니다.</Text>
          ) : (
            <Table>
              <Table.Caption>구독마다 다음 4회까지, 건너뛴 배송 제외</Table.Caption>
              <ColumnHeads names={['발송일', '상자', '구독자', '상품']} />
              <Table.Tbody>
                {upcoming.map((day) => (
                  <Table.Tr key={day.shipDate}>
                    <Table.Th scope="row">{calendarDate(day.shipDate)}</Table.Th>
                    <Table.Td>{day.boxes}상자</Table.Td>
                    <Table.Td>{day.subscribers}명</Table.Td>
                    <Table.Td>{[...day.titles].join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Title order={2} size="h3">
            구독자
          </Title>
          {nodes.length === 0 ? (
            <Text>구독자가 없습니다.</Text>
          ) : (
            <Table>
              <Table.Caption>구독 {subscriptions.data.partnerAgencySubscriptions.totalCount}건, 최근 순 (최대 50건)</Table.Caption>
              <ColumnHeads names={['구독 번호', '구독자', '상품', '주기', '수량', '결제 회차', '상태', '다음 배송']} />
              <Table.Tbody>
                {nodes.map((subscription) => (
                  <Table.Tr key={subscription.id}>
                    <Table.Th scope="row">{subscription.number}</Table.Th>
                    <Table.Td>{subscription.buyer.name}</Table.Td>
                    <Table.Td>{subscription.listing.title}</Table.Td>
                    <Table.Td>{SUBSCRIPTION_INTERVAL[subscription.interval]}</Table.Td>
                    <Table.Td>{subscription.quantity}상자</Table.Td>
                    <Table.Td>{subscription.paidCycles}회</Table.Td>
                    <Table.Td>
                      <Badge color={SUBSCRIPTION_STATUS_COLOR[subscription.status]}>{SUBSCRIPTION_STATUS[subscription.status]}</Badge>
                      {subscription.resumeOn && <Text size="xs">{calendarDate(subscription.resumeOn)} 재개</Text>}
                    </Table.Td>
                    <Table.Td>{nextDelivery(subscription)}</Table.Td>
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

function nextDelivery(subscription: Subscription): string {
  const next = subscription.upcomingDeliveries.find((delivery) => !delivery.skipped);
  return next ? `${calendarDate(next.shipDate)} · ${won(next.amount)}` : '—';
}
