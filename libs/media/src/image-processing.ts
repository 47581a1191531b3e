import type sharpOf from 'sharp';
import type { Sharp } from 'sharp';
import { BadUserInputError } from '../../common/src/index.js';
import type { ImageContentType } from './image-format.js';
import { MAX_IMAGE_PIXELS, VARIANT_WIDTHS } from './listing-image-rules.js';

let loadedSharp: Promise<typeof sharpOf> | undefined;

/**
 * sharp, loaded with the first upload: libvips and its bindings add about 20 MB to a process's memory, and
 * most processes never see an image (docs/PERFORMANCE.md, memory).
 */
function loadSharp(): Promise<typeof sharpOf> {
  loadedSharp ??= import('sharp').then(({ default: sharp }) => {
    // libvips keeps decoded images in its own cache outside the JS heap; a server handling one upload at a time needs none.
    sharp.cache(false);
    return sharp;
  });
  return loadedSharp;
}

export interface ProcessedImage {
  width: number;
  height: number;
  /** The picture in its own format, upright, with every metadata block (EXIF, GPS, XMP, ICC comments) left out. */
  full: Buffer;
  /** WebP copies: one per VARIANT_WIDTHS slot narrower than the picture, then one at the picture's own width in the next slot. */
  variants: Array<{ slot: number; width: number; height: number; body: Buffer }>;
}

/**
 * Re-encodes an uploaded picture. sharp writes no metadata unless asked (no `keepExif`/`withMetadata`
 * here), so the location and camera data of a phone photo are gone; the EXIF orientation is applied to
 * the pixels first so the picture still stands the right way up. A file that does not decode, or has
 * more than MAX_IMAGE_PIXELS, is BAD_USER_INPUT on `uploadId`.
 */
export async function processImage(bytes: Buffer, format: ImageContentType): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  try {
    const upright = () => sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).autoOrient();
    const full = await encode(upright(), format).toBuffer({ resolveWithObject: true });
    const { width, height } = full.info;
    const variants = [];
    for (const slot of VARIANT_WIDTHS) {
      const variant = await upright()
        .resize({ width: Math.min(slot, width), withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      variants.push({ slot, width: variant.info.width, height: variant.info.height, body: variant.data });
      if (slot >= width) break;
    }
    return { width, height, full: full.data, variants };
  } catch {
    throw BadUserInputError.field('uploadId', `is not a readable image of at most ${MAX_IMAGE_PIXELS.toLocaleString('en')} pixels`);
  }
}

function encode(image: Sharp, format: ImageContentType): Sharp {
  if (format === 'image/jpeg') return image.jpeg({ quality: 85, mozjpeg: true });
  if (format === 'image/png') return image.png({ compressionLevel: 9 });
  return image.webp({ quality: 85 });
}
