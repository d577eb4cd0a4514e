// Runs public decoder test suites through the service's own pipeline and compares with sharp:
//   npm run conformance [-- DIR...]        (default: the suites in Debian's source packages, /work/debsrc)
//
// Every file is thumbnailed to 200 px wide (`200x/scale`, PNG out, so nothing is lost on our side)
// exactly as the Worker does it (scripts/bench/entry.ts: probe, cost, a reserved core, decode,
// resize), and by sharp to the same size. The reference is libvips as sharp ships it: libjpeg-turbo
// for JPEG, libspng/libpng for PNG, and for GIF libnsgif (libvips does not use giflib). A file counts
// as decoded by the reference when sharp reads it with `failOn: "error"`: libjpeg's warnings (junk
// between segments) pass, a decoder error or a file cut short does not. Both images are composited
// onto mid grey before the PSNR, so that the colour under a transparent pixel does not count, and
// neither does libvips painting the canvas outside a GIF's first frame opaque black where we leave
// it transparent.
//
// Prints, per suite and in all: files, decoded by the reference, decoded by us, PSNR ≥ 30 dB, and
// every file refused by us that the reference decodes (or decoded at under 30 dB), with the reason.
import { readdirSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import sharp from "sharp";
import { benchConfig, loadPipeline, readBytes, thumbnailRequest } from "./bench/load.mjs";

const DEBSRC = "/work/debsrc";
const SUITES = [
  ["libjpeg-turbo testimages", join(DEBSRC, "libjpeg-turbo-2.1.5", "testimages")],
  ["PngSuite", join(DEBSRC, "libpng-1.6.39", "contrib", "pngsuite")],
  ["libpng testpngs", join(DEBSRC, "libpng-1.6.39", "contrib", "testpngs")],
  ["giflib pic + tests", join(DEBSRC, "giflib-5.2.1", "pic")],
  ["giflib pic + tests", join(DEBSRC, "giflib-5.2.1", "tests")],
  ["giflib doc", join(DEBSRC, "giflib-5.2.1", "doc")],
];
const IMAGE = new Set([".jpg", ".jpeg", ".png", ".gif"]);
const WIDTH = 200;
const MIN_DB = 30;

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (IMAGE.has(extname(name).toLowerCase())) out.push(path);
  }
  return out;
}

/** RGB composited onto grey 128, as doubles. */
async function flat(input, width, height) {
  const { data, info } = await sharp(input, { failOn: "none" })
    .toColourspace("srgb")
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height) throw new Error(`${info.width}x${info.height}, expected ${width}x${height}`);
  const out = new Float64Array(width * height * 3);
  for (let i = 0, o = 0; i < data.length; i += 4, o += 3) {
    const a = data[i + 3] / 255;
    for (let c = 0; c < 3; c++) out[o + c] = data[i + c] * a + 128 * (1 - a);
  }
  return out;
}

function psnr(a, b) {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  return se === 0 ? 99 : 10 * Math.log10((255 * 255) / (se / a.length));
}

async function reference(path, width, height) {
  const resized = await sharp(path, { failOn: "none", pages: 1 })
    .resize(width, height, { fit: "fill" })
    .toColourspace("srgb")
    .png()
    .toBuffer();
  return flat(resized, width, height);
}

async function main() {
  const dirs = process.argv.slice(2);
  const suites = dirs.length ? dirs.map((d) => [relative(process.cwd(), d) || d, d]) : SUITES;
  const P = await loadPipeline();
  const config = benchConfig(P);
  const request = thumbnailRequest(P, config, `${WIDTH}x`, "scale", ".png");
  const totals = new Map();
  const problems = [];
  const scores = [];
  for (const [suite, dir] of suites) {
    const t = totals.get(suite) ?? { files: 0, reference: 0, ours: 0, good: 0 };
    totals.set(suite, t);
    for (const path of files(dir)) {
      t.files++;
      const name = relative(DEBSRC, path).startsWith("..") ? path : relative(DEBSRC, path);
      let refOk = true;
      try {
        await sharp(path, { failOn: "error", pages: 1 }).raw().toBuffer();
      } catch {
        refOk = false;
      }
      if (refOk) t.reference++;
      let thumb;
      let refusal;
      try {
        thumb = await P.thumbnail(request, config, readBytes(path));
      } catch (e) {
        refusal = e?.name === "ThumbnailError" ? `${e.code} ${e.status} (${e.message})` : `CRASH ${e?.stack ?? e}`;
      }
      if (!thumb) {
        if (refOk || refusal.startsWith("CRASH")) problems.push(`${name}: refused by us${refOk ? " while the reference decodes it" : ""}: ${refusal}`);
        continue;
      }
      t.ours++;
      if (!refOk) {
        problems.push(`${name}: decoded by us (${thumb.width}x${thumb.height}), refused by the reference`);
        continue;
      }
      const db = psnr(await flat(thumb.bytes, thumb.width, thumb.height), await reference(path, thumb.width, thumb.height));
      scores.push(db);
      if (db >= MIN_DB) t.good++;
      else problems.push(`${name}: ${db.toFixed(1)} dB (${thumb.width}x${thumb.height})`);
    }
  }
  const all = { files: 0, reference: 0, ours: 0, good: 0 };
  const row = (label, t) =>
    console.log(`${label.padEnd(28)} ${String(t.files).padStart(5)} ${String(t.reference).padStart(9)} ${String(t.ours).padStart(7)} ${String(t.good).padStart(9)}`);
  console.log(`${"suite".padEnd(28)} files reference decoded ≥${MIN_DB} dB`);
  for (const [suite, t] of totals) {
    row(suite, t);
    for (const k of Object.keys(all)) all[k] += t[k];
  }
  row("all", all);
  scores.sort((a, b) => a - b);
  if (scores.length) console.log(`PSNR vs sharp: median ${scores[scores.length >> 1].toFixed(1)} dB, lowest ${scores[0].toFixed(1)} dB`);
  console.log(problems.length ? `\n${problems.join("\n")}` : "\nno file the reference decodes is refused, none under the threshold");
}

await main();
process.exit(0);
