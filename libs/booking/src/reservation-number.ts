import { randomInt } from 'node:crypto';
import { seoulDateOf } from '../../common/src/index.js';

/** Crockford's base 32: no I, L, O or U to misread over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `R` + the Korean date of creation + 6 random characters, e.g. R251123-7KQ2XD (unique index guards it). */
export function newReservationNumber(now: Date): string {
  const date = seoulDateOf(now).slice(2).replaceAll('-', '');
  const suffix = Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `R${date}-${suffix}`;
}
