import { createHmac, timingSafeEqual } from 'node:crypto';
import type { UploadPermit } from './object-storage.js';

/**
 * The local driver's stand-in for a presigned URL: the permit (key, type, size, expiry) in the clear,
 * then its HMAC, so the upload endpoint needs no database and a client cannot change any of it.
 */
export class UploadTokens {
  constructor(private readonly secret: string) {}

  sign(permit: UploadPermit): string {
    const payload = Buffer.from(JSON.stringify({ k: permit.key, t: permit.contentType, n: permit.byteSize, e: permit.expiresAt.getTime() })).toString(
      'base64url',
    );
    return `${payload}.${this.mac(payload)}`;
  }

  /** The permit a token carries, or null when it was not signed here or has expired at `now`. */
  verify(token: string, now: Date): UploadPermit | null {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const { k, t, n, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { k: string; t: string; n: number; e: number };
    return e > now.getTime() ? { key: k, contentType: t, byteSize: n, expiresAt: new Date(e) } : null;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`dure.media-upload:${payload}`).digest('base64url');
  }
}
