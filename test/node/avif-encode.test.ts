// AVIF thumbnails encoded by libaom in the AV1 module (wasm/build/av1.wasm) and wrapped by
// avif-writer.ts: read back by sharp (libheif) and by our own parser, compared with sharp's resize of
// the same source; and the memory an AVIF source thumbnailed to AVIF takes (one instance, not two).
import sharp from "sharp";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import coreModule from "../../wasm/build/core.wasm";
import { ThumbnailError } from "../../src/errors";
import { av1Pool, avifPlanes, encodeAvif, instantiateAv1 } from "../../src/pipeline/av1";
import { avifQuantizer } from "../../src/pipeline/avif-settings";
import { obus, OBU_SEQUENCE_HEADER, parseAvif } from "../../src/pipeline/avif";
import { writeAvif } from "../../src/pipeline/avif-writer";
import { av1DecoderBytes, av1EncoderBytes, avifOutputBound } from "../../src/pipeline/budget";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { generateThumbnail, prepareThumbnail } from "../../src/pipeline/index";
import { psnr, rgbaOf } from "./pixels";
import { config, fixture, request } from "./requests";

const channel = (rgba: Uint8Array, c: number) => rgba.filter((_, i) => i % 4 === c);
const rgb = (rgba: Uint8Array) => rgba.filter((_, i) => i % 4 !== 3);

let core: ImageCore;
let photo: Buffer;

beforeAll(async () => {
  core = await instantiateCore(coreModule);
  photo = await sharp(fixture("Landscape_1.jpg")).resize(640, 480, { fit: "fill" }).jpeg({ quality: 95 }).toBuffer();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("AVIF output (libaom)", () => {
  it("a JPEG's thumbnail: exact size, read by sharp and by our parser, ≥ 32 dB against sharp's resize", async () => {
    const thumb = await generateThumbnail(request("300x", "scale", "avif"), config, core, new Uint8Array(photo));
    expect(thumb.contentType).toBe("image/avif");
    const meta = await sharp(thumb.bytes).metadata();
    expect([meta.format, meta.compression, meta.width, meta.height, meta.hasAlpha]).toEqual(["heif", "av1", 300, 225, false]);
    expect(Buffer.from(thumb.bytes.subarray(4, 12)).toString("latin1")).toBe("ftypavif");

    const file = parseAvif(thumb.bytes);
    expect(file.alpha).toBeNull();
    expect([file.color.width, file.color.height, file.color.tiles.length]).toEqual([300, 225, 1]);
    expect(file.color.config).toMatchObject({ bitDepth: 8, monochrome: false, subsamplingX: true, subsamplingY: true });
    expect(file.nclx).toMatchObject({ matrix: 6, fullRange: true });
    // The item starts with its sequence header: libaom's temporal delimiter is not stored (AV1-ISOBMFF 2.4).
    const tile = file.color.tiles[0] ?? new Uint8Array();
    expect([...obus(tile, 0, tile.length)][0]?.type).toBe(OBU_SEQUENCE_HEADER);

    const ours = await rgbaOf(thumb.bytes);
    const ref = await rgbaOf(photo, { width: 300, height: 225 });
    expect(psnr(rgb(ours.data), rgb(ref.data))).toBeGreaterThanOrEqual(32);
  });

  it("a lower AVIF_QUALITY gives a smaller file (libavif's quality scale)", async () => {
    const at = async (quality: number) =>
      (await generateThumbnail(request("300x", "scale", "avif"), { ...config, quality: { ...config.quality, avif: quality } }, core, new Uint8Array(photo))).bytes.length;
    expect(await at(30)).toBeLessThan(await at(80));
    expect([avifQuantizer(100), avifQuantizer(60), avifQuantizer(0)]).toEqual([0, 25, 63]);
  });

  it("transparency becomes a monochrome alpha item linked to the colour item", async () => {
    const { data, info } = await sharp(photo).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) data[(y * info.width + x) * 4 + 3] = Math.hypot(x - 320, y - 240) < 100 ? 0 : Math.round((x / info.width) * 255);
    }
    const png = new Uint8Array(await sharp(data, { raw: info }).png().toBuffer());
    const thumb = await generateThumbnail(request("320x", "scale", "avif"), config, core, png);
    const file = parseAvif(thumb.bytes);
    expect(file.alpha?.config).toMatchObject({ monochrome: true, bitDepth: 8 });
    expect((await sharp(thumb.bytes).metadata()).hasAlpha).toBe(true);

    const ours = await rgbaOf(thumb.bytes);
    const ref = await rgbaOf(png, { width: 320, height: 240 });
    expect([ours.width, ours.height]).toEqual([320, 240]);
    expect(psnr(channel(ours.data, 3), channel(ref.data, 3))).toBeGreaterThanOrEqual(30);
  });

  it("an opaque source has no alpha item", async () => {
    const png = new Uint8Array(await sharp(photo).png().toBuffer());
    const thumb = await generateThumbnail(request("200x", "scale", "avif"), config, core, png);
    expect(parseAvif(thumb.bytes).alpha).toBeNull();
  });
});

