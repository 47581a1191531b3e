import { ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { BadUserInputError, type FieldError } from './dure-error.js';

/**
 * class-validator's default messages begin with the property (`price must not be less than 1`, `each value in
 * tags must be a string`); the field already names it, so it is left out (`must not be less than 1`).
 */
export function withoutPropertyName(message: string, property: string): string {
  const each = `each value in ${property} `;
  if (message.startsWith(each)) return `each value ${message.slice(each.length)}`;
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** A child of a list is named by its index, which no GraphQL name can be. */
const LIST_INDEX = /^\d+$/;

/** Flattens class-validator's tree into `{ field: 'a.b[1].c', message }` rows relative to the input object (paths as graphql-js writes them). */
export function fieldErrorsOf(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = !prefix ? error.property : LIST_INDEX.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: withoutPropertyName(message, error.property) }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

function validationErrorToBadUserInput(errors: ValidationError[]): BadUserInputError {
  return new BadUserInputError(fieldErrorsOf(errors));
}

/** Names the fields of a refused argument from the operation's arguments: `price` of `input` is `input.price`. */
function underArgument(error: unknown, metadata: ArgumentMetadata): unknown {
  return error instanceof BadUserInputError && metadata.data ? error.renamed((field) => `${metadata.data}.${field}`) : error;
}

/**
 * Whether a resolver parameter holds what the server made rather than client input: an instance of its
 * class, such as a field resolver's parent entity. GraphQL arguments arrive as plain objects and values.
 */
function fromServer(value: unknown, metadata: ArgumentMetadata): boolean {
  return metadata.type === 'custom' || (typeof metadata.metatype === 'function' && value instanceof metadata.metatype);
}

/** A lone UTF-16 surrogate: the `u` flag reads a well-formed pair as one code point, which this does not match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored as text, or null: PostgreSQL text holds no NUL and only well-formed Unicode. */
function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (a lone UTF-16 surrogate was sent)';
  return null;
}

/** The first string in `value` that cannot be stored as text: where it is (`a.b[2]`) and why. */
export function findMalformedText(value: unknown, path: string): { field: string; message: string } | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field: path, message } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findMalformedText(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findMalformedText(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A global pipe: any argument with a NUL character or a lone surrogate is BAD_USER_INPUT naming the field,
 * before any service or validator sees it (validator.js throws URIError on a lone surrogate).
 */
export class RejectMalformedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (fromServer(value, metadata)) return value;
    // `metadata.data` is the argument's name; the fields of an `@Args()` class are arguments themselves.
    const found = findMalformedText(value, metadata.data ?? '');
    if (found) throw BadUserInputError.field(found.field || 'input', found.message);
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
    if (fromServer(value, metadata)) return Promise.resolve(value);
    return super.transform(value, metadata).catch((error: unknown) => {
      throw underArgument(error, metadata);
    });
  }
}
