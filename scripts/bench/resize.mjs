// Resize-stage micro-benchmark: the core's Lanczos3 stage alone (a frame already in memory pushed
// through pipeResize into a frame sink), CPU milliseconds, median of several runs, for one or more
// builds of the core side by side (e.g. the committed one against a copy taken before a change).
//
//   node scripts/bench/resize.mjs [--images DIR] [--runs N] [--min] [--alpha | --opaque-alpha]
//                                 [label=core.wasm ...]
//
// With no cores named, the committed wasm/build/core.wasm. Sources are photo-24mp.jpg and
// photo-6mp-progressive.jpg decoded by sharp (smaller sources are sharp's reductions of the 6 MP one),
// so the stage sees photographic content. --alpha premultiplies, with alpha ramping 1..255 across
// every row (the stage's translucent path); --opaque-alpha premultiplies an opaque image (what every
// PNG and GIF gets). --min reports the fastest run instead of the median: on a busy machine it is the
// steadier number when comparing two builds. CPU time (process.cpuUsage) rather than wall time: the
// machine is shared, and another process's burst should not count against the stage.
import { join, resolve } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { coreExports } from "./core.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const images = resolve(option("--images", join(root, "..", "shared", "images")));
const runs = Number(option("--runs", 7));
const flag = (name) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const translucent = flag("--alpha");
const premultiply = translucent || flag("--opaque-alpha");
const fastest = flag("--min");
const WARMUP = 3;
const cores = args.length > 0
  ? args.map((a) => { const [label, file] = a.includes("=") ? a.split("=") : [a, a]; return { label, file: resolve(file) }; })
  : [{ label: "core", file: join(root, "wasm", "build", "core.wasm") }];

const CASES = [
  { file: "photo-24mp.jpg", src: [5995, 4000], dst: [2400, 1601] },
  { file: "photo-6mp-progressive.jpg", src: [2725, 2225], dst: [1400, 1143] },
  { file: "photo-6mp-progressive.jpg", src: [2725, 2225], dst: [300, 245] },
  { file: "photo-6mp-progressive.jpg", src: [1499, 1000], dst: [300, 200] },
  { file: "photo-6mp-progressive.jpg", src: [500, 342], dst: [2000, 1368] },
];

sharp.concurrency(1);
sharp.cache(false);

async function source(file, [w, h]) {
  const { data, info } = await sharp(join(images, file))
    .resize(w, h, { fit: "fill", kernel: "lanczos3" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== w || info.height !== h || info.channels !== 4) throw new Error(`${file}: got ${info.width}×${info.height}×${info.channels}`);
  if (translucent) for (let i = 0; i < data.length; i += 4) data[i + 3] = 1 + ((i >> 2) % w) % 255;
  return data;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function resizeOnce(core, ptr, [sw, sh], [dw, dh]) {
  const id = core.pipeNew();
  core.pipeResize(id, sw, sh, dw, dh, 0, 0, dw, dh, premultiply ? 1 : 0);
  core.pipeToFrame(id, 1);
  const t0 = cpuMs();
  const rc = core.pipeRunFrame(id, ptr, sw, sh);
  const t = cpuMs() - t0;
  if (rc !== 0) throw new Error(`pipeRunFrame: ${rc}`);
  core.free(core.pipeOutput(id));
  core.pipeFree(id);
  return t;
}

const summary = (xs) => [...xs].sort((a, b) => a - b)[fastest ? 0 : xs.length >> 1];

const loaded = await Promise.all(cores.map(async (c) => ({ ...c, core: await coreExports(c.file) })));
const mode = translucent ? "premultiplied, translucent" : premultiply ? "premultiplied, opaque" : "not premultiplied";
console.log(`${runs} runs each (${fastest ? "fastest" : "median"} CPU ms), ${WARMUP} warm-up runs, ${mode}`);
console.log("case".padEnd(26), ...loaded.map((c) => c.label.padStart(10)));
for (const c of CASES) {
  const pixels = await source(c.file, c.src);
  const ptrs = loaded.map(({ core }) => {
    const ptr = core.alloc(pixels.length);
    new Uint8Array(core.memory.buffer, ptr, pixels.length).set(pixels);
    return ptr;
  });
  // The builds take turns run by run, so a burst of load elsewhere hits them alike.
  const times = loaded.map(() => []);
  for (let i = 0; i < WARMUP + runs; i++) {
    loaded.forEach(({ core }, k) => {
      const t = resizeOnce(core, ptrs[k], c.src, c.dst);
      if (i >= WARMUP) times[k].push(t);
    });
  }
  loaded.forEach(({ core }, k) => core.free(ptrs[k]));
  console.log(`${c.src.join("×")} → ${c.dst.join("×")}`.padEnd(26), ...times.map((t) => summary(t).toFixed(1).padStart(10)));
}
