// How much each JPEG DCT reduction (1/1 … 1/8) costs in quality: PSNR of a resize from each reduction
// against a reference resized from the full decode (sharp: decode whole, then Lanczos3, no
// shrink-on-load), beside sharp's own default (shrink-on-load leaving ≥ 1× the target). What the
// reduction margin in src/pipeline/geometry.ts is chosen from.
//   node scripts/bench/scale-check.mjs [FILE] [WIDTH]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { defaultImagesDir } from "./images.mjs";
import { loadPipeline } from "./load.mjs";

const P = await loadPipeline();
const core = await P.core();
const e = core.exports;
const file = process.argv[2] ?? join(defaultImagesDir(), "2569067123_aca715a2ee_o.jpg");
const tw = Number(process.argv[3] ?? 300);
const bytes = readFileSync(file);
const meta = await sharp(bytes).metadata();
const th = Math.round((meta.height * tw) / meta.width);
const full = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
const truth = await sharp(full.data, { raw: full.info }).resize(tw, th, { fit: "fill", kernel: "lanczos3" }).ensureAlpha().raw().toBuffer();
const fast = await sharp(bytes).resize(tw, th, { fit: "fill" }).ensureAlpha().raw().toBuffer();
const psnr = (a, b) => {
  let s = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    s += (a[i] - b[i]) ** 2;
    n++;
  }
  return (10 * Math.log10((255 * 255) / (s / n))).toFixed(2);
};
console.log(`${file.split("/").pop()} → ${tw}x${th}; reference: full decode + Lanczos3 (sharp)`);
console.log(`  sharp default (shrink-on-load): ${psnr(fast, truth)} dB`);
for (const d of [1, 2, 4, 8]) {
  const w = Math.ceil(meta.width / d);
  const h = Math.ceil(meta.height / d);
  if (w < tw || h < th) break;
  const input = core.putBytes(bytes);
  const id = e.pipeNew();
  e.pipeResize(id, w, h, tw, th, 0, 0, tw, th, 0);
  e.pipeToFrame(id, 1);
  const code = e.pipeRunJpeg(id, input, bytes.length, d, 0, 0);
  e.free(input);
  if (code !== 0) throw new Error(`decode failed: ${code}`);
  const out = e.pipeOutput(id);
  e.pipeFree(id);
  const image = new Uint8Array(e.memory.buffer.slice(out, out + tw * th * 4));
  e.free(out);
  console.log(`  1/${d} (${w}x${h}, ${(w / tw).toFixed(2)}× the target): ${psnr(image, truth)} dB`);
}
