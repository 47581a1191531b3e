import { ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
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
 * Whether a resolver parameter holds what the server made rather than client input: an instance of its
 * class, such as a field resolver's parent entity. GraphQL arguments arrive as plain objects and values.
 */
function fromServer(value: unknown, metadata: ArgumentMetadata): boolean {
  return metadata.type === 'custom' || (typeof metadata.metatype === 'function' && value instanceof metadata.metatype);
}

/** Where in `value` a string holds a NUL character (PostgreSQL text cannot store one), as `a.b[2]`. */
export function pathOfNulCharacter(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfNulCharacter(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfNulCharacter(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** A global pipe: any argument with a NUL character is BAD_USER_INPUT naming the field, before any service sees it. */
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (fromServer(value, metadata)) return value;
    // Fields of an input object are named relative to it, as class-validator names them.
    const field = pathOfNulCharacter(value, typeof value === 'string' ? (metadata.data ?? '') : '');
    if (field !== null) throw BadUserInputError.field(field || metadata.data || 'input', 'must not contain NUL characters');
    return value;
  }
}

/**
 * The global validation: GraphQL arguments are transformed into their input classes and validated;
 * BAD_USER_INPUT lists every offending field. What the server made (a field resolver's parent entity) is
 * passed on as it is instead of being copied and checked for every field of every row.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({ transform: true, forbidUnknownValues: false, exceptionFactory: validationErrorToBadUserInput });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return fromServer(value, metadata) ? Promise.resolve(value) : super.transform(value, metadata);
  }
}
