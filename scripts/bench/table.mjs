// `npm run bench -- table`: issue 11's table of ordinary requests plus the 300×300 cells, each
// against sharp making the same output (same size, method and format) at concurrency 1 in the same
// run. Per case: the status (200 or the error code), the output's dimensions decoded by sharp and
// checked against the URL grammar, peak memory in a fresh process (memory.mjs), CPU ms (median),
// the ratio to sharp, and PSNR against sharp's resize of the same source for `scale`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { image } from "./images.mjs";
import { benchConfig, thumbnailRequest } from "./load.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const MB = 2 ** 20;

/** The requests of issue 11's table, then issue 7's WebP ones: [source, size, method, ext]. */
export const ISSUE_CASES = [
  ["seed/animals/kitten.jpg", "2000x2000", "crop", ".jpg"],
  ["2569067123_aca715a2ee_o.jpg", "1400x", "scale", ".jpg"],
  ["2569067123_aca715a2ee_o.jpg", "2400x", "scale", ".webp"],
  ["photo-24mp.jpg", "4096x", "scale", ".jpg"],
  ["photo-24mp.jpg", "2400x1600", "crop", ".jpg"],
  ["photo-24mp.jpg", "1600x1600", "smart", ".avif"],
  ["photo-50mp.jpg", "2048x", "scale", ".jpg"],
  ["screenshot-3840x2160.png", "1920x", "scale", ".png"],
  ["photo-6mp.png", "1200x", "scale", ".jpg"],
  ["photo-12mp.gif", "800x", "scale", ".jpg"],
  ["photo-12mp.webp", "1200x900", "crop", ".webp"],
  ["photo-50mp.webp", "2048x", "scale", ".jpg"],
];
/** Issue 7's AVIF targets, and the 24 MP one to JPEG: dav1d's part without an encoder instance after it. */
export const AVIF_CASES = [
  ["photo-12mp-portrait.avif", "600x", "scale", ".jpg"],
  ["photo-24mp.avif", "1200x", "scale", ".avif"],
  ["photo-24mp.avif", "1200x", "scale", ".jpg"],
];
const PHOTOS = ["2569067123_aca715a2ee_o.jpg", "photo-6mp-progressive.jpg", "photo-12mp.jpg", "photo-24mp.jpg"];
export const SMALL_CASES = PHOTOS.flatMap((p) => ["crop", "scale", "smart"].map((m) => [p, "300x300", m, ".jpg"]));

export const TARGETS = { peakBytes: 64 * MB, smallPeakBytes: 16 * MB, ratio: 1.5 };

const parseSize = (text) => text.split("x").map((s) => (s ? Number(s) : 0));

/**
 * The thumbnail's size from the README's URL grammar, worked out here rather than taken from the
 * pipeline so that the check can fail: crop and smart fill a WxH box exactly (enlarging if needed);
 * otherwise the given side is hit exactly and the other follows the aspect ratio, and scale never
 * enlarges (UPSCALE is off by default).
 */
