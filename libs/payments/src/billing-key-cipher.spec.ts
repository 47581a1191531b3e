import { randomBytes } from 'node:crypto';
import type { DureConfig } from '../../common/src/index.js';
import { BillingKeyCipher } from './billing-key-cipher.js';

const cipherWith = (key: Buffer) => new BillingKeyCipher({ billingKeyEncryptionKey: key.toString('base64') } as DureConfig);

describe('BillingKeyCipher', () => {
  const key = randomBytes(32);
  const cipher = cipherWith(key);
  const methodId = '3f1c2a4e-7b7d-4d55-9a43-5d1b7d0f8a11';

  it('seals a billing key so only the same key and method open it', () => {
    const sealed = cipher.seal('bk_secret_billing_key', methodId);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('bk_secret_billing_key');
    expect(cipher.open(sealed, methodId)).toBe('bk_secret_billing_key');
    expect(cipher.seal('bk_secret_billing_key', methodId)).not.toBe(sealed);
  });

  it('refuses a sealed key moved to another method, tampered with, or opened under another key', () => {
    const sealed = cipher.seal('bk_secret_billing_key', methodId);
    expect(() => cipher.open(sealed, '00000000-0000-4000-8000-000000000000')).toThrow();
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => cipher.open([version, iv, tag, flipped.toString('base64url')].join('.'), methodId)).toThrow();
    expect(() => cipherWith(randomBytes(32)).open(sealed, methodId)).toThrow();
    expect(() => cipher.open('plain', methodId)).toThrow('Not a sealed billing key');
  });
});
