/** The error codes of docs/RULES.md §11; every error a client sees carries exactly one of them. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'INVALID_STATE',
  'LIMIT_EXCEEDED',
  'SLOT_UNAVAILABLE',
  'OUT_OF_STOCK',
  'PAYMENT_FAILED',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

import { IntrinsicException } from '@nestjs/common';

/**
 * An expected failure of a business rule: its message and code are shown to the client as they are.
 * (IntrinsicException keeps Nest from logging it as an unexpected error.)
 */
export class DureError extends IntrinsicException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DureError {
  constructor(message = 'Sign in to do this') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DureError {
  constructor(message = 'You may not do this') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends DureError {
  constructor(what: string, id?: string) {
    super('NOT_FOUND', id ? `${what} ${id} not found` : `${what} not found`);
  }
}

/**
 * Every problem of an input at once. Each field is a path from the operation's arguments (`input.price`,
 * `days[1].date`); the message lists them all as `field: problem`, so no problem repeats its field's name.
 */
export class BadUserInputError extends DureError {
  declare readonly fields: FieldError[];

  constructor(fields: FieldError[]) {
    super('BAD_USER_INPUT', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, message }]);
  }

  /** The same problems with each field renamed, e.g. from a name inside the input object to its argument path. */
  renamed(rename: (field: string) => string): BadUserInputError {
    return new BadUserInputError(this.fields.map(({ field, message }) => ({ field: rename(field), message })));
  }
}

export class ConflictError extends DureError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class InvalidStateError extends DureError {
  constructor(message: string) {
    super('INVALID_STATE', message);
  }
}

export class LimitExceededError extends DureError {
  constructor(message: string) {
    super('LIMIT_EXCEEDED', message);
  }
}

export class SlotUnavailableError extends DureError {
  constructor(message = 'That time is no longer available') {
    super('SLOT_UNAVAILABLE', message);
  }
}

export class OutOfStockError extends DureError {
  constructor(message = 'Not enough stock') {
    super('OUT_OF_STOCK', message);
  }
}

export class PaymentFailedError extends DureError {
  constructor(message: string) {
    super('PAYMENT_FAILED', message);
  }
}

export class IdempotencyKeyReusedError extends DureError {
  constructor(message = 'This idempotency key was already used with different input') {
    super('IDEMPOTENCY_KEY_REUSED', message);
  }
}

export class RateLimitedError extends DureError {
  constructor(message = 'Too many attempts; try again later') {
    super('RATE_LIMITED', message);
  }
}
