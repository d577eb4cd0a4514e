// WebAssembly memory left in the isolate after encodes of growing size: jSquash's WebP encoder has an
// instance pool that drops an instance whose memory grew past 16 MB (src/pipeline/pool.ts). AVIF and
// PNG output are not jSquash's any more (the AV1 module's pool and the core's are sized up front).
// `node --expose-gc scripts/bench/pools.mjs`: live WebAssembly memory after a GC, per step.
import { loadPipeline } from "./load.mjs";
import { wasmBytes } from "./wasm-memories.mjs";

const live = () => {
  globalThis.gc();
  return wasmBytes();
};
const MB = 2 ** 20;
const P = await loadPipeline();
const image = (side) => ({ data: new Uint8ClampedArray(side * side * 4).map((_, i) => (i * 7) & 255), width: side, height: side });
for (const format of (process.argv[2] ?? "webp").split(",")) {
  for (const side of [300, 300, 1500, 300, 300, 300]) {
    const start = performance.now();
    await P.encoders[format](image(side), 60);
    const ms = performance.now() - start;
    const pool = P.codecPools[`${format}Encode`];
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    console.log(`${format} ${side}²: ${ms.toFixed(0)} ms, idle instances ${pool.idleCount} (${(pool.heldBytes / MB).toFixed(1)} MB), live wasm ${(live() / MB).toFixed(1)} MB`);
  }
}
