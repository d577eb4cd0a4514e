// Encode micro-benchmark: the wasm core's baseline JPEG encoder (jpegEncode, quality 80, 4:2:0,
// optimised Huffman) vs sharp's `sharp(raw, { raw }).jpeg({ quality: 80 }).toBuffer()`, in the same
// process, on RGBA thumbnails of a fixture. Median of RUNS timed runs after WARMUP untimed ones.
//
//   node scripts/bench/jpegenc.mjs [runs]      (default 20)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { coreExports } from "./core.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = Number(process.argv[2] ?? 20);
const WARMUP = 50;
const QUALITY = 80;
const SOURCE = join(root, "test", "fixtures", "2569067123_aca715a2ee_o.jpg");

sharp.concurrency(1);
sharp.cache(false);

const core = await coreExports();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

async function time(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ts = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

console.log(`JPEG encode, quality ${QUALITY}, 4:2:0, median of ${RUNS} after ${WARMUP} warm-up runs (ms)`);
console.log("size      wasm ms  sharp ms  wasm bytes  sharp bytes");
for (const size of [300, 600]) {
  const raw = await sharp(SOURCE).resize(size, size).ensureAlpha().raw().toBuffer();
  const input = core.alloc(raw.length);
  new Uint8Array(core.memory.buffer, input, raw.length).set(raw);
  let wasmBytes = 0;
  const wasm = await time(() => {
    const out = core.jpegEncode(input, size, size, QUALITY);
    if (out === 0) throw new Error("jpegEncode failed");
    wasmBytes = core.jpegEncodedLength();
    core.free(out);
  });
  core.free(input);
  let sharpBytes = 0;
  const ref = await time(async () => {
    const buf = await sharp(raw, { raw: { width: size, height: size, channels: 4 } }).jpeg({ quality: QUALITY }).toBuffer();
    sharpBytes = buf.length;
  });
  const label = `${size}×${size}`.padEnd(9);
  console.log(`${label} ${wasm.toFixed(2).padStart(7)}  ${ref.toFixed(2).padStart(8)}  ${String(wasmBytes).padStart(10)}  ${String(sharpBytes).padStart(11)}`);
}