describe("AVIF to AVIF in one AV1 instance", () => {
  it.each(["scale", "smart"] as const)("%s: the source's instance encodes too, and the reservation is the larger need, not the sum", async (method) => {
    const avif = new Uint8Array(await sharp(photo).resize(2400, 1800).avif({ quality: 50, effort: 0 }).toBuffer());
    const req = request(method === "smart" ? "600x600" : "600x", method, "avif");
    const prepared = prepareThumbnail(req, config, avif);
    const file = prepared.info.avif;
    if (!file) throw new Error("no parsed AVIF");
    const decodeNeed = av1DecoderBytes(file);
    const encodeNeed = av1EncoderBytes(prepared.plan.width, prepared.plan.height, config.quality.avif);
    expect(prepared.cost.av1Bytes).toBeGreaterThanOrEqual(Math.max(decodeNeed, encodeNeed));
    expect(prepared.cost.av1Bytes).toBeLessThan(decodeNeed + encodeNeed);
    // Besides the instance: the encoded pictures copied out of it, and the file (at most twice the largest AVIF).
    expect(prepared.cost.otherBytes).toBe(prepared.cost.av1Bytes + 2 * avifOutputBound(prepared.plan.width * prepared.plan.height, config.quality.avif));

    av1Pool.reclaim();
    const acquire = vi.spyOn(av1Pool, "acquire");
    const thumb = await generateThumbnail(req, config, core, avif, undefined, prepared);
    expect(acquire).toHaveBeenCalledTimes(1);
    const ours = await rgbaOf(thumb.bytes);
    expect([ours.width, ours.height]).toEqual([prepared.plan.width, prepared.plan.height]);
    if (method === "scale") {
      const ref = await rgbaOf(avif, { width: 600, height: 450 });
      expect(psnr(rgb(ours.data), rgb(ref.data))).toBeGreaterThanOrEqual(30);
    }
  });

  it("a JPEG thumbnailed to AVIF takes one instance, sized for the encoder", async () => {
    const jpeg = new Uint8Array(await sharp(photo).resize(2000, 1500).jpeg().toBuffer());
    const prepared = prepareThumbnail(request("1200x", "scale", "avif"), config, jpeg);
    expect(prepared.cost.av1Bytes).toBeGreaterThanOrEqual(av1EncoderBytes(1200, 900, config.quality.avif));
    av1Pool.reclaim();
    const acquire = vi.spyOn(av1Pool, "acquire");
    const thumb = await generateThumbnail(request("1200x", "scale", "avif"), config, core, jpeg, undefined, prepared);
    expect(acquire).toHaveBeenCalledTimes(1);
    expect(acquire).toHaveBeenCalledWith(prepared.cost.av1Bytes);
    const ours = await rgbaOf(thumb.bytes);
    expect([ours.width, ours.height]).toEqual([1200, 900]);
    const ref = await rgbaOf(jpeg, { width: 1200, height: 900 });
    expect(psnr(rgb(ours.data), rgb(ref.data))).toBeGreaterThanOrEqual(30);
  });
});

