// The image core's raw exports for the micro-benchmarks (the pipeline itself goes through
// src/pipeline/core.ts, see load.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../local.mjs";

export async function coreExports() {
  const { instance } = await WebAssembly.instantiate(readFileSync(join(root, "wasm", "build", "core.wasm")), {
    env: {
      abort(_msg, _file, line, col) {
        throw new Error(`wasm abort at ${line}:${col}`);
      },
    },
  });
  return instance.exports;
}
