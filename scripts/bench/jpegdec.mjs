// Decode micro-benchmark: the wasm core's JPEG decoder (DCT-domain scaled decode at the scale a
// 300×300 thumbnail would use) vs sharp producing the 300×300 cover thumbnail (libvips shrink-on-load
// + resize), in the same process, median of several runs.
//
//   node scripts/bench/jpegdec.mjs [imagesDir] [runs]      (default ../shared/images, 9 runs)
//   JPEG_BENCH_DIR=... JPEG_BENCH_RUNS=... also work.
// Both sides get WARMUP untimed runs first (V8 compiles wasm with its baseline compiler and tiers hot
// functions up to TurboFan after a few calls; a long-lived Worker isolate runs the optimised code).
// The "1st" column is the wasm decoder's very first call (cold, before tier-up).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { coreExports } from "./core.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = resolve(process.argv[2] ?? process.env.JPEG_BENCH_DIR ?? join(root, "..", "shared", "images"));
const runs = Number(process.argv[3] ?? process.env.JPEG_BENCH_RUNS ?? 9);
const WARMUP = 5;
const files = ["2569067123_aca715a2ee_o.jpg", "photo-6mp-progressive.jpg", "photo-12mp.jpg", "photo-24mp.jpg"];
const THUMB = 300;

sharp.concurrency(1);
sharp.cache(false);

const wasm = await coreExports();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

// largest reduction of 1/2, 1/4, 1/8 that leaves ≥ 2×THUMB px on the shorter side (else 1)
function pickScale(w, h) {
  const short = Math.min(w, h);
  for (const d of [8, 4, 2]) if (Math.ceil(short / d) >= 2 * THUMB) return d;
  return 1;
}

console.log(`images: ${dir}, ${runs} runs each (median), sharp concurrency 1, cache off`);
console.log("file".padEnd(32), "size".padEnd(11), "scale", "1st ms".padStart(7), "wasm ms".padStart(8), "sharp ms".padStart(9), "ratio".padStart(6));
for (const name of files) {
  const buf = readFileSync(join(dir, name));
  const ptr = wasm.alloc(buf.length);
  new Uint8Array(wasm.memory.buffer, ptr, buf.length).set(buf);
  if (wasm.jpegInfo(ptr, buf.length) !== 0) throw new Error(`${name}: jpegInfo error ${wasm.jpegError()}`);
  const w = wasm.jpegWidth(), h = wasm.jpegHeight();
  const scale = pickScale(w, h);
  const tw = [];
  let first = 0;
  for (let i = 0; i < runs + WARMUP; i++) {
    const t0 = performance.now();
    const out = wasm.jpegDecode(ptr, buf.length, scale);
    const t = performance.now() - t0;
    if (!out) throw new Error(`${name}: decode error ${wasm.jpegError()}`);
    wasm.free(out);
    if (i === 0) first = t;
    if (i >= WARMUP) tw.push(t);
  }
  wasm.free(ptr);
  const ts = [];
  for (let i = 0; i < runs + WARMUP; i++) {
    const t0 = performance.now();
    await sharp(buf).resize(THUMB, THUMB, { fit: "cover" }).raw().toBuffer();
    const t = performance.now() - t0;
    if (i >= WARMUP) ts.push(t);
  }
  const a = median(tw), b = median(ts);
  console.log(name.padEnd(32), `${w}x${h}`.padEnd(11), `1/${scale}`.padEnd(5), first.toFixed(1).padStart(7), a.toFixed(1).padStart(8), b.toFixed(1).padStart(9), (a / b).toFixed(2).padStart(6));
}
console.log(`wasm memory after: ${(wasm.memory.buffer.byteLength / 1048576).toFixed(1)} MB`);
