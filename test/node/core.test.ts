import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ThumbnailError } from "../../src/errors";
import { CoreAbortError, coreTrapped, instantiateCore } from "../../src/pipeline/core";
import { CorePool } from "../../src/pipeline/pool";

const module = new WebAssembly.Module(readFileSync(new URL("../../wasm/build/core.wasm", import.meta.url)));
const MB = 2 ** 20;

describe("image core instances", () => {
  it("each instantiation has its own memory", async () => {
    const a = await instantiateCore(module);
    const b = await instantiateCore(module);
    expect(a.exports.memory).not.toBe(b.exports.memory);
  });

  it("traps and aborts mark an instance unusable, also when reported as a ThumbnailError; other errors do not", () => {
    expect(coreTrapped(new Error("bad input"))).toBe(false);
    expect(coreTrapped(new ThumbnailError("SOURCE_UNDECODABLE"))).toBe(false);
    expect(coreTrapped(new WebAssembly.RuntimeError("unreachable"))).toBe(true);
    expect(coreTrapped(new CoreAbortError("aborted"))).toBe(true);
    expect(coreTrapped(new ThumbnailError("SOURCE_UNDECODABLE", { cause: new WebAssembly.RuntimeError("unreachable") }))).toBe(true);
  });

  it("a reserved instance has its memory up front and cannot grow past it", async () => {
    const core = await instantiateCore(module, 3 * MB);
    expect(core.memoryBytes).toBe(3 * MB);
    expect(core.maxBytes).toBe(3 * MB);
    const ptr = core.exports.alloc(2 * MB);
    expect(ptr).toBeGreaterThan(0);
    expect(() => core.exports.alloc(2 * MB)).toThrow(WebAssembly.RuntimeError);
    expect(core.atLimit(2 * MB)).toBe(true);
    expect(core.memoryBytes).toBe(3 * MB);
  });
});

describe("CorePool", () => {
  it("gives each need its size class: at most 19% over, never under", () => {
    for (const need of [1, 4 * MB, 4 * MB + 1, 10 * MB, 33.3 * MB, 64 * MB]) {
      const size = CorePool.sizeFor(need);
      expect(size).toBeGreaterThanOrEqual(need);
      expect(size).toBeLessThanOrEqual(Math.max(4 * MB, need * 1.19 + 65536));
      expect(size % 65536).toBe(0);
    }
  });

  it("reuses an idle instance of the same size class, and makes another for another class", async () => {
    const pool = new CorePool(module);
    const seen: unknown[] = [];
    await pool.use(5 * MB, (core) => seen.push(core));
    expect(pool.idleCount).toBe(1);
    expect(pool.heldBytes).toBe(CorePool.sizeFor(5 * MB));
    await pool.use(5.1 * MB, (core) => seen.push(core));
    await pool.use(9 * MB, (core) => seen.push(core));
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(pool.idleCount).toBe(2);
    pool.reclaim();
    expect(pool.heldBytes).toBe(0);
  });

  it("keeps at most two idle instances, of 16 MB together at most", async () => {
    const pool = new CorePool(module);
    await pool.use(24 * MB, () => undefined);
    expect(pool.idleCount).toBe(0);
    for (const need of [4, 5, 6]) await pool.use(need * MB, () => undefined);
    expect(pool.idleCount).toBe(2);
    await pool.use(13 * MB, () => undefined);
    expect(pool.idleCount).toBe(1);
    expect(pool.heldBytes).toBe(CorePool.sizeFor(13 * MB));
  });

  it("drops an instance that trapped; a plain error keeps it", async () => {
    const pool = new CorePool(module);
    const run = pool.use(4 * MB, (core) => {
      // Reading far past the end of linear memory traps.
      core.exports.hasAlpha(0x7fff0000, 1 << 20);
    });
    await expect(run).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
    expect(pool.idleCount).toBe(0);
    await expect(pool.use(4 * MB, () => Promise.reject(new ThumbnailError("SOURCE_UNDECODABLE")))).rejects.toBeInstanceOf(ThumbnailError);
    expect(pool.idleCount).toBe(1);
  });
});
