import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Settings } from '../../../common/src/index.js';
import { IMMUTABLE_CACHE_CONTROL, type ObjectStorage, type PresignedUpload, type UploadPermit } from './object-storage.js';

/**
 * An S3-compatible bucket (AWS S3, NCP Object Storage, MinIO). Clients upload straight to the bucket
 * with a presigned PUT whose signature covers the content type and length, so the bucket itself refuses
 * another size or type. Checksums are sent only where the protocol requires them: S3-compatible stores
 * do not all know the newer checksum headers.
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    private readonly publicBaseUrl: string,
    private readonly now: () => Date,
  ) {
    const { region, endpoint, forcePathStyle, accessKeyId, secretAccessKey } = settings;
    this.client = new S3Client({
      region,
      endpoint,
      forcePathStyle,
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async presignUpload({ key, contentType, byteSize, expiresAt }: UploadPermit): Promise<PresignedUpload> {
    const command = new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, ContentType: contentType, ContentLength: byteSize });
    // Signed at the bucket's (real) time; only the lifetime comes from our clock.
    const expiresIn = Math.max(1, Math.floor((expiresAt.getTime() - this.now().getTime()) / 1000));
    const url = await getSignedUrl(this.client, command, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) });
    return { url, headers: { 'content-type': contentType, 'content-length': String(byteSize) } };
  }

  async sizeOf(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (error instanceof NotFound || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  async write(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: body, ContentType: contentType, CacheControl: IMMUTABLE_CACHE_CONTROL }),
    );
  }

  async delete(keys: readonly string[]): Promise<void> {
    // One DELETE per key: the batch call requires a Content-MD5 or checksum header not every S3-compatible store takes.
    await Promise.all(keys.map((Key) => this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key }))));
  }

  publicUrl(key: string): string {
    return `${this.publicBaseUrl}/${key}`;
  }
}
