import { Args, Field, ID, Mutation, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Ctx, RequestContext, type GraphQLContext } from '../../common/src/index.js';
import { Listing } from '../../catalog/src/index.js';
import { AttachListingImageInput, RequestListingImageUploadInput } from './dto/listing-image.inputs.js';
import { ImageVariant, ListingImage } from './listing-image.entity.js';
import { ListingImageService, type ListingImageUploadTicket } from './listing-image.service.js';

@ObjectType({ description: 'A header the upload request must carry, exactly as given.' })
export class UploadHeader {
  @Field({ description: 'Header name, lower case.' })
  name: string;

  @Field({ description: 'Header value.' })
  value: string;
}

@ObjectType('ListingImageUpload', {
  description: 'Where to send the bytes of one picture: PUT the file to `url` with `headers`, then call attachListingImage.',
})
export class ListingImageUploadView {
  @Field(() => ID, { description: 'For attachListingImage; unattached uploads are deleted after 24 hours.' })
  uploadId: string;

  @Field({ description: 'The presigned (or, with local storage, signed) URL to PUT the file to; it needs no Authorization header.' })
  url: string;

  @Field({ description: 'Always PUT.' })
  method: string;

  @Field(() => [UploadHeader], { description: 'Content-Type (and, for S3 storage, Content-Length) the PUT must send; the signature covers them.' })
  headers: UploadHeader[];

  @Field({ description: 'The URL stops working at this time.' })
  expiresAt: Date;
}

function uploadView(ticket: ListingImageUploadTicket): ListingImageUploadView {
  return { ...ticket, method: 'PUT', headers: Object.entries(ticket.headers).map(([name, value]) => ({ name, value })) };
}

/** `Listing.images`, from media: one statement for every listing of a response (DataLoader). */
@Resolver(() => Listing)
export class ListingImagesResolver {
  constructor(private readonly service: ListingImageService) {}

  @ResolveField(() => [ListingImage], {
    description: 'Its pictures in display order (the first is the cover), at most 10; whoever sees the listing sees them.',
  })
  images(listing: Listing, _args: unknown, graphql: GraphQLContext): Promise<ListingImage[]> {
    return this.service.ofListing(contextOf(graphql), listing.id);
  }
}

@Resolver(() => ListingImage)
export class ListingImageResolver {
  constructor(private readonly images: ListingImageService) {}

  @ResolveField(() => String, { description: 'The picture at full size in its uploaded format (JPEG, PNG or WebP), without metadata.' })
  url(image: ListingImage): string {
    return this.images.url(image);
  }

  @ResolveField(() => [ImageVariant], {
    description: 'WebP copies, narrowest first: 320, 640 and 1280 pixels wide where the picture is wider, and one at its own width.',
  })
  variants(image: ListingImage): ImageVariant[] {
    return this.images.variantsOf(image);
  }

  @Mutation(() => ListingImageUploadView, {
    description:
      'Step 1 of adding a picture (OWNER or MANAGER of the agency): a URL to PUT the file to. LIMIT_EXCEEDED when the listing has 10 images or 20 uploads waiting.',
  })
  async requestListingImageUpload(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The listing and the picture about to be uploaded.' }) input: RequestListingImageUploadInput,
  ): Promise<ListingImageUploadView> {
    return uploadView(await this.images.requestUpload(ctx, input));
  }

  @Mutation(() => ListingImage, {
    description:
      'Step 2: checks the uploaded file (JPEG, PNG or WebP by its content, at most 10 MB), strips its metadata, makes WebP variants and adds it last. ' +
      'BAD_USER_INPUT on `uploadId` for anything else; INVALID_STATE when nothing was uploaded; LIMIT_EXCEEDED past 10 images.',
  })
  attachListingImage(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The finished upload and its alt text.' }) input: AttachListingImageInput,
  ): Promise<ListingImage> {
    return this.images.attach(ctx, input);
  }

  @Mutation(() => Listing, { description: 'Removes a picture (OWNER or MANAGER); the later ones move up. Its files are deleted.' })
  removeListingImage(
    @Ctx() ctx: RequestContext,
    @Args('imageId', { type: () => ID, description: 'The ListingImage to remove.' }) imageId: string,
  ): Promise<Listing> {
    return this.images.remove(ctx, imageId);
  }

  @Mutation(() => Listing, { description: 'Puts the pictures in a new order (OWNER or MANAGER).' })
  reorderListingImages(
    @Ctx() ctx: RequestContext,
    @Args('listingId', { type: () => ID, description: 'The listing whose pictures move.' }) listingId: string,
    @Args('imageIds', { type: () => [ID], description: "Every one of the listing's image ids exactly once, in the new order (else BAD_USER_INPUT)." })
    imageIds: string[],
  ): Promise<Listing> {
    return this.images.reorder(ctx, listingId, imageIds);
  }
}
