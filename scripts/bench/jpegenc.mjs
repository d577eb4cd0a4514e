// Encode micro-benchmark: the wasm core's baseline JPEG encoder (jpegEncode, quality 80, 4:2:0,
// optimised Huffman) vs sharp's `sharp(raw, { raw }).jpeg({ quality: 80 }).toBuffer()`, in the same
// process, on RGBA thumbnails of a fixture. Median of RUNS timed runs after WARMUP untimed ones.
// Then the core's memory growth for a 4096×2731 encode in a fresh instance: rows pushed one at a
// time from one reused row buffer (jpegWriterNew/WriteRow/Finish), and, for comparison, the whole
// frame copied in and passed to jpegEncode.
//
//   node scripts/bench/jpegenc.mjs [runs] [before.wasm]   (default 20 runs; with before.wasm, e.g.
//   another branch's wasm/build/core.wasm, its jpegEncode is timed and measured alongside)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { coreExports } from "./core.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = Number(process.argv[2] ?? 20);
const BEFORE = process.argv[3];
const WARMUP = 50;
const QUALITY = 80;
const SOURCE = join(root, "test", "fixtures", "2569067123_aca715a2ee_o.jpg");
const SIZES = [[300, 300], [2400, 1600]];
const BIG = [4096, 2731];

sharp.concurrency(1);
sharp.cache(false);

const core = await coreExports();
const before = BEFORE ? await coreExports(BEFORE) : undefined;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

// process CPU time (all threads: sharp's work runs on libuv's pool), steadier than wall time on a
// shared machine
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function time(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ts = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = cpuMs();
    await fn();
    ts.push(cpuMs() - t0);
  }
  return median(ts);
}

// median ms and output bytes of jpegEncode on `raw` in core `c`
async function timeCore(c, raw, width, height) {
  const input = c.alloc(raw.length);
  new Uint8Array(c.memory.buffer, input, raw.length).set(raw);
  let bytes = 0;
  const ms = await time(() => {
    const out = c.jpegEncode(input, width, height, QUALITY);
    if (out === 0) throw new Error("jpegEncode failed");
    bytes = c.jpegEncodedLength();
    c.free(out);
  });
  c.free(input);
  return { ms, bytes };
}

const fmt = (x, w) => String(x).padStart(w);
console.log(`JPEG encode, quality ${QUALITY}, 4:2:0, median CPU time of ${RUNS} after ${WARMUP} warm-up runs (ms)`);
console.log(`size        wasm ms  ${before ? "before ms  " : ""}sharp ms  wasm bytes  ${before ? "before bytes  " : ""}sharp bytes`);
for (const [width, height] of SIZES) {
  const raw = await sharp(SOURCE).resize(width, height, { fit: "fill" }).ensureAlpha().raw().toBuffer();
  const ours = await timeCore(core, raw, width, height);
  const prev = before ? await timeCore(before, raw, width, height) : undefined;
  let sharpBytes = 0;
  const ref = await time(async () => {
    const buf = await sharp(raw, { raw: { width, height, channels: 4 } }).jpeg({ quality: QUALITY }).toBuffer();
    sharpBytes = buf.length;
  });
  console.log(
    `${`${width}×${height}`.padEnd(11)} ${fmt(ours.ms.toFixed(2), 7)}  ${prev ? `${fmt(prev.ms.toFixed(2), 9)}  ` : ""}` +
      `${fmt(ref.toFixed(2), 8)}  ${fmt(ours.bytes, 10)}  ${prev ? `${fmt(prev.bytes, 12)}  ` : ""}${fmt(sharpBytes, 11)}`,
  );
}

// rows of a W×H RGBA image: a photo (the fixture stretched to W×H) and a noisy gradient
const [W, H] = BIG;
const photo = await sharp(SOURCE).resize(W, H, { fit: "fill" }).ensureAlpha().raw().toBuffer();
function gradientRow(y, row) {
  let s = y * 2654435761;
  for (let x = 0; x < W; x++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const n = (s >>> 27) - 16;
    row[x * 4] = Math.max(0, Math.min(255, ((x * 255) / W + n) | 0));
    row[x * 4 + 1] = Math.max(0, Math.min(255, ((y * 255) / H + n) | 0));
    row[x * 4 + 2] = Math.max(0, Math.min(255, (((x + y) * 255) / (W + H) - n) | 0));
    row[x * 4 + 3] = 255;
  }
}
const images = [
  ["photo", (y, row) => row.set(photo.subarray(y * W * 4, (y + 1) * W * 4))],
  ["noisy gradient", gradientRow],
];
const MB = (n) => (n / 2 ** 20).toFixed(1);
console.log(`\ncore memory growth encoding ${W}×${H} q${QUALITY} in a fresh instance (RGBA frame: ${MB(W * H * 4)} MB)`);
console.log(`image            rows pushed  ${before ? "before: frame + jpegEncode  " : ""}JPEG bytes`);
for (const [name, fill] of images) {
  const c = await coreExports();
  const start = c.memory.buffer.byteLength;
  const rowPtr = c.alloc(W * 4);
  for (let y = 0; y < H; y++) {
    if (y === 0) c.jpegWriterNew(W, H, QUALITY);
    fill(y, new Uint8Array(c.memory.buffer, rowPtr, W * 4));
    c.jpegWriterWriteRow(rowPtr);
  }
  const out = c.jpegWriterFinish();
  if (out === 0) throw new Error("jpegWriterFinish failed");
  const bytes = c.jpegEncodedLength();
  const grew = c.memory.buffer.byteLength - start;
  let prev = "";
  if (BEFORE) {
    const b = await coreExports(BEFORE);
    const s0 = b.memory.buffer.byteLength;
    const frame = b.alloc(W * H * 4);
    for (let y = 0; y < H; y++) fill(y, new Uint8Array(b.memory.buffer, frame + y * W * 4, W * 4));
    if (b.jpegEncode(frame, W, H, QUALITY) === 0) throw new Error("before: jpegEncode failed");
    prev = `${fmt(`${MB(b.memory.buffer.byteLength - s0)} MB`, 26)}  `;
  }
  console.log(`${name.padEnd(16)} ${fmt(`${MB(grew)} MB`, 11)}  ${prev}${fmt(bytes, 10)}`);
}
