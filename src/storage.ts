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
  /**
   * Deletes every object whose key starts with `prefix` and that `select` accepts, and returns their
   * keys. Lists and deletes in pages of up to 1000 keys (R2's limit for both), so a thousand
   * thumbnails cost one list and one delete.
   */
  deleteAll(prefix: string, select: (key: string) => boolean): Promise<string[]>;
}

/**
 * A source object whose size is known before its body is read: the request reserves memory for it
 * (memory.ts) from `size` and a header read with `head`, then reads it whole with `read`.
 */
export interface SourceBody {
  readonly size: number;
  readonly etag: string;
  /** The first `bytes` bytes (all of them if the object is shorter), a copy; `read` still gives everything. */
  head(bytes: number): Promise<Uint8Array>;
  /**
   * The whole object in one buffer of exactly `size` bytes, once: `into` when given (say, memory in
   * the image core, so that the source is never held twice), else a new one.
   */
  read(into?: Uint8Array): Promise<Uint8Array>;
  /** Drops the body unread (what was not read is never transferred). */
  cancel(): Promise<void>;
}

export interface SourceStore {
  /** Null when missing; throws SOURCE_TOO_LARGE, before reading the body, when over `maxBytes`. */
  open(key: string, maxBytes: number): Promise<SourceBody | null>;
}

/** A SourceBody over a byte stream of known length: reads only as far as asked. */
export class StreamedSourceBody implements SourceBody {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  #chunks: Uint8Array[] = [];
  #received = 0;
  #ended = false;
  #taken = false;

  constructor(
    stream: ReadableStream<Uint8Array>,
    readonly size: number,
    readonly etag: string,
  ) {
    this.#reader = stream.getReader();
  }

  async #next(): Promise<Uint8Array | undefined> {
    const { done, value } = await this.#reader.read();
    if (done) {
      this.#ended = true;
      if (this.#received !== this.size) throw new Error(`source body: expected ${this.size} bytes, got ${this.#received}`);
      return undefined;
    }
    this.#received += value.byteLength;
    if (this.#received > this.size) throw new Error(`source body: expected ${this.size} bytes, got more`);
    return value;
  }

  async head(bytes: number): Promise<Uint8Array> {
    if (this.#taken) throw new Error("source body: head after read");
    const wanted = Math.min(bytes, this.size);
    while (this.#received < wanted && !this.#ended) {
      const chunk = await this.#next();
      if (chunk) this.#chunks.push(chunk);
    }
    const out = new Uint8Array(wanted);
    let offset = 0;
    for (const chunk of this.#chunks) {
      if (offset >= wanted) break;
      const part = chunk.subarray(0, wanted - offset);
      out.set(part, offset);
      offset += part.byteLength;
    }
    return out;
  }

  async read(into?: Uint8Array): Promise<Uint8Array> {
    if (this.#taken) throw new Error("source body: read twice");
    if (into && into.byteLength !== this.size) throw new RangeError(`source body: ${this.size} bytes into a buffer of ${into.byteLength}`);
    this.#taken = true;
    const out = into ?? new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.#chunks = [];
    for (let chunk = this.#ended ? undefined : await this.#next(); chunk; chunk = await this.#next()) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }

  async cancel(): Promise<void> {
    this.#chunks = [];
    await this.#reader.cancel();
  }
}

export function tooLarge(size: number, maxBytes: number): ThumbnailError {
  return new ThumbnailError("SOURCE_TOO_LARGE", {
    detail: `source: expected at most ${maxBytes} bytes, got ${size}`,
  });
}
