import { Inject, Injectable } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import {
  BadUserInputError,
  ClockService,
  DureConfig,
  InvalidStateError,
  LimitExceededError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
  isUuid,
} from '../../common/src/index.js';
import { ListingService, type Listing } from '../../catalog/src/index.js';
import type { AttachListingImageInput, RequestListingImageUploadInput } from './dto/listing-image.inputs.js';
import { isImageContentType, sniffImageFormat } from './image-format.js';
import { processImage } from './image-processing.js';
import { ListingImageUpload } from './listing-image-upload.entity.js';
import { ListingImage } from './listing-image.entity.js';
import { MAX_ALT_TEXT_LENGTH, MAX_IMAGES_PER_LISTING, MAX_IMAGE_BYTES, MAX_PENDING_UPLOADS_PER_LISTING, imageKeys } from './listing-image-rules.js';
import { OBJECT_STORAGE, type ObjectStorage, type PresignedUpload } from './storage/object-storage.js';

export interface ListingImageUploadTicket extends PresignedUpload {
  uploadId: string;
  expiresAt: Date;
}

/**
 * The pictures of listings (docs/RULES.md §29). Only the OWNER or MANAGER of the listing's agency changes
 * them (catalog's ListingService decides who that is). Counting and positions change under one lock per
 * listing, so concurrent attaches cannot pass the limit together.
 */
