// Rows pushed from JS (pipeBeginRows / pipePushRow / pipeEndRows): the source interface for codecs
// that live in their own WebAssembly instance. A pushed run must give the same image as the same
// frame run from the core's memory, and a source that under-delivers must fail, not shrink.
import { beforeAll, describe, expect, it } from "vitest";
import { coreExports, putBytes, type CoreMemory } from "./wasm-core";
import type { CoreExports } from "../../src/pipeline/core";

type Core = CoreMemory & Pick<CoreExports, "pipeNew" | "pipeResize" | "pipeToFrame" | "pipeRunFrame" | "pipeBeginRows" | "pipePushRow" | "pipeEndRows" | "pipeOutput" | "pipeWidth" | "pipeHeight" | "pipeFree">;

const PIPE_ERR_MISMATCH = -100;
const PIPE_ERR_ARGUMENT = -101;

let core: Core;
beforeAll(async () => {
  core = await coreExports<Core>();
});

function gradient(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data.set([(x * 7) & 255, (y * 5) & 255, (x * y) & 255, 255], i);
    }
  }
  return data;
}

/** A 2:1 resize into a frame sink, fed either from a frame in the core or row by row from JS. */
function resize(src: Uint8Array, width: number, height: number, pushed: number | "frame"): Uint8Array | number {
  const id = core.pipeNew();
  try {
    core.pipeResize(id, width, height, width / 2, height / 2, 0, 0, width / 2, height / 2, 0);
    core.pipeToFrame(id, 1);
    if (pushed === "frame") {
      const ptr = putBytes(core, src);
      const code = core.pipeRunFrame(id, ptr, width, height);
      core.free(ptr);
      if (code !== 0) return code;
    } else {
      const row = core.alloc(width * 4);
      try {
        let code = core.pipeBeginRows(id, width, height);
        for (let y = 0; y < pushed && code === 0; y++) {
          new Uint8Array(core.memory.buffer, row, width * 4).set(src.subarray(y * width * 4, (y + 1) * width * 4));
          code = core.pipePushRow(id, row);
        }
        if (code === 0) code = core.pipeEndRows(id);
        if (code !== 0) return code;
      } finally {
        core.free(row);
      }
    }
    expect([core.pipeWidth(id), core.pipeHeight(id)]).toEqual([width / 2, height / 2]);
    const out = core.pipeOutput(id);
    const pixels = new Uint8Array(core.memory.buffer, out, width * height).slice();
    core.free(out);
    return pixels;
  } finally {
    core.pipeFree(id);
  }
}

describe("rows pushed from JS", () => {
  it("give the same image as the same frame run from the core's memory", () => {
    const src = gradient(64, 48);
    const pushed = resize(src, 64, 48, 48);
    expect(pushed).toBeInstanceOf(Uint8Array);
    expect(pushed).toEqual(resize(src, 64, 48, "frame"));
  });

  it("fail with a mismatch when the source ends early", () => {
    expect(resize(gradient(64, 48), 64, 48, 47)).toBe(PIPE_ERR_MISMATCH);
  });

  it("refuse a row pushed before the run began and an empty size", () => {
    const id = core.pipeNew();
    core.pipeToFrame(id, 1);
    expect(core.pipePushRow(id, 0)).toBe(PIPE_ERR_ARGUMENT);
    expect(core.pipeBeginRows(id, 0, 10)).toBe(PIPE_ERR_ARGUMENT);
    core.pipeFree(id);
  });
});
