import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useRef, useState, type Ref } from 'react';

/**
 * What is wrong with a form's fields, each message on its field: `show` puts them there and moves the focus
 * to the first at fault in `fields`' order (the form's), so a screen reader reads it out.
 */
export function useFieldProblems<Field extends string>(fields: readonly Field[]) {
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const inputs = useRef(new Map<Field, HTMLElement | null>());
  return {
    problems,
    show: (found: Partial<Record<Field, string>>) => {
      setProblems(found);
      const first = fields.find((field) => found[field]);
      if (first) inputs.current.get(first)?.focus();
    },
    /** The `ref` of the field's input. */
    refOf:
      (field: Field) =>
      (input: HTMLElement | null): void => {
        inputs.current.set(field, input);
      },
  };
}

/** An amount in won: whole, not negative, with thousands separators and 원. */
export function WonInput({ ref, ...props }: NumberInputProps & { ref?: Ref<HTMLInputElement> }) {
  return <NumberInput ref={ref} min={0} allowDecimal={false} allowNegative={false} thousandSeparator="," suffix="원" {...props} />;
}
