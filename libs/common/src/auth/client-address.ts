import { createHmac } from 'node:crypto';

/**
 * What is stored about a client address (log-in throttling, mutation rate limits): a hash keyed with the
 * server's secret, so the raw address is never written and cannot be guessed back from the hash.
 */
export function clientAddressHash(secret: string, address: string | null): string {
  return createHmac('sha256', secret)
    .update(address ?? 'unknown')
    .digest('base64url');
}
