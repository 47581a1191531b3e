import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { ClockService, DureConfig } from '../../common/src/index.js';
import { CatalogModule } from '../../catalog/src/index.js';
import { ListingImageResolver, ListingImagesResolver } from './listing-image.resolver.js';
import { ListingImageService } from './listing-image.service.js';
import { MediaController } from './media.controller.js';
import { OrphanedUploadSweep } from './orphaned-upload-sweep.js';
import { LocalDiskStorage } from './storage/local-disk-storage.js';
import { OBJECT_STORAGE, type ObjectStorage } from './storage/object-storage.js';
import { UploadTokens } from './storage/upload-token.js';

export const MEDIA_RESOLVERS = [ListingImagesResolver, ListingImageResolver];

/** The AWS SDK (about 30 MB of a process's memory) is loaded only when S3 is configured (docs/PERFORMANCE.md, memory). */
async function configuredStorage(config: DureConfig, tokens: UploadTokens, clock: ClockService): Promise<ObjectStorage> {
  if (config.s3) {
    const { S3ObjectStorage } = await import('./storage/s3-object-storage.js');
    return new S3ObjectStorage(config.s3, config.mediaPublicBaseUrl, () => clock.now());
  }
  // Read at each use: with PORT=0 the bootstrap sets it once the server listens (followListeningPort).
  return new LocalDiskStorage(join(config.dataDir, 'media'), () => config.mediaPublicBaseUrl, tokens);
}

/** Listing images (docs/RULES.md §29) in the configured storage (MEDIA_STORAGE): local files by default, or an S3 bucket. */
@Module({
  imports: [CatalogModule],
  controllers: [MediaController],
  providers: [
    { provide: UploadTokens, inject: [DureConfig], useFactory: (config: DureConfig) => new UploadTokens(config.jwtSecret) },
    { provide: OBJECT_STORAGE, inject: [DureConfig, UploadTokens, ClockService], useFactory: configuredStorage },
    ListingImageService,
    OrphanedUploadSweep,
    ...MEDIA_RESOLVERS,
  ],
  exports: [ListingImageService],
})
export class MediaModule {}
