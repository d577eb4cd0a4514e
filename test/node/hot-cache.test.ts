// The isolate's hot response cache (src/cache.ts HotCache, TieredResponseCache): what it keeps, for
// how long, what a purge drops, and that the memory ledger counts it and can take its room back.
import { describe, expect, it } from "vitest";
import { HotCache, TieredResponseCache, type ResponseCache } from "../../src/cache";
import { MemoryLedger } from "../../src/memory";

const KB = 1024;

function response(bytes: number, tag?: string): Response {
  const headers: Record<string, string> = { "Content-Type": "image/jpeg", "Content-Length": String(bytes), ETag: `"${bytes}"` };
  if (tag) headers["Cache-Tag"] = tag;
  return new Response(new Uint8Array(bytes).fill(bytes % 251), { headers });
}

/** An edge cache that records what it is asked. */
class FakeEdge implements ResponseCache {
  readonly stored = new Map<string, Response>();
  matches = 0;
  async match(url: string): Promise<Response | undefined> {
    this.matches++;
    return this.stored.get(url)?.clone();
  }
  async put(url: string, res: Response, tag: string): Promise<void> {
    const copy = new Response(await res.arrayBuffer(), res);
    copy.headers.set("Cache-Tag", tag);
    this.stored.set(url, copy);
  }
  async delete(url: string): Promise<boolean> {
    return this.stored.delete(url);
  }
}

function setup(now = { t: 0 }) {
  const hot = new HotCache(64 * KB, 16 * KB, 30_000, () => now.t);
  const edge = new FakeEdge();
  return { hot, edge, cache: new TieredResponseCache(hot, edge), now };
}

describe("the hot response cache", () => {
  it("serves what was put without asking the edge, with the same bytes and headers", async () => {
    const { cache, edge } = setup();
    await cache.put("https://t/a", response(10 * KB), "tag-a");
    const hit = await cache.match("https://t/a");
    expect(edge.matches).toBe(0);
    expect(hit?.headers.get("ETag")).toBe(`"${10 * KB}"`);
    expect(new Uint8Array(await hit!.arrayBuffer())).toEqual(new Uint8Array(10 * KB).fill((10 * KB) % 251));
    // A second hit gets a body of its own.
    expect((await (await cache.match("https://t/a"))!.arrayBuffer()).byteLength).toBe(10 * KB);
  });

  it("keeps an edge hit that carries its tag; the next match does not ask the edge", async () => {
    const { cache, edge } = setup();
    await edge.put("https://t/b", response(8 * KB), "tag-b");
    expect((await cache.match("https://t/b"))?.status).toBe(200);
    expect((await cache.match("https://t/b"))?.status).toBe(200);
    expect(edge.matches).toBe(1);
  });

  it("keeps nothing over its entry size, and evicts the least recently used past its total", async () => {
    const { cache, hot } = setup();
    await cache.put("https://t/big", response(17 * KB), "t");
    expect(hot.heldBytes).toBe(0);
    for (const name of ["1", "2", "3", "4"]) await cache.put(`https://t/${name}`, response(16 * KB), "t");
    expect(hot.heldBytes).toBe(64 * KB);
    expect(hot.get("https://t/1")).toBeDefined();
    await cache.put("https://t/5", response(16 * KB), "t");
    expect(hot.heldBytes).toBe(64 * KB);
    expect(hot.get("https://t/2")).toBeUndefined();
    expect(hot.get("https://t/1")).toBeDefined();
  });

  it("forgets entries after their time to live, so another isolate's purge shows within it", async () => {
    const { cache, hot, now } = setup();
    await cache.put("https://t/a", response(KB), "t");
    now.t = 30_000;
    expect(hot.get("https://t/a")).toBeDefined();
    now.t = 30_001;
    expect(hot.get("https://t/a")).toBeUndefined();
    expect(hot.heldBytes).toBe(0);
  });

  it("a purge drops this isolate's copies: by URL, or by the source's tag", async () => {
    const { cache, hot } = setup();
    await cache.put("https://t/a", response(KB), "tag-1");
    await cache.put("https://t/b", response(KB), "tag-1");
    await cache.put("https://t/c", response(KB), "tag-2");
    await cache.delete("https://t/c");
    expect(hot.get("https://t/c")).toBeUndefined();
    cache.forgetTag("tag-1");
    expect([hot.get("https://t/a"), hot.get("https://t/b")]).toEqual([undefined, undefined]);
    expect(hot.heldBytes).toBe(0);
  });

  it("counts in the memory ledger, which empties it when a waiting request needs the room", async () => {
    const { cache, hot } = setup();
    const ledger = new MemoryLedger(100 * KB, 100 * KB);
    ledger.attach(hot);
    await cache.put("https://t/a", response(16 * KB), "t");
    expect(ledger.inUse).toBe(16 * KB);
    const reservation = await ledger.reserve(90 * KB, { timeoutMs: 100 });
    expect(hot.heldBytes).toBe(0);
    reservation.release();
  });
});
