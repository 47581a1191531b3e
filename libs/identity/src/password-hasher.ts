import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

const KEY_LENGTH = 32;
const PARAMS = { N: 16384, r: 8, p: 1 };

/** Runs at most `limit` of the tasks given to it at once; the others wait their turn, first come first served. */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes to the next waiting task, or is given back.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * Each derivation holds 128 × N × r bytes (16 MB) on a libuv thread until it ends. More derivations at once
 * than the machine has CPUs end no sooner, but hold that much more memory meanwhile, and take libuv threads
 * that file and DNS work need (docs/PERFORMANCE.md, Memory): a burst of log-ins queues here instead.
 */
const oneDerivationPerCpu = concurrencyLimit(Math.min(availableParallelism(), 4));

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return oneDerivationPerCpu(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  );
}

/** scrypt (memory-hard, docs/RULES.md §2), stored as `scrypt$N$r$p$salt$key` so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let unknownUserHash: Promise<string> | undefined;

/** Verified against when the email is unknown, so both failures take the same time (docs/RULES.md §2). */
export function hashForUnknownUser(): Promise<string> {
  unknownUserHash ??= hashPassword(randomBytes(16).toString('hex'));
  return unknownUserHash;
}
