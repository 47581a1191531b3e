/** Rates are basis points: 10000 = 100 %. */
export const BASIS_POINTS = 10_000;

/**
 * floor(a × b / c), rounded towards −∞, in exact integers: the product of two amounts near 2^53 is far
 * beyond what a float holds, so a float product can come out a won short or over.
 */
function floorMulDiv(a: bigint, b: bigint, c: bigint): bigint {
  if (c <= 0n) throw new RangeError(`Cannot divide money by ${c}`);
  const product = a * b;
  const quotient = product / c;
  return product % c < 0n ? quotient - 1n : quotient;
}

function exact(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} ${value} is not an exact integer`);
  return BigInt(value);
}

function safe(value: bigint): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`${value} won is beyond what a JavaScript number holds exactly`);
  return result;
}

/** `bps` basis points of `amount`, rounded down once. Exact for every safe integer, and for any bigint. */
export function applyBps(amount: number, bps: number): number;
export function applyBps(amount: bigint, bps: bigint | number): bigint;
export function applyBps(amount: number | bigint, bps: number | bigint): number | bigint {
  if (typeof amount === 'bigint') return floorMulDiv(amount, typeof bps === 'bigint' ? bps : exact(bps, 'Rate'), BigInt(BASIS_POINTS));
  return safe(floorMulDiv(exact(amount, 'Amount'), exact(Number(bps), 'Rate'), BigInt(BASIS_POINTS)));
}

/** The share `part / whole` of `amount`, rounded down once: floor(amount × part / whole). */
export function prorate(amount: number, part: number, whole: number): number {
  return safe(floorMulDiv(exact(amount, 'Amount'), exact(part, 'Part'), exact(whole, 'Whole')));
}
