// PNG output (src/pipeline/png.ts over wasm/assembly/pngenc/): the colour type follows the content,
// and the file is lossless. Every PNG is decoded by sharp (libpng/libspng, independent of the core),
// its IHDR read for the colour type and bit depth, and its pixels compared with the frame exactly.
import { deflateSync, inflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import coreModule from "../../wasm/build/core.wasm";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { generateThumbnail } from "../../src/pipeline/index";
import { encodePng } from "../../src/pipeline/png";
import { parseSize, type Method, type ThumbnailRequest } from "../../src/url";
import { config, fixture } from "./requests";

let core: ImageCore;
beforeAll(async () => {
  core = await instantiateCore(coreModule);
});

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A frame from a pixel function (x, y) → [r, g, b, a]. */
function frame(width: number, height: number, pixel: (x: number, y: number) => readonly number[]): Frame {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

/** Encodes a copy of `f` as the pipeline does: in the core, with a FrameSink's spare byte per row. */
async function encode(f: Frame): Promise<Uint8Array> {
  const ptr = core.exports.alloc(f.width * f.height * 4 + f.height);
  new Uint8Array(core.exports.memory.buffer, ptr, f.data.length).set(f.data);
  const coreFrame = core.frame(ptr, f.width, f.height);
  try {
    return encodePng(core, coreFrame);
  } finally {
    coreFrame.free();
  }
}

const TYPES: Record<number, string> = { 0: "grey", 2: "rgb", 3: "palette", 4: "grey+alpha", 6: "rgba" };

/** The IHDR's colour type and bit depth, and the chunks in order. */
function layout(png: Uint8Array): { type: string; depth: number; chunks: string[] } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: string[] = [];
  for (let o = 8; o + 8 <= png.length; o += 12 + view.getUint32(o)) chunks.push(String.fromCharCode(...png.subarray(o + 4, o + 8)));
  return { type: TYPES[png[25] ?? -1] ?? `type ${png[25]}`, depth: png[24] ?? 0, chunks };
}

/** The zlib stream of a PNG's IDAT chunks. */
function idatData(png: Uint8Array): Buffer {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idat: Uint8Array[] = [];
  for (let o = 8; o + 8 <= png.length; o += 12 + view.getUint32(o)) {
    if (String.fromCharCode(...png.subarray(o + 4, o + 8)) === "IDAT") idat.push(png.subarray(o + 8, o + 8 + view.getUint32(o)));
  }
  return Buffer.concat(idat);
}

/** The filter type of every row (one sample per pixel or more: 8-bit images only). */
function rowFilters(png: Uint8Array): number[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[png[25] ?? 0] ?? 0;
  const raw = inflateSync(idatData(png));
  const stride = width * channels + 1;
  return Array.from({ length: raw.length / stride }, (_, y) => raw[y * stride] ?? -1);
}

/** sharp's decode of `png` as RGBA, checked against the frame pixel for pixel. */
async function expectLossless(png: Uint8Array, f: Frame): Promise<void> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([f.width, f.height]);
  let differing = 0;
  for (let i = 0; i < f.data.length; i++) if (data[i] !== f.data[i]) differing++;
  expect(differing).toBe(0);
}

const level = (v: number) => [v, v, v, 255];

