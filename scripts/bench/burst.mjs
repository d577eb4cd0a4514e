// `npm run bench -- burst`: the service under `wrangler dev` (workerd, local R2 and Durable
// Objects). 12 different heavy thumbnails requested at once, all cold, each client retrying on 503
// after its Retry-After; meanwhile the resident memory (VmRSS) of the workerd process(es) is
// sampled every 50 ms. Reports each status, and the runtime's peak growth over its baseline (after
// one small thumbnail, so the isolate and the image core exist), then the same on that isolate with
// twelve other sizes (every codec already compiled). Target: every request served, growth ≤ 96 MB.
// Then cold/hot throughput on the same server (e2e.mjs).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { thumbnailUrl } from "../../dist/client.js";
import { LOCAL_SECRET, seedLocal, startDev } from "../local.mjs";
import { e2eThroughput } from "./e2e.mjs";
import { image } from "./images.mjs";

const MB = 2 ** 20;
const TARGET = 96 * MB;
const GIVE_UP_MS = 120_000;

const SOURCES = {
  "bench/photo-24mp.jpg": "photo-24mp.jpg",
  "bench/photo-6mp-progressive.jpg": "photo-6mp-progressive.jpg",
  "bench/photo-6mp.png": "photo-6mp.png",
};
/** All different, so all cold: [source key, size, method, ext]. */
const BURST = [
  ["bench/photo-24mp.jpg", "300x300", "crop", ".jpg"],
  ["bench/photo-24mp.jpg", "600x", "scale", ".webp"],
  ["bench/photo-24mp.jpg", "800x800", "smart", ".jpg"],
  ["bench/photo-24mp.jpg", "1200x", "scale", ".jpg"],
  ["bench/photo-6mp-progressive.jpg", "400x400", "crop", ".jpg"],
  ["bench/photo-6mp-progressive.jpg", "1000x", "scale", ".webp"],
  ["bench/photo-6mp-progressive.jpg", "700x700", "smart", ".avif"],
  ["bench/photo-6mp-progressive.jpg", "1200x800", "crop", ".png"],
  ["bench/photo-6mp.png", "300x", "scale", ".jpg"],
  ["bench/photo-6mp.png", "500x500", "crop", ".webp"],
  ["bench/photo-6mp.png", "900x", "scale", ".jpg"],
  ["bench/photo-6mp.png", "1100x1100", "smart", ".jpg"],
];

