// Sources built to make the header lie, and outputs past an encoder's limits, through the service's
// entry point generateThumbnail on the real image core (one fresh core for this file: vitest isolates
// modules per test file, so the memory measurements start from the core's baseline).
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import coreModule from "../../wasm/build/core.wasm";
import { type Config } from "../../src/config";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { generateThumbnail, prepareThumbnail } from "../../src/pipeline/index";
import { probe } from "../../src/pipeline/probe";
import { concat } from "../../src/bytes";
import { config, fixture, refusal, request } from "./requests";

const u16 = (v: number) => [v >> 8, v & 255];

/** A 16×16 baseline SOF segment, 3 components 4:2:0, tables 0/1: a plausible decoy. */
const DECOY_SOF = [0xff, 0xc0, ...u16(17), 8, ...u16(16), ...u16(16), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];

/** The whole-frame JPEG decoder the core keeps for tests and tools. */
interface JpegExports {
  jpegDecode(ptr: number, len: number, scaleDenom: number, expectedWidth: number, expectedHeight: number): number;
  jpegError(): number;
  jpegWidth(): number;
  jpegHeight(): number;
  free(ptr: number): void;
}

let core: ImageCore;
let photo: Uint8Array;

beforeAll(async () => {
  core = await instantiateCore(coreModule);
  // The real frame the attacks hide: 2000×1500 (12 MB as RGBA), from a test fixture.
  photo = new Uint8Array(await sharp(fixture("Landscape_1.jpg")).resize(2000, 1500, { fit: "fill" }).jpeg({ quality: 70 }).toBuffer());
});

