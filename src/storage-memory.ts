import { StreamedSourceBody, tooLarge, type SourceBody, type SourceStore, type StoredThumbnail, type ThumbnailMeta, type ThumbnailStore } from "./storage";

async function strongEtag(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `"${Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

/** In-memory stores: for tests and for running the core outside Workers. */
export class MemorySourceStore implements SourceStore {
  readonly objects = new Map<string, Uint8Array>();

  /** The body comes in chunks of `chunkBytes`, as a network stream would. */
  constructor(private readonly chunkBytes = 64 * 1024) {}

  async open(key: string, maxBytes: number): Promise<SourceBody | null> {
    const bytes = this.objects.get(key);
    if (!bytes) return null;
    if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength, maxBytes);
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (offset >= bytes.byteLength) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + this.chunkBytes));
        offset += this.chunkBytes;
      },
    });
    return new StreamedSourceBody(stream, bytes.byteLength, await strongEtag(bytes));
  }
}

export class MemoryThumbnailStore implements ThumbnailStore {
  readonly objects = new Map<string, { bytes: Uint8Array; meta: ThumbnailMeta; etag: string }>();

  async get(key: string, options: { metadataOnly?: boolean } = {}): Promise<StoredThumbnail | null> {
    const entry = this.objects.get(key);
    if (!entry) return null;
    const bytes = entry.bytes;
    return {
      ...entry.meta,
      etag: entry.etag,
      size: bytes.byteLength,
      body: options.metadataOnly
        ? null
        : new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(bytes.slice());
              controller.close();
            },
          }),
    };
  }

  async put(key: string, bytes: Uint8Array, meta: ThumbnailMeta): Promise<string> {
    const copy = bytes.slice();
    const etag = await strongEtag(copy);
    this.objects.set(key, { bytes: copy, meta: { ...meta }, etag });
    return etag;
  }

  async deleteAll(prefix: string, select: (key: string) => boolean): Promise<string[]> {
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix) && select(key));
    for (const key of keys) this.objects.delete(key);
    return keys;
  }
}
