// The image core's raw exports for the micro-benchmarks (the pipeline itself goes through
// src/pipeline/core.ts, see load.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../local.mjs";

/** `path`: another build of the core (e.g. main's, to compare against), default the committed one. */
export async function coreExports(path = join(root, "wasm", "build", "core.wasm")) {
  // The core imports its memory (src/pipeline/core.ts): a growable one, as for tests and tools.
  const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536 });
  const { instance } = await WebAssembly.instantiate(readFileSync(path), {
    env: {
      memory,
      abort(_msg, _file, line, col) {
        throw new Error(`wasm abort at ${line}:${col}`);
      },
    },
  });
  return instance.exports;
}
