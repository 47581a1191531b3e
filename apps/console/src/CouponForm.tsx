import { Alert, Button, Checkbox, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  COUPON_FIELDS,
  couponInput,
  couponProblems,
  couponValues,
  lockedAfterRedemption,
  newCouponValues,
  type CouponField,
  type CouponFunder,
  type CouponValues,
} from './coupon-terms';
import {
  CatalogListingsDocument,
  ExhibitionsDocument,
  SaveCouponDocument,
  type CouponScope,
  type CouponTermsFragment,
  type DiscountType,
} from './generated/graphql';
import { useFieldProblems } from './field-problems';
import { useApiMutation, useApiQuery } from './hooks';
import { COUPON_SCOPE, DISCOUNT_TYPE, optionsOf } from './labels';
import { ErrorMessage } from './Page';

const DISCOUNT_OPTIONS = optionsOf(DISCOUNT_TYPE);
/** The values typed as text. */
type TypedKey = { [K in keyof CouponValues]: CouponValues[K] extends string ? K : never }[keyof CouponValues];
const SCOPE_OPTIONS = optionsOf(COUPON_SCOPE);

/**
 * A coupon's terms, new or changed, for either funder (docs/RULES.md §19): checked here as the server checks
 * them, the focus on the first field at fault; after the first use the fields a redeemed coupon keeps are
 * disabled, with the reason.
 */
