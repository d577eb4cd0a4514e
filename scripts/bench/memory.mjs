// Peak memory of the pipeline, one case per fresh process (as a fresh isolate would be): every
// WebAssembly memory (the image core's and each codec's: they only grow) plus live JS ArrayBuffers,
// sampled after a GC at every pipeline step. The isolate limit counts both.
// Run by scripts/bench.mjs; `node --expose-gc memory.mjs FILE SIZE METHOD [N]`.
import { readFileSync } from "node:fs";
import { loadPipeline } from "./load.mjs";

// Node does not count wasm memories in process.memoryUsage(): collect them as modules instantiate.
const memories = new Set();
function track(instance, imports) {
  const values = [...Object.values(instance.exports), ...Object.values(imports ?? {}).flatMap((m) => Object.values(m ?? {}))];
  for (const value of values) if (value instanceof WebAssembly.Memory) memories.add(value);
}
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (source, imports) {
  const result = await instantiate.call(this, source, imports);
  track(result.instance ?? result, imports);
  return result;
};
const Instance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(Instance, {
  construct(target, args) {
    const instance = new target(...args);
    track(instance, args[1]);
    return instance;
  },
});
const wasmBytes = () => [...memories].reduce((sum, m) => sum + m.buffer.byteLength, 0);

const [file, size, method, repeat = "1"] = process.argv.slice(2);
const P = await loadPipeline();
const config = P.parseConfig({ THUMBS_SECRET: "bench", MAX_SOURCE_PIXELS: "100000000", MAX_SOURCE_BYTES: String(100 * 2 ** 20) });
const core = await P.core();
const bytes = new Uint8Array(readFileSync(file));
const request = P.parseThumbnailPath(`x.jpg/${size}/${method}/${"0".repeat(32)}.jpg`, config.maxDimension);

const live = () => {
  globalThis.gc();
  return process.memoryUsage().arrayBuffers + wasmBytes();
};
const baseline = live();
let peak = 0;
const after = [];
let error = null;
for (let i = 0; i < Number(repeat); i++) {
  try {
    await P.generateThumbnail(request, config, core, bytes, () => {
      peak = Math.max(peak, live());
      return performance.now();
    });
  } catch (e) {
    error = `${e.code ?? e.name}: ${e.publicMessage ?? e.message}`;
    break;
  }
  after.push(live());
}
console.log(JSON.stringify({ baseline, peak, after, core: core.memoryBytes, wasm: wasmBytes(), memories: memories.size, error }));
