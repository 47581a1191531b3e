import { IMAGE_FORMATS, type ImageContentType } from './image-format.js';

/** docs/RULES.md §29: the limits of a listing's images. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGES_PER_LISTING = 10;
/** Upload URLs handed out for one listing and not yet attached or swept: a client cannot fill the storage with them. */
export const MAX_PENDING_UPLOADS_PER_LISTING = 20;
/** Larger pictures are refused before they are decoded (a small file can expand to gigabytes of pixels). */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const MAX_ALT_TEXT_LENGTH = 300;
/** The widths of the WebP variants, each made only when the image is wider (never enlarged). */
export const VARIANT_WIDTHS = [320, 640, 1280] as const;
/** Uploads not attached this long after they were requested are deleted with their files. */
export const ORPHANED_UPLOAD_AGE_MS = 24 * 3600_000;

/**
 * Where the files of an upload live. The image keeps the upload's id, so every key is known from
 * (listing, upload) alone: the sweep can delete what a failed attach may have written without reading it.
 */
export const imageKeys = {
  upload: (uploadId: string) => `uploads/${uploadId}`,
  full: (listingId: string, imageId: string, format: ImageContentType) => `listings/${listingId}/${imageId}/full.${IMAGE_FORMATS[format].extension}`,
  variant: (listingId: string, imageId: string, width: number) => `listings/${listingId}/${imageId}/w${width}.webp`,
  /** Every key an upload may have produced, the original included. */
  all(listingId: string, imageId: string): string[] {
    return [
      this.upload(imageId),
      ...Object.keys(IMAGE_FORMATS).map((format) => this.full(listingId, imageId, format as ImageContentType)),
      ...VARIANT_WIDTHS.map((width) => this.variant(listingId, imageId, width)),
    ];
  },
};

/** Keys the local driver serves; anything else (`..`, absolute paths) is not a key. */
export const SERVED_KEY = /^listings\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/(full\.(jpg|png|webp)|w\d{1,5}\.webp)$/;