export function CouponForm({ coupon, funder, onSaved }: { coupon?: CouponTermsFragment; funder: CouponFunder; onSaved: () => void }) {
  const save = useApiMutation(SaveCouponDocument);
  const [values, setValues] = useState<CouponValues>(() => (coupon ? couponValues(coupon) : newCouponValues()));
  const { problems, show, showRefusal, idOf } = useFieldProblems(COUPON_FIELDS);
  const set = <K extends keyof CouponValues>(key: K, value: CouponValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const redeemed = Boolean(coupon && coupon.usedCount > 0);

  /** The props every field of the API's `field` shares: its id, its error, and its lock after the first use. */
  const fieldProps = (field: CouponField, description?: string) => {
    const locked = lockedAfterRedemption(field, coupon);
    return {
      id: idOf(field),
      error: problems[field],
      disabled: locked,
      description: locked ? '사용된 쿠폰이라 바꿀 수 없습니다.' : description,
    };
  };

  /** A typed field: `key` of the values, `field` as the API names it. */
  const textProps = (key: TypedKey, field: CouponField, description?: string) => ({
    ...fieldProps(field, description),
    value: values[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(key, event.currentTarget.value),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = couponProblems(values, coupon);
    show(found);
    if (Object.keys(found).length) return;
    save.mutate(
      { input: couponInput(values, funder, coupon) },
      {
        onSuccess: onSaved,
        onError: showRefusal,
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {redeemed && (
          <Alert color="blue" title={`이미 ${coupon!.usedCount}회 사용된 쿠폰입니다`}>
            첫 사용 후에는 이름, 설명, 종료 일시, 사용 한도, 사용 여부만 바꿀 수 있습니다 (운영 원칙 §19).
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput {...textProps('code', 'code', '영문자, 숫자, -로 4~20자. 대문자로 저장됩니다.')} label="쿠폰 코드" required autoComplete="off" />
          <TextInput {...textProps('name', 'name')} label="이름" required />
        </SimpleGrid>
        <Textarea label="사용 조건 안내" autosize minRows={2} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} />
        <SimpleGrid cols={3}>
          <NativeSelect
            {...fieldProps('discountType')}
            label="할인 방식"
            data={DISCOUNT_OPTIONS}
            value={values.discountType}
            onChange={(e) => set('discountType', e.currentTarget.value as DiscountType)}
          />
          {values.discountType === 'PERCENTAGE' && (
            <TextInput {...textProps('ratePercent', 'rateBps', '예: 10 또는 12.5')} label="할인율 (%)" required inputMode="decimal" />
          )}
          {values.discountType === 'FIXED_AMOUNT' && <TextInput {...textProps('amount', 'amount')} label="할인 금액 (원)" required inputMode="numeric" />}
          <TextInput {...textProps('maxDiscount', 'maxDiscount', '비우면 제한 없음')} label="최대 할인 금액 (원)" inputMode="numeric" />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput {...textProps('minOrderAmount', 'minOrderAmount', '대상 상품 정가 합계 기준')} label="최소 주문 금액 (원)" inputMode="numeric" />
          <TextInput {...textProps('startsAt', 'startsAt', '한국 시간')} label="시작 일시" type="datetime-local" required />
          <TextInput
            {...textProps('endsAt', 'endsAt', '한국 시간, 이 시각부터 사용 불가. 시작 후 366일 이내')}
            label="종료 일시"
            type="datetime-local"
            required
          />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput {...textProps('perUserLimit', 'perUserLimit', '기관 구매는 기관당')} label="1인당 사용 횟수" inputMode="numeric" />
          <TextInput {...textProps('totalUsageLimit', 'totalUsageLimit', '비우면 제한 없음')} label="전체 사용 한도" inputMode="numeric" />
          <TextInput
            {...textProps('subscriptionCycles', 'subscriptionCycles', '정기 배송에 쓸 때 할인되는 배송 횟수, 1~12')}
            label="정기 배송 할인 횟수"
            inputMode="numeric"
          />
        </SimpleGrid>
        <Checkbox
          label="정기 배송(꾸러미) 구독에도 사용"
          disabled={redeemed}
          checked={values.appliesToSubscriptions}
          onChange={(e) => set('appliesToSubscriptions', e.currentTarget.checked)}
        />
        <CouponScopeFields values={values} set={set} fieldProps={fieldProps} funder={funder} coupon={coupon} />
        <Checkbox label="사용 가능" checked={values.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        <ErrorMessage error={save.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {coupon ? '쿠폰 저장' : '쿠폰 만들기'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ScopeProps {
  values: CouponValues;
  set: <K extends keyof CouponValues>(key: K, value: CouponValues[K]) => void;
  fieldProps: (field: CouponField, description?: string) => { id: string; error?: string; disabled: boolean; description?: string };
  funder: CouponFunder;
  coupon?: CouponTermsFragment;
}

/** Which listings it covers: all (an agency's: all its own), an exhibition's, or chosen ones (an agency: among its own). */
function CouponScopeFields({ values, set, fieldProps, funder, coupon }: ScopeProps) {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const agencyId = funder.fundedBy === 'PARTNER_AGENCY' ? funder.partnerAgencyId : null;
  const exhibitions = useApiQuery(ExhibitionsDocument, { status: null }, { enabled: values.scope === 'EXHIBITION' });
  const listings = useApiQuery(
    CatalogListingsDocument,
    { partnerAgencyId: agencyId, search: debouncedSearch || null, kind: null },
    { enabled: values.scope === 'LISTINGS' },
  );
  // Chosen listings stay named while a search shows others.
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries((coupon?.listings ?? []).map((listing) => [listing.id, listing.title])));
  // Any listing but an archived one: a coupon may be made before its listing is published.
  const found = (listings.data?.listings.nodes ?? []).filter((listing) => listing.status !== 'ARCHIVED');
  const choices = { ...names, ...Object.fromEntries(found.map((listing) => [listing.id, `${listing.title} · ${listing.partnerAgency.organization.name}`])) };
  return (
    <Stack gap="sm">
      <NativeSelect
        {...fieldProps('scope')}
        label="적용 대상"
        data={SCOPE_OPTIONS}
        value={values.scope}
        onChange={(e) => set('scope', e.currentTarget.value as CouponScope)}
      />
      {values.scope === 'EXHIBITION' && (
        <NativeSelect
          {...fieldProps('exhibitionId')}
          label="기획전"
          required
          data={[
            { value: '', label: exhibitions.isPending ? '불러오는 중' : '기획전을 고르세요' },
            ...(exhibitions.data?.exhibitions.nodes ?? []).map((exhibition) => ({ value: exhibition.id, label: exhibition.title })),
          ]}
          value={values.exhibitionId}
          onChange={(e) => set('exhibitionId', e.currentTarget.value)}
        />
      )}
      {values.scope === 'LISTINGS' && (
        <MultiSelect
          {...fieldProps('listingIds', '상품을 검색해 고르세요')}
          label="대상 상품"
          required
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          nothingFoundMessage="찾는 상품이 없습니다"
          data={Object.entries(choices).map(([value, label]) => ({ value, label }))}
          value={values.listingIds}
          onChange={(ids) => {
            setNames(Object.fromEntries(ids.map((id) => [id, choices[id]])));
            set('listingIds', ids);
          }}
        />
      )}
    </Stack>
  );
}
