import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DureConfig } from '../../common/src/index.js';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * Billing keys at rest (docs/RULES.md §20): AES-256-GCM under BILLING_KEY_ENCRYPTION_KEY, bound to the
 * billing method's id as associated data, so a sealed key copied onto another row does not open.
 * Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
@Injectable()
export class BillingKeyCipher {
  private readonly key: Buffer;

  constructor(config: DureConfig) {
    this.key = Buffer.from(config.billingKeyEncryptionKey, 'base64');
  }

  seal(billingKey: string, billingMethodId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv).setAAD(Buffer.from(billingMethodId));
    const ciphertext = Buffer.concat([cipher.update(billingKey, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** Throws (without the key in the message) when the text was not sealed for this method with this key. */
  open(sealed: string, billingMethodId: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Not a sealed billing key');
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(billingMethodId))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
