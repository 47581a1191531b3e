/** The image formats a listing may show (docs/RULES.md §29), by their MIME type. */
export const IMAGE_FORMATS = {
  'image/jpeg': { extension: 'jpg' },
  'image/png': { extension: 'png' },
  'image/webp': { extension: 'webp' },
} as const;

export type ImageContentType = keyof typeof IMAGE_FORMATS;

export function isImageContentType(value: string): value is ImageContentType {
  return Object.hasOwn(IMAGE_FORMATS, value);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, expected: readonly number[], at = 0) => expected.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * What the file is by its first bytes (its magic number), whatever name or type the client gave it:
 * JPEG (FF D8 FF), PNG (its 8-byte signature), WebP (RIFF….WEBP); anything else is null.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}
