// Tests of the core's Lanczos3 resize stage (wasm/assembly/pipe/resize.ts), run through the pipeline
// API (pipeResize → pipeToFrame → pipeRunFrame). The stage works in fixed point (i16 weights, i16
// intermediate rows); `lanczos` below is the float algorithm it replaced, written out in f64, and is
// the reference for "no visible loss": ≥ 50 dB on photos, ≥ 45 dB on synthetic hard cases. sharp's
// Lanczos3 (libvips) of the same RGBA is the outside reference (≥ 40 dB on photos; libvips extends
// edges where this filter renormalises, so synthetic cases are compared to the float reference only).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { at, coreExports, putBytes, type CoreMemory, type RgbaImage } from "./wasm-core";

interface Core extends CoreMemory {
  pipeNew(): number;
  pipeResize(id: number, srcW: number, srcH: number, dstW: number, dstH: number, x: number, y: number, w: number, h: number, premultiply: number): void;
  pipeToFrame(id: number, orientation: number): void;
  pipeRunFrame(id: number, ptr: number, width: number, height: number): number;
  pipeOutput(id: number): number;
  pipeWidth(id: number): number;
  pipeHeight(id: number): number;
  pipeFree(id: number): void;
}

let core: Core;

beforeAll(async () => {
  core = await coreExports<Core>();
});

interface Options {
  window?: { x: number; y: number; width: number; height: number };
  premultiply?: boolean;
}

/** The core's resize of `src` to dstW × dstH (or the window of it), checked for exact dimensions. */
function coreResize(src: RgbaImage, dstW: number, dstH: number, opts: Options = {}): RgbaImage {
  const win = opts.window ?? { x: 0, y: 0, width: dstW, height: dstH };
  const ptr = putBytes(core, src.data);
  const id = core.pipeNew();
  try {
    core.pipeResize(id, src.width, src.height, dstW, dstH, win.x, win.y, win.width, win.height, opts.premultiply ? 1 : 0);
    core.pipeToFrame(id, 1);
    expect(core.pipeRunFrame(id, ptr, src.width, src.height)).toBe(0);
    expect([core.pipeWidth(id), core.pipeHeight(id)]).toEqual([win.width, win.height]);
    const out = core.pipeOutput(id);
    const data = new Uint8Array(core.memory.buffer, out, win.width * win.height * 4).slice();
    core.free(out);
    return { width: win.width, height: win.height, data };
  } finally {
    core.pipeFree(id);
    core.free(ptr);
  }
}

