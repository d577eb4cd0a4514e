// AVIF decoded by dav1d (wasm/build/av1.wasm) through the whole pipeline, compared with sharp
// (libheif + dav1d/aom natively) at 200 px: 8-bit 4:2:0, 10-bit, 4:4:4 lossless (identity matrix),
// alpha, irot/imir, grids. The rotated, mirrored and grid files are written box by box
// (avif-writer.ts) from AV1 data sharp encoded.
import sharp, { type Sharp } from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import coreModule from "../../wasm/build/core.wasm";
import { ThumbnailError } from "../../src/errors";
import { av1Pool } from "../../src/pipeline/av1";
import { parseAvif } from "../../src/pipeline/avif";
import { av1DecoderBytes } from "../../src/pipeline/budget";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { generateThumbnail, prepareThumbnail } from "../../src/pipeline/index";
import { type OutputFormat } from "../../src/url";
import { av1Data, findBox, grid, imir, irot, ispe, sequence, withProperties, writeAvif } from "./avif-writer";
import { psnr, rgbaOf as rgba } from "./pixels";
import { config, fixture, request } from "./requests";

let core: ImageCore;
let photo: Buffer;

/** Our thumbnail as RGBA and sharp's `reference` at the same size: PSNR over every channel. */
async function compare(source: Uint8Array, size: string, reference: (s: Sharp) => Sharp, format: OutputFormat = "png") {
  const thumb = await generateThumbnail(request(size, "scale", format), config, core, source);
  const ours = await rgba(thumb.bytes);
  const ref = await rgba(reference(sharp(source)).resize(ours.width, ours.height, { fit: "fill" }));
  return { width: ours.width, height: ours.height, psnr: psnr(ours.data, ref.data) };
}

beforeAll(async () => {
  core = await instantiateCore(coreModule);
  photo = await sharp(fixture("Landscape_1.jpg")).resize(640, 480, { fit: "fill" }).toBuffer();
});

describe("AVIF decoded by dav1d", () => {
  it.each([
    ["8-bit 4:2:0", { quality: 60, chromaSubsampling: "4:2:0" }],
    ["8-bit 4:4:4", { quality: 60, chromaSubsampling: "4:4:4" }],
    ["10-bit 4:2:0", { quality: 60, chromaSubsampling: "4:2:0", bitdepth: 10 }],
    ["12-bit 4:4:4", { quality: 60, bitdepth: 12 }],
    ["lossless (identity matrix, GBR)", { lossless: true }],
  ] as const)("%s: 200×150, ≥ 35 dB against sharp", async (_, options) => {
    const avif = new Uint8Array(await sharp(photo).avif({ effort: 2, ...options }).toBuffer());
    const result = await compare(avif, "200x", (s) => s);
    expect([result.width, result.height]).toEqual([200, 150]);
    expect(result.psnr).toBeGreaterThanOrEqual(35);
  });

  it("pitm.avif (a primary item that is not item 1)", async () => {
    const avif = fixture("pitm.avif");
    const result = await compare(avif, "200x", (s) => s);
    expect(result.width).toBe(200);
    expect(result.psnr).toBeGreaterThanOrEqual(35);
  });

  it("an alpha auxiliary image is merged row by row (RGBA against sharp's)", async () => {
    const { data, info } = await sharp(photo).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    // Alpha: a horizontal ramp with a transparent hole, so both the edges and the hole are compared.
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) data[(y * info.width + x) * 4 + 3] = Math.hypot(x - 320, y - 240) < 80 ? 0 : Math.round((x / info.width) * 255);
    }
    const avif = new Uint8Array(await sharp(data, { raw: info }).avif({ quality: 70, effort: 2 }).toBuffer());
    expect(parseAvif(avif).alpha).not.toBeNull();
    const thumb = await generateThumbnail(request("200x", "scale", "png"), config, core, avif);
    const ours = await rgba(thumb.bytes);
    const ref = await rgba(sharp(avif).resize(200, 150, { fit: "fill" }));
    // Alpha itself, and colour where it is visible (both premultiply when resizing).
    const alphaOf = (p: Uint8Array) => p.filter((_, i) => i % 4 === 3);
    expect(psnr(alphaOf(ours.data), alphaOf(ref.data))).toBeGreaterThanOrEqual(35);
    const opaque = (p: Uint8Array, a: Uint8Array) => p.filter((_, i) => i % 4 !== 3 && (a[i - (i % 4) + 3] ?? 0) > 128);
    expect(psnr(opaque(ours.data, ref.data), opaque(ref.data, ref.data))).toBeGreaterThanOrEqual(35);
  });

  it("a JPEG from an AVIF with alpha is flattened onto white", async () => {
    const avif = new Uint8Array(await sharp(photo).ensureAlpha(0).avif({ quality: 60, effort: 2 }).toBuffer());
    const thumb = await generateThumbnail(request("100x", "scale", "jpeg"), config, core, avif);
    const { data } = await rgba(thumb.bytes);
    expect(Math.min(...data)).toBeGreaterThan(245);
  });
});

