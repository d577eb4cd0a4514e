/** The storage contract every SourceStore/ThumbnailStore implementation must pass. */
import { describe, expect, it } from "vitest";
import { ThumbnailError } from "../../src/errors";
import type { SourceStore, ThumbnailStore } from "../../src/storage";

export interface StorageFixture {
  readonly sources: SourceStore;
  /** Puts a source object (through the backend, not the interface: sources are read-only). */
  readonly putSource: (key: string, bytes: Uint8Array) => Promise<void>;
  readonly thumbs: ThumbnailStore;
}

const meta = { contentType: "image/webp", cacheControl: "public, max-age=60", sourceEtag: '"abc"' };

async function read(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  if (!stream) throw new Error("no body");
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function storageContract(name: string, make: () => StorageFixture): void {
  describe(`storage contract: ${name}`, () => {
    it("a missing source is null", async () => {
      expect(await make().sources.get("nope/missing.jpg", 100)).toBeNull();
    });

    it("reads a source with its etag; the same bytes give the same etag", async () => {
      const f = make();
      await f.putSource("dir/ü a.jpg", new Uint8Array([1, 2, 3]));
      const first = await f.sources.get("dir/ü a.jpg", 100);
      expect(first?.bytes).toEqual(new Uint8Array([1, 2, 3]));
      expect(first?.etag).toMatch(/^"[^"]+"$/);
      expect((await f.sources.get("dir/ü a.jpg", 100))?.etag).toBe(first?.etag);
    });

    it("refuses a source over the byte limit with SOURCE_TOO_LARGE", async () => {
      const f = make();
      await f.putSource("big.jpg", new Uint8Array(101));
      await expect(f.sources.get("big.jpg", 100)).rejects.toSatisfy(
        (e) => e instanceof ThumbnailError && e.code === "SOURCE_TOO_LARGE" && e.status === 413,
      );
      expect((await f.sources.get("big.jpg", 101))?.bytes.byteLength).toBe(101);
    });

    it("a missing thumbnail is null", async () => {
      expect(await make().thumbs.get("none/1x1/crop/x.jpg")).toBeNull();
    });

    it("stores bytes with metadata and a strong etag", async () => {
      const f = make();
      const etag = await f.thumbs.put("a/1x1/crop/s.webp", new Uint8Array([9, 8, 7]), meta);
      expect(etag).toMatch(/^"[^"]+"$/);
      const stored = await f.thumbs.get("a/1x1/crop/s.webp");
      expect(stored).toMatchObject({ ...meta, size: 3, etag });
      expect(await read(stored?.body ?? null)).toEqual(new Uint8Array([9, 8, 7]));
    });

    it("metadataOnly gives everything but the body", async () => {
      const f = make();
      const etag = await f.thumbs.put("b/1x1/crop/s.webp", new Uint8Array([1]), meta);
      const stored = await f.thumbs.get("b/1x1/crop/s.webp", { metadataOnly: true });
      expect(stored).toMatchObject({ ...meta, size: 1, etag, body: null });
    });

    it("a rewrite replaces the object and its etag", async () => {
      const f = make();
      const first = await f.thumbs.put("c/1x1/crop/s.webp", new Uint8Array([1]), meta);
      const second = await f.thumbs.put("c/1x1/crop/s.webp", new Uint8Array([2, 2]), meta);
      expect(second).not.toBe(first);
      expect(await read((await f.thumbs.get("c/1x1/crop/s.webp"))?.body ?? null)).toEqual(new Uint8Array([2, 2]));
    });

    it("the stored bytes are a copy: later changes to the buffer don't leak in", async () => {
      const f = make();
      const bytes = new Uint8Array([5, 5]);
      await f.thumbs.put("d/1x1/crop/s.webp", bytes, meta);
      bytes[0] = 0;
      expect(await read((await f.thumbs.get("d/1x1/crop/s.webp"))?.body ?? null)).toEqual(new Uint8Array([5, 5]));
    });
  });
}