function nth<T>(a: readonly T[], i: number): T {
  const v = a[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range (length ${a.length})`);
  return v;
}

const LOBES = 3;

function lanczosKernel(x: number): number {
  if (x <= -LOBES || x >= LOBES) return 0;
  if (x === 0) return 1;
  const px = Math.PI * x;
  return ((Math.sin(px) / px) * Math.sin(px / LOBES)) / (px / LOBES);
}

/** Per output sample: first source index and normalised weights (the stage's own support rules). */
function filterTaps(srcLen: number, dstLen: number): { start: number; weights: number[] }[] {
  const scale = srcLen / dstLen;
  const stretch = Math.max(1, scale);
  const support = LOBES * stretch;
  const taps = Math.ceil(LOBES * stretch * 2) + 1;
  const out: { start: number; weights: number[] }[] = [];
  for (let i = 0; i < dstLen; i++) {
    const center = (i + 0.5) * scale - 0.5;
    let start = Math.max(0, Math.floor(center - support) + 1);
    let end = Math.min(srcLen - 1, Math.floor(center + support));
    if (start > end) start = end;
    if (end - start + 1 > taps) end = start + taps - 1;
    const raw: number[] = [];
    for (let j = start; j <= end; j++) raw.push(lanczosKernel((j - center) / stretch));
    const sum = raw.reduce((a, b) => a + b, 0) || 1;
    out.push({ start, weights: raw.map((w) => w / sum) });
  }
  return out;
}

/** The float Lanczos3 the stage replaced: separable, premultiplied in float, rounded at the end. */
function lanczos(src: RgbaImage, dstW: number, dstH: number, premultiply = false): RgbaImage {
  const xs = filterTaps(src.width, dstW);
  const ys = filterTaps(src.height, dstH);
  const wide = new Float64Array(src.data.length);
  for (let i = 0; i < src.data.length; i += 4) {
    const a = at(src.data, i + 3);
    const f = premultiply ? a / 255 : 1;
    for (let c = 0; c < 3; c++) wide[i + c] = at(src.data, i + c) * f;
    wide[i + 3] = a;
  }
  const rows = new Float64Array(src.height * dstW * 4);
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < dstW; x++) {
      const { start, weights } = nth(xs, x);
      for (let c = 0; c < 4; c++) {
        let s = 0;
        for (let k = 0; k < weights.length; k++) s += at(weights, k) * at(wide, (y * src.width + start + k) * 4 + c);
        rows[(y * dstW + x) * 4 + c] = s;
      }
    }
  }
  const data = new Uint8Array(dstW * dstH * 4);
  const px = new Float64Array(4);
  for (let y = 0; y < dstH; y++) {
    const { start, weights } = nth(ys, y);
    for (let x = 0; x < dstW; x++) {
      px.fill(0);
      for (let k = 0; k < weights.length; k++) {
        for (let c = 0; c < 4; c++) px[c] = at(px, c) + at(weights, k) * at(rows, ((start + k) * dstW + x) * 4 + c);
      }
      const a = at(px, 3);
      const inv = premultiply ? (a >= 0.5 ? 255 / a : 0) : 1;
      for (let c = 0; c < 4; c++) {
        const v = c < 3 ? at(px, c) * inv : a;
        data[(y * dstW + x) * 4 + c] = Math.floor(Math.min(255, Math.max(0, v)) + 0.5);
      }
    }
  }
  return { width: dstW, height: dstH, data };
}

function psnr(a: RgbaImage, b: RgbaImage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = at(a.data, i) - at(b.data, i);
    sum += d * d;
  }
  const mse = sum / a.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** Largest difference of any channel: an overflow or a wrapped value shows as a jump near 255. */
function maxDiff(a: RgbaImage, b: RgbaImage): number {
  let max = 0;
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(at(a.data, i) - at(b.data, i)));
  return max;
}

/** The window (x, y, w, h) of an image. */
function crop(img: RgbaImage, x: number, y: number, width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let r = 0; r < height; r++) {
    data.set(img.data.subarray(((y + r) * img.width + x) * 4, ((y + r) * img.width + x + width) * 4), r * width * 4);
  }
  return { width, height, data };
}

async function sharpResize(src: RgbaImage, dstW: number, dstH: number): Promise<RgbaImage> {
  const { data, info } = await sharp(src.data, { raw: { width: src.width, height: src.height, channels: 4 } })
    .resize(dstW, dstH, { kernel: "lanczos3", fit: "fill" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([dstW, dstH, 4]);
  return { width: dstW, height: dstH, data: new Uint8Array(data) };
}

/** A fixture as RGBA, at most `maxWidth` wide (sharp's Lanczos3 reduction). */
async function fixture(name: string, maxWidth = Infinity): Promise<RgbaImage> {
  const { data, info } = await sharp(readFileSync(join(import.meta.dirname, "..", "fixtures", name)))
    .resize({ width: Number.isFinite(maxWidth) ? maxWidth : undefined, withoutEnlargement: true, kernel: "lanczos3" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function synthetic(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

/** Deterministic noise, so a failure reproduces. */
function noise(width: number, height: number, seed: number): RgbaImage {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
  return synthetic(width, height, () => [next(), next(), next(), next()]);
}

/** Black/white one-pixel checkerboard in RGB, full alpha: Lanczos rings hardest on it. */
const checker = (width: number, height: number) =>
  synthetic(width, height, (x, y) => {
    const v = (x + y) & 1 ? 255 : 0;
    return [v, 255 - v, (x >> 3) & 1 ? 255 : 0, 255];
  });

/** Noise whose rows are opaque, except runs of 1, 2, 3, … rows with alpha falling across them. */
function banded(width: number, height: number): RgbaImage {
  const img = noise(width, height, 11);
  for (let y = 0, run = 1; y < height; run++) {
    for (let i = 0; i < width * Math.min(run, height - y); i++) img.data[(y * width + i) * 4 + 3] = 255;
    y += run;
    for (let r = 0; r < run && y < height; r++, y++) {
      for (let x = 0; x < width; x++) img.data[(y * width + x) * 4 + 3] = 255 - Math.floor((x * 255) / width);
    }
  }
  return img;
}

describe("photos", () => {
  // Sources at most 1090 pixels wide (sharp's reduction) keep the float reference quick.
  const cases: [string, number, number, number][] = [
    ["2569067123_aca715a2ee_o.jpg", 1090, 436, 356], // 2.5×
    ["2569067123_aca715a2ee_o.jpg", 1090, 121, 99], // 9×, 55 taps
    ["Landscape_1.jpg", 1090, 240, 180],
    ["kitten.jpg", 250, 1000, 684], // 4× up
  ];
  it.each(cases)("%s (≤ %i wide) → %i×%i: ≥ 50 dB against the float filter, ≥ 40 dB against sharp", async (name, max, w, h) => {
    const src = await fixture(name, max);
    const out = coreResize(src, w, h);
    expect(psnr(out, lanczos(src, w, h))).toBeGreaterThanOrEqual(50);
    expect(psnr(out, await sharpResize(src, w, h))).toBeGreaterThanOrEqual(40);
  });

  it("an image with alpha, premultiplied: ≥ 50 dB against the float filter, ≥ 40 dB against sharp", async () => {
    const src = await fixture("embedgravitybird.png");
    const out = coreResize(src, 230, 154, { premultiply: true });
    expect(psnr(out, lanczos(src, 230, 154, true))).toBeGreaterThanOrEqual(50);
    expect(psnr(out, await sharpResize(src, 230, 154))).toBeGreaterThanOrEqual(40);
  });

  it("a window of the resized image is that part of the whole", async () => {
    const src = await fixture("Landscape_1.jpg");
    const whole = coreResize(src, 240, 180);
    const part = coreResize(src, 240, 180, { window: { x: 37, y: 11, width: 101, height: 77 } });
    expect(part.data).toEqual(crop(whole, 37, 11, 101, 77).data);
  });
});

describe("hard cases, against the float filter", () => {
  const cases: [string, () => RgbaImage, number, number, boolean][] = [
    ["checkerboard, 3.1× down", () => checker(403, 301), 130, 97, false],
    ["checkerboard, 4× up", () => checker(40, 30), 160, 120, false],
    ["noise, 1.3× down", () => noise(300, 200, 1), 231, 154, false],
    ["noise, premultiplied", () => noise(300, 200, 2), 97, 61, true],
    // Opaque rows skip premultiplication (and are resampled two at a time): bands of them between
    // translucent rows, in runs of odd and even length, must join up seamlessly.
    ["opaque and translucent rows, premultiplied, down", () => banded(301, 203), 101, 67, true],
    ["opaque and translucent rows, premultiplied, up", () => banded(41, 29), 123, 116, true],
    ["one pixel wide, down", () => noise(1, 500, 3), 1, 100, false],
    ["one pixel wide, up, premultiplied", () => noise(1, 50, 4), 3, 200, true],
    ["one pixel tall, down", () => noise(501, 1, 5), 100, 1, false],
    ["one pixel tall, up", () => noise(7, 1, 6), 29, 3, false],
    ["20000×100 → 200×1", () => checker(20000, 100), 200, 1, false],
    ["20000×100 noise → 200×1", () => noise(20000, 100, 7), 200, 1, false],
    ["1×1 → 5×7", () => noise(1, 1, 8), 5, 7, false],
    ["3×3 → 1×1, premultiplied", () => noise(3, 3, 9), 1, 1, true],
  ];
  it.each(cases)("%s: ≥ 45 dB, no overflow", (_, make, w, h, premultiply) => {
    const src = make();
    const out = coreResize(src, w, h, { premultiply });
    const ref = lanczos(src, w, h, premultiply);
    expect(psnr(out, ref)).toBeGreaterThanOrEqual(45);
    expect(maxDiff(out, ref)).toBeLessThanOrEqual(premultiply ? 16 : 2);
  });

  it("transparent and opaque blocks, premultiplied, 4× up: ≥ 45 dB once composited", () => {
    // Where the filter's alpha rounds to 1/255 the colour is a ratio of two tiny sums and may differ
    // entirely, invisibly; compared as shown (premultiplied), the images must agree.
    const src = synthetic(50, 40, (x, y) => {
      const on = ((x >> 2) ^ (y >> 2)) & 1;
      return [on ? 255 : 20, (x * 7) & 255, 128, on ? (x * 3) & 255 : 0];
    });
    const shown = (img: RgbaImage): RgbaImage => {
      const data = new Uint8Array(img.data.length);
      for (let i = 0; i < data.length; i += 4) {
        const a = at(img.data, i + 3);
        for (let c = 0; c < 3; c++) data[i + c] = Math.round((at(img.data, i + c) * a) / 255);
        data[i + 3] = a;
      }
      return { ...img, data };
    };
    const out = coreResize(src, 200, 160, { premultiply: true });
    const ref = lanczos(src, 200, 160, true);
    expect(psnr(shown(out), shown(ref))).toBeGreaterThanOrEqual(45);
    expect(maxDiff(shown(out), shown(ref))).toBeLessThanOrEqual(2);
  });

  it("flat colours come out exactly, with and without premultiplication", () => {
    const colours: [number, number, number, number][] = [[0, 0, 0, 255], [255, 255, 255, 255], [13, 200, 77, 255], [255, 128, 1, 200], [90, 90, 90, 1]];
    for (const px of colours) {
      const src = synthetic(97, 61, () => px);
      for (const premultiply of [false, true]) {
        // Premultiplied, a colour at alpha 1/255 is kept to 1/64 of a step of its 0..1 premultiplied value.
        const tolerance = premultiply && px[3] < 10 ? 3 : 0;
        for (const [w, h] of [[31, 17], [400, 250], [1, 1]] as const) {
          const out = coreResize(src, w, h, { premultiply });
          let worst = 0;
          for (let i = 0; i < out.data.length; i++) worst = Math.max(worst, Math.abs(at(out.data, i) - at(px, i & 3)));
          expect(worst, `${px.join(",")} → ${w}×${h}${premultiply ? " premultiplied" : ""}`).toBeLessThanOrEqual(tolerance);
        }
      }
    }
  });

  it("full-range overshoot does not wrap: a 0/255 checkerboard upscaled keeps 0s and 255s", () => {
    const src = checker(16, 16);
    const out = coreResize(src, 64, 64);
    const ref = lanczos(src, 64, 64);
    expect(maxDiff(out, ref)).toBeLessThanOrEqual(1);
  });
});
