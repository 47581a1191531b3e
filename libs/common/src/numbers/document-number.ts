import { randomInt } from 'node:crypto';
import { seoulDateOf } from '../clock/seoul-calendar.js';

/** Crockford's base 32: no I, L, O or U to misread over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A number people read out (docs/RULES.md §14): a letter for the kind of document (R reservation,
 * C checkout, O order…) + the Korean date of creation + 6 random characters, e.g. R251123-7KQ2XD. The
 * owner's unique index guards against the rare repeat.
 */
export function newDocumentNumber(letter: string, now: Date): string {
  const date = seoulDateOf(now).slice(2).replaceAll('-', '');
  const suffix = Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${letter}${date}-${suffix}`;
}
