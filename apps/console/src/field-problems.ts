import { useId, useState } from 'react';
import { ApiError } from './api';

/**
 * A form's problems by the API's field names: `show` puts them on their fields and moves the focus to the
 * first at fault in `order` (so a screen reader reads its error out); `showRefusal` does the same with the
 * fields of the server's BAD_USER_INPUT (docs/RULES.md §11). Each field takes `idOf(field)` as its id.
 */
export function useFieldProblems<Field extends string>(order: readonly Field[]) {
  const prefix = useId();
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const idOf = (field: Field) => `${prefix}-${field}`;
  const show = (found: Partial<Record<Field, string>>) => {
    setProblems(found);
    const first = order.find((field) => found[field]);
    if (first) document.getElementById(idOf(first))?.focus();
  };
  const showRefusal = (error: Error) => {
    // An element of a list (listingIds[2]) is shown on the list's field.
    if (error instanceof ApiError)
      show(Object.fromEntries(error.fields.map((problem) => [problem.field.replace(/\[\d+\]$/, ''), problem.message])) as Partial<Record<Field, string>>);
  };
  return { problems, show, showRefusal, idOf };
}
