// The benchmark's source images: the photos in ../shared/images, plus the ones it needs that are not
// there (a 50 MP JPEG, a 3840×2160 screenshot-like PNG, a 6 MP PNG, GIFs, WebP, AVIF), made once
// with sharp into .bench-cache/ (gitignored). Every generated image is a pure function of the shared
// photos and this file, so two machines benchmark the same pixels.
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { root } from "../local.mjs";
import { prng } from "../prng.mjs";

export const cacheDir = join(root, ".bench-cache");

/** `../shared/images` of the main checkout, found from a worktree too. */
export function defaultImagesDir() {
  const candidates = [join(root, "..", "shared", "images"), join(root, "..", "..", "shared", "images")];
  return candidates.find((dir) => existsSync(join(dir, "photo-24mp.jpg"))) ?? candidates[0];
}

/**
 * A 3840×2160 desktop screenshot stand-in: flat background and window chrome, solid panels, and
 * rows of short dark bars of word-like widths as text, and a photo in one window. Drawn with
 * rectangles only (no fonts), so it renders the same on every machine.
 */
function screenshotSvg(width, height) {
  const random = prng(3840);
  const parts = [`<rect width="${width}" height="${height}" fill="#2b2f3a"/>`];
  const windows = [
    [80, 60, 2300, 1980, "#ffffff"],
    [2460, 60, 1300, 960, "#f4f6f8"],
    [2460, 1080, 1300, 960, "#1e1e1e"],
  ];
  for (const [x, y, w, h, bg] of windows) {
    const dark = bg === "#1e1e1e";
    parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${bg}"/>`);
    parts.push(`<rect x="${x}" y="${y}" width="${w}" height="56" fill="${dark ? "#333842" : "#dde1e6"}"/>`);
    for (let i = 0; i < 3; i++) parts.push(`<circle cx="${x + 32 + i * 36}" cy="${y + 28}" r="11" fill="${["#ff5f57", "#febc2e", "#28c840"][i]}"/>`);
    const colours = dark ? ["#d4d4d4", "#569cd6", "#ce9178", "#6a9955"] : ["#1f2328", "#1f2328", "#0969da", "#59636e"];
    for (let line = y + 100; line < y + h - 40; line += 34) {
      let cx = x + 40 + (dark ? Math.floor(random() * 4) * 40 : 0);
      if (random() < 0.12) continue;
      const end = x + w - 40 - random() * w * 0.4;
      while (cx < end) {
        const word = 14 + Math.floor(random() * 110);
        const colour = colours[Math.floor(random() * colours.length)];
        parts.push(`<rect x="${cx}" y="${line}" width="${Math.min(word, end - cx)}" height="18" fill="${colour}"/>`);
        cx += word + 12;
      }
    }
  }
  parts.push(`<rect x="0" y="${height - 60}" width="${width}" height="60" fill="#15171c"/>`);
  for (let i = 0; i < 14; i++) parts.push(`<rect x="${40 + i * 72}" y="${height - 50}" width="40" height="40" rx="8" fill="hsl(${i * 25},55%,55%)"/>`);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join("")}</svg>`);
}

/** name → how to make it from the shared images. */
const GENERATED = {
  // Just under the default MAX_SOURCE_PIXELS (50,000,000).
  "photo-50mp.jpg": (images) => sharp(join(images, "photo-24mp.jpg")).resize(8660, 5773).jpeg({ quality: 85 }),
  "screenshot-3840x2160.png": async (images) =>
    sharp(screenshotSvg(3840, 2160))
      .composite([{ input: await sharp(join(images, "2569067123_aca715a2ee_o.jpg")).resize(1200, 800).toBuffer(), left: 2510, top: 140 }])
      .removeAlpha()
      .png(),
  "photo-6mp.png": (images) => sharp(join(images, "2569067123_aca715a2ee_o.jpg")).png(),
  "photo-12mp.gif": (images) => sharp(join(images, "photo-12mp.jpg")).gif(),
  "photo-12mp.webp": (images) => sharp(join(images, "photo-12mp.jpg")).webp({ quality: 80 }),
  "photo-50mp.webp": (images) => sharp(join(images, "photo-24mp.jpg")).resize(8660, 5773).webp({ quality: 80 }),
  "photo-3mp.webp": (images) => sharp(join(images, "2569067123_aca715a2ee_o.jpg")).resize(2000).webp({ quality: 85 }),
  "photo-2mp.avif": (images) => sharp(join(images, "photo-12mp.jpg")).resize(1600).avif({ quality: 60, effort: 2 }),
  "photo-2mp-alpha.png": (images) =>
    sharp(join(images, "photo-12mp.jpg"))
      .resize(1600, 1200)
      .composite([{ input: Buffer.from(`<svg width="1600" height="1200"><circle cx="800" cy="600" r="560"/></svg>`), blend: "dest-in" }])
      .png(),
  // Issue 7's AVIF targets: a portrait phone photo (3024×4032) and a 24 MP camera photo, both
  // 8-bit 4:2:0 as phones and libavif write them by default.
  "photo-12mp-portrait.avif": (images) =>
    sharp(join(images, "photo-12mp.jpg")).rotate(90).resize(3024, 4032, { fit: "fill" }).avif({ quality: 60, chromaSubsampling: "4:2:0", effort: 2 }),
  "photo-24mp.avif": (images) => sharp(join(images, "photo-24mp.jpg")).avif({ quality: 60, chromaSubsampling: "4:2:0", effort: 2 }),
  "photo-1mp.gif": (images) => sharp(join(images, "2569067123_aca715a2ee_o.jpg")).resize(1200).gif(),
};

// Tiny sources, one per input format: they load every codec once without growing any memory.
for (const [ext, encode] of [
  ["jpg", (s) => s.jpeg()],
  ["png", (s) => s.png()],
  ["gif", (s) => s.gif()],
  ["webp", (s) => s.webp()],
  ["avif", (s) => s.avif({ effort: 2 })],
]) {
  GENERATED[`tiny.${ext}`] = (images) => encode(sharp(join(images, "seed", "animals", "kitten.jpg")).resize(64));
}

/** Path of a benchmark image: a shared one by name, or a generated one (made on first use). */
export async function image(images, name) {
  if (!(name in GENERATED)) return join(images, name);
  const path = join(cacheDir, name);
  if (!existsSync(path)) {
    mkdirSync(cacheDir, { recursive: true });
    process.stderr.write(`bench: generating ${path}\n`);
    const partial = `${path}.partial`;
    await (await GENERATED[name](images)).toFile(partial);
    renameSync(partial, path);
  }
  return path;
}
