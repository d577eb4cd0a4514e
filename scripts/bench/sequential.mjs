// `npm run bench -- sequential`: many cold thumbnails one after another in one process, as in one
// long-lived isolate: a deterministic mix of JPEG (baseline, progressive), PNG, GIF, WebP and AVIF
// sources to JPEG, PNG, WebP and AVIF at 100–2400 px. After each, every WebAssembly memory still
// reachable plus live ArrayBuffers is recorded (after a GC); the baseline is the same total after
// one tiny thumbnail from every input format to every output format (every codec loaded, none
// grown). Target: the total stays within 16 MB of the baseline.
//   node --expose-gc scripts/bench/sequential.mjs IMAGES COUNT
import { settledLiveBytes, wasmMemorySizes } from "./wasm-memories.mjs";
import { basename } from "node:path";
import { prng } from "../prng.mjs";
import { image } from "./images.mjs";
import { benchConfig, loadPipeline, readBytes, thumbnailRequest } from "./load.mjs";

const MB = 2 ** 20;
const TARGET = 16 * MB;
const SOURCES = [
  "seed/animals/kitten.jpg",
  "2569067123_aca715a2ee_o.jpg",
  "photo-6mp-progressive.jpg",
  "photo-12mp.jpg",
  "photo-24mp.jpg",
  "embedgravitybird.png",
  "photo-2mp-alpha.png",
  "photo-6mp.png",
  "screenshot-3840x2160.png",
  "Crash_test.gif",
  "photo-1mp.gif",
  "photo-12mp.gif",
  "4.webp",
  "photo-3mp.webp",
  "pitm.avif",
  "photo-2mp.avif",
];
const OUTPUTS = [
  [".jpg", 0.45],
  [".webp", 0.25],
  [".png", 0.2],
  [".avif", 0.1],
];
const METHODS = ["crop", "scale", "smart"];

/** The i-th request of the mix: log-uniform sides (small thumbnails are the common case). */
function mix(count) {
  const random = prng(1000);
  const side = () => Math.round(100 * 24 ** random());
  const pick = (list) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, () => {
    const source = pick(SOURCES);
    const method = pick(METHODS);
    const form = random();
    const size = form < 1 / 3 ? `${side()}x` : form < 1 / 2 ? `x${side()}` : `${side()}x${side()}`;
    let r = random();
    const ext = OUTPUTS.find(([, weight]) => (r -= weight) < 0)?.[0] ?? ".jpg";
    return { source, size, method, ext };
  });
}

const SPARKS = "▁▂▃▄▅▆▇█";
function sparkline(values, width) {
  const step = Math.max(1, Math.ceil(values.length / width));
  const buckets = [];
  for (let i = 0; i < values.length; i += step) buckets.push(Math.max(...values.slice(i, i + step)));
  const lo = Math.min(...buckets);
  const hi = Math.max(...buckets);
  return buckets.map((v) => SPARKS[hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * (SPARKS.length - 1))]).join("");
}

const [images, countText = "1000"] = process.argv.slice(2);
const count = Number(countText);
const P = await loadPipeline();
const config = benchConfig(P);
const sources = new Map();
for (const name of [...SOURCES, ...["jpg", "png", "gif", "webp", "avif"].map((e) => `tiny.${e}`)]) {
  sources.set(name, readBytes(await image(images, name)));
}

async function run({ source, size, method, ext }) {
  const request = thumbnailRequest(P, config, size, method, ext);
  try {
    await P.thumbnail(request, config, sources.get(source));
    return { status: "200" };
  } catch (e) {
    return { status: `${e.status ?? 500} ${e.code ?? e.name}`, message: e.message };
  }
}

const mb = (bytes) => (bytes / MB).toFixed(1);
const ledgerBytes = () => P.ledger(config).inUse;

const before = await settledLiveBytes();
for (const input of ["jpg", "png", "gif", "webp", "avif"]) {
  for (const [ext] of OUTPUTS) {
    const { status, message } = await run({ source: `tiny.${input}`, size: "32x32", method: "crop", ext });
    if (status !== "200") throw new Error(`warm-up tiny.${input} → ${ext}: ${status} ${message}`);
  }
}
const baseline = { live: await settledLiveBytes(), ledger: ledgerBytes() };
const series = { live: [], ledger: [] };
const statuses = new Map();
const failures = [];
const start = performance.now();
const requests = mix(count);
for (const [i, req] of requests.entries()) {
  const { status, message } = await run(req);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (message && failures.length < 6) failures.push(`#${i + 1} ${req.source.split("/").pop()} ${req.size}/${req.method} ${req.ext}: ${status} ${message}`);
  series.live.push(await settledLiveBytes());
  series.ledger.push(ledgerBytes());
  if ((i + 1) % 100 === 0) process.stderr.write(`  ${i + 1}/${count} ${mb(series.live[i] - baseline.live)} MB over the baseline\n`);
}
const seconds = (performance.now() - start) / 1000;
const describe = (i) => {
  const r = requests[i];
  return `#${i + 1} ${basename(r.source)} ${r.size}/${r.method} ${r.ext}`;
};
const every = Math.max(1, Math.floor(count / 20));

/** The curve of one series and its largest distance above the baseline, against the target. */
function report(name, values, base) {
  const over = values.map((v) => v - base);
  const worst = over.indexOf(Math.max(...over));
  const steps = values
    .map((v, i) => ({ by: v - (i > 0 ? values[i - 1] : base), i }))
    .filter((step) => step.by > 0)
    .sort((x, y) => y.by - x.by)
    .slice(0, 3)
    .map((step) => `${describe(step.i)} +${mb(step.by)}`);
  return [
    `  ${name}: baseline ${mb(base)} MB; curve (max per bucket) ${mb(Math.min(...values))} ${sparkline(values, 50)} ${mb(Math.max(...values))} MB`,
    `    every ${every}th, MB over the baseline: ${over.filter((_, i) => (i + 1) % every === 0).map(mb).join(" ")}`,
    `    largest steps up (MB): ${steps.join("; ") || "none"}`,
    `    max distance from the baseline: ${mb(over[worst])} MB (after ${describe(worst)}); after the last: ${mb(over[over.length - 1])} MB; ` +
      `target ≤ ${mb(TARGET)} MB${over[worst] <= TARGET ? "" : " ✗"}`,
  ];
}

console.log(
  [
    `${count} sequential cold thumbnails in one process (${seconds.toFixed(0)} s), memory after each once the request has ended:`,
    `  statuses: ${[...statuses].sort().map(([status, n]) => `${status} ×${n}`).join(", ")}`,
    ...failures.map((f) => `    ${f}`),
    `  before any thumbnail ${mb(before)} MB (the sources); baselines after one tiny image from every input format to every output format`,
    ...report("live (every reachable WebAssembly memory + live ArrayBuffers, after a GC)", series.live, baseline.live),
    ...report("ledger (MemoryLedger inUse: reservations + held buffers + idle pooled instances)", series.ledger, baseline.ledger),
    `  wasm memories at the end (MB): ${wasmMemorySizes().map((m) => `${m.label} ${mb(m.bytes)}`).join(", ")}`,
  ].join("\n"),
);
