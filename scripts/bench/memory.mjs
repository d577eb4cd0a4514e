// Peak memory of one thumbnail in a fresh process, as in a fresh isolate: every WebAssembly memory
// plus live JS ArrayBuffers (see wasm-memories.mjs), the source in the core's memory included.
//   node --expose-gc scripts/bench/memory.mjs FILE SIZE METHOD EXT     (e.g. photo.jpg 1400x scale .jpg)
// Prints one JSON line: { baseline, peak, status, code, message, width, height, memories: [{ label, bytes }] }.
import { liveBytes, peakTracker, wasmMemorySizes } from "./wasm-memories.mjs";
import { benchConfig, loadPipeline, readBytes, thumbnailRequest } from "./load.mjs";

const [file, size, method, ext] = process.argv.slice(2);
const P = await loadPipeline();
const config = benchConfig(P);
const request = thumbnailRequest(P, config, size, method, ext);
const baseline = liveBytes();
const bytes = readBytes(file);
const tracker = peakTracker();
let result;
try {
  // The fifth argument is called between pipeline steps where the pipeline has steps: one more sample.
  const thumbnail = await P.thumbnail(request, config, bytes, () => {
    tracker.sample();
    return performance.now();
  });
  result = { status: 200, width: thumbnail.width, height: thumbnail.height };
} catch (e) {
  result = { status: e.status ?? 500, code: e.code ?? e.name, message: e.message };
}
// The file's bytes in JS are the bench's: the Worker reads the body into the core, counted there.
const peak = tracker.stop() - bytes.byteLength;
console.log(JSON.stringify({ baseline, peak, ...result, memories: wasmMemorySizes() }));
