export * from './dto/listing-image.inputs.js';
export * from './listing-image.entity.js';
export * from './listing-image.resolver.js';
export * from './listing-image.service.js';
export * from './media.module.js';
export { ListingImageUpload } from './listing-image-upload.entity.js';
export { MAX_IMAGES_PER_LISTING, MAX_IMAGE_BYTES } from './listing-image-rules.js';
export { ORPHANED_UPLOADS_JOB, OrphanedUploadSweep } from './orphaned-upload-sweep.js';
export { Media1764400000000 } from './migrations/1764400000000-media.js';
