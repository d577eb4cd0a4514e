// Makes the reference thumbnails the worker tests compare against, with sharp (native libvips).
// sharp cannot load in workerd, so references are made here and committed as lossless PNGs:
//   npm run references
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures");
const out = join(fixtures, "references");
mkdirSync(out, { recursive: true });

const cases = [
  ["kitten-100x100-crop", "kitten.jpg", (s) => s.resize(100, 100, { fit: "cover" })],
  ["kitten-200x-scale", "kitten.jpg", (s) => s.resize(200, null, { fit: "inside" })],
  ["landscape-120x90-scale", "Landscape_1.jpg", (s) => s.rotate().resize(120, 90, { fit: "inside" })],
  // 333 × 100/500 = 66.6: sharp floors to 66 here, we round to 67, so the size is given.
  ["cmyk-100x-scale", "Channel_digital_image_CMYK_color.jpg", (s) => s.resize(100, 67, { fit: "fill" })],
  ["bird-150x100-scale", "embedgravitybird.png", (s) => s.resize(150, 100, { fit: "inside" })],
  ["grey16-50x-scale", "16-bit-grey-alpha.png", (s) => s.resize(50, null)],
  ["grey16-50x-scale-flat", "16-bit-grey-alpha.png", (s) => s.resize(50, null).flatten({ background: "#ffffff" })],
  ["webp-200x-scale", "4.webp", (s) => s.resize(200, null)],
  ["avif-200x-scale", "pitm.avif", (s) => s.resize(200, null)],
  ["gif-200x-scale", "Crash_test.gif", (s) => s.resize(200, null)],
];

for (const [name, file, op] of cases) {
  await op(sharp(join(fixtures, file), { pages: 1 })).ensureAlpha().toColourspace("srgb").png().toFile(join(out, `${name}.png`));
  console.log(name);
}
