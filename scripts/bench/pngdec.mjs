// Micro-benchmark: the image core's PNG decoder against sharp (libspng/zlib), same process.
//   node scripts/bench/pngdec.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { coreExports } from "./core.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fx = (name) => join(root, "test", "fixtures", name);
sharp.concurrency(1);

const core = await coreExports();
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];

async function bench(label, bytes) {
  const wasm = [];
  const ref = [];
  for (let i = 0; i < 13; i++) {
    const ptr = core.alloc(bytes.length);
    new Uint8Array(core.memory.buffer, ptr, bytes.length).set(bytes);
    let t = performance.now();
    const out = core.pngDecode(ptr, bytes.length);
    if (i >= 3) wasm.push(performance.now() - t);
    core.free(out);
    core.free(ptr);
    t = performance.now();
    await sharp(bytes).ensureAlpha().raw().toBuffer();
    if (i >= 3) ref.push(performance.now() - t);
  }
  console.log(`${label.padEnd(48)} core ${median(wasm).toFixed(1)} ms, sharp ${median(ref).toFixed(1)} ms`);
}

await bench("embedgravitybird.png 576×384 RGBA", readFileSync(fx("embedgravitybird.png")));
const photo = sharp(fx("Landscape_3.jpg")).resize(2000, 2000, { fit: "fill" });
await bench("2000×2000 RGB photo, no filters", await photo.clone().png().toBuffer());
await bench("2000×2000 RGB photo, adaptive filters", await photo.clone().png({ adaptiveFiltering: true }).toBuffer());
await bench("2000×2000 RGBA photo, adaptive filters", await photo.clone().ensureAlpha(0.5).png({ adaptiveFiltering: true }).toBuffer());
await bench("2000×2000 RGBA photo, Adam7", await photo.clone().ensureAlpha(0.5).png({ progressive: true, adaptiveFiltering: true }).toBuffer());
