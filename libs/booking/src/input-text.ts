import { BadUserInputError } from '../../common/src/index.js';

/** Free text from a client (message, reason), trimmed: not blank, at most `max` characters. */
export function requireText(text: string, field: string, max: number): string {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > max) throw BadUserInputError.field(field, `must be 1 to ${max} characters, not blank`);
  return trimmed;
}
