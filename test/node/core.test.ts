import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CoreAbortError, coreTrapped, instantiateCore } from "../../src/pipeline/core";
import { InstancePool } from "../../src/pipeline/pool";

const module = new WebAssembly.Module(readFileSync(new URL("../../wasm/build/core.wasm", import.meta.url)));

describe("image core instances", () => {
  it("each instantiation has its own memory", async () => {
    const a = await instantiateCore(module);
    const b = await instantiateCore(module);
    expect(a.exports.memory).not.toBe(b.exports.memory);
  });

  it("traps and aborts mark an instance unusable; other errors do not", () => {
    expect(coreTrapped(new Error("bad input"))).toBe(false);
    expect(coreTrapped(new WebAssembly.RuntimeError("unreachable"))).toBe(true);
    expect(coreTrapped(new CoreAbortError("aborted"))).toBe(true);
  });

  it("a real trap surfaces as a RuntimeError, and the pool then drops that instance", async () => {
    const pool = new InstancePool({ create: () => instantiateCore(module), memoryBytes: (core) => core.memoryBytes });
    let trapped: unknown;
    const run = pool.use((core) => {
      trapped = core;
      // Reading far past the end of linear memory traps.
      core.exports.hasAlpha(0x7fff0000, 1 << 20);
    }, coreTrapped);
    await expect(run).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
    expect(pool.idleCount).toBe(0);
    expect(await pool.acquire()).not.toBe(trapped);
  });
});
