import { clickIdOfToken, clientFingerprint, signAttributionToken } from './attribution-token.js';

const SECRET = 'a-secret-that-is-long-enough-for-tests';
const CLICK = '0b5c1c3e-6a4f-4d7e-9a58-2c1f0e9b7a11';

describe('attribution tokens', () => {
  it('name the click they were signed for', () => {
    expect(clickIdOfToken(SECRET, signAttributionToken(SECRET, CLICK))).toBe(CLICK);
  });

  it('refuse a changed click id, another key and garbage', () => {
    const token = signAttributionToken(SECRET, CLICK);
    const [, signature] = token.split('.');
    expect(clickIdOfToken(SECRET, `1b5c1c3e-6a4f-4d7e-9a58-2c1f0e9b7a11.${signature}`)).toBeNull();
    expect(clickIdOfToken('another-secret-of-sufficient-length', token)).toBeNull();
    for (const garbage of ['', '.', CLICK, `${CLICK}.`, `${token}.x`, 'not-a-uuid.abc']) expect(clickIdOfToken(SECRET, garbage)).toBeNull();
  });
});

describe('clientFingerprint', () => {
  it('is stable for one client and differs across address, agent and key, never containing the address', () => {
    const one = clientFingerprint(SECRET, '203.0.113.7', 'Mozilla/5.0');
    expect(clientFingerprint(SECRET, '203.0.113.7', 'Mozilla/5.0')).toBe(one);
    expect(clientFingerprint(SECRET, '203.0.113.8', 'Mozilla/5.0')).not.toBe(one);
    expect(clientFingerprint(SECRET, '203.0.113.7', 'curl/8')).not.toBe(one);
    expect(clientFingerprint('another-secret-of-sufficient-length', '203.0.113.7', 'Mozilla/5.0')).not.toBe(one);
    expect(one).not.toContain('203.0.113.7');
  });
});
