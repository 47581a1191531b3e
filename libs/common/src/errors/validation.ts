import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
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

function validationErrorToBadUserInput(errors: ValidationError[]): BadUserInputError {
  return new BadUserInputError(fieldErrorsOf(errors));
}

/**
 * The global pipe: GraphQL arguments (plain objects) are transformed into their input classes and
 * validated; BAD_USER_INPUT lists every offending field. A value that already is an instance of its
 * class — a field resolver's parent entity — comes from the server, not the client, and is passed on as
 * it is instead of being copied and checked for every field of every row.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({ transform: true, forbidUnknownValues: false, exceptionFactory: validationErrorToBadUserInput });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (typeof metadata.metatype === 'function' && value instanceof metadata.metatype) return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}
