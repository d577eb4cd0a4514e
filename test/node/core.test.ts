import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CoreAbortError, discardCoreAfter, instantiateCore, loadCore } from "../../src/pipeline/core";

const module = new WebAssembly.Module(readFileSync(new URL("../../wasm/build/core.wasm", import.meta.url)));

describe("image core instance", () => {
  it("is instantiated once per isolate", async () => {
    expect(await loadCore(module)).toBe(await loadCore(module));
  });

  it("is replaced after a trap or an abort, and kept after other errors", async () => {
    const first = await loadCore(module);
    expect(discardCoreAfter(new Error("bad input"))).toBe(false);
    expect(await loadCore(module)).toBe(first);
    expect(discardCoreAfter(new WebAssembly.RuntimeError("unreachable"))).toBe(true);
    const second = await loadCore(module);
    expect(second).not.toBe(first);
    expect(discardCoreAfter(new CoreAbortError("aborted"))).toBe(true);
    expect(await loadCore(module)).not.toBe(second);
  });

  it("a reserved instance has its memory up front and cannot grow past it", async () => {
    const core = await instantiateCore(module, 3 * 2 ** 20);
    expect(core.memoryBytes).toBe(3 * 2 ** 20);
    expect(core.maxBytes).toBe(3 * 2 ** 20);
    const ptr = core.exports.alloc(2 * 2 ** 20);
    expect(ptr).toBeGreaterThan(0);
    expect(() => core.exports.alloc(2 * 2 ** 20)).toThrow(WebAssembly.RuntimeError);
    expect(core.atLimit(2 * 2 ** 20)).toBe(true);
    expect(core.memoryBytes).toBe(3 * 2 ** 20);
  });

  it("each reserved instance is its own: one's memory is not another's", async () => {
    const a = await instantiateCore(module, 2 * 2 ** 20);
    const b = await instantiateCore(module, 2 * 2 ** 20);
    expect(a.exports.memory).not.toBe(b.exports.memory);
  });

  it("a real trap surfaces as a RuntimeError", async () => {
    const core = await loadCore(module);
    // Reading far past the end of linear memory traps.
    expect(() => core.exports.hasAlpha(0x7fff0000, 1 << 20)).toThrow(WebAssembly.RuntimeError);
  });
});
