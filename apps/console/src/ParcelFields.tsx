import { NativeSelect, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { fieldProblems } from './api';
import type { Carrier } from './generated/graphql';
import { CARRIER } from './labels';
import { parcelProblems, trackingNumberFormatText, type ParcelProblems, type TypedParcel } from './parcel';

/** Every carrier, for an outgoing parcel (the agency's own delivery and other couriers included). */
export const ALL_CARRIERS = Object.keys(CARRIER) as Carrier[];

/**
 * A parcel typed into a form (carrier, courier name, tracking number) with its problems on the fields: the
 * ship form's, an exchange's replacement and a return's pick-up waybill (docs/RULES.md §17, §18).
 */
export function useParcelForm(carrier: Carrier) {
  const [parcel, setParcel] = useState<TypedParcel>({ carrier, carrierName: '', trackingNumber: '' });
  const [problems, setProblems] = useState<ParcelProblems>({});
  const carrierNameInput = useRef<HTMLInputElement>(null);
  const trackingNumberInput = useRef<HTMLInputElement>(null);

  /** Shows `found` on their fields and moves the focus to the first, so it is read out. */
  const show = (found: ParcelProblems) => {
    setProblems(found);
    if (found.carrierName) carrierNameInput.current?.focus();
    else if (found.trackingNumber) trackingNumberInput.current?.focus();
  };

  return {
    parcel,
    problems,
    carrierNameInput,
    trackingNumberInput,
    change: (changes: Partial<TypedParcel>) => {
      setParcel({ ...parcel, ...changes });
      if (changes.carrier) setProblems({});
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
      show({ carrierName: byField[field('carrierName')], trackingNumber: byField[field('trackingNumber')] });
    },
  };
}

export type ParcelForm = ReturnType<typeof useParcelForm>;

/** The parcel's fields: carrier (of `carriers`), the courier's name for OTHER, the tracking number for couriers. */
export function ParcelFields({ form, carriers, carrierLabel = '택배사' }: { form: ParcelForm; carriers: Carrier[]; carrierLabel?: string }) {
  const { parcel, problems, carrierNameInput, trackingNumberInput } = form;
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
          ref={carrierNameInput}
          label="택배사 이름"
          required
          value={parcel.carrierName}
          onChange={(event) => form.change({ carrierName: event.currentTarget.value })}
          error={problems.carrierName}
        />
      )}
      {parcel.carrier !== 'DIRECT' && (
        <TextInput
          ref={trackingNumberInput}
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
