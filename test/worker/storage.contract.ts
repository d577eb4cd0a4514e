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

/** toEqual on long byte arrays is slow (element by element): compare them directly. */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}

async function read(stream: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  if (!stream) throw new Error("no body");
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function storageContract(name: string, make: () => StorageFixture): void {
  describe(`storage contract: ${name}`, () => {
    it("a missing source is null", async () => {
      expect(await make().sources.open("nope/missing.jpg", 100)).toBeNull();
    });

    it("opens a source with its size and etag; the same bytes give the same etag", async () => {
      const f = make();
      await f.putSource("dir/ü a.jpg", new Uint8Array([1, 2, 3]));
      const first = await f.sources.open("dir/ü a.jpg", 100);
      expect(first?.size).toBe(3);
      expect(first?.etag).toMatch(/^"[^"]+"$/);
      expect(await first?.read()).toEqual(new Uint8Array([1, 2, 3]));
      const second = await f.sources.open("dir/ü a.jpg", 100);
      expect(second?.etag).toBe(first?.etag);
      await second?.cancel();
    });

    it("refuses a source over the byte limit with SOURCE_TOO_LARGE, before reading it", async () => {
      const f = make();
      await f.putSource("big.jpg", new Uint8Array(101));
      await expect(f.sources.open("big.jpg", 100)).rejects.toSatisfy(
        (e) => e instanceof ThumbnailError && e.code === "SOURCE_TOO_LARGE" && e.status === 413,
      );
      expect((await (await f.sources.open("big.jpg", 101))?.read())?.byteLength).toBe(101);
    });

    it("head gives a prefix without consuming it; read then gives every byte once", async () => {
      const f = make();
      const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
      await f.putSource("long.bin", bytes);
      const source = await f.sources.open("long.bin", bytes.byteLength);
      if (!source) throw new Error("missing");
      expect(source.size).toBe(bytes.byteLength);
      expect(await source.head(10)).toEqual(bytes.subarray(0, 10));
      expect(same(await source.head(100_000), bytes.subarray(0, 100_000))).toBe(true);
      expect(same(await source.head(70_000), bytes.subarray(0, 70_000))).toBe(true);
      expect(same(await source.head(1_000_000), bytes)).toBe(true);
      expect(same(await source.read(), bytes)).toBe(true);
      await expect(source.read()).rejects.toThrow(/read twice/);
    });

    it("read without head, and head of an empty object", async () => {
      const f = make();
      const bytes = new Uint8Array(200_000).map((_, i) => i % 256);
      await f.putSource("plain.bin", bytes);
      expect(same(await (await f.sources.open("plain.bin", 1e6))?.read(), bytes)).toBe(true);
      await f.putSource("empty.bin", new Uint8Array(0));
      const empty = await f.sources.open("empty.bin", 10);
      expect(empty?.size).toBe(0);
      expect(await empty?.head(64)).toEqual(new Uint8Array(0));
      expect(await empty?.read()).toEqual(new Uint8Array(0));
    });

    it("read into a given buffer (after head too) fills exactly that buffer; a buffer of another size is refused", async () => {
      const f = make();
      const bytes = new Uint8Array(150_000).map((_, i) => (i * 7) % 256);
      await f.putSource("into.bin", bytes);
      const source = await f.sources.open("into.bin", 1e6);
      if (!source) throw new Error("missing");
      await source.head(100);
      await expect(source.read(new Uint8Array(10))).rejects.toThrow(RangeError);
      const target = new Uint8Array(bytes.byteLength + 20).subarray(10, 10 + bytes.byteLength);
      const out = await source.read(target);
      expect(out).toBe(target);
      expect(same(target, bytes)).toBe(true);
    });

    it("cancel after head lets the body go", async () => {
      const f = make();
      await f.putSource("cancel.bin", new Uint8Array(150_000));
      const source = await f.sources.open("cancel.bin", 1e6);
      expect((await source?.head(16))?.byteLength).toBe(16);
      await source?.cancel();
      // The object is still there for the next reader.
      expect((await (await f.sources.open("cancel.bin", 1e6))?.read())?.byteLength).toBe(150_000);
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

    it("deleteAll removes what it selects under the prefix, past one page of 1000, and nothing else", async () => {
      const f = make();
      const keys = Array.from({ length: 1003 }, (_, i) => `many.jpg/${i}x/scale/s.jpg`);
      for (let i = 0; i < keys.length; i += 100) {
        await Promise.all(keys.slice(i, i + 100).map((key) => f.thumbs.put(key, new Uint8Array([1]), meta)));
      }
      await f.thumbs.put("many.jpg/keep/scale/s.jpg", new Uint8Array([1]), meta);
      await f.thumbs.put("many.jpg.other/1x/scale/s.jpg", new Uint8Array([1]), meta);
      const deleted = await f.thumbs.deleteAll("many.jpg/", (key) => !key.includes("/keep/"));
      expect(deleted.sort()).toEqual([...keys].sort());
      expect(await f.thumbs.get(keys[0] ?? "", { metadataOnly: true })).toBeNull();
      expect(await f.thumbs.get(keys[1002] ?? "", { metadataOnly: true })).toBeNull();
      expect(await f.thumbs.get("many.jpg/keep/scale/s.jpg", { metadataOnly: true })).not.toBeNull();
      expect(await f.thumbs.get("many.jpg.other/1x/scale/s.jpg", { metadataOnly: true })).not.toBeNull();
      expect(await f.thumbs.deleteAll("many.jpg/", () => true)).toEqual(["many.jpg/keep/scale/s.jpg"]);
    });
  });
}
