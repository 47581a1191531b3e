import { Inject, Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { ListingImageUpload } from './listing-image-upload.entity.js';
import { ORPHANED_UPLOAD_AGE_MS, imageKeys } from './listing-image-rules.js';
import { OBJECT_STORAGE, type ObjectStorage } from './storage/object-storage.js';

export const ORPHANED_UPLOADS_JOB = 'media.orphaned-uploads';
/** Per run, so one run stays short; the next takes the rest. */
const BATCH = 200;

/**
 * Hourly: uploads never attached, a day after they were requested, go with every file they may have
 * made (the original, and what a failed attach wrote). Files first, then the rows: a run that stops
 * half-way leaves the rows for the next, and deleting a missing file is no error.
 */
@Injectable()
export class OrphanedUploadSweep {
  constructor(
    jobs: JobQueueService,
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {
    jobs.registerRecurring(ORPHANED_UPLOADS_JOB, 3600_000, async (ctx) => void (await this.sweep(ctx)));
  }

  async sweep(ctx: RequestContext): Promise<number> {
    const repo = this.connection.getRepository(ctx, ListingImageUpload);
    const orphans = await repo.find({
      where: { createdAt: LessThan(new Date(this.clock.now().getTime() - ORPHANED_UPLOAD_AGE_MS)) },
      order: { createdAt: 'ASC' },
      take: BATCH,
    });
    for (const upload of orphans) await this.storage.delete(imageKeys.all(upload.listingId, upload.id));
    if (orphans.length) await repo.delete(orphans.map((upload) => upload.id));
    return orphans.length;
  }
}