describe("PNG output: the colour type follows the content, losslessly", () => {
  it.each([
    ["black and white blocks → grey 1-bit", frame(37, 23, (x, y) => level(((x >> 3) + (y >> 2)) % 3 === 0 ? 0 : 255)), "grey", 1],
    ["grey in steps of 85 → grey 2-bit", frame(41, 9, (x, y) => level(((x + y) % 4) * 85)), "grey", 2],
    ["grey in steps of 17 → grey 4-bit", frame(33, 17, (x, y) => level(((x * y) % 16) * 17)), "grey", 4],
    ["a grey gradient → grey 8-bit", frame(256, 20, (x) => level(x)), "grey", 8],
    ["three grey levels off the 2-bit grid → palette 2-bit (smaller than grey 8-bit)", frame(30, 30, (x) => level([10, 128, 240][x % 3] ?? 0)), "palette", 2],
    ["two colours → palette 1-bit", frame(19, 5, (x) => (x % 2 ? [255, 0, 0, 255] : [0, 0, 255, 255])), "palette", 1],
    ["12 colours → palette 4-bit", frame(50, 50, (x, y) => [(((x >> 1) + y) % 12) * 20, 100, 50, 255]), "palette", 4],
    ["200 colours → palette 8-bit", frame(200, 10, (x) => [x, 255 - x, (x * 7) & 255, 255]), "palette", 8],
    ["a colour gradient (> 256 colours) → RGB 8-bit", frame(64, 64, (x, y) => [x * 4, y * 4, 128, 255]), "rgb", 8],
    ["grey with > 256 grey/alpha pairs → grey+alpha 8-bit", frame(64, 64, (x, y) => [x * 4, x * 4, x * 4, y * 4]), "grey+alpha", 8],
    ["colour with > 256 colours and alpha → RGBA 8-bit", frame(64, 64, (x, y) => [x * 4, y * 4, (x * y) & 255, (x + y) * 2]), "rgba", 8],
    ["one pixel", frame(1, 1, () => [12, 34, 56, 255]), "palette", 1],
  ] as const)("%s", async (_name, f, type, depth) => {
    const png = await encode(f);
    const got = layout(png);
    expect([got.type, got.depth]).toEqual([type, depth]);
    expect(got.chunks.includes("tRNS")).toBe(false);
    await expectLossless(png, f);
  });

  it("a sub-byte depth is kept only when it deflates smaller than 8-bit samples", async () => {
    // 12 colours in random 5-pixel blocks: 4-bit bytes pair pixels across block edges, so packed
    // rows repeat less than the 8-bit ones, whose every block row repeats five times.
    let state = 7;
    const random = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    const blocks = Array.from({ length: 60 * 60 }, () => Math.floor(random() * 12));
    const f = frame(300, 300, (x, y) => [(blocks[((y / 5) | 0) * 60 + ((x / 5) | 0)] ?? 0) * 20, 0, 0, 255]);
    const png = await encode(f);
    expect(layout(png)).toMatchObject({ type: "palette", depth: 8 });
    await expectLossless(png, f);
    // The same indices packed 4-bit, unfiltered, through the same zlib (Node's deflate at level 6 is
    // CompressionStream's): larger than what was written.
    const indices = inflateSync(idatData(png));
    const stride = 150;
    const packed = new Uint8Array(300 * (stride + 1));
    for (let y = 0; y < 300; y++) {
      for (let x = 0; x < 300; x += 2) {
        packed[y * (stride + 1) + 1 + x / 2] = ((indices[y * 301 + 1 + x] ?? 0) << 4) | (indices[y * 301 + 2 + x] ?? 0);
      }
    }
    expect(deflateSync(packed).byteLength).toBeGreaterThan(idatData(png).byteLength);
  });

  it("a palette with translucent and transparent entries keeps them (tRNS)", async () => {
    const colours = [
      [255, 0, 0, 255],
      [0, 0, 0, 0],
      [0, 255, 0, 128],
      [0, 0, 255, 255],
      [255, 255, 255, 1],
    ];
    const f = frame(45, 31, (x, y) => colours[(x + 2 * y) % colours.length] ?? []);
    const png = await encode(f);
    const got = layout(png);
    expect(got).toEqual({ type: "palette", depth: 4, chunks: ["IHDR", "PLTE", "tRNS", "IDAT", "IEND"] });
    // The three non-opaque colours come first, so tRNS has three entries.
    const trns = png.indexOf(0x74, 33); // the "t" of the tRNS type
    expect(new DataView(png.buffer).getUint32(trns - 4)).toBe(3);
    await expectLossless(png, f);
  });

  it("grey with alpha and few pairs takes a palette with tRNS", async () => {
    const f = frame(30, 20, (x) => [x * 8, x * 8, x * 8, x % 2 ? 255 : 100]);
    const png = await encode(f);
    expect(layout(png)).toMatchObject({ type: "palette", depth: 8 });
    await expectLossless(png, f);
  });

  it.each([
    ["a photo", "kitten.jpg", 300, 205],
    ["an alpha PNG", "embedgravitybird.png", 301, 201],
    ["a text screenshot", "screenshot-text.png", 640, 400],
  ])("%s resized by sharp is encoded losslessly", async (_name, file, width, height) => {
    const data = new Uint8Array(await sharp(fixture(file)).resize(width, height, { fit: "fill" }).ensureAlpha().raw().toBuffer());
    const f = { width, height, data };
    const png = await encode(f);
    await expectLossless(png, f);
    const opaque = data.every((v, i) => i % 4 !== 3 || v === 255);
    expect(["grey+alpha", "rgba", "palette"].includes(layout(png).type) || opaque).toBe(true);
  });
});

