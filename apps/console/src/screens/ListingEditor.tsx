import { Button, Fieldset, Group, NativeSelect, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { fieldProblems } from '../api';
import { ListingToEditDocument, SetAvailabilityDocument, UpdateListingDocument, type ListingToEditQuery, type Weekday } from '../generated/graphql';
import { useFieldProblems, WonInput } from '../fields';
import { useApiMutation, useApiQuery } from '../hooks';
import { ActionForm, ErrorMessage, Loading } from '../Page';
import { ListingImages } from './ListingImages';

const WEEKDAY: Record<Weekday, string> = {
  MONDAY: '월요일',
  TUESDAY: '화요일',
  WEDNESDAY: '수요일',
  THURSDAY: '목요일',
  FRIDAY: '금요일',
  SATURDAY: '토요일',
  SUNDAY: '일요일',
};
const WEEKDAY_OPTIONS = Object.entries(WEEKDAY).map(([value, label]) => ({ value, label }));

type Listing = NonNullable<ListingToEditQuery['listing']>;
type Availability = NonNullable<ListingToEditQuery['availability']>;
interface Hours {
  key: number;
  weekday: Weekday;
  opensAt: string;
  closesAt: string;
}
/** The form's fields in order, by the server's names for them. */
const FIELDS = ['title', 'price', 'description', 'goods.stock', 'goods.shippingFee'] as const;

/** The listing's pictures (saved at once) and, loaded before the form shows them, its text, terms and, for a service, hours. */
export function ListingEditor({ listingId, onCancel, onSaved }: { listingId: string; onCancel: () => void; onSaved: () => void }) {
  const loaded = useApiQuery(ListingToEditDocument, { id: listingId });
  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (!loaded.data?.listing) return <Loading />;
  return (
    <Stack gap="md">
      <ListingImages listingId={listingId} images={loaded.data.listing.images} />
      <EditForm listing={loaded.data.listing} availability={loaded.data.availability ?? null} onCancel={onCancel} onSaved={onSaved} />
    </Stack>
  );
}

const isAmount = (value: number | string, least: number) => typeof value === 'number' && Number.isInteger(value) && value >= least;

/**
 * Title, pitch, price and text of any listing (docs/RULES.md §6); a goods listing's stock and shipping fee
 * (§15, its other terms kept); a service's weekly hours (§7), sent whole with its exceptions, zone and slot
 * interval as they were. Subscription terms and the rest stay as they are; images are ListingImages' own.
 */
function EditForm({
  listing,
  availability,
  onCancel,
  onSaved,
}: {
  listing: Listing;
  availability: Availability | null;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const update = useApiMutation(UpdateListingDocument);
  const setHours = useApiMutation(SetAvailabilityDocument);
  const [title, setTitle] = useState(listing.title);
  const [summary, setSummary] = useState(listing.summary ?? '');
  const [price, setPrice] = useState<number | string>(listing.price);
  const [description, setDescription] = useState(listing.description);
  const [stock, setStock] = useState<number | string>(listing.goods?.stock ?? 0);
  const [shippingFee, setShippingFee] = useState<number | string>(listing.goods?.shippingFee ?? 0);
  const [hours, setHoursRows] = useState<Hours[]>(() => (availability?.weeklyHours ?? []).map((range, key) => ({ key, ...range })));
  const { problems, show, refOf } = useFieldProblems(FIELDS);
  const addHoursButton = useRef<HTMLButtonElement>(null);

  const changeHours = (key: number, changes: Partial<Hours>) => setHoursRows(hours.map((row) => (row.key === key ? { ...row, ...changes } : row)));

  const submit = async () => {
    const found: typeof problems = {};
    if (!title.trim()) found.title = '이름을 입력해 주세요.';
    if (!isAmount(price, 1)) found.price = '1원 이상의 금액을 입력해 주세요.';
    if (!description.trim()) found.description = '설명을 입력해 주세요.';
    if (listing.goods && !isAmount(stock, 0)) found['goods.stock'] = '0 이상의 수량을 입력해 주세요.';
    if (listing.goods && !isAmount(shippingFee, 0)) found['goods.shippingFee'] = '0원 이상의 금액을 입력해 주세요.';
    show(found);
    if (Object.keys(found).length) return;
    const goods = listing.goods ? { goods: { stock: stock as number, shippingFee: shippingFee as number } } : {};
    try {
      await update.mutateAsync({ id: listing.id, input: { title, summary: summary.trim() || null, price: price as number, description, ...goods } });
      if (availability)
        await setHours.mutateAsync({
          listingId: listing.id,
          input: {
            timezone: availability.timezone,
            slotIntervalMinutes: availability.slotIntervalMinutes,
            // A closed day carries no hours (BAD_USER_INPUT otherwise).
            exceptions: availability.exceptions.map(({ date, closed, opensAt, closesAt }) => (closed ? { date, closed } : { date, closed, opensAt, closesAt })),
            weeklyHours: hours.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
          },
        });
      onSaved();
    } catch (error) {
      show(fieldProblems(error as Error));
    }
  };

  return (
    <ActionForm
      submitLabel="저장"
      onSubmit={submit}
      onCancel={onCancel}
      pending={update.isPending || setHours.isPending}
      error={update.error ?? setHours.error}
    >
      <TextInput ref={refOf('title')} label="이름" required value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={problems.title} />
      <TextInput label="한 줄 소개" value={summary} onChange={(event) => setSummary(event.currentTarget.value)} />
      <WonInput ref={refOf('price')} label="가격" description="부가세 포함" required min={1} value={price} onChange={setPrice} error={problems.price} />
      <Textarea
        ref={refOf('description')}
        label="설명"
        required
        autosize
        minRows={4}
        maxRows={12}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={problems.description}
      />
      {listing.goods && (
        <Fieldset legend="재고와 배송">
          <Group grow>
            <NumberInput
              ref={refOf('goods.stock')}
              label="재고"
              required
              min={0}
              allowDecimal={false}
              allowNegative={false}
              value={stock}
              onChange={setStock}
              error={problems['goods.stock']}
            />
            <WonInput
              ref={refOf('goods.shippingFee')}
              label="배송비"
              required
              value={shippingFee}
              onChange={setShippingFee}
              error={problems['goods.shippingFee']}
            />
          </Group>
        </Fieldset>
      )}
      {availability && (
        <Fieldset legend="운영 시간 (매주)">
          {hours.length === 0 && <Text size="sm">운영 시간이 없어 예약을 받지 않습니다.</Text>}
          {hours.map((row, index) => (
            <Group key={row.key} align="flex-end" gap="xs" mb="xs" role="group" aria-label={`운영 시간 ${index + 1}`}>
              <NativeSelect
                label="요일"
                data={WEEKDAY_OPTIONS}
                value={row.weekday}
                onChange={(event) => changeHours(row.key, { weekday: event.currentTarget.value as Weekday })}
              />
              <TextInput type="time" label="시작" value={row.opensAt} onChange={(event) => changeHours(row.key, { opensAt: event.currentTarget.value })} />
              <TextInput type="time" label="끝" value={row.closesAt} onChange={(event) => changeHours(row.key, { closesAt: event.currentTarget.value })} />
              <Button
                variant="outline"
                color="red"
                aria-label={`${WEEKDAY[row.weekday]} ${row.opensAt}–${row.closesAt} 삭제`}
                onClick={() => {
                  setHoursRows(hours.filter((other) => other.key !== row.key));
                  // The row and its button go: the focus stays in the hours rather than falling to the page.
                  addHoursButton.current?.focus();
                }}
              >
                삭제
              </Button>
            </Group>
          ))}
          <Button
            ref={addHoursButton}
            variant="default"
            onClick={() =>
              setHoursRows([...hours, { key: Math.max(0, ...hours.map((row) => row.key + 1)), weekday: 'MONDAY', opensAt: '09:00', closesAt: '18:00' }])
            }
          >
            시간대 추가
          </Button>
        </Fieldset>
      )}
    </ActionForm>
  );
}
