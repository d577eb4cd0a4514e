import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CoreAbortError, discardCoreAfter, loadCore } from "../../src/pipeline/core";

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

  it("a real trap surfaces as a RuntimeError", async () => {
    const core = await loadCore(module);
    // Reading far past the end of linear memory traps.
    expect(() => core.exports.hasAlpha(0x7fff0000, 1 << 20)).toThrow(WebAssembly.RuntimeError);
  });
});
