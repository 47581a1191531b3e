/**
 * The port of the image store. Keys are relative paths (`listings/<listing>/<image>/w320.webp`); every
 * stored image is immutable under its key, so it is served with a year-long cache.
 */
export interface ObjectStorage {
  /** Where a client PUTs the bytes of `key`, with exactly these headers, until `expiresAt`. */
  presignUpload(upload: UploadPermit): Promise<PresignedUpload>;
  /** The size of a stored object, or null when there is none. */
  sizeOf(key: string): Promise<number | null>;
  /** The bytes of a stored object (the caller checked its size first). */
  read(key: string): Promise<Buffer>;
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Deleting a key that does not exist is not an error. */
  delete(keys: readonly string[]): Promise<void>;
  /** Where clients fetch the object. */
  publicUrl(key: string): string;
}

export interface UploadPermit {
  key: string;
  contentType: string;
  byteSize: number;
  expiresAt: Date;
}

export interface PresignedUpload {
  url: string;
  headers: Record<string, string>;
}

/** Nest injection token of the configured storage. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

/** Stored images never change under their key. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
