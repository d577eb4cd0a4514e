// Colour management against sharp (libvips + lcms2, which converts embedded ICC profiles to sRGB):
// sources tagged here with sharp's own profiles ('p3', and its CMYK one through the fixture) and
// the CC0/zlib profiles in test/fixtures/icc, through the service's generateThumbnail on the real
// core; each output decoded by sharp and compared by mean CIEDE2000 with sharp's thumbnail.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import coreModule from "../../wasm/build/core.wasm";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { clearColourCache, colourGrid } from "../../src/pipeline/icc";
import { generateThumbnail, prepareThumbnail } from "../../src/pipeline/index";
import { probe, webpIccProfile, type ImageInfo } from "../../src/pipeline/probe";
import { parseSize, type Method, type OutputFormat, type ThumbnailRequest } from "../../src/url";
import { meanDeltaE } from "./ciede2000";
import { config } from "./requests";

const fixturePath = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const fixture = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));

function request(size: string, method: Method, format: OutputFormat = "png"): ThumbnailRequest {
  const ext = format === "jpeg" ? ".jpg" : (`.${format}` as const);
  return { source: "s", size: parseSize(size, config.maxDimension), method, ext, format, signature: "0".repeat(32), key: `s/${size}/${method}/x${ext}` };
}

/** The JPEG with an APP2 ICC_PROFILE segment after SOI: a profile assigned, the pixels unchanged. */
function assign(jpeg: Uint8Array, profile: Uint8Array): Uint8Array {
  const body = new Uint8Array([...new TextEncoder().encode("ICC_PROFILE\0"), 1, 1, ...profile]);
  const length = body.length + 2;
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe2, length >> 8, length & 255, ...body, ...jpeg.subarray(2)]);
}

/** An image's pixels as packed RGB. */
async function rgb(image: Uint8Array | Buffer): Promise<Uint8Array> {
  return new Uint8Array(await sharp(image).removeAlpha().toColourspace("srgb").raw().toBuffer());
}

let core: ImageCore;
let photo: Uint8Array;
const profiles: Record<string, Uint8Array> = {};

async function profileOf(bytes: Uint8Array): Promise<Uint8Array> {
  const { icc } = await sharp(bytes).metadata();
  if (!icc) throw new Error("no profile");
  return new Uint8Array(icc);
}

beforeAll(async () => {
  core = await instantiateCore(coreModule);
  // A 600×450 photo with saturated greens and blues, re-encoded as the tagged versions are.
  photo = new Uint8Array(await sharp(fixture("Landscape_1.jpg")).jpeg({ quality: 95 }).toBuffer());
  profiles.p3 = await profileOf(await sharp(photo).withIccProfile("p3").jpeg().toBuffer());
  profiles.srgb = await profileOf(await sharp(photo).withIccProfile("srgb").jpeg().toBuffer());
});

interface Result {
  readonly deltaE: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Our thumbnail and sharp's of the same source, size and crop, compared by mean CIEDE2000. PNG
 * output, so that what is measured is the colour, not two JPEG encoders' chroma (JPEG output goes
 * through the same stages: the colour stage sits before flatten and the sink).
 */
async function compare(source: Uint8Array, size: string, method: Method, format: OutputFormat = "png"): Promise<Result> {
  const r = request(size, method, format);
  const thumb = await generateThumbnail(r, config, core, source, undefined, prepareThumbnail(r, config, source));
  const { width, height } = await sharp(thumb.bytes).metadata();
  const fit = method === "scale" ? "inside" : "cover";
  const position = method === "smart" ? "entropy" : "centre";
  const reference = await sharp(source).rotate().resize(width, height, { fit, position }).png().toBuffer();
  return { deltaE: meanDeltaE(await rgb(thumb.bytes), await rgb(reference), 3), width, height };
}