/** Every workerd process under `pid` (wrangler starts the runtime as a descendant). */
export function workerdPids(pid) {
  const children = new Map();
  const names = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      names.set(Number(entry), name);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while listing
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift();
    for (const child of children.get(p) ?? []) {
      if (names.get(child)?.startsWith("workerd")) found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** VmRSS and VmHWM of a process, in bytes (0 once it has gone). */
function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

const rssOf = (pids) => pids.reduce((sum, pid) => sum + status(pid).rss, 0);

/** Fetches until a non-503, waiting Retry-After seconds between tries. */
async function served(url) {
  const start = performance.now();
  const statuses = [];
  for (;;) {
    const response = await fetch(url);
    const body = await response.arrayBuffer();
    statuses.push(response.status);
    if (response.status !== 503 || performance.now() - start > GIVE_UP_MS) {
      let error = "";
      if (response.status !== 200) {
        try {
          error = JSON.parse(new TextDecoder().decode(body)).error.code;
        } catch {
          error = "non-JSON body";
        }
      }
      return { statuses, error, ms: performance.now() - start };
    }
    const retryAfter = Number(response.headers.get("Retry-After") ?? 1);
    await new Promise((r) => setTimeout(r, (Number.isFinite(retryAfter) ? retryAfter : 1) * 1000));
  }
}

export async function burst(images, { throughput = true } = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), "thumbsmith-bench-burst-"));
  const extra = {};
  for (const [key, name] of Object.entries(SOURCES)) extra[key] = await image(images, name);
  seedLocal(persistTo, extra);
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = await startDev({ port, persistTo, stdio: "ignore", secret: LOCAL_SECRET });
  try {
    const secret = LOCAL_SECRET;
    const base = `http://127.0.0.1:${port}/`;
    const sign = (source, size, method, ext) => thumbnailUrl(source, size, method, ext, { secret, baseUrl: base });
    const warm = await fetch(await sign("animals/kitten.jpg", "100x100", "crop", ".jpg"));
    await warm.arrayBuffer();
    if (warm.status !== 200) throw new Error(`warm-up thumbnail: ${warm.status}`);
    const pids = workerdPids(child.pid);
    if (pids.length === 0) throw new Error("no workerd process found under wrangler dev");
    const mb = (bytes) => (bytes / MB).toFixed(1);
    // Twice: first on an isolate that has made one small JPEG (every codec the burst needs is then
    // compiled and instantiated on the way, once per isolate), then the same twelve at other sizes
    // (all cold again) on the isolate the first burst left.
    const rounds = [
      ["a fresh isolate", BURST],
      ["the same isolate again, other sizes", BURST.map(([source, size, method, ext]) => [source, size.replace(/\d+/g, (n) => String(Number(n) + 8)), method, ext])],
    ];
    for (const [label, list] of rounds) {
      await new Promise((r) => setTimeout(r, 1000));
      const baselines = pids.map((pid) => status(pid).rss);
      const baseline = baselines.reduce((a, b) => a + b, 0);
      const peaks = [...baselines];
      let peak = baseline;
      const sample = () => {
        const now = pids.map((pid) => status(pid).rss);
        now.forEach((rss, i) => (peaks[i] = Math.max(peaks[i], rss)));
        peak = Math.max(peak, now.reduce((a, b) => a + b, 0));
      };
      const sampler = setInterval(sample, 50);
      const urls = await Promise.all(list.map((c) => sign(...c)));
      const start = performance.now();
      const results = await Promise.all(urls.map(served));
      const seconds = (performance.now() - start) / 1000;
      await new Promise((r) => setTimeout(r, 250));
      clearInterval(sampler);
      sample();
      const hwm = pids.reduce((sum, pid) => sum + status(pid).hwm, 0);
      const after = rssOf(pids);
      const allServed = results.every((r) => r.statuses[r.statuses.length - 1] === 200);
      const growth = peak - baseline;
      console.log(
        [
          `\nwrangler dev, ${label}: ${list.length} different heavy thumbnails at once (${seconds.toFixed(1)} s), retrying on 503 after Retry-After:`,
          ...list.map(([source, size, method, ext], i) => {
            const r = results[i];
            return `  ${`${source.replace("bench/", "")} ${size}/${method} ${ext}`.padEnd(46)} ${r.statuses.join(" → ")}${r.error ? ` ${r.error}` : ""} (${(r.ms / 1000).toFixed(1)} s)`;
          }),
          `  all served: ${allServed ? "yes" : "no ✗"}`,
          `  workerd RSS (${pids.length} process${pids.length > 1 ? "es" : ""}, sampled every 50 ms): baseline ${mb(baseline)} MB, peak ${mb(peak)} MB, ` +
            `growth ${mb(growth)} MB (target ≤ ${mb(TARGET)} MB${growth <= TARGET ? "" : " ✗"}); after ${mb(after)} MB; VmHWM ${mb(hwm)} MB`,
          `  per process (wrangler runs its proxy and the Worker in separate workerd processes): ${pids.map((pid, i) => `${mb(baselines[i])} → ${mb(peaks[i])} MB`).join(", ")}`,
        ].join("\n"),
      );
    }
    if (throughput) await e2eThroughput(base, secret);
  } finally {
    child.kill("SIGTERM");
    rmSync(persistTo, { recursive: true, force: true });
  }
}