describe("AVIF irot and imir", () => {
  let plain: Uint8Array;
  let displayed: Buffer;
  beforeAll(async () => {
    plain = new Uint8Array(await sharp(photo).avif({ quality: 70, chromaSubsampling: "4:2:0", effort: 2 }).toBuffer());
    displayed = await sharp(plain).png().toBuffer();
  });

  // [irot quarter turns anticlockwise, imir axis or none]: rotation first, then the mirror (HEIF 6.5.10–12).
  it.each([
    [1, null],
    [2, null],
    [3, null],
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
    [3, 0],
  ] as const)("irot %s, imir %s: shown as sharp turns and mirrors the same pixels", async (angle, axis) => {
    const source = withProperties(plain, [...(angle ? [irot(angle)] : []), ...(axis === null ? [] : [imir(axis)])]);
    const turned = await sharp(displayed).rotate(360 - angle * 90).png().toBuffer();
    const mirrored = axis === null ? sharp(turned) : axis === 0 ? sharp(turned).flop() : sharp(turned).flip();
    const expected = await mirrored.png().toBuffer();
    const result = await compare(source, "200x", () => sharp(expected));
    expect([result.width, result.height]).toEqual(angle % 2 ? [200, 267] : [200, 150]);
    expect(result.psnr).toBeGreaterThanOrEqual(35);
  });
});

describe("AVIF grids", () => {
  it("2×2 tiles of 352×256 cropped to 640×480, 10-bit", async () => {
    const padded = await sharp(photo).extend({ right: 64, bottom: 32, background: "#ff00ff" }).toBuffer();
    const tiles: Uint8Array[] = [];
    for (const [left, top] of [[0, 0], [352, 0], [0, 256], [352, 256]] as const) {
      tiles.push(new Uint8Array(await sharp(padded).extract({ left, top, width: 352, height: 256 }).avif({ quality: 70, effort: 2, bitdepth: 10 }).toBuffer()));
    }
    const source = grid(tiles, 2, 640, 480);
    const parsed = parseAvif(source);
    expect([parsed.color.columns, parsed.color.rows, parsed.color.width, parsed.color.height]).toEqual([2, 2, 640, 480]);
    const result = await compare(source, "200x", () => sharp(photo));
    expect([result.width, result.height]).toEqual([200, 150]);
    expect(result.psnr).toBeGreaterThanOrEqual(35);
  });

  it("tiles that do not cover the grid are refused before decoding (422)", async () => {
    const tile = new Uint8Array(await sharp(photo).resize(64, 64).avif({ effort: 2 }).toBuffer());
    const source = grid([tile, tile], 2, 200, 64);
    const error = await generateThumbnail(request("50x", "scale", "jpeg"), config, core, source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThumbnailError);
    expect([(error as ThumbnailError).code, (error as ThumbnailError).status]).toEqual(["SOURCE_UNDECODABLE", 422]);
  });
});

