// The WebP decoder instance's memory (wasm/build/webp.wasm) after decoding WebPs made with sharp from
// one photo: lossy, lossy with alpha, lossless, at full size and at half size, against what the cost
// model (src/pipeline/budget.ts webpDecoderBytes) reserves for it.
//   node scripts/bench/webp-memory.mjs [photo.jpg] [width]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { defaultImagesDir } from "./images.mjs";
import { loadPipeline } from "./load.mjs";

const photo = process.argv[2] ?? join(defaultImagesDir(), "photo-24mp.jpg");
const width = Number(process.argv[3] ?? 4000);
const module = new WebAssembly.Module(readFileSync(join(root, "wasm", "build", "webp.wasm")));

function decode(file, w, h, ow, oh) {
  const memory = new WebAssembly.Memory({ initial: 3, maximum: 65536 });
  let rows = 0;
  const x = new WebAssembly.Instance(module, { env: { memory, webp_row: () => (rows++, 0) } }).exports;
  const ptr = x.webp_alloc(file.length);
  new Uint8Array(memory.buffer, ptr, file.length).set(file);
  const start = performance.now();
  const code = x.webp_decode(ptr, file.length, w, h, ow, oh);
  return { code, rows, ms: performance.now() - start, bytes: memory.buffer.byteLength };
}

const { probe, webpDecoderBytes } = await loadPipeline();
const mb = (n) => (n / 2 ** 20).toFixed(2).padStart(7);
console.log("kind".padEnd(14), "size".padEnd(11), "out".padEnd(11), "   file", " memory", "  model", "     ms");
for (const [kind, options, alpha] of [["lossy", { quality: 80 }, false], ["lossy+alpha", { quality: 80 }, true], ["lossless", { lossless: true }, false]]) {
  let image = sharp(photo).resize(width);
  if (alpha) image = image.ensureAlpha(0.5);
  const file = await image.webp(options).toBuffer();
  const result = probe(new Uint8Array(file));
  if (result.kind !== "image") throw new Error(`${kind}: probe ${result.kind}`);
  const { width: w, height: h } = result.info;
  for (const [ow, oh] of [[w, h], [Math.ceil(w / 2), Math.ceil(h / 2)]]) {
    const r = decode(file, w, h, ow, oh);
    if (r.code !== 0 || r.rows !== oh) throw new Error(`${kind}: decode ${r.code}, ${r.rows} rows`);
    const model = webpDecoderBytes(result.info, { width: ow }, file.length);
    console.log(kind.padEnd(14), `${w}x${h}`.padEnd(11), `${ow}x${oh}`.padEnd(11), mb(file.length), mb(r.bytes), mb(model), r.ms.toFixed(0).padStart(7));
  }
}
