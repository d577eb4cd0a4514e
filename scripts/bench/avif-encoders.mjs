// Our AVIF encoder (libaom in wasm/build/av1.wasm, src/pipeline/avif-writer.ts) against jSquash's
// (libavif + libaom, built by emscripten; thumbsmith's before issue 7) on the same frames, at the
// same quality and speed: bytes, PSNR against the frame (both decoded by sharp), CPU ms and the
// codec's memory after the encode. jSquash's AVIF package stays a devDependency (the Worker tests
// decode with it), so its encoder is still here to compare with.
//   node scripts/bench/avif-encoders.mjs [quality]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { defaultImagesDir } from "./images.mjs";
import { loadPipeline } from "./load.mjs";

const quality = Number(process.argv[2] ?? 60);
const P = await loadPipeline();
const av1 = new WebAssembly.Module(readFileSync(join(root, "wasm", "build", "av1.wasm")));
const wasi = Object.fromEntries(WebAssembly.Module.imports(av1).filter((i) => i.module === "wasi_snapshot_preview1").map((i) => [i.name, () => 8]));
const jsquashDir = join(root, "node_modules", "@jsquash", "avif");
const { default: factory } = await import(join(jsquashDir, "codec", "enc", "avif_enc.js"));
const { defaultOptions } = await import(join(jsquashDir, "meta.js"));
const jsquashWasm = new WebAssembly.Module(readFileSync(join(jsquashDir, "codec", "enc", "avif_enc.wasm")));

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** A fresh instance for each frame (its memory after one encode is what the frame needs), used twice. */
function ours(rgba, width, height) {
  const memory = new WebAssembly.Memory({ initial: 48, maximum: 65536 });
  const x = new WebAssembly.Instance(av1, { env: { memory }, wasi_snapshot_preview1: wasi }).exports;
  x._initialize();
  const encode = () => {
    const start = cpu();
    const rows = x.av1e_begin(width, height, 0);
    for (let y = 0; y < height; y += 2) {
      const n = Math.min(2, height - y);
      new Uint8Array(memory.buffer, rows, width * 4 * n).set(rgba.subarray(y * width * 4, (y + n) * width * 4));
      x.av1e_rows(y, n);
    }
    const size = x.av1e_encode(0, P.avifQuantizer(quality), P.AVIF_SPEED);
    if (size <= 0) throw new Error(`av1e_encode: ${size}`);
    const file = P.writeAvif({ width, height, color: new Uint8Array(memory.buffer, x.av1e_output(), size).slice() });
    x.av1e_end();
    return { file, ms: cpu() - start };
  };
  encode();
  const memoryBytes = memory.buffer.byteLength;
  return { ...encode(), memory: memoryBytes };
}

/** The same for jSquash: a fresh emscripten instance for each frame, used twice. */
async function theirs(rgba, width, height) {
  const m = await factory({
    noInitialRun: true,
    instantiateWasm: (imports, done) => {
      WebAssembly.instantiate(jsquashWasm, imports).then((instance) => done(instance));
      return {};
    },
  });
  const encode = () => {
    const start = cpu();
    const file = m.encode(rgba, width, height, { ...defaultOptions, quality, speed: P.AVIF_SPEED });
    return { file, ms: cpu() - start };
  };
  encode();
  const memoryBytes = m.HEAP8.buffer.byteLength;
  return { ...encode(), memory: memoryBytes };
}

async function psnr(file, rgba) {
  const decoded = await sharp(file).ensureAlpha().raw().toBuffer();
  let sum = 0;
  let n = 0;
  for (let i = 0; i < rgba.length; i++) {
    if (i % 4 === 3) continue;
    sum += (decoded[i] - rgba[i]) ** 2;
    n++;
  }
  return 10 * Math.log10((255 * 255) / (sum / n));
}

const images = defaultImagesDir();
console.log(`AVIF_QUALITY ${quality}, speed ${P.AVIF_SPEED}; CPU ms of the second of two encodes in one instance, its memory after the first`);
console.log("| frame | ours KB | ours dB | ours ms | ours MB | jSquash KB | jSquash dB | jSquash ms | jSquash MB |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [name, width, height] of [["photo-24mp.jpg", 1200, 800], ["Landscape_3.jpg", 300, 300], ["photo-12mp.jpg", 600, 400], ["gradients-rgb8.png", 400, 400], ["embedgravitybird.png", 576, 384]]) {
  const rgba = new Uint8Array(await sharp(join(images, name)).resize(width, height, { fit: "cover" }).ensureAlpha(1).raw().toBuffer());
  const a = ours(rgba, width, height);
  const b = await theirs(rgba, width, height);
  const kb = (f) => (f.byteLength / 1024).toFixed(1);
  const mb = (n) => (n / 2 ** 20).toFixed(1);
  console.log(`| ${name} → ${width}×${height} | ${kb(a.file)} | ${(await psnr(a.file, rgba)).toFixed(2)} | ${a.ms.toFixed(0)} | ${mb(a.memory)} | ${kb(b.file)} | ${(await psnr(b.file, rgba)).toFixed(2)} | ${b.ms.toFixed(0)} | ${mb(b.memory)} |`);
}
