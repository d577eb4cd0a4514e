/**
 * Storage contracts. The request flow only sees these interfaces; `storage-r2.ts` implements them
 * on R2 and `storage-memory.ts` in memory, and both pass `test/worker/storage.contract.ts`.
 */
import { ThumbnailError } from "./errors";

export interface ThumbnailMeta {
  readonly contentType: string;
  readonly cacheControl: string;
  /** The source object's etag when the thumbnail was made: tells stale thumbnails apart. */
  readonly sourceEtag: string;
}

export interface StoredThumbnail extends ThumbnailMeta {
  /** Null when only the metadata was asked for (HEAD). */
  readonly body: ReadableStream<Uint8Array> | null;
  readonly size: number;
  /** Quoted strong etag of the stored bytes. */
  readonly etag: string;
}

export interface ThumbnailStore {
  get(key: string, options?: { readonly metadataOnly?: boolean }): Promise<StoredThumbnail | null>;
  /** Writes the whole object at once: readers never see a partial thumbnail. */
  /** Returns the quoted etag of what was stored. */
  put(key: string, bytes: Uint8Array, meta: ThumbnailMeta): Promise<string>;
}

export interface SourceObject {
  readonly bytes: Uint8Array;
  readonly etag: string;
}

export interface SourceStore {
  /** Null when missing; throws SOURCE_TOO_LARGE, before reading the body, when over `maxBytes`. */
  get(key: string, maxBytes: number): Promise<SourceObject | null>;
}

export function tooLarge(size: number, maxBytes: number): ThumbnailError {
  return new ThumbnailError("SOURCE_TOO_LARGE", {
    detail: `source: expected at most ${maxBytes} bytes, got ${size}`,
  });
}
