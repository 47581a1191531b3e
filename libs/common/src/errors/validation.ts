import type { ValidationError } from 'class-validator';
import { BadUserInputError, type FieldError } from './dure-error.js';

/** Flattens class-validator's tree into `{ field: 'a.b', message }` rows relative to the input object. */
export function fieldErrorsOf(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

export function validationErrorToBadUserInput(errors: ValidationError[]): BadUserInputError {
  return new BadUserInputError(fieldErrorsOf(errors));
}
