// `npm run bench`: the project's pipeline against sharp (native libvips) and the plain jSquash
// pipeline (full decode → @jsquash/resize lanczos3 → mozjpeg defaults), same images, same run.
// Prints CPU ms per thumbnail (median), the ratio to sharp, PSNR of `scale` against sharp, peak
// memory (JS ArrayBuffers, which include every WebAssembly memory), memory across 100
// consecutive thumbnails, and end-to-end cold/hot throughput through `wrangler dev`.
//
//   npm run bench [-- --images DIR] [-- --runs N] [-- --quick]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { loadPipeline } from "./bench/load.mjs";
import { root } from "./local.mjs";

const { values: args } = parseArgs({
  options: {
    images: { type: "string", default: join(root, "..", "shared", "images") },
    runs: { type: "string", default: "5" },
    quick: { type: "boolean", default: false },
    "no-e2e": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const PHOTOS = ["2569067123_aca715a2ee_o.jpg", "photo-6mp-progressive.jpg", "photo-12mp.jpg", "photo-24mp.jpg"];
const METHODS = ["crop", "scale", "smart"];
const SIZE = 300;

// Workers run one thread per isolate: compare against single-threaded libvips.
sharp.concurrency(1);
sharp.cache(false);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measure(fn) {
  await fn(); // warm-up: JIT, codec init
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = cpuMs();
    await fn();
    times.push(cpuMs() - start);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

function psnr(a, b) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  const mse = sum / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

const pad = (s, n) => String(s).padStart(n);

const P = await loadPipeline();
const config = P.parseConfig({ THUMBS_SECRET: "bench" });
const core = await P.core();
const request = (file, method) =>
  P.parseThumbnailPath(`${encodeURIComponent(file)}/${SIZE}x${SIZE}/${method}/${"0".repeat(32)}.jpg`, config.maxDimension);

async function ours(bytes, method) {
  return P.generateThumbnail(request("x.jpg", method), config, core, bytes);
}

async function plainJsquash(bytes) {
  const { default: resize, initResize } = await import("@jsquash/resize");
  await initResize(readFileSync(join(root, "node_modules/@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm")));
  const image = await P.mozjpeg.decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const s = Math.max(SIZE / image.width, SIZE / image.height);
  const w = Math.round(image.width * s);
  const h = Math.round(image.height * s);
  const resized = await resize(image, { width: w, height: h, method: "lanczos3" });
  const x = (w - SIZE) >> 1;
  const y = (h - SIZE) >> 1;
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let r = 0; r < SIZE; r++) data.set(resized.data.subarray(((y + r) * w + x) * 4, ((y + r) * w + x + SIZE) * 4), r * SIZE * 4);
  return P.mozjpeg.encode({ data, width: SIZE, height: SIZE }, 80);
}

const SHARP_OPTIONS = { crop: { fit: "cover" }, scale: { fit: "inside" }, smart: { fit: "cover", position: sharp.strategy.entropy } };
const viaSharp = (bytes, method) => sharp(bytes).rotate().resize(SIZE, SIZE, SHARP_OPTIONS[method]).jpeg({ quality: 80 }).toBuffer();

if (process.env.BENCH_STEPS) {
  const bytes = new Uint8Array(readFileSync(join(args.images, PHOTOS[0])));
  for (let i = 0; i < 5; i++) {
    const t = await ours(bytes, "crop");
    console.log(t.timings.map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(", "));
  }
}

const photos = args.quick ? PHOTOS.slice(0, 1) : PHOTOS;
console.log(`thumbsmith bench: ${SIZE}x${SIZE} JPEG q80, CPU ms per thumbnail (median of ${RUNS}), sharp single-threaded`);
console.log(`${"source".padEnd(30)} ${"method".padEnd(6)} ${pad("sharp", 7)} ${pad("ours", 7)} ${pad("ratio", 6)} ${pad("jSquash", 8)} ${pad("ratio", 6)} ${pad("PSNR", 6)}`);
const rows = [];
for (const file of photos) {
  const bytes = new Uint8Array(readFileSync(join(args.images, file)));
  const meta = await sharp(bytes).metadata();
  let plainMs = null;
  for (const method of METHODS) {
    const sharpMs = await measure(() => viaSharp(bytes, method));
    const oursMs = await measure(() => ours(bytes, method));
    if (method === "crop") plainMs = await measure(() => plainJsquash(bytes));
    let quality = "";
    if (method === "scale") {
      const out = await ours(bytes, method);
      const mine = await sharp(out.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const ref = await sharp(bytes).rotate().resize(mine.info.width, mine.info.height, { fit: "fill" }).ensureAlpha().raw().toBuffer();
      quality = psnr(mine.data, ref).toFixed(1);
    }
    const row = { file, mp: ((meta.width * meta.height) / 1e6).toFixed(1), method, sharpMs, oursMs, plainMs: method === "crop" ? plainMs : null, quality };
    rows.push(row);
    console.log(
      `${`${file} (${row.mp} MP)`.slice(0, 30).padEnd(30)} ${method.padEnd(6)} ${pad(sharpMs.toFixed(1), 7)} ${pad(oursMs.toFixed(1), 7)} ${pad((oursMs / sharpMs).toFixed(2) + "x", 6)} ${pad(row.plainMs ? row.plainMs.toFixed(1) : "", 8)} ${pad(row.plainMs ? (row.plainMs / sharpMs).toFixed(1) + "x" : "", 6)} ${pad(quality, 6)}`,
    );
  }
}

{
  const { memoryCases } = await import("./bench/memory-cases.mjs");
  await memoryCases(args.images, photos);
}

if (!args["no-e2e"]) {
  const { e2eThroughput } = await import("./bench/e2e.mjs");
  await e2eThroughput();
}
