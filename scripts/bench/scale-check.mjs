// PSNR against sharp of a 300 px wide resize from each JPEG DCT reduction (1/1 … 1/8): what the
// reduction margin in src/pipeline/geometry.ts is chosen from.   node scripts/bench/scale-check.mjs [FILE]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { loadPipeline } from "./load.mjs";
const P = await loadPipeline();
const core = await P.core();
const e = core.exports;
const file = process.argv[2] ?? join(root, "..", "shared", "images", "2569067123_aca715a2ee_o.jpg");
const bytes = readFileSync(file);
const meta = await sharp(bytes).metadata();
const tw = 300, th = Math.round(meta.height * 300 / meta.width);
const ref = await sharp(bytes).resize(tw, th, { fit: "fill" }).ensureAlpha().raw().toBuffer();
const refSlow = await sharp(bytes, {}).resize(tw, th, { fit: "fill", fastShrinkOnLoad: false }).ensureAlpha().raw().toBuffer();
const psnr = (a, b) => { let s = 0, n = 0; for (let i = 0; i < a.length; i++) { if (i % 4 === 3) continue; s += (a[i] - b[i]) ** 2; n++; } return 10 * Math.log10(255 * 255 / (s / n)); };
console.log("sharp fast vs sharp slow", psnr(ref, refSlow).toFixed(2));
for (const d of [1, 2, 4, 8]) {
  const inp = core.putBytes(bytes);
  const ptr = e.jpegDecode(inp, bytes.length, d);
  const w = e.jpegWidth(), h = e.jpegHeight();
  const out = e.resize(ptr, w, h, tw, th, 0);
  const img = new Uint8Array(e.memory.buffer.slice(out, out + tw * th * 4));
  console.log(`1/${d} ${w}x${h}: vs sharp ${psnr(img, ref).toFixed(2)} dB, vs sharp(fastShrinkOnLoad:false) ${psnr(img, refSlow).toFixed(2)} dB`);
  e.free(out); e.free(ptr); e.free(inp);
}
