// What colour management costs on the bench's 300² cells: a 12 MP JPEG → 300x300/crop .jpg, as the
// Worker makes it (scripts/bench/entry.ts `thumbnail`), untagged and with profiles assigned (the same
// pixels, so the decoder's work is identical and the difference is the colour stage), sharp making
// the same thumbnail of the same file in the same run for the ratio. CPU milliseconds (process
// .cpuUsage), median of --runs (default 15) after one warm-up run, which also pays for lcms once
// (the profile's grid is then cached, as in an isolate): that first run is reported on its own.
// The cases take turns within each run, so that the shared machine's load falls on all alike.
// Also the mean CIEDE2000 of each thumbnail against sharp's (PNG output, so not two JPEG encoders).
//   node scripts/bench/colour.mjs [--runs N] [--images DIR]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { defaultImagesDir } from "./images.mjs";
import { benchConfig, loadPipeline, thumbnailRequest } from "./load.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg("--runs", 15));
const images = arg("--images", defaultImagesDir());

sharp.concurrency(1);
sharp.cache(false);
const P = await loadPipeline();
const config = benchConfig(P);

/** The JPEG with an APP2 ICC_PROFILE segment after SOI: the profile assigned, the pixels unchanged. */
function assign(jpeg, profile) {
  const body = Buffer.concat([Buffer.from("ICC_PROFILE\0", "latin1"), Buffer.from([1, 1]), profile]);
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe2, (body.length + 2) >> 8, (body.length + 2) & 255]);
  return new Uint8Array(Buffer.concat([head, body, jpeg.subarray(2)]));
}

const profileOf = async (image) => (await sharp(image).metadata()).icc;
const tiny = sharp({ create: { width: 8, height: 8, channels: 3, background: "#808080" } });
const p3 = await profileOf(await tiny.clone().withIccProfile("p3").jpeg().toBuffer());
const srgb = await profileOf(await tiny.clone().withIccProfile("srgb").jpeg().toBuffer());
const adobe = readFileSync(join(root, "test", "fixtures", "icc", "AdobeRGB1998.icc"));

const photo = readFileSync(join(images, "photo-12mp.jpg"));
const cases = [
  ["photo-12mp.jpg, no profile", new Uint8Array(photo)],
  ["sRGB v4 (sharp's) assigned", assign(photo, srgb)],
  ["Display P3 assigned", assign(photo, p3)],
  ["Adobe RGB (1998) assigned", assign(photo, adobe)],
  ["CMYK with sharp's profile (960 KB)", new Uint8Array(await sharp(photo).withIccProfile("cmyk").jpeg({ quality: 90 }).toBuffer())],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
async function cpu(f) {
  const start = process.cpuUsage();
  await f();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** The mean CIEDE2000 of two images' RGB (test/node/ciede2000.ts, bundled on the fly). */
const { meanDeltaE } = await (async () => {
  const { build } = await import("esbuild");
  const out = await build({ entryPoints: [join(root, "test", "node", "ciede2000.ts")], bundle: true, format: "esm", write: false, platform: "node" });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
})();
const rgb = async (image) => new Uint8Array(await sharp(image).removeAlpha().toColourspace("srgb").raw().toBuffer());

const jpegRequest = thumbnailRequest(P, config, "300x300", "crop", ".jpg");
const pngRequest = thumbnailRequest(P, config, "300x300", "crop", ".png");
const sharpThumb = (source) => sharp(source).resize(300, 300).jpeg({ quality: 80 }).toBuffer();

// The first run of each: lcms samples the profile's grid (then cached, as in an isolate).
const first = [];
for (const [, source] of cases) {
  first.push(await cpu(() => P.thumbnail(jpegRequest, config, source)));
  await sharpThumb(source);
}
// Then the cases take turns, run after run, so the machine's load falls on all of them alike.
const ours = cases.map(() => []);
const theirs = cases.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [k, [, source]] of cases.entries()) {
    ours[k].push(await cpu(() => P.thumbnail(jpegRequest, config, source)));
    theirs[k].push(await cpu(() => sharpThumb(source)));
  }
}

console.log(`12 MP JPEG → 300x300/crop .jpg: median CPU ms of ${runs} runs (the cases in turn) after a first run; sharp (concurrency 1) in the same run`);
console.log("source".padEnd(38), "first ms".padStart(9), "ours ms".padStart(8), "sharp ms".padStart(9), "ratio".padStart(6), "vs untagged".padStart(12), "ΔE00 vs sharp".padStart(14));
const base = median(ours[0]);
for (const [k, [label, source]] of cases.entries()) {
  const mine = median(ours[k]);
  const ref = median(theirs[k]);
  const png = await P.thumbnail(pngRequest, config, source);
  const deltaE = meanDeltaE(await rgb(png.bytes), await rgb(await sharp(source).resize(300, 300).png().toBuffer()), 3);
  console.log(
    label.padEnd(38),
    first[k].toFixed(1).padStart(9),
    mine.toFixed(1).padStart(8),
    ref.toFixed(1).padStart(9),
    `${(mine / ref).toFixed(2)}×`.padStart(6),
    `${(((mine - base) / base) * 100).toFixed(1)}%`.padStart(12),
    deltaE.toFixed(2).padStart(14),
  );
}

// The colour stage alone: a 300×300 frame through it, against the same frame straight into a frame.
const c = await P.core();
const grid = await P.colourGrid(new Uint8Array(p3), 3);
const pixels = await sharp(photo).resize(300, 300).ensureAlpha().raw().toBuffer();
const frame = c.fromRgba(pixels, 300, 300);
const pass = (stages) => cpu(() => {
  const result = P.runRows(c, { kind: "frame", frame }, stages, { kind: "frame", orientation: 1 });
  if (result.kind === "frame") result.frame.free();
});
const plain = [];
const converted = [];
for (let i = 0; i < runs * 3; i++) {
  plain.push(await pass([]));
  converted.push(await pass([{ kind: "colour", grid }]));
}
frame.free();
console.log(`the colour stage alone (Display P3) on 300×300 pixels: ${(median(converted) - median(plain)).toFixed(2)} ms (median of ${runs * 3})`);