describe("embedded ICC profiles are converted to sRGB as sharp converts them (mean CIEDE2000, 300×300)", () => {
  it("sRGB (sharp's v4 profile, a v2 one, colord's v4 one with its own primaries) within 0.4", async () => {
    const tagged = new Uint8Array(await sharp(photo).withIccProfile("srgb").jpeg({ quality: 95 }).toBuffer());
    const v2 = assign(photo, fixture("icc/sRGB-v2.icc"));
    const colord = assign(photo, fixture("icc/sRGB-colord.icc"));
    for (const source of [tagged, v2, colord]) {
      const { deltaE, width, height } = await compare(source, "300x300", "crop");
      expect([width, height]).toEqual([300, 300]);
      expect(deltaE).toBeLessThanOrEqual(0.4);
    }
  });

  it("Display P3, converted and assigned, within 1.0 (and far from the untransformed pixels)", async () => {
    const converted = new Uint8Array(await sharp(photo).withIccProfile("p3").jpeg({ quality: 95 }).toBuffer());
    const assigned = assign(photo, profiles.p3 ?? new Uint8Array());
    for (const source of [converted, assigned]) {
      const { deltaE } = await compare(source, "300x300", "crop");
      expect(deltaE).toBeLessThanOrEqual(1.0);
    }
    // Without the transform the assigned image would be the photo itself: that is the error fixed.
    const ours = await rgb((await generateThumbnail(request("300x300", "crop"), config, core, assigned)).bytes);
    const plain = await rgb(await sharp(photo).resize(300, 300).toBuffer());
    expect(meanDeltaE(ours, plain, 3)).toBeGreaterThan(2);
  });

  it("Adobe RGB (1998) and ProPhoto RGB (v4, colord), assigned, within 1.0", async () => {
    for (const name of ["AdobeRGB1998.icc", "ProPhotoRGB.icc"]) {
      const { deltaE } = await compare(assign(photo, fixture(`icc/${name}`)), "300x300", "crop");
      expect(deltaE, name).toBeLessThanOrEqual(1.0);
    }
  });

  it("Apple Generic RGB (v2, gamma 1.8: Landscape_2) within 1.0, portrait and landscape", async () => {
    for (const name of ["Landscape_2.jpg", "Landscape_6.jpg"]) {
      const { deltaE } = await compare(fixture(name), "300x300", "crop");
      expect(deltaE, name).toBeLessThanOrEqual(1.0);
    }
  });

  it("CMYK through its profile (v2, CLUT) within 1.0, crop and smart", async () => {
    const source = fixture("Channel_digital_image_CMYK_color.jpg");
    expect(probe(source)).toMatchObject({ kind: "image", info: { icc: { channels: 4, deflated: false } } });
    const { deltaE } = await compare(source, "300x300", "crop");
    expect(deltaE).toBeLessThanOrEqual(1.0);
    // smart's analysis pass decodes the ink through the profile too (its frame becomes the source).
    const thumb = await generateThumbnail(request("333x333", "smart"), config, core, source);
    const ours = await rgb(thumb.bytes);
    const reference = await rgb(await sharp(source).resize(333, 333, { position: "entropy" }).toColourspace("srgb").png().toBuffer());
    expect(meanDeltaE(ours, reference, 3)).toBeLessThanOrEqual(1.0);
  });

  it("a source no larger than the thumbnail is converted before the resize, within 1.0", async () => {
    // 400×300 to 400×300 (no resampling: the rows are the output's); smart then runs an analysis pass.
    const small = new Uint8Array(await sharp(photo).resize(400, 300).withIccProfile("p3").jpeg({ quality: 95 }).toBuffer());
    for (const method of ["crop", "smart"] as const) {
      const { deltaE, width } = await compare(small, "400x300", method);
      expect(width).toBe(400);
      expect(deltaE).toBeLessThanOrEqual(1.0);
    }
  });

  it("PNG iCCP (zlib) with alpha, to PNG, within 1.0", async () => {
    const png = new Uint8Array(await sharp(photo).ensureAlpha(0.8).withIccProfile("p3").png().toBuffer());
    const info = probe(png);
    expect(info).toMatchObject({ kind: "image", info: { icc: { deflated: true, channels: 3 } } });
    const { deltaE } = await compare(png, "300x300", "crop", "png");
    expect(deltaE).toBeLessThanOrEqual(1.0);
  });

  it("WebP (ICCP, decoded by libwebp, rows pushed): no further from sharp than untagged", async () => {
    // The WebP path's own floor against sharp is ~1.0 without any profile (its decode and resize);
    // the conversion adds 0.05 to it.
    const webp = new Uint8Array(await sharp(photo).withIccProfile("p3").webp({ lossless: true }).toBuffer());
    const { deltaE } = await compare(webp, "300x300", "crop");
    const plain = await compare(new Uint8Array(await sharp(photo).webp({ lossless: true }).toBuffer()), "300x300", "crop");
    expect(deltaE).toBeLessThanOrEqual(plain.deltaE + 0.15);
  });

  it("AVIF (colr prof, decoded by dav1d, rows pushed): no further from sharp than untagged", async () => {
    const avif = new Uint8Array(await sharp(photo).withIccProfile("p3").avif({ quality: 90 }).toBuffer());
    expect(probe(avif)).toMatchObject({ kind: "image", info: { format: "avif", icc: { channels: 3 } } });
    const { deltaE } = await compare(avif, "300x300", "crop");
    const plain = await compare(new Uint8Array(await sharp(photo).avif({ quality: 90 }).toBuffer()), "300x300", "crop");
    expect(deltaE).toBeLessThanOrEqual(plain.deltaE + 0.15);
  });

  it("a grey profile on a greyscale JPEG within 1.0", async () => {
    const grey = new Uint8Array(await sharp(photo).toColourspace("b-w").jpeg({ quality: 95 }).toBuffer());
    const tagged = assign(grey, fixture("icc/Gray.icc"));
    expect(probe(tagged)).toMatchObject({ kind: "image", info: { icc: { channels: 1 } } });
    const { deltaE } = await compare(tagged, "300x300", "crop");
    expect(deltaE).toBeLessThanOrEqual(1.0);
  });
});

