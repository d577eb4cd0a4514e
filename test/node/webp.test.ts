// WebP sources through libwebp in its own instance (wasm/build/webp.wasm), rows pushed into the real
// image core: lossy, lossless, alpha and animated files made here with sharp, thumbnails compared with
// sharp's (libvips decodes WebP with the same libwebp, and composites an animation's first frame).
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import coreModule from "../../wasm/build/core.wasm";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { generateThumbnail, prepareThumbnail } from "../../src/pipeline/index";
import { probe } from "../../src/pipeline/probe";
import { concat } from "../../src/bytes";
import { config, fixture, refusal, request } from "./requests";

/**
 * PSNR over the premultiplied colour and the alpha of two decoded images of one size (the colour of a
 * fully transparent pixel is not part of the image).
 */
async function psnr(a: Uint8Array, b: Uint8Array): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((img) => sharp(img).ensureAlpha().raw().toBuffer({ resolveWithObject: true })));
  if (!x || !y) throw new Error("decode failed");
  expect([x.info.width, x.info.height]).toEqual([y.info.width, y.info.height]);
  let se = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    const ax = x.data[i + 3] ?? 0;
    const ay = y.data[i + 3] ?? 0;
    for (let c = 0; c < 3; c++) se += (((x.data[i + c] ?? 0) * ax - (y.data[i + c] ?? 0) * ay) / 255) ** 2;
    se += (ax - ay) ** 2;
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255 * x.data.length) / se);
}

const le24 = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255];
const le32 = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
const tag = (s: string) => [...s].map((c) => c.charCodeAt(0));
const chunk = (type: string, body: ArrayLike<number>) => concat(tag(type), le32(body.length), body, body.length & 1 ? [0] : []);
const riff = (...chunks: Uint8Array[]) => {
  const body = concat(tag("WEBP"), ...chunks);
  return concat(tag("RIFF"), le32(body.length), body);
};

/** The chunks after a simple WebP's RIFF header (its VP8 or VP8L chunk, or ALPH + VP8). */
const imageChunks = (webp: Uint8Array) => webp.subarray(12);

let core: ImageCore;
let photo: ReturnType<typeof sharp>;

beforeAll(async () => {
  core = await instantiateCore(coreModule);
  photo = sharp(fixture("Landscape_1.jpg")).rotate().resize(900, 600, { fit: "fill" });
});

/** Our thumbnail of `source` at 200x/scale as PNG, against sharp's from the same file. */
async function compare(source: Uint8Array): Promise<number> {
  const thumb = await generateThumbnail(request("200x", "scale", "png"), config, core, source);
  const reference = await sharp(source, { pages: 1 }).resize(200).png().toBuffer();
  const meta = await sharp(thumb.bytes).metadata();
  expect([meta.width, meta.height]).toEqual([thumb.width, thumb.height]);
  return psnr(thumb.bytes, new Uint8Array(reference));
}