describe("a monochrome AVIF source", () => {
  it("decodes as grey (dav1d's I400 layout), ≥ 30 dB against the plane it was made from", async () => {
    // libaom's monochrome picture of a thumbnail's alpha plane, stored as a colour item of its own.
    const { data, info } = await sharp(photo).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const luma = await sharp(photo).greyscale().raw().toBuffer();
    for (let i = 0; i < info.width * info.height; i++) data[i * 4 + 3] = luma[i] ?? 0;
    const png = new Uint8Array(await sharp(data, { raw: info }).png().toBuffer());
    const withAlpha = parseAvif((await generateThumbnail(request("320x", "scale", "avif"), config, core, png)).bytes);
    const grey = withAlpha.alpha?.tiles[0];
    if (!grey) throw new Error("no alpha item");
    const mono = writeAvif({ width: 320, height: 240, color: grey });
    expect(parseAvif(mono).color.config.monochrome).toBe(true);

    const thumb = await generateThumbnail(request("160x", "scale", "png"), config, core, mono);
    const ours = await rgbaOf(thumb.bytes);
    expect([ours.width, ours.height]).toEqual([160, 120]);
    const ref = await rgbaOf(await sharp(photo).greyscale().toBuffer(), { width: 160, height: 120 });
    expect(channel(ours.data, 0)).toEqual(channel(ours.data, 2));
    expect(psnr(rgb(ours.data), rgb(ref.data))).toBeGreaterThanOrEqual(30);
  });
});

describe("AVIF output of incompressible pixels", () => {
  // Noise with translucent alpha: the largest pictures libaom makes, and its entropy coder's buffers
  // grow with them. The same pixels in every test, whatever ran before.
  const noisy = async (width: number, height: number) => {
    let seed = 7;
    const noise = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24) & 255;
    return new Uint8Array(await sharp(Uint8Array.from({ length: width * height * 4 }, noise), { raw: { width, height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer());
  };
  const best = { ...config, quality: { ...config.quality, avif: 100 } };

  it("fits what the cost model reserves at AVIF_QUALITY 100, and decodes", async () => {
    const png = await noisy(1200, 800);
    const thumb = await generateThumbnail(request("1200x", "scale", "avif"), best, core, png);
    const ours = await rgbaOf(thumb.bytes);
    const ref = await rgbaOf(png);
    expect([ours.width, ours.height]).toEqual([1200, 800]);
    expect(psnr(channel(ours.data, 3), channel(ref.data, 3))).toBeGreaterThanOrEqual(40);
  });

  it.each([
    // The internal message says which path it took: a flagged allocation, a trap, or av1e_begin's NULL.
    ["its allocations fail but libaom carries on", 25, "libaom encoding the colour picture needed"],
    ["libaom traps", 20, "libaom needed"],
    ["its planes do not fit", 4, "the planes of a 1200x800 picture needed"],
  ])("an instance too small for them ends in a 413, never a picture (%s)", async (_, mb, what) => {
    const png = await noisy(1200, 800);
    const { data } = await rgbaOf(png);
    const ptr = core.exports.alloc(data.length + 800);
    new Uint8Array(core.exports.memory.buffer, ptr, data.length).set(data);
    const frame = core.frame(ptr, 1200, 800);
    const instance = await instantiateAv1(mb * 2 ** 20);
    let failure: unknown;
    try {
      const alpha = avifPlanes(instance, core, frame);
      encodeAvif(instance, 1200, 800, alpha, 100);
    } catch (error) {
      failure = error;
    } finally {
      frame.free();
    }
    expect(failure).toBeInstanceOf(ThumbnailError);
    expect((failure as ThumbnailError).code).toBe("OVER_MEMORY_LIMIT");
    expect((failure as ThumbnailError).message).toContain(what);
  });

  it("through the pipeline: 413, the AV1 instance dropped, the core kept and still right", async () => {
    const png = await noisy(1200, 800);
    const req = request("1200x", "scale", "avif");
    const prepared = prepareThumbnail(req, best, png);
    const starved = { ...prepared, cost: { ...prepared.cost, av1Bytes: 25 * 2 ** 20 } };
    av1Pool.reclaim();
    const failure = await generateThumbnail(req, best, core, png, undefined, starved).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ThumbnailError);
    expect((failure as ThumbnailError).status).toBe(413);
    expect(av1Pool.idleCount).toBe(0);
    const after = await generateThumbnail(request("200x", "scale", "png"), config, core, new Uint8Array(photo));
    const ours = await rgbaOf(after.bytes);
    const ref = await rgbaOf(photo, { width: 200, height: 150 });
    expect(psnr(rgb(ours.data), rgb(ref.data))).toBeGreaterThanOrEqual(35);
  });
});