describe("row filters", () => {
  const resized = async (file: string, width: number, height: number): Promise<Frame> => ({
    width,
    height,
    data: new Uint8Array(await sharp(fixture(file)).resize(width, height, { fit: "fill" }).ensureAlpha().raw().toBuffer()),
  });

  it("a photo's rows are filtered (adaptively: more than one filter type), and smaller for it", async () => {
    const f = await resized("Landscape_1.jpg", 300, 225);
    const png = await encode(f);
    const filters = new Set(rowFilters(png));
    expect(filters.size).toBeGreaterThan(1);
    expect(filters.has(0) && filters.size === 1).toBe(false);
    const unfiltered = await sharp(Buffer.from(f.data), { raw: { width: 300, height: 225, channels: 4 } }).removeAlpha().png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
    expect(png.byteLength).toBeLessThan(unfiltered.byteLength * 0.85);
  });

  it.each([
    ["judged on sampled bands", 800, 500],
    ["judged on the whole image", 400, 120],
  ])("a text screenshot keeps its rows unfiltered, where they deflate smaller (%s)", async (_, width, height) => {
    const f = await resized("screenshot-text.png", width, height);
    const png = await encode(f);
    expect(layout(png).type).toBe("rgb");
    expect(new Set(rowFilters(png))).toEqual(new Set([0]));
    await expectLossless(png, f);
  });

  it("each photo row takes the filter with the smallest sum of |residual| (libpng's heuristic), ties to the lower type", async () => {
    // Widths with a tail past the 16-byte SIMD blocks (3 × 301 = 903 bytes per row), RGB and RGBA; a
    // photo, and bands made for Sub (a horizontal ramp, each row shifted at random) and Up (a vertical
    // ramp over horizontal noise).
    const noise = (n: number) => (Math.imul(n + 1, 2654435761) >>> 24) & 255;
    const bands = frame(301, 60, (x, y) =>
      y < 30
        ? [(x * 37 + noise(y)) & 255, (x * 11 + noise(y + 99)) & 255, (x * 5 + noise(y + 199)) & 255, 255]
        : [(noise(x) + y * 3) & 255, (noise(x + 999) + y * 2) & 255, (noise(x + 1999) + y) & 255, 255],
    );
    const seen = new Set<number>();
    for (const f of [await resized("Landscape_1.jpg", 301, 120), bands, { ...(await resized("Landscape_1.jpg", 97, 60)), translucent: true }]) {
      const data = "translucent" in f ? f.data.map((v, i) => (i % 4 === 3 ? (i * 7) & 255 : v)) : f.data;
      const channels = "translucent" in f ? 4 : 3;
      const png = await encode({ ...f, data });
      expect(layout(png).type).toBe(channels === 4 ? "rgba" : "rgb");
      const rows = Array.from({ length: f.height }, (_, y) =>
        Uint8Array.from({ length: f.width * channels }, (_, i) => data[(y * f.width + Math.floor(i / channels)) * 4 + (i % channels)] ?? 0),
      );
      const cost = (r: number) => Math.abs(((r + 128) & 255) - 128);
      const paeth = (a: number, b: number, c: number) => {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const expected = rows.map((row, y) => {
        const prev = rows[y - 1] ?? new Uint8Array(row.length);
        const sums = [0, 0, 0, 0, 0];
        row.forEach((x, i) => {
          const a = i >= channels ? (row[i - channels] ?? 0) : 0;
          const b = prev[i] ?? 0;
          const c = i >= channels ? (prev[i - channels] ?? 0) : 0;
          [x, x - a, x - b, x - ((a + b) >> 1), x - paeth(a, b, c)].forEach((r, t) => (sums[t] = (sums[t] ?? 0) + cost(r)));
        });
        return sums.indexOf(Math.min(...sums));
      });
      expected.forEach((t) => seen.add(t));
      expect(rowFilters(png)).toEqual(expected);
      await expectLossless(png, { ...f, data });
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it("a flat graphic whose filtered rows deflate smaller keeps them", async () => {
    // Flat bands (repeats) over a diagonal gradient (> 256 colours): Sub/Up residuals are constant.
    const f = frame(200, 200, (x, y) => (y % 40 < 20 ? [60, 120, 180, 255] : [x, y, (x + y) & 255, 255]));
    const png = await encode(f);
    expect(rowFilters(png).some((t) => t !== 0)).toBe(true);
    await expectLossless(png, f);
  });
});

function request(size: string, method: Method): ThumbnailRequest {
  return { source: "s", size: parseSize(size, config.maxDimension), method, ext: ".png", format: "png", signature: "0".repeat(32), key: `s/${size}/${method}/x.png` };
}

describe("PNG thumbnails through the pipeline", () => {
  it.each([
    ["kitten.jpg (a grey photo in a colour JPEG)", "kitten.jpg", "300x300", "crop", 300, 300, "grey"],
    ["embedgravitybird.png (an RGBA PNG whose alpha is all opaque)", "embedgravitybird.png", "150x", "scale", 150, 100, "rgb"],
    ["png/rgba8.png (translucent colour, enlarged)", "png/rgba8.png", "122x74", "crop", 122, 74, "rgba"],
    ["16-bit-grey-alpha.png (grey and alpha, few pairs at this size)", "16-bit-grey-alpha.png", "50x", "scale", 50, 44, "palette"],
    ["Crash_test.gif (a 256-colour GIF at its own size)", "Crash_test.gif", "800x", "scale", 800, 533, "palette"],
    ["screenshot-text.png", "screenshot-text.png", "800x", "scale", 800, 500, "rgb"],
  ] as const)("%s", async (_name, file, size, method, width, height, type) => {
    const source = fixture(file);
    const thumb = await generateThumbnail(request(size, method), config, core, source);
    const meta = await sharp(thumb.bytes).metadata();
    expect([meta.format, meta.width, meta.height, thumb.width, thumb.height]).toEqual(["png", width, height, width, height]);
    expect(layout(thumb.bytes).type).toBe(type);
    expect(meta.hasAlpha).toBe(type === "rgba" || type === "palette" ? !(await sharp(source).stats()).isOpaque : false);
    // sharp's thumbnail of the same source is the reference: the same picture, not a broken one.
    const ours = await sharp(thumb.bytes).ensureAlpha().raw().toBuffer();
    const ref = await sharp(source).resize(width, height, { fit: method === "crop" ? "cover" : "fill" }).ensureAlpha().raw().toBuffer();
    // Premultiplied: the colour under a transparent pixel is nobody's to compare.
    const premultiplied = (p: Uint8Array, i: number) => (i % 4 === 3 ? (p[i] ?? 0) : ((p[i] ?? 0) * (p[i - (i % 4) + 3] ?? 0)) / 255);
    let sum = 0;
    for (let i = 0; i < ref.length; i++) sum += (premultiplied(ours, i) - premultiplied(ref, i)) ** 2;
    expect(10 * Math.log10((255 * 255) / (sum / ref.length))).toBeGreaterThan(30);
  });
});
