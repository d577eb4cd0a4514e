// Peak memory per case, each in a fresh Node process (see memory.mjs), plus 100 consecutive thumbnails.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const here = dirname(fileURLToPath(import.meta.url));
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);

function run(file, size, method, repeat = 1) {
  const out = execFileSync(process.execPath, ["--expose-gc", join(here, "memory.mjs"), file, size, method, String(repeat)], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop());
}

export async function memoryCases(images, photos) {
  const scratch = mkdtempSync(join(tmpdir(), "thumbsmith-mem-"));
  try {
    // A 50 MP JPEG (the default MAX_SOURCE_PIXELS) and the largest PNG the decode budget admits.
    const big = join(scratch, "50mp.jpg");
    await sharp(join(images, "photo-24mp.jpg")).resize(8660, 5774).jpeg({ quality: 85 }).toFile(big);
    const png = join(scratch, "6mp.png");
    await sharp(join(images, "photo-24mp.jpg")).resize(3000, 2000).png().toFile(png);
    const pngOver = join(scratch, "9mp.png");
    await sharp(join(images, "photo-24mp.jpg")).resize(3600, 2400).png().toFile(pngOver);
    const webp = join(scratch, "3.6mp.webp");
    await sharp(join(images, "photo-24mp.jpg")).resize(1900, 1900).webp().toFile(webp);
    const cases = [
      ...photos.map((p) => [join(images, p), "300x300", "crop"]),
      [join(images, "photo-24mp.jpg"), "1200x1200", "scale"],
      [big, "300x300", "crop"],
      [png, "300x300", "crop"],
      [pngOver, "300x300", "crop"],
      [webp, "300x300", "crop"],
      [join(images, "photo-24mp.jpg"), "2400x", "scale"],
    ];
    console.log(`\npeak memory per thumbnail, fresh process each (all wasm memories + live JS ArrayBuffers, after GC at every step):`);
    for (const [file, size, method] of cases) {
      const r = run(file, size, method);
      const name = file.split("/").pop();
      console.log(
        `  ${name.padEnd(30)} ${size.padEnd(10)} ${method.padEnd(6)} ` +
          (r.error ? `refused: ${r.error}` : `peak ${mb(r.peak)} MB (before: ${mb(r.baseline)} MB), image core ${mb(r.core)} MB, ${r.memories} wasm memories`),
      );
    }
    const r = run(join(images, "photo-24mp.jpg"), "300x300", "crop", 100);
    const at = (i) => mb(r.after[i]);
    console.log(`  100 consecutive 24 MP → 300x300 crops: live ${at(0)} MB after the 1st, ${at(24)} / ${at(49)} / ${at(74)} / ${at(99)} MB after the 25th/50th/75th/100th; peak ${mb(r.peak)} MB`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