@Injectable()
export class ListingImageService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly listings: ListingService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  /** The listing's images in order; batched into one statement for all listings of a response. */
  ofListing(ctx: RequestContext, listingId: string): Promise<ListingImage[]> {
    return this.connection.loadMany(ctx, ListingImage, 'listingId', listingId, (image) => image.listingId, 'position');
  }

  url(image: ListingImage): string {
    return this.storage.publicUrl(imageKeys.full(image.listingId, image.id, image.contentType));
  }

  variantsOf(image: ListingImage): Array<{ width: number; url: string }> {
    return image.variants.map(({ slot, width }) => ({ width, url: this.storage.publicUrl(imageKeys.variant(image.listingId, image.id, slot)) }));
  }

  /** An upload URL for one picture; the count is checked again, under the lock, when it is attached. */
  async requestUpload(ctx: RequestContext, input: RequestListingImageUploadInput): Promise<ListingImageUploadTicket> {
    const user = ctx.user;
    if (!user) throw new UnauthenticatedError();
    const { contentType, byteSize } = input;
    if (!isImageContentType(contentType)) throw BadUserInputError.field('contentType', 'must be image/jpeg, image/png or image/webp');
    if (byteSize > MAX_IMAGE_BYTES) throw BadUserInputError.field('byteSize', `must be at most ${MAX_IMAGE_BYTES} bytes (10 MB)`);
    const listing = await this.listings.getForActing(ctx, input.listingId);
    await this.assertRoomFor(ctx, listing.id);
    const now = this.clock.now();
    const pending = await this.connection.getRepository(ctx, ListingImageUpload).countBy({ listingId: listing.id, expiresAt: MoreThan(now) });
    if (pending >= MAX_PENDING_UPLOADS_PER_LISTING)
      throw new LimitExceededError(`At most ${MAX_PENDING_UPLOADS_PER_LISTING} uploads may wait for one listing; attach them or wait until they expire`);
    const expiresAt = new Date(now.getTime() + this.config.mediaUploadTtlMinutes * 60_000);
    const repo = this.connection.getRepository(ctx, ListingImageUpload);
    const upload = await repo.save(repo.create({ listingId: listing.id, requestedBy: user.id, contentType, byteSize, expiresAt, createdAt: now }));
    const presigned = await this.storage.presignUpload({ key: imageKeys.upload(upload.id), contentType, byteSize, expiresAt });
    return { uploadId: upload.id, expiresAt, ...presigned };
  }

  /**
   * Checks what was uploaded (stored, at most 10 MB, a JPEG, PNG or WebP by its bytes), re-encodes it
   * without metadata, stores it with its WebP variants and adds it last. The files are written before
   * the lock is taken; if the attach then fails they stay until the orphaned-upload sweep removes them.
   */
  async attach(ctx: RequestContext, input: AttachListingImageInput): Promise<ListingImage> {
    const alt = input.altText.trim();
    if (!alt || alt.length > MAX_ALT_TEXT_LENGTH)
      throw BadUserInputError.field('altText', `must say what the picture shows in 1 to ${MAX_ALT_TEXT_LENGTH} characters`);
    const upload = isUuid(input.uploadId) ? await this.connection.getRepository(ctx, ListingImageUpload).findOneBy({ id: input.uploadId }) : null;
    if (!upload) throw new NotFoundError('Image upload', input.uploadId);
    const listing = await this.listings.getForActing(ctx, upload.listingId);
    await this.assertRoomFor(ctx, listing.id);

    const original = imageKeys.upload(upload.id);
    const size = await this.storage.sizeOf(original);
    if (size === null) throw new InvalidStateError('Nothing has been uploaded to this upload URL yet');
    if (size > MAX_IMAGE_BYTES) throw BadUserInputError.field('uploadId', `is larger than ${MAX_IMAGE_BYTES} bytes (10 MB)`);
    const bytes = await this.storage.read(original);
    const format = sniffImageFormat(bytes);
    if (!format) throw BadUserInputError.field('uploadId', 'is not a JPEG, PNG or WebP image');
    const processed = await processImage(bytes, format);
    await this.storage.write(imageKeys.full(listing.id, upload.id, format), processed.full, format);
    for (const variant of processed.variants) await this.storage.write(imageKeys.variant(listing.id, upload.id, variant.slot), variant.body, 'image/webp');

    await this.lockImagesOf(ctx, listing.id);
    const { affected } = await this.connection.getRepository(ctx, ListingImageUpload).delete({ id: upload.id });
    if (!affected) throw new NotFoundError('Image upload', upload.id);
    const position = await this.assertRoomFor(ctx, listing.id);
    const repo = this.connection.getRepository(ctx, ListingImage);
    const image = await repo.save(
      repo.create({
        id: upload.id,
        listingId: listing.id,
        position,
        alt,
        width: processed.width,
        height: processed.height,
        contentType: format,
        variants: processed.variants.map(({ slot, width }) => ({ slot, width })),
        createdAt: this.clock.now(),
      }),
    );
    ctx.onCommit(() => this.storage.delete([original]));
    return image;
  }

  /** Removes one image; the later ones move up. Its files are deleted once the removal commits. */
  async remove(ctx: RequestContext, imageId: string): Promise<Listing> {
    const found = isUuid(imageId) ? await this.connection.getRepository(ctx, ListingImage).findOneBy({ id: imageId }) : null;
    if (!found) throw new NotFoundError('Listing image', imageId);
    const listing = await this.listings.getForActing(ctx, found.listingId);
    await this.lockImagesOf(ctx, listing.id);
    const image = await this.connection.getRepository(ctx, ListingImage).findOneBy({ id: imageId });
    if (!image) throw new NotFoundError('Listing image', imageId);
    const repo = this.connection.getRepository(ctx, ListingImage);
    await repo.delete({ id: image.id });
    await repo
      .createQueryBuilder()
      .update()
      .set({ position: () => 'position - 1' })
      .where('listing_id = :listingId AND position > :position', { listingId: listing.id, position: image.position })
      .execute();
    ctx.onCommit(() => this.storage.delete(imageKeys.all(listing.id, image.id)));
    return listing;
  }

  /** `imageIds` must name each of the listing's images exactly once; they take that order. */
  async reorder(ctx: RequestContext, listingId: string, imageIds: string[]): Promise<Listing> {
    const listing = await this.listings.getForActing(ctx, listingId);
    await this.lockImagesOf(ctx, listing.id);
    const repo = this.connection.getRepository(ctx, ListingImage);
    const current = await repo.find({ select: { id: true }, where: { listingId: listing.id } });
    const named = new Set(imageIds);
    if (named.size !== imageIds.length || named.size !== current.length || !current.every(({ id }) => named.has(id))) {
      throw BadUserInputError.field('imageIds', "must name each of the listing's images exactly once");
    }
    if (current.length) {
      await this.connection
        .manager(ctx)
        .query(`UPDATE listing_image SET position = o.ord - 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord) WHERE listing_image.id = o.id`, [imageIds]);
    }
    return listing;
  }

  /** The number of images the listing has (the next position), or LIMIT_EXCEEDED when it has the most it may. */
  private async assertRoomFor(ctx: RequestContext, listingId: string): Promise<number> {
    const count = await this.connection.getRepository(ctx, ListingImage).countBy({ listingId });
    if (count >= MAX_IMAGES_PER_LISTING) throw new LimitExceededError(`A listing has at most ${MAX_IMAGES_PER_LISTING} images; remove one first`);
    return count;
  }

  /** Serializes every change to one listing's images until the transaction ends. */
  private async lockImagesOf(ctx: RequestContext, listingId: string): Promise<void> {
    await this.connection.manager(ctx).query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`media.listing-images:${listingId}`]);
  }
}
