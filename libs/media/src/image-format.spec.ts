import { isImageContentType, sniffImageFormat } from './image-format.js';

const bytes = (...parts: Array<number[] | string>) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

describe('sniffImageFormat', () => {
  it('knows JPEG, PNG and WebP by their magic numbers', () => {
    expect(sniffImageFormat(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffImageFormat(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe('image/png');
    expect(sniffImageFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses text named like an image, other RIFF files, GIF and anything too short', () => {
    expect(sniffImageFormat(new TextEncoder().encode('PNG is not a text file\n'))).toBeNull();
    expect(sniffImageFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffImageFormat(bytes('GIF89a'))).toBeNull();
    expect(sniffImageFormat(bytes([0x89], 'PNG'))).toBeNull();
    expect(sniffImageFormat(new Uint8Array())).toBeNull();
  });
});

describe('isImageContentType', () => {
  it('accepts only the three formats', () => {
    expect(['image/jpeg', 'image/png', 'image/webp'].every(isImageContentType)).toBe(true);
    expect(['image/gif', 'image/svg+xml', 'text/plain', 'toString', ''].some(isImageContentType)).toBe(false);
  });
});
