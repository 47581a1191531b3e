import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The HS256 secret as a KeyObject, made once at start-up. Given a string, jsonwebtoken first tries to
 * read it as a PEM key on every verify and sign, and that failing attempt costs more than the signature.
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret));
}