describe("WebP sources decoded by libwebp at reduced scale", () => {
  it("lossy: 200x/scale matches sharp (≥ 35 dB), decoded at 2× the target by libwebp's own scaling", async () => {
    const source = new Uint8Array(await photo.clone().webp({ quality: 80 }).toBuffer());
    const prepared = prepareThumbnail(request("200x", "scale", "png"), config, source);
    expect(prepared.cost.rows).toEqual({ width: 400, height: 267 });
    expect(await compare(source)).toBeGreaterThanOrEqual(35);
  });

  it("lossless: matches sharp, and its decoder's ARGB frame is counted", async () => {
    const source = new Uint8Array(await photo.clone().webp({ lossless: true }).toBuffer());
    const info = probe(source);
    expect(info.kind === "image" && info.info.webp?.lossless).toBe(true);
    const prepared = prepareThumbnail(request("200x", "scale", "png"), config, source);
    expect(prepared.cost.decoderBytes).toBeGreaterThan(900 * 600 * 4);
    expect(await compare(source)).toBeGreaterThanOrEqual(35);
  });

  it("lossy with alpha: colour and transparency match sharp", async () => {
    // A disc, opaque inside, transparent outside, with a soft edge.
    const alpha = Buffer.alloc(900 * 600);
    for (let y = 0; y < 600; y++) {
      for (let x = 0; x < 900; x++) alpha[y * 900 + x] = Math.max(0, Math.min(255, (260 - Math.hypot(x - 450, y - 300)) * 16));
    }
    const source = new Uint8Array(await photo.clone().joinChannel(alpha, { raw: { width: 900, height: 600, channels: 1 } }).webp({ quality: 85 }).toBuffer());
    const info = probe(source);
    expect(info.kind === "image" && info.info.webp).toMatchObject({ lossless: false, alpha: expect.any(Number) as number });
    expect(info.kind === "image" && info.info.webp?.alpha).toBeGreaterThan(0);
    expect(await compare(source)).toBeGreaterThanOrEqual(35);
    const thumb = await generateThumbnail(request("200x", "scale", "png"), config, core, source);
    const { data } = await sharp(thumb.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([data[3], data[(100 * 200 + 100) * 4 + 3]]).toEqual([0, 255]);
  });

  it("animated (sharp's): the first frame, as sharp shows it", async () => {
    const red = await photo.clone().png().toBuffer();
    const grey = await photo.clone().greyscale().png().toBuffer();
    const source = new Uint8Array(await sharp([red, grey], { join: { animated: true } }).webp({ quality: 90 }).toBuffer());
    const info = probe(source);
    expect(info.kind === "image" && info.info.webp).toMatchObject({ animated: true, frame: { x: 0, y: 0, width: 900, height: 600 } });
    expect(await compare(source)).toBeGreaterThanOrEqual(35);
  });

  it("animated, first frame smaller than its canvas at an offset: transparent around it, as browsers composite it", async () => {
    const small = new Uint8Array(await photo.clone().resize(500, 300, { fit: "fill" }).webp({ quality: 90 }).toBuffer());
    const full = new Uint8Array(await photo.clone().webp({ quality: 90 }).toBuffer());
    const anmf = (x: number, y: number, width: number, height: number, image: Uint8Array) =>
      chunk("ANMF", concat(le24(x / 2), le24(y / 2), le24(width - 1), le24(height - 1), le24(100), [0], imageChunks(image)));
    const source = riff(
      chunk("VP8X", concat([0x12, 0, 0, 0], le24(899), le24(599))),
      chunk("ANIM", concat(le32(0), [0, 0])),
      anmf(200, 100, 500, 300, small),
      anmf(0, 0, 900, 600, full),
    );
    const info = probe(source);
    expect(info.kind === "image" && info.info.webp).toMatchObject({ animated: true, frame: { x: 200, y: 100, width: 500, height: 300 } });
    expect(await compare(source)).toBeGreaterThanOrEqual(35);
    const thumb = await generateThumbnail(request("200x", "scale", "png"), config, core, source);
    const { data } = await sharp(thumb.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([data[3], data[(66 * 200 + 100) * 4 + 3]]).toEqual([0, 255]);
  });

  it("EXIF orientation 6: scaled in its stored axes, then turned, as sharp shows it", async () => {
    const source = new Uint8Array(await photo.clone().webp({ quality: 85 }).withMetadata({ orientation: 6 }).toBuffer());
    const info = probe(source);
    expect(info.kind === "image" && info.info.orientation).toBe(6);
    const prepared = prepareThumbnail(request("200x", "scale", "png"), config, source);
    expect(prepared.cost.rows).toEqual({ width: 600, height: 400 });
    const thumb = await generateThumbnail(request("200x", "scale", "png"), config, core, source, undefined, prepared);
    expect([thumb.width, thumb.height]).toEqual([200, 300]);
    const reference = await sharp(source).rotate().resize(200).png().toBuffer();
    expect(await psnr(thumb.bytes, new Uint8Array(reference))).toBeGreaterThanOrEqual(35);
  });

  it("a large lossy WebP streams: 4000×3000 to 1200x900/crop .jpg in an exact size", async () => {
    const source = new Uint8Array(await photo.clone().resize(4000, 3000, { fit: "fill" }).webp({ quality: 75 }).toBuffer());
    const prepared = prepareThumbnail(request("1200x900", "crop", "jpeg"), config, source);
    expect(prepared.cost.rows).toEqual({ width: 2400, height: 1800 });
    // Lossy: no frame anywhere, only the source's two copies and strips.
    expect(prepared.cost.decoderBytes).toBeLessThan(source.byteLength + 4 * 2 ** 20);
    const thumb = await generateThumbnail(request("1200x900", "crop", "jpeg"), config, core, source, undefined, prepared);
    const meta = await sharp(thumb.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1200, 900]);
  });
});

describe("the WebP probe", () => {
  it("does not guess past the bytes read: an image chunk after a 100 KB ICC profile is read on for, then costed as lossy", async () => {
    const lossy = new Uint8Array(await photo.clone().webp({ quality: 80 }).toBuffer());
    const source = riff(chunk("VP8X", concat([0x20, 0, 0, 0], le24(899), le24(599))), chunk("ICCP", new Uint8Array(100_000)), imageChunks(lossy));
    expect(probe(source.subarray(0, 64 * 1024))).toEqual({ kind: "corrupt", reason: "webp: no VP8, VP8L or ANMF chunk" });
    const whole = probe(source);
    expect(whole.kind === "image" && whole.info.webp).toEqual({ lossless: false, alpha: 0, animated: false, frame: { x: 0, y: 0, width: 900, height: 600 } });
    const thumb = await generateThumbnail(request("90x", "scale", "jpeg"), config, core, source);
    expect([thumb.width, thumb.height]).toEqual([90, 60]);
  });
});

describe("WebP sources refused", () => {
  it("a lossless 5000×4000 WebP: 413 OVER_MEMORY_LIMIT, its decoder's 80 MB ARGB frame counted", async () => {
    const source = new Uint8Array(
      await sharp({ create: { width: 5000, height: 4000, channels: 3, background: "#3366aa" } }).webp({ lossless: true }).toBuffer(),
    );
    const error = await refusal(Promise.resolve().then(() => prepareThumbnail(request("300x", "scale", "jpeg"), config, source)));
    expect([error.code, error.status]).toEqual(["OVER_MEMORY_LIMIT", 413]);
  });

  it("corrupt or truncated data: 422 SOURCE_UNDECODABLE", async () => {
    const good = new Uint8Array(await photo.clone().webp({ quality: 80 }).toBuffer());
    const garbage = good.slice();
    garbage.fill(0x55, 40, garbage.length);
    const truncated = good.slice(0, good.length >> 1);
    new DataView(truncated.buffer).setUint32(4, truncated.length - 8, true);
    for (const source of [garbage, truncated]) {
      const error = await refusal(generateThumbnail(request("100x", "scale", "jpeg"), config, core, source));
      expect([error.code, error.status]).toEqual(["SOURCE_UNDECODABLE", 422]);
    }
  });

  it("a decoder given less memory than it needs: 422, and the core still works", async () => {
    const source = new Uint8Array(await photo.clone().webp({ lossless: true }).toBuffer());
    const prepared = prepareThumbnail(request("100x", "scale", "jpeg"), config, source);
    const starved = { ...prepared, cost: { ...prepared.cost, decoderBytes: source.byteLength + 256 * 1024 } };
    const error = await refusal(generateThumbnail(request("100x", "scale", "jpeg"), config, core, source, undefined, starved));
    expect([error.code, error.status, error.message]).toEqual(["SOURCE_UNDECODABLE", 422, "webp decoder: the WebP decoder reached its memory reservation"]);
    const thumb = await generateThumbnail(request("100x", "scale", "jpeg"), config, core, source);
    expect(thumb.width).toBe(100);
  });
});
