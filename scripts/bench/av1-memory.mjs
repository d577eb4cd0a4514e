// The AV1 module's memory (wasm/build/av1.wasm) after libaom encodes one thumbnail, by size, opaque
// and with alpha, in a fresh instance each, against what the cost model (src/pipeline/budget.ts
// av1EncoderBytes) reserves for it; and the CPU time of each encode.
//   node scripts/bench/av1-memory.mjs [photo.jpg] [WxH,WxH,...]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { defaultImagesDir } from "./images.mjs";
import { loadPipeline } from "./load.mjs";

const photo = process.argv[2] ?? join(defaultImagesDir(), "photo-24mp.jpg");
const sizes = (process.argv[3] ?? "300x300,600x600,900x900,1200x800,1600x1200,2048x1365,2048x2048,2560x1600").split(",");
const module = new WebAssembly.Module(readFileSync(join(root, "wasm", "build", "av1.wasm")));
const wasi = Object.fromEntries(WebAssembly.Module.imports(module).filter((i) => i.module === "wasi_snapshot_preview1").map((i) => [i.name, () => 8]));
// AVIF_QUALITY's default (60) as libavif maps it onto libaom's quantizer; speed as av1.ts sets it.
const QUANTIZER = 25;
const SPEED = 8;

function encode(rgba, width, height, alpha) {
  const memory = new WebAssembly.Memory({ initial: 48, maximum: 65536 });
  const x = new WebAssembly.Instance(module, { env: { memory }, wasi_snapshot_preview1: wasi }).exports;
  x._initialize();
  const start = performance.now();
  const rows = x.av1e_begin(width, height, alpha ? 1 : 0);
  for (let y = 0; y < height; y += 2) {
    const n = Math.min(2, height - y);
    new Uint8Array(memory.buffer, rows, width * 4 * n).set(rgba.subarray(y * width * 4, (y + n) * width * 4));
    x.av1e_rows(y, n);
  }
  let bytes = x.av1e_encode(0, QUANTIZER, SPEED);
  if (alpha) bytes += x.av1e_encode(1, QUANTIZER, SPEED);
  return { bytes, ms: performance.now() - start, memory: memory.buffer.byteLength };
}

const { av1EncoderBytes } = await loadPipeline();
const mb = (n) => (n / 2 ** 20).toFixed(1).padStart(7);
console.log("size".padEnd(11), "alpha", " memory", "  model", "  B/px", "     ms", "  bytes");
for (const alpha of [false, true]) {
  for (const size of sizes) {
    const [width, height] = size.split("x").map(Number);
    const { data } = await sharp(photo).resize(width, height, { fit: "fill" }).ensureAlpha(alpha ? 0.5 : 1).raw().toBuffer({ resolveWithObject: true });
    const r = encode(data, width, height, alpha);
    if (r.bytes <= 0) throw new Error(`${size}: encode failed (${r.bytes})`);
    const model = av1EncoderBytes(width, height);
    if (model < r.memory) process.exitCode = 1;
    console.log(size.padEnd(11), String(alpha).padEnd(5), mb(r.memory), mb(model), (r.memory / width / height).toFixed(1).padStart(6), r.ms.toFixed(0).padStart(7), String(r.bytes).padStart(7));
  }
}
