// The AV1 module's memory (wasm/build/av1.wasm) after libaom encodes one thumbnail, by size, opaque
// and with alpha, in a fresh instance each, against what the cost model (src/pipeline/budget.ts
// av1EncoderBytes) reserves for it; and the CPU time and size of each encode. `--noise` encodes
// noise instead of the photo (the largest pictures libaom makes), `--quality Q` sets AVIF_QUALITY.
//   node scripts/bench/av1-memory.mjs [--noise] [--quality 60] [photo.jpg] [WxH,WxH,...]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { defaultImagesDir } from "./images.mjs";
import { loadPipeline } from "./load.mjs";

const args = process.argv.slice(2);
const noise = args.includes("--noise");
const qualityAt = args.indexOf("--quality");
const quality = qualityAt >= 0 ? Number(args[qualityAt + 1]) : 60;
const positional = args.filter((a, i) => !a.startsWith("--") && (qualityAt < 0 || i !== qualityAt + 1));
const photo = positional[0] ?? join(defaultImagesDir(), "photo-24mp.jpg");
const sizes = (positional[1] ?? "300x300,600x600,900x900,1200x800,1600x1200,2048x1365,2048x2048,2560x1600").split(",");
const module = new WebAssembly.Module(readFileSync(join(root, "wasm", "build", "av1.wasm")));
const wasi = Object.fromEntries(WebAssembly.Module.imports(module).filter((i) => i.module === "wasi_snapshot_preview1").map((i) => [i.name, () => 8]));

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
  let bytes = x.av1e_encode(0, quantizer, AVIF_SPEED);
  if (alpha) bytes += x.av1e_encode(1, quantizer, AVIF_SPEED);
  return { bytes, ms: performance.now() - start, memory: memory.buffer.byteLength };
}

const { av1EncoderBytes, avifQuantizer, AVIF_SPEED } = await loadPipeline();
const quantizer = avifQuantizer(quality);
let seed = 7;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24) & 255;
const mb = (n) => (n / 2 ** 20).toFixed(1).padStart(7);
console.log(`${noise ? "noise" : photo} at AVIF_QUALITY ${quality} (quantizer ${quantizer})`);
console.log("size".padEnd(11), "alpha", " memory", "  model", "  B/px", "     ms", "  bytes");
for (const alpha of [false, true]) {
  for (const size of sizes) {
    const [width, height] = size.split("x").map(Number);
    const data = noise
      ? Uint8Array.from({ length: width * height * 4 }, (_, i) => (i % 4 === 3 && !alpha ? 255 : random()))
      : (await sharp(photo).resize(width, height, { fit: "fill" }).ensureAlpha(alpha ? 0.5 : 1).raw().toBuffer({ resolveWithObject: true })).data;
    const r = encode(data, width, height, alpha);
    if (r.bytes <= 0) throw new Error(`${size}: encode failed (${r.bytes})`);
    const model = av1EncoderBytes(width, height, quality);
    if (model < r.memory) process.exitCode = 1;
    console.log(size.padEnd(11), String(alpha).padEnd(5), mb(r.memory), mb(model), (r.memory / width / height).toFixed(1).padStart(6), r.ms.toFixed(0).padStart(7), String(r.bytes).padStart(7));
  }
}
