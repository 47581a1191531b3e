import { normalizeEmail, normalizeName } from './normalize-text.js';

describe('normalizeName', () => {
  it('removes zero-width and other invisible characters, leaving nothing of an invisible name', () => {
    expect(normalizeName('\u200B')).toBe('');
    expect(normalizeName('\u3164\u200D\uFEFF \u2060')).toBe('');
    expect(normalizeName('박\u200B하\u200C나')).toBe('박하나');
  });

  it('folds compatibility look-alikes and white space', () => {
    expect(normalizeName('Ｈａｎａ　Ｐａｒｋ')).toBe('Hana Park');
    expect(normalizeName('  마을\t\n부엌  협동조합 ')).toBe('마을 부엌 협동조합');
    expect(normalizeName('a\u0007b')).toBe('ab');
  });

  it('keeps ordinary Korean names as they are', () => {
    expect(normalizeName('햇살돌봄 사회적협동조합')).toBe('햇살돌봄 사회적협동조합');
  });
});

describe('normalizeEmail', () => {
  it('removes invisible characters and folds full-width forms, keeping case', () => {
    expect(normalizeEmail(' Ha\u200Bna@Ｅxample.com\uFEFF')).toBe('Hana@Example.com');
  });
});
