import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Param, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Transform, type TransformCallback } from 'node:stream';
import { ClockService, Public } from '../../common/src/index.js';
import { SERVED_KEY } from './listing-image-rules.js';
import { LocalDiskStorage } from './storage/local-disk-storage.js';
import { OBJECT_STORAGE, type ObjectStorage } from './storage/object-storage.js';
import { UploadTokens } from './storage/upload-token.js';

const YEAR_MS = 365 * 24 * 3600_000;

/** Refusals in the GraphQL error shape, like the other HTTP endpoints (docs/RULES.md §11 codes). */
function refused(status: HttpStatus, code: string, message: string): HttpException {
  return new HttpException({ errors: [{ message, extensions: { code } }] }, status);
}

/** Counts what passes and fails the stream past `limit` bytes, for bodies sent without (or with a false) Content-Length. */
function atMost(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      done(seen > limit ? refused(HttpStatus.PAYLOAD_TOO_LARGE, 'LIMIT_EXCEEDED', `The upload is larger than the ${limit} bytes announced`) : null, chunk);
    },
  });
}

/**
 * The local storage driver's HTTP side: uploads to signed URLs (the stand-in for a bucket's presigned
 * PUT) and the stored images with a year-long cache (keys never change content). With the s3 driver
 * neither exists (404): clients talk to the bucket.
 */
@Controller()
export class MediaController {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly tokens: UploadTokens,
    private readonly clock: ClockService,
  ) {}

  /** The body may be at most the size announced to requestListingImageUpload, in the Content-Type announced there. */
  @Public()
  @Put('uploads/:token')
  @HttpCode(200)
  async upload(@Param('token') token: string, @Req() req: Request): Promise<void> {
    const storage = this.localStorage();
    const permit = this.tokens.verify(token, this.clock.now());
    if (!permit) throw refused(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'This upload URL is not valid or has expired');
    if (req.headers['content-type'] !== permit.contentType) {
      throw refused(HttpStatus.BAD_REQUEST, 'BAD_USER_INPUT', `Send the file with Content-Type: ${permit.contentType}`);
    }
    if (Number(req.headers['content-length'] ?? 0) > permit.byteSize) {
      throw refused(HttpStatus.PAYLOAD_TOO_LARGE, 'LIMIT_EXCEEDED', `The upload is larger than the ${permit.byteSize} bytes announced`);
    }
    await storage.receive(permit.key, req.pipe(atMost(permit.byteSize)));
  }

  @Public()
  @Get('media/*key')
  serve(@Param('key') key: string[] | string, @Res() res: Response): void {
    const storage = this.localStorage();
    const path = Array.isArray(key) ? key.join('/') : key;
    if (!SERVED_KEY.test(path)) throw refused(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'No such image');
    // Relative to `root`: the data folder itself may be a dot folder (.dure), which send refuses in a path.
    res.sendFile(path, { root: storage.root, maxAge: YEAR_MS, immutable: true, headers: { 'x-content-type-options': 'nosniff' } }, (error) => {
      if (error && !res.headersSent) res.status(HttpStatus.NOT_FOUND).json({ errors: [{ message: 'No such image', extensions: { code: 'NOT_FOUND' } }] });
    });
  }

  private localStorage(): LocalDiskStorage {
    if (!(this.storage instanceof LocalDiskStorage)) throw refused(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'Images are served by the bucket');
    return this.storage;
  }
}
