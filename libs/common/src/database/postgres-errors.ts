import { QueryFailedError } from 'typeorm';

/** Whether `error` is PostgreSQL's unique_violation (23505), optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/**
 * Whether `error` ended a transaction that lost a race for locks or a snapshot: PostgreSQL's
 * deadlock_detected (40P01) or serialization_failure (40001). Nothing of it was kept, so running the
 * whole transaction again is safe.
 */
export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a row and is treated as not found before reaching SQL. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
