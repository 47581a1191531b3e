import type { ValueTransformer } from 'typeorm';

const INTEGER = /^-?\d+$/;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Reads a `bigint` (or `SUM(bigint)`, which is `numeric`) column as an exact integer. pg hands both over
 * as strings; going through BigInt keeps any digit from being rounded on the way.
 */
export function parseWon(value: string): bigint {
  if (!INTEGER.test(value)) throw new RangeError(`Not an integer amount of won: ${JSON.stringify(value)}`);
  return BigInt(value);
}

/** Money leaves the ledger as a plain number only when that number is exact. */
export function toSafeWon(value: bigint): number {
  if (value > MAX || value < -MAX) throw new RangeError(`${value} won is beyond what a JavaScript number holds exactly`);
  return Number(value);
}

/** For `bigint` money columns: the entity sees a safe integer, never a string or a rounded float. */
export const BIGINT_WON: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string) => toSafeWon(parseWon(value)),
};

/** BIGINT_WON for nullable columns: null stays null. */
export const NULLABLE_BIGINT_WON: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : BIGINT_WON.from(value)),
};
