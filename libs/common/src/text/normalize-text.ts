import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Format characters (zero-width space and joiners, BOM, bidi marks) and others no font draws (Hangul fillers). */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const CONTROL = /\p{Cc}/gu;

/** NFKC (full-width and other compatibility look-alikes become the plain characters) without invisible ones. */
function visible(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

/** A name as people read it: visible characters only, any run of white space one space, trimmed. */
export function normalizeName(name: string): string {
  return visible(name).replace(/\s+/gu, ' ').replace(CONTROL, '').trim();
}

/** An email as typed but without what cannot be seen; case stays (emails are compared case-insensitively). */
export function normalizeEmail(email: string): string {
  return visible(email).trim();
}

function normalizing(normalize: (text: string) => string): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalize(value) : value));
}

/** An input field holding an email: normalized (normalizeEmail) before it is validated and used. */
export const NormalizedEmail = (): PropertyDecorator => normalizing(normalizeEmail);

/**
 * An input field holding the name of a person or organization: normalized (normalizeName) and then 1 to
 * `maxLength` characters, so a name of only invisible characters is refused as blank.
 */
export function IsName(maxLength: number): PropertyDecorator {
  return applyDecorators(normalizing(normalizeName), IsString(), MinLength(1, { message: 'must not be blank' }), MaxLength(maxLength));
}
