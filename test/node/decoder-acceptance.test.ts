// What the mature decoders decode and the service once refused, through the service's entry point
// (probe, cost, decode, resize: generateThumbnail on the real image core), against sharp (libvips:
// libjpeg-turbo for JPEG, libnsgif for GIF). The public suites behind these cases are run by
// scripts/conformance.mjs (`npm run conformance`); the fixtures are described in jpeg-core.test.ts
// (test/fixtures/jpeg-core/a-*.jpg, x-*.jpg) and below (test/fixtures/gif/).
//
// GIF fixtures, written once by a literal-only LZW encoder of our own (a clear code often enough to
// keep the code width at minimum code size + 1), colours from a 6×6×6 cube quantisation of crops of
// Landscape_1.jpg:
//  - gif/lzw-11.gif: 64×40, LZW minimum code size 11 (libnsgif and browsers decode it; giflib stops
//    at 8).
//  - gif/first-frame-outside.gif: a 40×30 screen whose first image is 50×20 at (20, 25): libnsgif
//    grows the canvas to 70×45; a second, 90×90 image must not grow it further.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import coreModule from "../../wasm/build/core.wasm";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { generateThumbnail } from "../../src/pipeline/index";
import { probe } from "../../src/pipeline/probe";
import { at } from "./wasm-core";
import { config, request } from "./requests";

const path = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(path(name)));

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

async function rgba(input: Uint8Array | Buffer, options: { failOn?: "none"; pages?: number } = {}): Promise<Rgba> {
  const { data, info } = await sharp(input, options).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function psnr(a: Rgba, b: Rgba): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let se = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) se += (at(a.data, i + c) - at(b.data, i + c)) ** 2;
  }
  return se === 0 ? 99 : 10 * Math.log10((255 * 255) / (se / ((a.data.length / 4) * 3)));
}

let core: ImageCore;

beforeAll(async () => {
  core = await instantiateCore(coreModule);
});

describe("JPEGs libjpeg-turbo decodes", () => {
  // [fixture, what, PSNR floor (dB) against sharp's decode: measured 54.9–65.5, minus 3]
  const cases: [string, string, number][] = [
    ["jpeg-core/s-arithmetic.jpg", "arithmetic coding, sequential", 54],
    ["jpeg-core/a-420-progressive.jpg", "arithmetic coding, progressive", 55],
    ["jpeg-core/a-grey-progressive-restart.jpg", "arithmetic, progressive, grey, restarts", 62],
    ["jpeg-core/a-422-restart.jpg", "arithmetic, 4:2:2, restarts", 52],
    ["jpeg-core/x-junk.jpg", "a byte after SOI that is not FF, junk between segments", 55],
    ["jpeg-core/x-app14-truncated.jpg", "a truncated APP14 and the bytes it left behind", 55],
    ["jpeg-core/x-com-zero.jpg", "COM segments of length 0 and 1", 55],
    ["jpeg-core/x-no-dht.jpg", "no DHT (Motion-JPEG)", 55],
  ];
  for (const [name, what, floor] of cases) {
    it(`${name}: ${what}`, async () => {
      const source = fixture(name);
      const probed = probe(source);
      const meta = await sharp(source, { failOn: "none" }).metadata();
      expect(probed.kind === "image" && [probed.info.width, probed.info.height]).toEqual([meta.width, meta.height]);
      // at the source's own size: the decode is compared, not two resampling kernels
      const thumb = await generateThumbnail(request(`${meta.width}x`, "scale", "png"), config, core, source);
      const ours = await rgba(thumb.bytes);
      expect([ours.width, ours.height]).toEqual([meta.width, meta.height]);
      const db = psnr(ours, await rgba(source, { failOn: "none" }));
      expect(db, `${db.toFixed(1)} dB`).toBeGreaterThanOrEqual(floor);
    });
  }
});

describe("GIFs libnsgif decodes", () => {
  it("gif/lzw-11.gif: LZW minimum code size 11, identical to sharp", async () => {
    const source = fixture("gif/lzw-11.gif");
    const thumb = await generateThumbnail(request("64x", "scale", "png"), config, core, source);
    const ours = await rgba(thumb.bytes);
    expect(psnr(ours, await rgba(source, { pages: 1 }))).toBe(99);
  });

  it("gif/first-frame-outside.gif: the canvas grows to the first image (70×45), which is identical to sharp's", async () => {
    const source = fixture("gif/first-frame-outside.gif");
    const probed = probe(source);
    expect(probed.kind === "image" && [probed.info.width, probed.info.height]).toEqual([70, 45]);
    const thumb = await generateThumbnail(request("70x", "scale", "png"), config, core, source);
    const ours = await rgba(thumb.bytes);
    const ref = await rgba(source, { pages: 1 });
    expect([ours.width, ours.height]).toEqual([ref.width, ref.height]);
    // libvips paints the canvas outside the image opaque black, we leave it transparent
    let inside = 0;
    for (let y = 0; y < 45; y++) {
      for (let x = 0; x < 70; x++) {
        const i = (y * 70 + x) * 4;
        if (x >= 20 && y >= 25) {
          expect([...ours.data.subarray(i, i + 4)], `(${x}, ${y})`).toEqual([...ref.data.subarray(i, i + 4)]);
          inside++;
        } else {
          expect(at(ours.data, i + 3)).toBe(0);
        }
      }
    }
    expect(inside).toBe(50 * 20);
  });
});
