import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage, PresignedUpload, UploadPermit } from './object-storage.js';
import type { UploadTokens } from './upload-token.js';

/**
 * The default store: files under `<DURE_DATA_DIR>/media`, uploaded to `PUT /uploads/<token>` and served
 * at `GET /media/<key>` by this server (MediaController), so `npm start` shows images without a bucket.
 * Several API processes need a shared folder (or the s3 driver).
 */
export class LocalDiskStorage implements ObjectStorage {
  constructor(
    readonly root: string,
    private readonly publicBaseUrl: () => string,
    private readonly tokens: UploadTokens,
  ) {}

  async presignUpload(permit: UploadPermit): Promise<PresignedUpload> {
    return { url: `${this.publicBaseUrl()}/uploads/${this.tokens.sign(permit)}`, headers: { 'content-type': permit.contentType } };
  }

  async sizeOf(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async write(key: string, body: Buffer): Promise<void> {
    await this.replace(key, (temporary) => writeFile(temporary, body));
  }

  /** Stores an upload's body as it streams in; a broken or refused stream leaves nothing under `key`. */
  async receive(key: string, body: Readable): Promise<void> {
    await this.replace(key, (temporary) => pipeline(body, createWriteStream(temporary)));
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.pathOf(key), { force: true })));
  }

  publicUrl(key: string): string {
    return `${this.publicBaseUrl()}/media/${key}`;
  }

  /** Keys are made by imageKeys (and checked against SERVED_KEY before serving), never taken from clients unchecked. */
  pathOf(key: string): string {
    return join(this.root, key);
  }

  /** Written beside the target and renamed over it, so a reader never sees half a file. */
  private async replace(key: string, writeTo: (temporary: string) => Promise<unknown>): Promise<void> {
    const target = this.pathOf(key);
    const temporary = `${target}.${randomUUID()}.part`;
    await mkdir(dirname(target), { recursive: true });
    try {
      await writeTo(temporary);
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
  }
}