describe("what colour management costs in memory", () => {
  it("the cost model counts the grid: CMYK (the largest) and P3 thumbnails in cores of exactly their reservation", async () => {
    const cmyk = fixture("Channel_digital_image_CMYK_color.jpg");
    const p3 = assign(photo, profiles.p3 ?? new Uint8Array());
    for (const [source, size, method] of [[cmyk, "500x333", "crop"], [cmyk, "200x200", "smart"], [p3, "300x300", "crop"]] as const) {
      for (const format of ["jpeg", "png"] as const) {
        const r = request(size, method, format);
        const prepared = prepareThumbnail(r, config, source);
        const reserved = await instantiateCore(coreModule, prepared.cost.coreBytes);
        const thumb = await generateThumbnail(r, config, reserved, source, undefined, prepared);
        expect(thumb.width).toBe(Number(size.split("x")[0]));
      }
    }
  });
});

describe("profiles that change nothing, or cannot apply", () => {
  it("sRGB profiles are the identity: no grid, so no stage", async () => {
    clearColourCache();
    expect(await colourGrid(profiles.srgb ?? new Uint8Array(), 3)).toBeNull();
    // Within 1.5 levels of the identity at every node (1.4 at the green corner: their colorants are
    // rounded differently from lcms's sRGB), so skipped as well.
    expect(await colourGrid(fixture("icc/sRGB-v2.icc"), 3)).toBeNull();
    expect(await colourGrid(fixture("icc/sRGB-colord.icc"), 3)).toBeNull();
    const p3 = await colourGrid(profiles.p3 ?? new Uint8Array(), 3);
    expect(p3?.size).toBe(33);
  });

  it("a profile of another colour space than the pixels', or garbage, leaves them as they are", async () => {
    const rgbOnGrey = assign(new Uint8Array(await sharp(photo).toColourspace("b-w").jpeg().toBuffer()), profiles.p3 ?? new Uint8Array());
    const garbage = assign(photo, new Uint8Array(4000).fill(7));
    for (const source of [rgbOnGrey, garbage]) {
      const r = request("300x300", "crop");
      const thumb = await generateThumbnail(r, config, core, source);
      const ours = await rgb(thumb.bytes);
      const plain = await rgb(await sharp(source).resize(300, 300).toColourspace("srgb").png().toBuffer());
      expect(meanDeltaE(ours, plain, 3)).toBeLessThan(1);
    }
  });

  it("multi-chunk APP2 profiles are joined in sequence order; a set with a chunk missing is none", () => {
    const profile = fixture("Channel_digital_image_CMYK_color.jpg");
    const info = probe(profile);
    if (info.kind !== "image") throw new Error("not an image");
    expect(info.info.icc?.bytes.length).toBe(557168);
    // Chunks 2/2 then 1/2: the joined profile starts with chunk 1.
    const p3 = profiles.p3 ?? new Uint8Array();
    const chunk = (n: number, data: Uint8Array) => {
      const body = [...new TextEncoder().encode("ICC_PROFILE\0"), n, 2, ...data];
      return [0xff, 0xe2, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
    };
    const half = p3.length >> 1;
    const swapped = new Uint8Array([0xff, 0xd8, ...chunk(2, p3.subarray(half)), ...chunk(1, p3.subarray(0, half)), ...photo.subarray(2)]);
    const joined = probe(swapped) as { kind: "image"; info: ImageInfo };
    expect(joined.info.icc?.bytes).toEqual(p3);
    const missing = new Uint8Array([0xff, 0xd8, ...chunk(2, p3.subarray(half)), ...photo.subarray(2)]);
    expect((probe(missing) as { kind: "image"; info: ImageInfo }).info.icc).toBeUndefined();
  });

  it("PNG gAMA, cHRM and sRGB chunks change nothing, as in libvips (sharp decodes them unchanged)", async () => {
    const png = new Uint8Array(await sharp(photo).resize(300, 225).png().toBuffer());
    const chunk = (type: string, data: number[]) => {
      const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
      const length = [0, 0, 0, data.length];
      // CRC-32 of type and data (PNG spec, Annex D).
      let crc = ~0;
      for (const byte of body) {
        crc ^= byte;
        for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
      }
      crc = ~crc >>> 0;
      return [...length, ...body, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255];
    };
    const be = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    // gAMA 1.0 (linear) and Adobe RGB-like chromaticities, after IHDR (8 + 25 bytes).
    const extra = [...chunk("gAMA", be(100000)), ...chunk("cHRM", [31270, 32900, 64000, 33000, 21000, 71000, 15000, 6000].flatMap(be)), ...chunk("sRGB", [0])];
    const tagged = new Uint8Array([...png.subarray(0, 33), ...extra, ...png.subarray(33)]);
    expect(await rgb(await sharp(tagged).png().toBuffer())).toEqual(await rgb(png));
    const plain = await rgb((await generateThumbnail(request("300x225", "scale"), config, core, png)).bytes);
    const ours = await rgb((await generateThumbnail(request("300x225", "scale"), config, core, tagged)).bytes);
    expect(ours).toEqual(plain);
  });

  it("WebP's ICCP chunk is found (for the WebP decoder's colour stage)", async () => {
    const webp = new Uint8Array(await sharp(photo).resize(200).withIccProfile("p3").webp().toBuffer());
    expect(webpIccProfile(webp)).toEqual(profiles.p3);
    expect((probe(webp) as { kind: "image"; info: ImageInfo }).info.icc?.bytes).toEqual(profiles.p3);
  });
});