export function expectedSize(sourceWidth, sourceHeight, size, method) {
  const [bw, bh] = parseSize(size);
  if (method !== "scale" && bw > 0 && bh > 0) return { width: bw, height: bh };
  const sx = bw > 0 ? bw / sourceWidth : Infinity;
  const sy = bh > 0 ? bh / sourceHeight : Infinity;
  let s = Math.min(sx, sy);
  if (method === "scale") s = Math.min(s, 1);
  return {
    width: s === sx ? bw : Math.max(1, Math.round(sourceWidth * s)),
    height: s === sy ? bh : Math.max(1, Math.round(sourceHeight * s)),
  };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median CPU ms of `runs` calls after one warm-up; fewer runs (at least 3) for calls over a second. */
export async function cpuMedian(fn, runs) {
  const first = cpuMs();
  await fn();
  const n = cpuMs() - first > 1000 ? Math.min(runs, 3) : runs;
  const times = [];
  for (let i = 0; i < n; i++) {
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

/** sharp making the same output: same size, method and format, encoder settings matching ours. */
export function viaSharp(bytes, size, method, ext, want) {
  const [bw, bh] = parseSize(size);
  const box = method !== "scale" && bw > 0 && bh > 0;
  const options = box
    ? { fit: "cover", position: method === "smart" ? sharp.strategy.entropy : "centre" }
    : { fit: "fill" };
  let s = sharp(bytes).rotate().resize(want.width, want.height, options);
  if (ext === ".jpg") s = s.flatten({ background: "#ffffff" }).jpeg({ quality: 80 });
  // The service's settings: WebP method 2 (sharp's effort), AVIF speed 8 (sharp's effort 1 = aom speed 8).
  if (ext === ".webp") s = s.webp({ quality: 80, effort: 2 });
  if (ext === ".avif") s = s.avif({ quality: 60, effort: 1 });
  if (ext === ".png") s = s.png();
  return s.toBuffer();
}

/** memory.mjs's answer; a process that dies (a trap, out of memory) is a row, not the end of the bench. */
function peakInFreshProcess(file, size, method, ext) {
  const child = spawnSync(process.execPath, ["--expose-gc", join(here, "memory.mjs"), file, size, method, ext], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status === 0) return JSON.parse(child.stdout.trim().split("\n").pop());
  const why = child.signal ?? `exit ${child.status}: ${child.stderr.trim().split("\n").pop()}`;
  return { peak: NaN, status: "died", code: why, memories: [] };
}

const mb = (bytes) => (bytes / MB).toFixed(1);

export async function runTable({ P, images, runs, cases }) {
  const config = benchConfig(P);
  const rows = [];
  for (const [name, size, method, ext] of cases) {
    const file = await image(images, name);
    const bytes = new Uint8Array(readFileSync(file));
    const meta = await sharp(bytes).metadata();
    const swapped = (meta.orientation ?? 1) >= 5;
    const want = expectedSize(swapped ? meta.height : meta.width, swapped ? meta.width : meta.height, size, method);
    const request = thumbnailRequest(P, config, size, method, ext);
    const ours = () => P.thumbnail(request, config, bytes);
    const row = { source: basename(file), mp: (meta.width * meta.height) / 1e6, size, method, ext, want, small: size === "300x300" };
    rows.push(row);
    const memory = peakInFreshProcess(file, size, method, ext);
    row.peak = memory.peak;
    row.memories = memory.memories.map((m) => `${m.label} ${mb(m.bytes)}`).join(", ");
    try {
      const thumbnail = await ours();
      const got = await sharp(thumbnail.bytes).metadata();
      row.status = 200;
      row.got = { width: got.width, height: got.height, format: got.format };
    } catch (e) {
      row.status = e.status ?? 500;
      row.error = `${e.code ?? e.name}: ${e.message}`;
    }
    if (memory.status !== row.status) row.note = `fresh process: ${memory.status} ${memory.code ?? ""}`;
    row.sharpMs = await cpuMedian(() => viaSharp(bytes, size, method, ext, want), runs);
    if (row.status === 200) {
      try {
        row.oursMs = await cpuMedian(ours, runs);
        if (method === "scale") {
          const out = await ours();
          const mine = await sharp(out.bytes).ensureAlpha().raw().toBuffer();
          const ref = await sharp(bytes).rotate().resize(want.width, want.height, { fit: "fill" }).ensureAlpha().raw().toBuffer();
          if (mine.length === ref.length) row.psnr = psnr(mine, ref);
        }
      } catch (e) {
        // The same request failing when repeated in one process (pooled instances) is a finding too.
        row.status = e.status ?? 500;
        row.error = `${e.code ?? e.name} on a repeat (the first call gave 200): ${e.message}`;
        delete row.oursMs;
      }
    }
    process.stderr.write(`  ${row.source} ${size}/${method}${ext}: ${row.status} ${row.oursMs?.toFixed(0) ?? "-"} ms (sharp ${row.sharpMs.toFixed(0)}), peak ${mb(row.peak)} MB (wasm: ${row.memories})\n`);
  }
  return rows;
}

const FORMATS = { ".jpg": "jpeg", ".png": "png", ".webp": "webp", ".avif": "heif" };

/** One markdown table; a ✗ marks every missed target. */
export function formatTable(rows, runs) {
  const lines = [
    `CPU ms per thumbnail: median of ${runs} after a warm-up (3 when a call takes over 1 s); sharp ${sharp.versions.sharp} at concurrency 1.`,
    `Peak: every WebAssembly memory + live ArrayBuffers, one fresh process per case. Targets: 200 with exact dimensions, peak ≤ ${mb(TARGETS.peakBytes)} MB (300x300 cells ≤ ${mb(TARGETS.smallPeakBytes)} MB), ≤ ${TARGETS.ratio}× sharp.`,
    "",
    "| source | request | status | output | peak MB | sharp ms | ours ms | ratio | PSNR |",
    "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  let missed = 0;
  const mark = (ok) => {
    if (!ok) missed++;
    return ok ? "" : " ✗";
  };
  for (const r of rows) {
    const limit = r.small ? TARGETS.smallPeakBytes : TARGETS.peakBytes;
    let status;
    let output;
    if (r.status === 200) {
      const exact = r.got.width === r.want.width && r.got.height === r.want.height && r.got.format === FORMATS[r.ext];
      status = "200";
      output = `${r.got.width}×${r.got.height} ${r.got.format}${exact ? "" : ` ✗ expected ${r.want.width}×${r.want.height}`}`;
      if (!exact) missed++;
    } else {
      status = `${r.status}${mark(false)}`;
      output = r.error.replace(/\|/g, "\\|");
    }
    if (r.note) output += ` (${r.note})`;
    const ratio = r.oursMs === undefined ? "" : `${(r.oursMs / r.sharpMs).toFixed(2)}×${mark(r.oursMs / r.sharpMs <= TARGETS.ratio)}`;
    const psnrText = r.psnr === undefined ? "" : `${r.psnr.toFixed(1)} dB`;
    lines.push(
      `| ${r.source} (${r.mp.toFixed(1)} MP) | \`${r.size}/${r.method} ${r.ext}\` | ${status} | ${output} | ${mb(r.peak)}${mark(r.peak <= limit)} | ` +
        `${r.sharpMs.toFixed(1)} | ${r.oursMs?.toFixed(1) ?? ""} | ${ratio} | ${psnrText} |`,
    );
  }
  lines.push("", `${missed === 0 ? "All targets met." : `${missed} target(s) missed (✗).`}`);
  return lines.join("\n");
}
