import { Button, Text } from '@mantine/core';
import { OrdersToShipDocument, ShipOrderDocument, type OrderToShipFragment } from '../generated/graphql';
import { useApiMutation, useApiQuery } from '../hooks';
import { OrdersToShipTable } from '../OrdersToShipTable';
import { ActionForm, Confirmation, ErrorMessage, Loading, Page, RowActionDialog, useRowAction } from '../Page';
import { parcelInput } from '../parcel';
import { ALL_CARRIERS, ParcelFields, useParcelForm } from '../ParcelFields';

/**
 * 발송 관리: the agency's paid orders by dispatch deadline (overdue in red, docs/RULES.md §17), each shipped
 * with a carrier and tracking number checked here on the server's formats before `shipOrder` is sent.
 */
export function AgencyShipping({ partnerAgencyId }: { partnerAgencyId: string }) {
  const orders = useApiQuery(OrdersToShipDocument, { partnerAgencyId });
  const shipping = useRowAction<OrderToShipFragment>();
  const order = shipping.acting;
  const data = orders.data;
  return (
    <Page title="발송 관리">
      <ErrorMessage error={orders.error} />
      {/* The shipped order's row is gone: the focus goes to the confirmation rather than back to its button. */}
      <Confirmation title="발송 처리했습니다" message={shipping.done} />
      {orders.isPending && <Loading />}
      {data && data.toShip.totalCount === 0 && <Text>발송할 주문이 없습니다.</Text>}
      {data && data.toShip.totalCount > 0 && (
        <OrdersToShipTable
          orders={data}
          caption={`결제 완료된 주문 ${data.toShip.totalCount}건, 최근 순 (최대 100건)`}
          action={{
            heading: '발송',
            cell: (order) => (
              <Button size="xs" onClick={() => shipping.start(order)} aria-label={`주문 ${order.number} 발송 처리`}>
                발송 처리
              </Button>
            ),
          }}
        />
      )}
      <RowActionDialog title={`주문 ${order?.number ?? ''} 발송`} action={shipping}>
        {order && (
          <ShipForm key={order.id} order={order} onCancel={shipping.cancel} onShipped={(number) => shipping.finish(`주문 ${number}의 송장을 등록했습니다.`)} />
        )}
      </RowActionDialog>
    </Page>
  );
}

/** The parcel of one order: carrier, and the courier's name (OTHER) or tracking number (couriers). */
function ShipForm({ order, onCancel, onShipped }: { order: OrderToShipFragment; onCancel: () => void; onShipped: (number: string) => void }) {
  const ship = useApiMutation(ShipOrderDocument);
  const parcel = useParcelForm('CJ_LOGISTICS');

  const submit = () => {
    if (!parcel.check()) return;
    ship.mutate(
      { input: { orderId: order.id, ...parcelInput(parcel.parcel) } },
      {
        onSuccess: (result) => onShipped(result.shipOrder.number),
        // The server's own field messages go on the fields too; its message is shown above the buttons.
        onError: (error) => parcel.showServerProblems(error),
      },
    );
  };

  return (
    <ActionForm submitLabel="발송 처리" onSubmit={submit} onCancel={onCancel} pending={ship.isPending} error={ship.error}>
      <Text size="sm">
        {order.buyer.name} · {order.lines.map((line) => `${line.title} × ${line.quantity}`).join(', ')}
      </Text>
      <ParcelFields form={parcel} carriers={ALL_CARRIERS} />
    </ActionForm>
  );
}
