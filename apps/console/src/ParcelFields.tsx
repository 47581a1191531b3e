import { NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldProblems } from './api';
import type { Carrier } from './generated/graphql';
import { useFieldProblems } from './fields';
import { CARRIER } from './labels';
import { parcelProblems, trackingNumberFormatText, type TypedParcel } from './parcel';

const PARCEL_FIELDS = ['carrierName', 'trackingNumber'] as const;

/** Every carrier, for an outgoing parcel (the agency's own delivery and other couriers included). */
export const ALL_CARRIERS = Object.keys(CARRIER) as Carrier[];

/**
 * A parcel typed into a form (carrier, courier name, tracking number) with its problems on the fields: the
 * ship form's, an exchange's replacement and a return's pick-up waybill (docs/RULES.md §17, §18).
 */
export function useParcelForm(carrier: Carrier) {
  const [parcel, setParcel] = useState<TypedParcel>({ carrier, carrierName: '', trackingNumber: '' });
  const { problems, show, refOf } = useFieldProblems(PARCEL_FIELDS);

  return {
    parcel,
    problems,
    refOf,
    change: (changes: Partial<TypedParcel>) => {
      setParcel({ ...parcel, ...changes });
      if (changes.carrier) show({});
    },
    /** The server's checks made here first; false (problems shown) when the parcel would be refused. */
    check: (): boolean => {
      const found = parcelProblems(parcel);
      show(found);
      return Object.keys(found).length === 0;
    },
    /** The server's field problems on the fields, its field names being `prefix` + CarrierName / TrackingNumber. */
    showServerProblems: (error: Error, prefix = '') => {
      const byField = fieldProblems(error);
      const field = (name: string) => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name);
      show(Object.fromEntries(PARCEL_FIELDS.map((name) => [name, byField[field(name)]])));
    },
  };
}

export type ParcelForm = ReturnType<typeof useParcelForm>;

/** The parcel's fields: carrier (of `carriers`), the courier's name for OTHER, the tracking number for couriers. */
export function ParcelFields({ form, carriers, carrierLabel = '택배사' }: { form: ParcelForm; carriers: Carrier[]; carrierLabel?: string }) {
  const { parcel, problems, refOf } = form;
  return (
    <>
      <NativeSelect
        label={carrierLabel}
        data={carriers.map((value) => ({ value, label: CARRIER[value] }))}
        value={parcel.carrier}
        onChange={(event) => form.change({ carrier: event.currentTarget.value as Carrier })}
      />
      {parcel.carrier === 'OTHER' && (
        <TextInput
          ref={refOf('carrierName')}
          label="택배사 이름"
          required
          value={parcel.carrierName}
          onChange={(event) => form.change({ carrierName: event.currentTarget.value })}
          error={problems.carrierName}
        />
      )}
      {parcel.carrier !== 'DIRECT' && (
        <TextInput
          ref={refOf('trackingNumber')}
          label="송장 번호"
          required
          inputMode="numeric"
          autoComplete="off"
          description={`${trackingNumberFormatText(parcel.carrier)}. 띄어쓰기와 -는 빼고 저장됩니다.`}
          value={parcel.trackingNumber}
          onChange={(event) => form.change({ trackingNumber: event.currentTarget.value })}
          error={problems.trackingNumber}
        />
      )}
    </>
  );
}
