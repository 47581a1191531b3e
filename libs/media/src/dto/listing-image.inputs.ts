import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { MAX_ALT_TEXT_LENGTH, MAX_IMAGE_BYTES } from '../listing-image-rules.js';

@InputType({ description: 'The picture a partner agency is about to upload for a listing.' })
export class RequestListingImageUploadInput {
  @Field(() => ID, { description: 'The listing the picture is for; the caller must be OWNER or MANAGER of its agency.' })
  @IsString()
  listingId: string;

  @Field({ description: 'image/jpeg, image/png or image/webp; the upload must be sent with this Content-Type. The stored bytes decide the format, not this.' })
  @IsString()
  @Length(1, 100)
  contentType: string;

  @Field(() => Int, { description: `The file's exact size in bytes, at most ${MAX_IMAGE_BYTES} (10 MB).` })
  @IsInt()
  @Min(1)
  byteSize: number;
}

@InputType({ description: 'Makes an uploaded file an image of its listing.' })
export class AttachListingImageInput {
  @Field(() => ID, { description: 'The `uploadId` from requestListingImageUpload, after the file was PUT to its URL.' })
  @IsString()
  uploadId: string;

  @Field({ description: `What the picture shows, for people who cannot see it (required; 1–${MAX_ALT_TEXT_LENGTH} characters).` })
  @IsString()
  altText: string;
}
