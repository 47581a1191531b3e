import { Badge, Button, Card, Group, List, NumberInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { fieldProblems } from '../api';
import {
  AgencyConsultationsDocument,
  DeclineConsultationDocument,
  PostConsultationMessageDocument,
  SendOfferDocument,
  type AgencyConsultationFragment,
} from '../generated/graphql';
import { useFieldProblems, WonInput } from '../fields';
import { instantFromKstInput, kstDateTime, seoulDateTimeInput, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { CONSULTATION_STATUS, OFFER_STATUS } from '../labels';
import { ActionForm, Confirmation, ErrorMessage, Loading, Page, RowActionDialog, TextForm, useRowAction } from '../Page';

type Step = 'reply' | 'offer' | 'decline';

const STEPS: Record<Step, { label: string; done: string }> = {
  reply: { label: '답장', done: '답장을 보냈습니다' },
  offer: { label: '제안 보내기', done: '가격과 일정을 제안했습니다' },
  decline: { label: '상담 거절', done: '상담을 거절했습니다' },
};

/**
 * 상담 (docs/RULES.md §8): consultations waiting for the agency (new, or whose offer lapsed) and those whose
 * offer waits for the buyer; each answered with a message, an offer of a price and time, or declined.
 */
export function AgencyConsultations({ partnerAgencyId }: { partnerAgencyId: string }) {
  const consultations = useApiQuery(AgencyConsultationsDocument, { partnerAgencyId });
  const action = useRowAction<{ step: Step; consultation: AgencyConsultationFragment }>();
  const { acting } = action;
  const data = consultations.data;
  const waiting = data ? [...data.open.nodes, ...data.expired.nodes] : [];
  return (
    <Page title="상담">
      <ErrorMessage error={consultations.error} />
      <Confirmation title="상담에 답했습니다" message={action.done} />
      {consultations.isPending && <Loading />}
      {data && (
        <>
          <Title order={2} size="h3">
            답변을 기다리는 상담 {data.open.totalCount + data.expired.totalCount}건
          </Title>
          {/* The query's cost limit (docs/RULES.md §11) allows this many with their messages. */}
          <Text size="sm">새 상담은 최근 15건, 제안이 만료된 상담은 10건, 응답을 기다리는 제안은 10건까지 보입니다.</Text>
          {waiting.length === 0 && <Text>기다리는 상담이 없습니다.</Text>}
          {waiting.map((consultation) => (
            <ConsultationCard key={consultation.id} consultation={consultation} onStep={(step) => action.start({ step, consultation })} />
          ))}
          <Title order={2} size="h3">
            구매자의 응답을 기다리는 제안 {data.offered.totalCount}건
          </Title>
          {data.offered.totalCount === 0 && <Text>응답을 기다리는 제안이 없습니다.</Text>}
          {data.offered.nodes.map((consultation) => (
            <ConsultationCard key={consultation.id} consultation={consultation} onStep={(step) => action.start({ step, consultation })} />
          ))}
        </>
      )}
      <RowActionDialog title={acting ? `${acting.consultation.buyer.name}님 상담 ${STEPS[acting.step].label}` : ''} action={action}>
        {acting && (
          <StepForm
            key={`${acting.step}:${acting.consultation.id}`}
            {...acting}
            onCancel={action.cancel}
            onDone={() => action.finish(`${acting.consultation.buyer.name}님 (${acting.consultation.listing.title}): ${STEPS[acting.step].done}.`)}
          />
        )}
      </RowActionDialog>
    </Page>
  );
}

/** One consultation as a region named by its buyer and service: the conversation, the offers, and the steps. */
function ConsultationCard({ consultation, onStep }: { consultation: AgencyConsultationFragment; onStep: (step: Step) => void }) {
  const name = `${consultation.buyer.name}님 · ${consultation.listing.title}`;
  return (
    <Card withBorder component="section" aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {name}
          </Title>
          <Badge color={consultation.status === 'OFFERED' ? 'blue' : 'yellow'}>{CONSULTATION_STATUS[consultation.status]}</Badge>
        </Group>
        <Text size="sm">
          신청 {kstDateTime(consultation.createdAt)}
          {consultation.preferredTimes.length > 0 && ` · 희망 일시 ${consultation.preferredTimes.map(kstDateTime).join(', ')}`}
        </Text>
        <List spacing={4} aria-label="메시지">
          {consultation.messages.map((message) => (
            <List.Item key={message.id}>
              <Text size="sm" span fw={700}>
                {message.author.name}
              </Text>{' '}
              <Text size="sm" span>
                ({kstDateTime(message.createdAt)}): {message.body}
              </Text>
            </List.Item>
          ))}
        </List>
        {consultation.offers.length > 0 && (
          <List spacing={4} aria-label="보낸 제안">
            {consultation.offers.map((offer) => (
              <List.Item key={offer.id}>
                <Text size="sm">
                  {won(offer.price)} · {kstDateTime(offer.startsAt)} ~ {kstDateTime(offer.endsAt)} · {OFFER_STATUS[offer.status]}
                  {offer.status === 'PENDING' && ` (${kstDateTime(offer.expiresAt)}까지)`}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        <Group gap="xs">
          {(Object.keys(STEPS) as Step[]).map((step) => (
            <Button key={step} size="xs" variant={step === 'decline' ? 'outline' : 'filled'} onClick={() => onStep(step)}>
              {STEPS[step].label}
            </Button>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}

interface StepProps {
  consultation: AgencyConsultationFragment;
  onCancel: () => void;
  onDone: () => void;
}

function StepForm({ step, ...props }: StepProps & { step: Step }) {
  if (step === 'offer') return <OfferForm {...props} />;
  return step === 'reply' ? <ReplyForm {...props} /> : <DeclineForm {...props} />;
}

function ReplyForm({ consultation, onCancel, onDone }: StepProps) {
  const post = useApiMutation(PostConsultationMessageDocument);
  return (
    <TextForm
      label="답장"
      missing="답장 내용을 입력해 주세요."
      submitLabel="보내기"
      onSubmit={(body) => post.mutate({ consultationId: consultation.id, body }, { onSuccess: onDone })}
      onCancel={onCancel}
      pending={post.isPending}
      error={post.error}
    />
  );
}

/** Declining closes the consultation; a pending offer is declined with it. */
function DeclineForm({ consultation, onCancel, onDone }: StepProps) {
  const decline = useApiMutation(DeclineConsultationDocument);
  return (
    <TextForm
      label="거절 사유"
      description="구매자에게 전달됩니다. 보낸 제안이 있으면 함께 거절됩니다."
      missing="거절 사유를 입력해 주세요."
      submitLabel="상담 거절"
      onSubmit={(reason) => decline.mutate({ consultationId: consultation.id, reason }, { onSuccess: onDone })}
      onCancel={onCancel}
      pending={decline.isPending}
      error={decline.error}
    />
  );
}

const OFFER_FIELDS = ['price', 'startsAt', 'endsAt'] as const;

/**
 * A price and a time, in Seoul's time whatever the browser's; it ends after the service's usual length unless
 * changed. The start defaults to the buyer's first preferred time; a time without a free seat is refused by the
 * server (SLOT_UNAVAILABLE) and shown above the buttons.
 */
function OfferForm({ consultation, onCancel, onDone }: StepProps) {
  const send = useApiMutation(SendOfferDocument);
  const durationMinutes = consultation.listing.service?.durationMinutes ?? 60;
  const firstPreferred = consultation.preferredTimes[0];
  const [price, setPrice] = useState<number | string>(consultation.listing.price);
  const [startsAt, setStartsAt] = useState(firstPreferred ? seoulDateTimeInput(firstPreferred) : '');
  const [minutes, setMinutes] = useState<number | string>(durationMinutes);
  const [note, setNote] = useState('');
  const { problems, show, refOf } = useFieldProblems(OFFER_FIELDS);

  const submit = () => {
    const start = instantFromKstInput(startsAt);
    const found: typeof problems = {};
    if (typeof price !== 'number' || !Number.isInteger(price) || price <= 0) found.price = '1원 이상의 금액을 입력해 주세요.';
    if (!start) found.startsAt = '시작 일시를 입력해 주세요.';
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes <= 0) found.endsAt = '소요 시간을 분 단위로 입력해 주세요.';
    show(found);
    if (!start || Object.keys(found).length) return;
    send.mutate(
      {
        input: {
          consultationId: consultation.id,
          price: price as number,
          startsAt: start,
          endsAt: new Date(Date.parse(start) + (minutes as number) * 60_000).toISOString(),
          note: note.trim() || null,
        },
      },
      {
        onSuccess: onDone,
        onError: (error) => show(fieldProblems(error)),
      },
    );
  };

  return (
    <ActionForm submitLabel="제안 보내기" onSubmit={submit} onCancel={onCancel} pending={send.isPending} error={send.error}>
      <WonInput ref={refOf('price')} label="가격" description="부가세 포함" required min={1} value={price} onChange={setPrice} error={problems.price} />
      <TextInput
        ref={refOf('startsAt')}
        type="datetime-local"
        label="시작 일시 (한국 시간)"
        required
        value={startsAt}
        onChange={(event) => setStartsAt(event.currentTarget.value)}
        error={problems.startsAt}
      />
      <NumberInput
        ref={refOf('endsAt')}
        label="소요 시간 (분)"
        required
        min={1}
        allowDecimal={false}
        allowNegative={false}
        value={minutes}
        onChange={setMinutes}
        error={problems.endsAt}
      />
      <Textarea label="구매자에게 전할 말" autosize minRows={2} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
    </ActionForm>
  );
}
