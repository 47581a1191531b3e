import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '../../common/src/index.js';

/**
 * The attribution token a click returns: the click's id and a MAC over it, so a client can carry its
 * click to the purchase but cannot forge one. The click's time decides whether it is still valid.
 */
export function signAttributionToken(secret: string, clickId: string): string {
  return `${clickId}.${mac(secret, clickId)}`;
}

/** The click id a genuine token names, else null. */
export function clickIdOfToken(secret: string, token: string): string | null {
  const [clickId, signature, ...rest] = token.split('.');
  if (rest.length || !clickId || !signature || !isUuid(clickId)) return null;
  const expected = Buffer.from(mac(secret, clickId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? clickId : null;
}

function mac(secret: string, clickId: string): string {
  return createHmac('sha256', secret).update(`attribution:${clickId.toLowerCase()}`).digest('base64url');
}

/** A salted hash of the client's address and user agent: it tells repeat clicks apart without storing either. */
export function clientFingerprint(secret: string, address: string | null, userAgent: string | null): string {
  return createHmac('sha256', secret)
    .update(`referral-client:${address ?? 'unknown'}\n${userAgent ?? ''}`)
    .digest('base64url');
}
