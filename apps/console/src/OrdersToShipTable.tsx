import { Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { OrderToShipFragment, OrdersToShipQuery } from './generated/graphql';
import { kstDateTime, won } from './format';
import { ColumnHeads } from './Page';

const COLUMNS = ['주문 번호', '구매자', '상품', '결제 금액', '결제 일시', '발송 기한'];

/**
 * Paid orders with their dispatch deadline, those the server counts as overdue in red with a badge
 * (docs/RULES.md §17); `action` adds a last column (the shipping screen's ship button).
 */
export function OrdersToShipTable({
  orders,
  caption,
  action,
}: {
  orders: OrdersToShipQuery;
  caption: string;
  action?: { heading: string; cell: (order: OrderToShipFragment) => ReactNode };
}) {
  const overdue = new Set(orders.overdue.nodes.map((order) => order.id));
  return (
    <Table>
      <Table.Caption>{caption}</Table.Caption>
      <ColumnHeads names={action ? [...COLUMNS, action.heading] : COLUMNS} />
      <Table.Tbody>
        {orders.toShip.nodes.map((order) => {
          const late = overdue.has(order.id);
          return (
            <Table.Tr key={order.id}>
              <Table.Th scope="row">{order.number}</Table.Th>
              <Table.Td>{order.buyer.name}</Table.Td>
              <Table.Td>{order.lines.map((line) => `${line.title} × ${line.quantity}`).join(', ')}</Table.Td>
              <Table.Td>{won(order.price.total)}</Table.Td>
              <Table.Td>{kstDateTime(order.paidAt)}</Table.Td>
              <Table.Td>
                <Text component="span" inherit c={late ? 'red.9' : undefined} fw={late ? 700 : undefined}>
                  {kstDateTime(order.dispatchDeadline)}
                </Text>{' '}
                {late && <Badge color="red">기한 지남</Badge>}
              </Table.Td>
              {action && <Table.Td>{action.cell(order)}</Table.Td>}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
