import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { OrdersToShipDocument, ShipOrderDocument, type Carrier, type OrderToShipFragment } from '../generated/graphql';
import { useApiMutation, useApiQuery } from '../hooks';
import { CARRIER, optionsOf } from '../labels';
import { OrdersToShipTable } from '../OrdersToShipTable';
import { ErrorMessage, Loading, Page } from '../Page';
import { parcelInput, parcelProblems, trackingNumberFormatText, type ParcelProblems } from '../parcel';

const CARRIER_OPTIONS = optionsOf(CARRIER);

/**
 * 발송 관리: the agency's paid orders by dispatch deadline (overdue in red, docs/RULES.md §17), each shipped
 * with a carrier and tracking number checked here on the server's formats before `shipOrder` is sent.
 */
export function AgencyShipping({ partnerAgencyId }: { partnerAgencyId: string }) {
  const orders = useApiQuery(OrdersToShipDocument, { partnerAgencyId });
  const [shipping, setShipping] = useState<OrderToShipFragment | null>(null);
  const [shipped, setShipped] = useState<string | null>(null);
  const shippedMessage = useRef<HTMLDivElement>(null);
  // The shipped order's row is gone: the focus goes to the confirmation rather than back to its button.
  useEffect(() => {
    if (shipped) shippedMessage.current?.focus();
  }, [shipped]);
  const data = orders.data;
  return (
    <Page title="발송 관리">
      <ErrorMessage error={orders.error} />
      {shipped && (
        <Alert color="dure" role="status" ref={shippedMessage} tabIndex={-1} title="발송 처리했습니다">
          주문 {shipped}의 송장을 등록했습니다.
        </Alert>
      )}
      {orders.isPending && <Loading />}
      {data && data.toShip.totalCount === 0 && <Text>발송할 주문이 없습니다.</Text>}
      {data && data.toShip.totalCount > 0 && (
        <OrdersToShipTable
          orders={data}
          caption={`결제 완료된 주문 ${data.toShip.totalCount}건, 최근 순 (최대 100건)`}
          action={{
            heading: '발송',
            cell: (order) => (
              <Button
                size="xs"
                onClick={() => {
                  setShipped(null);
                  setShipping(order);
                }}
                aria-label={`주문 ${order.number} 발송 처리`}
              >
                발송 처리
              </Button>
            ),
          }}
        />
      )}
      <Modal
        opened={shipping !== null}
        onClose={() => setShipping(null)}
        title={`주문 ${shipping?.number ?? ''} 발송`}
        closeButtonProps={{ 'aria-label': '닫기' }}
        returnFocus={shipped === null}
      >
        {shipping && (
          <ShipForm
            key={shipping.id}
            order={shipping}
            onCancel={() => setShipping(null)}
            onShipped={(number) => {
              setShipped(number);
              setShipping(null);
            }}
          />
        )}
      </Modal>
    </Page>
  );
}

/** The parcel of one order: carrier, and the courier's name (OTHER) or tracking number (couriers). */
function ShipForm({ order, onCancel, onShipped }: { order: OrderToShipFragment; onCancel: () => void; onShipped: (number: string) => void }) {
  const ship = useApiMutation(ShipOrderDocument);
  const [carrier, setCarrier] = useState<Carrier>('CJ_LOGISTICS');
  const [carrierName, setCarrierName] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [problems, setProblems] = useState<ParcelProblems>({});
  const carrierNameInput = useRef<HTMLInputElement>(null);
  const trackingNumberInput = useRef<HTMLInputElement>(null);

  /** Shows `found` on their fields and moves the focus to the first, so it is read out. */
  const show = (found: ParcelProblems) => {
    setProblems(found);
    if (found.carrierName) carrierNameInput.current?.focus();
    else if (found.trackingNumber) trackingNumberInput.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = { carrier, carrierName, trackingNumber };
    const found = parcelProblems(typed);
    show(found);
    if (Object.keys(found).length) return;
    ship.mutate(
      { input: { orderId: order.id, ...parcelInput(typed) } },
      {
        onSuccess: (result) => onShipped(result.shipOrder.number),
        // The server's own field messages go on the fields too; its message is shown above the buttons.
        onError: (error) => {
          if (error instanceof ApiError) show(Object.fromEntries(error.fields.map((problem) => [problem.field, problem.message])));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {order.buyer.name} · {order.lines.map((line) => `${line.title} × ${line.quantity}`).join(', ')}
        </Text>
        <NativeSelect
          label="택배사"
          data={CARRIER_OPTIONS}
          value={carrier}
          onChange={(event) => {
            setCarrier(event.currentTarget.value as Carrier);
            setProblems({});
          }}
        />
        {carrier === 'OTHER' && (
          <TextInput
            ref={carrierNameInput}
            label="택배사 이름"
            required
            value={carrierName}
            onChange={(event) => setCarrierName(event.currentTarget.value)}
            error={problems.carrierName}
          />
        )}
        {carrier !== 'DIRECT' && (
          <TextInput
            ref={trackingNumberInput}
            label="송장 번호"
            required
            inputMode="numeric"
            autoComplete="off"
            description={`${trackingNumberFormatText(carrier)}. 띄어쓰기와 -는 빼고 저장됩니다.`}
            value={trackingNumber}
            onChange={(event) => setTrackingNumber(event.currentTarget.value)}
            error={problems.trackingNumber}
          />
        )}
        <ErrorMessage error={ship.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            취소
          </Button>
          <Button type="submit" loading={ship.isPending}>
            발송 처리
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