describe("a JPEG whose header hides its real frame", () => {
  it("a second SOF after a 16×16 one is 422 before the real frame costs anything", async () => {
    // SOI, the decoy SOF as a segment of its own, then the real file (tables, its SOF, the scan).
    const source = concat([0xff, 0xd8], DECOY_SOF, photo.subarray(2));
    expect(probe(source)).toEqual({ kind: "corrupt", reason: "jpeg: a second frame header" });
    const before = core.memoryBytes;
    const error = await refusal(generateThumbnail(request("16x16", "crop", "jpeg"), config, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_UNDECODABLE", 422]);
    expect(core.memoryBytes - before).toBeLessThan(2000 * 1500);
  });

  it("junk then a comment holding a 16×16 SOF: the probe walks the markers as the decoder does and budgets the real frame", async () => {
    // FF D8, then `FF 00 00 06` (a stuffed zero: junk to the decoder; a 6-byte segment to a naive
    // walk, which then lands inside the comment's decoy SOF), then the comment, then the real file.
    const comment = concat([0xff, 0xfe, ...u16(2 + DECOY_SOF.length)], DECOY_SOF);
    const source = concat([0xff, 0xd8, 0xff, 0x00, 0x00, 0x06], comment, photo.subarray(2));
    const probed = probe(source);
    expect(probed.kind === "image" && [probed.info.width, probed.info.height]).toEqual([2000, 1500]);
    // The budget now sees 3 MP: over a 1 MP limit it is refused before any decoding.
    const strict: Readonly<Config> = { ...config, maxSourcePixels: 1_000_000 };
    const before = core.memoryBytes;
    const error = await refusal(generateThumbnail(request("100x", "scale", "jpeg"), strict, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_TOO_MANY_PIXELS", 413]);
    expect(core.memoryBytes).toBe(before);
    // Within the limits it is the real frame that is thumbnailed, at its own aspect ratio.
    const thumb = await generateThumbnail(request("100x", "scale", "png"), config, core, source);
    const { width, height } = await sharp(thumb.bytes).metadata();
    expect([width, height]).toEqual([100, 75]);
  });

  it("the core's decoder refuses a frame other than the one it was given (JPEG_ERR_NOT_DECLARED), allocating nothing for it", () => {
    const e = core.exports as unknown as JpegExports;
    const ptr = core.putBytes(photo);
    const before = core.memoryBytes;
    expect(e.jpegDecode(ptr, photo.length, 1, 16, 16)).toBe(0);
    expect(e.jpegError()).toBe(-7);
    expect(core.memoryBytes).toBe(before);
    expect(e.jpegDecode(ptr, photo.length, 1, 2000, 0)).toBe(0);
    expect(e.jpegError()).toBe(-6);
    const out = e.jpegDecode(ptr, photo.length, 8, 2000, 1500);
    expect([out !== 0, e.jpegWidth(), e.jpegHeight()]).toEqual([true, 250, 188]);
    e.free(out);
    e.free(ptr);
  });
});

describe("junk between JPEG segments (skipped as libjpeg skips it) never hides a frame from the limits", () => {
  /** 2000×1500, 3 components: the frame a small file's junk might smuggle in. */
  const BIG_SOF = [0xff, 0xc0, ...u16(17), 8, ...u16(1500), ...u16(2000), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const JUNK = [0x12, 0x34, 0xff, 0x00, 0x56];
  let small: Uint8Array;

  beforeAll(async () => {
    small = new Uint8Array(await sharp(fixture("Landscape_1.jpg")).resize(16, 16).jpeg({ progressive: true }).toBuffer());
  });

  it("junk, then a 2000×1500 SOF, before a 16×16 file's own: the probe finds both, 422 before any decoding", async () => {
    const source = concat([0xff, 0xd8, 0x0a], JUNK, BIG_SOF, small.subarray(2));
    expect(probe(source)).toEqual({ kind: "corrupt", reason: "jpeg: a second frame header" });
    const before = core.memoryBytes;
    const error = await refusal(generateThumbnail(request("16x16", "crop", "png"), config, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_UNDECODABLE", 422]);
    expect(core.memoryBytes - before).toBeLessThan(2000 * 1500);
  });

  it("junk, then a 2000×1500 SOF, after the first scan of a progressive 16×16 file: the decoder stops at it, 422", async () => {
    const sos = small.findIndex((b, i) => b === 0xff && small[i + 1] === 0xda);
    const next = small.findIndex((b, i) => i > sos + 2 && b === 0xff && small[i + 1] !== 0 && (small[i + 1] ?? 0) < 0xd0);
    expect(next).toBeGreaterThan(sos);
    const source = concat(small.subarray(0, next), JUNK, BIG_SOF, small.subarray(next));
    const probed = probe(source);
    expect(probed.kind === "image" && [probed.info.width, probed.info.height]).toEqual([16, 16]);
    const before = core.memoryBytes;
    const error = await refusal(generateThumbnail(request("16x16", "crop", "png"), config, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_UNDECODABLE", 422]);
    expect(core.memoryBytes - before).toBeLessThan(2000 * 1500);
  });
});

describe("a GIF whose first image lies outside its screen", () => {
  it("the probe budgets the canvas the decoder grows to, not the 16×16 screen", async () => {
    // 16×16 screen, no colour table; the first image 1×1 at (2999, 1999): a 3000×2000 canvas
    const source = concat(
      [...Buffer.from("GIF89a", "latin1"), 16, 0, 16, 0, 0, 0, 0],
      [0x2c, 0xb7, 0x0b, 0xcf, 0x07, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b],
    );
    const probed = probe(source);
    expect(probed.kind === "image" && [probed.info.width, probed.info.height]).toEqual([3000, 2000]);
    const strict: Readonly<Config> = { ...config, maxSourcePixels: 1_000_000 };
    const before = core.memoryBytes;
    const error = await refusal(generateThumbnail(request("100x", "scale", "png"), strict, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_TOO_MANY_PIXELS", 413]);
    expect(core.memoryBytes).toBe(before);
    const thumb = await generateThumbnail(request("300x", "scale", "png"), config, core, source);
    expect([thumb.width, thumb.height]).toEqual([300, 200]);
  });
});

describe("a PNG cut inside its header", () => {
  it.each([29, 30, 31, 32])("%i bytes: 422, the decoder reading nothing past the input", async (length) => {
    const source = fixture("fuzz/rgba.png").slice(0, length);
    const error = await refusal(generateThumbnail(request("32x32", "crop", "jpeg"), config, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_UNDECODABLE", 422]);
  });

  it("a second IHDR (declaring 2000×2000) is 422", async () => {
    const png = fixture("fuzz/rgba.png");
    const ihdr = png.slice(8, 33);
    ihdr.set([0, 0, 0x07, 0xd0, 0, 0, 0x07, 0xd0], 8);
    const source = concat(png.subarray(0, 33), ihdr, png.subarray(33));
    const error = await refusal(generateThumbnail(request("32x32", "crop", "jpeg"), config, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_UNDECODABLE", 422]);
  });
});

describe("an AVIF whose ispe under-states its AV1 frame", () => {
  let avif: Uint8Array;
  const ispeAt = (b: Uint8Array) => Buffer.from(b).indexOf("ispe") + 8;

  beforeAll(async () => {
    avif = new Uint8Array(await sharp(fixture("Landscape_1.jpg")).resize(600, 400, { fit: "fill" }).avif({ quality: 40, effort: 0 }).toBuffer());
  });

  it("is thumbnailed when ispe tells the truth", async () => {
    const thumb = await generateThumbnail(request("60x", "scale", "png"), config, core, avif);
    const { width, height } = await sharp(thumb.bytes).metadata();
    expect([width, height]).toEqual([60, 40]);
  });

  it("ispe 100×100 over the 600×400 frame: 422 from the probe, before dav1d decodes anything", async () => {
    const source = avif.slice();
    const view = new DataView(source.buffer);
    view.setUint32(ispeAt(source), 100);
    view.setUint32(ispeAt(source) + 4, 100);
    const probed = probe(source);
    expect(probed.kind === "corrupt" && probed.reason).toMatch(/600x400 under an ispe of 100x100/);
    const error = await refusal(generateThumbnail(request("50x50", "crop", "jpeg"), config, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_UNDECODABLE", 422]);
  });

  it("without a readable sequence header (item data cut before it) it is refused too", () => {
    const source = avif.slice();
    // libavif puts the sequence header at the start of the item data, right after a temporal delimiter.
    const mdat = Buffer.from(source).indexOf("mdat") + 4;
    source.fill(0, mdat, mdat + 16);
    const probed = probe(source);
    expect(probed.kind === "corrupt" && probed.reason).toMatch(/sequence header/);
  });
});

describe("a WebP whose VP8X understates its frame", () => {
  /** A VP8X chunk declaring a `width` × `height` canvas, no features. */
  const vp8x = (width: number, height: number) => {
    const chunk = new Uint8Array(18);
    chunk.set([0x56, 0x50, 0x38, 0x58, 10, 0, 0, 0]);
    const le24 = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255];
    chunk.set([...le24(width - 1), ...le24(height - 1)], 12);
    return chunk;
  };
  const riff = (body: Uint8Array) => {
    const out = concat([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], body);
    new DataView(out.buffer).setUint32(4, out.length - 8, true);
    return out;
  };
  let webp: Uint8Array;

  beforeAll(async () => {
    webp = new Uint8Array(await sharp(fixture("Landscape_1.jpg")).resize(1200, 800, { fit: "fill" }).webp({ quality: 50 }).toBuffer());
    expect(String.fromCharCode(...webp.subarray(12, 16))).toBe("VP8 ");
  });

  it("a 16×16 VP8X before the 1200×800 frame: 422 from the probe, as libwebp would refuse it, before decoding", async () => {
    const source = riff(concat(vp8x(16, 16), webp.subarray(12)));
    const probed = probe(source);
    expect(probed.kind === "corrupt" && probed.reason).toBe("webp: a 1200x800 frame on a 16x16 canvas");
    const error = await refusal(generateThumbnail(request("16x16", "crop", "jpeg"), config, core, source));
    expect([error.code, error.status]).toEqual(["SOURCE_UNDECODABLE", 422]);
  });

  it("a 16×16 VP8X after the frame of a simple WebP does not count: the budget sees 1200×800, as libwebp decodes", async () => {
    const source = riff(concat(webp.subarray(12), vp8x(16, 16)));
    const probed = probe(source);
    expect(probed.kind === "image" && [probed.info.width, probed.info.height]).toEqual([1200, 800]);
    const thumb = await generateThumbnail(request("60x", "scale", "png"), config, core, source);
    const { width, height } = await sharp(thumb.bytes).metadata();
    expect([width, height]).toEqual([60, 40]);
  });
});

describe("outputs past MAX_DIMENSION or the encoder's limit", () => {
  const flat = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: "#808080" } })
      .png()
      .toBuffer()
      .then((b) => new Uint8Array(b));

  it("a 20000×100 PNG at x200/scale .webp: 422 OUTPUT_TOO_LARGE naming the side and the limit", async () => {
    const error = await refusal(generateThumbnail(request("x200", "scale", "webp"), config, core, await flat(20000, 100)));
    expect([error.code, error.status]).toEqual(["OUTPUT_TOO_LARGE", 422]);
    expect(error.publicMessage).toBe("output: the thumbnail would be 20000x100; its width of 20000 px is over MAX_DIMENSION (4096 px)");
  });

  it("with MAX_DIMENSION at its 16384 maximum, WebP's own 16383 px limit is the one named", async () => {
    const wide: Readonly<Config> = { ...config, maxDimension: 16384 };
    const error = await refusal(generateThumbnail(request("x200", "scale", "webp"), wide, core, await flat(16384, 30)));
    expect([error.code, error.status]).toEqual(["OUTPUT_TOO_LARGE", 422]);
    expect(error.publicMessage).toMatch(/width of 16384 px is over the WebP limit \(16383 px\)/);
  });

  it("a 70000×30 PNG at x200/scale .jpg: 422 OUTPUT_TOO_LARGE", async () => {
    const error = await refusal(generateThumbnail(request("x200", "scale", "jpeg"), config, core, await flat(70000, 30)));
    expect([error.code, error.status]).toEqual(["OUTPUT_TOO_LARGE", 422]);
    expect(error.publicMessage).toMatch(/width of 70000 px is over MAX_DIMENSION \(4096 px\)/);
  });

  it("a 1×20000 strip at 100x100/crop (resize to 100×2000000): only the 100×100 window is computed", async () => {
    const source = await flat(1, 20000);
    const r = request("100x100", "crop", "jpeg");
    const prepared = prepareThumbnail(r, config, source);
    expect(prepared.cost.coreBytes).toBeLessThan(4 * 2 ** 20);
    const thumb = await generateThumbnail(r, config, await instantiateCore(coreModule, prepared.cost.coreBytes), source, undefined, prepared);
    const { width, height } = await sharp(thumb.bytes).metadata();
    expect([width, height]).toEqual([100, 100]);
  });

  it("a panorama whose scaled width fits is still thumbnailed", async () => {
    const thumb = await generateThumbnail(request("x20", "scale", "jpeg"), config, core, await flat(4000, 100));
    const { width, height } = await sharp(thumb.bytes).metadata();
    expect([width, height]).toEqual([800, 20]);
  });
});
