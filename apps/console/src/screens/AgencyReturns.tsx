import { Badge, Button, Checkbox, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import {
  AcceptReturnDocument,
  AgencyReturnsDocument,
  CompleteReturnDocument,
  MarkReturnReceivedDocument,
  RejectReturnDocument,
  type AgencyReturnFragment,
} from '../generated/graphql';
import { kstDateTime, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { RETURN_REASON, RETURN_RESOLUTION, RETURN_STATUS } from '../labels';
import { ActionForm, ColumnHeads, Confirmation, ErrorMessage, Loading, Page, RowActionDialog, TextForm, useRowAction } from '../Page';
import { parcelInput } from '../parcel';
import { ALL_CARRIERS, ParcelFields, useParcelForm } from '../ParcelFields';

/** A pick-up waybill is one of the tracked couriers: neither the agency's own delivery nor an untracked one (docs/RULES.md §18). */
const TRACKED_CARRIERS = ALL_CARRIERS.filter((carrier) => carrier !== 'DIRECT' && carrier !== 'OTHER');

type Step = 'accept' | 'reject' | 'receive' | 'complete';

/** What each step is called on its button and dialog, and what it confirms. */
const STEPS: Record<Step, { label: string; done: string }> = {
  accept: { label: '승인', done: '승인했습니다' },
  reject: { label: '거절', done: '거절했습니다' },
  receive: { label: '회수 확인', done: '회수를 확인했습니다' },
  complete: { label: '처리 완료', done: '환불 또는 교환품 발송을 마쳤습니다' },
};

/** The steps the agency may take on a return in its status (docs/RULES.md §18's table). */
function stepsOf(request: AgencyReturnFragment): Step[] {
  if (request.status === 'REQUESTED') return ['accept', 'reject'];
  if (request.status === 'ACCEPTED') return ['receive', 'reject'];
  if (request.status === 'RECEIVED') return ['complete'];
  return [];
}

/** The deadline that runs now: accepted automatically past acceptBy, refunded automatically (with a strike) past completeBy. */
function deadlineOf(request: AgencyReturnFragment): string {
  if (request.status === 'REQUESTED') return `${kstDateTime(request.acceptBy)} 자동 승인`;
  if (request.status === 'RECEIVED') return `${kstDateTime(request.completeBy)}까지 처리`;
  return '—';
}

/**
 * 반품·교환 (docs/RULES.md §18): the agency's open returns — requested, accepted, received — each taken a
 * step on: accept (with the pick-up waybill it booked, if any) or reject with a reason, confirm the goods
 * came back, then refund or ship the exchange's replacement.
 */
export function AgencyReturns({ partnerAgencyId }: { partnerAgencyId: string }) {
  const returns = useApiQuery(AgencyReturnsDocument, { partnerAgencyId });
  const action = useRowAction<{ step: Step; request: AgencyReturnFragment }>();
  const { acting } = action;
  const data = returns.data;
  const open = data ? [...data.requested.nodes, ...data.accepted.nodes, ...data.received.nodes] : [];
  return (
    <Page title="반품·교환">
      <ErrorMessage error={returns.error} />
      <Confirmation title="반품·교환을 처리했습니다" message={action.done} />
      {returns.isPending && <Loading />}
      {data && open.length === 0 && <Text>처리할 반품·교환이 없습니다.</Text>}
      {open.length > 0 && (
        <Table>
          <Table.Caption>처리할 반품·교환: 요청, 승인, 회수 순 (상태마다 최근 20건)</Table.Caption>
          <ColumnHeads names={['반품 번호', '주문·구매자', '상품', '사유·방식', '상태', '기한', '처리']} />
          <Table.Tbody>
            {open.map((request) => (
              <Table.Tr key={request.id}>
                <Table.Th scope="row">{request.number}</Table.Th>
                <Table.Td>
                  {request.order.number}
                  <Text size="sm">{request.order.buyer.name}</Text>
                </Table.Td>
                <Table.Td>{request.lines.map((line) => `${line.orderLine.title} × ${line.quantity}`).join(', ')}</Table.Td>
                <Table.Td>
                  {RETURN_REASON[request.reason]} · {RETURN_RESOLUTION[request.resolution]}
                  {request.note && <Text size="sm">“{request.note}”</Text>}
                </Table.Td>
                <Table.Td>
                  <Badge color={request.status === 'REQUESTED' ? 'yellow' : 'dure'} style={{ overflow: 'visible' }}>
                    {RETURN_STATUS[request.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{deadlineOf(request)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {stepsOf(request).map((step) => (
                      <Button
                        key={step}
                        size="xs"
                        variant={step === 'reject' ? 'outline' : 'filled'}
                        aria-label={`반품 ${request.number} ${STEPS[step].label}`}
                        onClick={() => action.start({ step, request })}
                      >
                        {STEPS[step].label}
                      </Button>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RowActionDialog title={acting ? `반품 ${acting.request.number} ${STEPS[acting.step].label}` : ''} action={action}>
        {acting && (
          <StepForm
            key={`${acting.step}:${acting.request.id}`}
            {...acting}
            onCancel={action.cancel}
            onDone={() => action.finish(`반품 ${acting.request.number}: ${STEPS[acting.step].done}.`)}
          />
        )}
      </RowActionDialog>
    </Page>
  );
}

interface StepProps {
  request: AgencyReturnFragment;
  onCancel: () => void;
  onDone: () => void;
}

function StepForm({ step, ...props }: StepProps & { step: Step }) {
  if (step === 'accept') return <AcceptForm {...props} />;
  if (step === 'reject') return <RejectForm {...props} />;
  if (step === 'receive') return <ReceiveForm {...props} />;
  return props.request.resolution === 'EXCHANGE' ? <ExchangeForm {...props} /> : <RefundForm {...props} />;
}

/** Accepting, with the pick-up waybill (반품 수거) when the agency booked one. */
function AcceptForm({ request, onCancel, onDone }: StepProps) {
  const accept = useApiMutation(AcceptReturnDocument);
  const [withPickup, setWithPickup] = useState(false);
  const pickup = useParcelForm(TRACKED_CARRIERS[0]);
  const submit = () => {
    if (withPickup && !pickup.check()) return;
    const waybill = withPickup ? { pickupCarrier: pickup.parcel.carrier, pickupTrackingNumber: parcelInput(pickup.parcel).trackingNumber } : {};
    accept.mutate(
      { input: { returnRequestId: request.id, ...waybill } },
      { onSuccess: onDone, onError: (error) => pickup.showServerProblems(error, 'pickup') },
    );
  };
  return (
    <ActionForm submitLabel="승인" onSubmit={submit} onCancel={onCancel} pending={accept.isPending} error={accept.error}>
      <Text size="sm">승인하면 구매자가 상품을 돌려보냅니다. 수거를 예약했다면 송장을 함께 등록하세요.</Text>
      <Checkbox label="반품 수거 송장 등록" checked={withPickup} onChange={(event) => setWithPickup(event.currentTarget.checked)} />
      {withPickup && <ParcelFields form={pickup} carriers={TRACKED_CARRIERS} carrierLabel="수거 택배사" />}
    </ActionForm>
  );
}

/** Rejecting needs a reason, which the buyer reads (BAD_USER_INPUT on `reason` when blank). */
function RejectForm({ request, onCancel, onDone }: StepProps) {
  const reject = useApiMutation(RejectReturnDocument);
  return (
    <TextForm
      label="거절 사유"
      description="구매자에게 그대로 전달됩니다."
      missing="거절 사유를 입력해 주세요."
      submitLabel="거절"
      onSubmit={(reason) => reject.mutate({ returnRequestId: request.id, reason }, { onSuccess: onDone })}
      onCancel={onCancel}
      pending={reject.isPending}
      error={reject.error}
    />
  );
}

/** The goods are back: from now on three business days to refund or reship (completeBy). */
function ReceiveForm({ request, onCancel, onDone }: StepProps) {
  const receive = useApiMutation(MarkReturnReceivedDocument);
  return (
    <ActionForm
      submitLabel="회수 확인"
      onSubmit={() => receive.mutate({ returnRequestId: request.id }, { onSuccess: onDone })}
      onCancel={onCancel}
      pending={receive.isPending}
      error={receive.error}
    >
      <Text size="sm">
        상품을 돌려받았으면 확인해 주세요. 확인한 때부터 3영업일 안에 환불하거나 교환품을 보내야 하며, 넘기면 자동 환불되고 경고가 쌓입니다.
      </Text>
    </ActionForm>
  );
}

/** A refund paid back now, the amount the server planned. */
function RefundForm({ request, onCancel, onDone }: StepProps) {
  const complete = useApiMutation(CompleteReturnDocument);
  return (
    <ActionForm
      submitLabel="환불"
      onSubmit={() => complete.mutate({ input: { returnRequestId: request.id } }, { onSuccess: onDone })}
      onCancel={onCancel}
      pending={complete.isPending}
      error={complete.error}
    >
      <Text size="sm">구매자에게 {won(request.refundAmount)}을 환불합니다.</Text>
    </ActionForm>
  );
}

/** An exchange completes when its replacement parcel ships (docs/RULES.md §17's parcel rules). */
function ExchangeForm({ request, onCancel, onDone }: StepProps) {
  const complete = useApiMutation(CompleteReturnDocument);
  const replacement = useParcelForm('CJ_LOGISTICS');
  const submit = () => {
    if (!replacement.check()) return;
    const { carrier, carrierName, trackingNumber } = parcelInput(replacement.parcel);
    complete.mutate(
      { input: { returnRequestId: request.id, replacementCarrier: carrier, replacementCarrierName: carrierName, replacementTrackingNumber: trackingNumber } },
      { onSuccess: onDone, onError: (error) => replacement.showServerProblems(error, 'replacement') },
    );
  };
  return (
    <ActionForm submitLabel="교환품 발송" onSubmit={submit} onCancel={onCancel} pending={complete.isPending} error={complete.error}>
      <Text size="sm">교환품의 송장을 등록합니다.</Text>
      <ParcelFields form={replacement} carriers={ALL_CARRIERS} />
    </ActionForm>
  );
}