describe("broken AV1 data", () => {
  it("an item cut in half is 422 from dav1d, and the next AVIF decodes", async () => {
    const avif = new Uint8Array(await sharp(photo).avif({ quality: 60, effort: 2 }).toBuffer());
    const data = av1Data(avif);
    const cut = writeAvif({ primary: 1, items: [{ id: 1, type: "av01", data: data.subarray(0, data.length >> 1), properties: [findBox(avif, "av1C"), ispe(640, 480)] }] });
    const error = await generateThumbnail(request("100x", "scale", "jpeg"), config, core, cut).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThumbnailError);
    expect([(error as ThumbnailError).code, (error as ThumbnailError).status]).toEqual(["SOURCE_UNDECODABLE", 422]);
    const thumb = await generateThumbnail(request("100x", "scale", "jpeg"), config, core, avif);
    expect([thumb.width, thumb.height]).toEqual([100, 75]);
  });
});

describe("animated AVIF (avis)", () => {
  it("without a still item: its first frame", async () => {
    const first = new Uint8Array(await sharp(photo).avif({ quality: 70, chromaSubsampling: "4:2:0", effort: 2 }).toBuffer());
    const second = new Uint8Array(await sharp(photo).negate({ alpha: false }).avif({ quality: 70, chromaSubsampling: "4:2:0", effort: 2 }).toBuffer());
    const source = sequence([first, second]);
    expect(parseAvif(source).color.tiles).toHaveLength(1);
    const result = await compare(source, "200x", () => sharp(first));
    expect([result.width, result.height]).toEqual([200, 150]);
    expect(result.psnr).toBeGreaterThanOrEqual(35);
  });
});

describe("AVIF memory", () => {
  it("the dav1d instance stays within what the budget reserved for it, and is given back", async () => {
    const big = new Uint8Array(await sharp(photo).resize(3000, 2400).avif({ quality: 50, chromaSubsampling: "4:2:0", effort: 0 }).toBuffer());
    const prepared = prepareThumbnail(request("300x", "scale", "jpeg"), config, big);
    const file = prepared.info.avif;
    if (!file) throw new Error("no parsed AVIF");
    const reserved = av1DecoderBytes(file);
    // 4:2:0 8-bit planes (1.5 bytes per pixel), dav1d's own state and its size class: less than the
    // RGBA frame alone that the jSquash decoder held (besides its JS copy and the core's copy).
    expect(reserved / (3000 * 2400)).toBeLessThan(4);
    expect(prepared.cost.otherBytes).toBe(reserved);
    av1Pool.reclaim();
    // The instance's memory maximum is the reservation: dav1d allocating past it would fail the request.
    const thumb = await generateThumbnail(request("300x", "scale", "jpeg"), config, core, big, undefined, prepared);
    expect([thumb.width, thumb.height]).toEqual([300, 240]);
    // A decoder that size is not kept idle (at most 16 MiB is); a small one is, for the next request.
    expect(av1Pool.idleCount).toBe(0);
    await generateThumbnail(request("100x", "scale", "jpeg"), config, core, new Uint8Array(await sharp(photo).avif({ effort: 2 }).toBuffer()));
    expect(av1Pool.idleCount).toBe(1);
    expect(av1Pool.heldBytes).toBeLessThanOrEqual(16 * 2 ** 20);
  });

  it("a colr ICC profile is exposed for colour management", async () => {
    const avif = new Uint8Array(await sharp(photo).withIccProfile("p3").avif({ effort: 2 }).toBuffer());
    const icc = parseAvif(avif).icc;
    expect(icc).not.toBeNull();
    expect(Buffer.from(icc ?? []).toString("latin1", 36, 40)).toBe("acsp");
    expect(findBox(avif, "colr").length).toBeGreaterThan(100);
  });
});
