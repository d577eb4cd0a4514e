// `npm run bench -- png`: PNG output bytes against sharp's default PNG (`.png()`: libvips with zlib
// level 6 and no row filters, RGB or RGBA as the image has alpha) for the same thumbnail, on photos,
// graphics, alpha PNGs and a text screenshot, at 300x300/crop and 800x/scale. Columns: the colour
// type our encoder chose, our bytes, sharp's thumbnail's bytes and the ratio (the target: ≤ 1.2×),
// sharp encoding our very pixels (same pixels, the encoders alone), and the CPU ms of the whole
// thumbnail, ours and sharp's.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { image } from "./images.mjs";
import { benchConfig, thumbnailRequest } from "./load.mjs";
import { cpuMedian, expectedSize, viaSharp } from "./table.mjs";

export const PNG_TARGET = 1.2;

const SCREENSHOT = join(root, "test", "fixtures", "screenshot-text.png");

/** [source, kind]: a shared or generated image (images.mjs), or a path. */
export const PNG_SOURCES = [
  ["2569067123_aca715a2ee_o.jpg", "photo"],
  ["photo-12mp.jpg", "photo"],
  ["seed/animals/kitten.jpg", "photo"],
  ["gamma_dalai_lama_gray.jpg", "grey photo"],
  ["gradients-rgb8.png", "graphic"],
  ["Crash_test.gif", "graphic"],
  ["screenshot-3840x2160.png", "graphic"],
  [SCREENSHOT, "text screenshot"],
  ["embedgravitybird.png", "alpha"],
  ["blackbug.png", "alpha"],
  ["16-bit-grey-alpha.png", "alpha"],
  ["photo-2mp-alpha.png", "alpha"],
];
const REQUESTS = [
  ["300x300", "crop"],
  ["800x", "scale"],
];

const COLOUR_TYPES = { 0: "grey", 2: "RGB", 3: "palette", 4: "grey+alpha", 6: "RGBA" };

/** The colour type and bit depth in a PNG's IHDR. */
function layout(png) {
  return `${COLOUR_TYPES[png[25]] ?? png[25]} ${png[24]}-bit`;
}

const kb = (n) => (n / 1024).toFixed(1);

export async function runPng({ P, images, runs }) {
  const config = benchConfig(P);
  const lines = [
    `PNG output vs sharp ${sharp.versions.sharp}'s default \`.png()\` of the same thumbnail (target ≤ ${PNG_TARGET}×); CPU ms: the whole thumbnail, median of ${runs}.`,
    "",
    "| source | kind | request | ours: type | ours KB | sharp KB | ratio | sharp, our pixels KB | ours ms | sharp ms |",
    "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  let missed = 0;
  for (const [name, kind] of PNG_SOURCES) {
    const file = name.startsWith("/") ? name : await image(images, name);
    const bytes = new Uint8Array(readFileSync(file));
    const meta = await sharp(bytes).metadata();
    const swapped = (meta.orientation ?? 1) >= 5;
    for (const [size, method] of REQUESTS) {
      const want = expectedSize(swapped ? meta.height : meta.width, swapped ? meta.width : meta.height, size, method);
      const request = thumbnailRequest(P, config, size, method, ".png");
      const ours = (await P.thumbnail(request, config, bytes)).bytes;
      const got = await sharp(ours).metadata();
      if (got.width !== want.width || got.height !== want.height) throw new Error(`${name} ${size}/${method}: ${got.width}x${got.height}, expected ${want.width}x${want.height}`);
      const theirs = await viaSharp(bytes, size, method, ".png", want);
      const { data, info } = await sharp(ours).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const opaque = data.every((v, i) => (i & 3) !== 3 || v === 255);
      let same = sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } });
      if (opaque) same = same.removeAlpha();
      const samePixels = await same.png().toBuffer();
      const oursMs = await cpuMedian(() => P.thumbnail(request, config, bytes), runs);
      const sharpMs = await cpuMedian(() => viaSharp(bytes, size, method, ".png", want), runs);
      const ratio = ours.byteLength / theirs.byteLength;
      if (ratio > PNG_TARGET) missed++;
      lines.push(
        `| ${basename(file)} | ${kind} | \`${size}/${method}\` ${got.width}×${got.height} | ${layout(ours)} | ${kb(ours.byteLength)} | ${kb(theirs.byteLength)} | ` +
          `${ratio.toFixed(2)}×${ratio > PNG_TARGET ? " ✗" : ""} | ${kb(samePixels.byteLength)} | ${oursMs.toFixed(1)} | ${sharpMs.toFixed(1)} |`,
      );
      process.stderr.write(`  ${basename(file)} ${size}/${method}: ${kb(ours.byteLength)} KB vs ${kb(theirs.byteLength)} KB\n`);
    }
  }
  lines.push("", missed === 0 ? "All within the target." : `${missed} over the target (✗).`);
  return lines.join("\n");
}
