// Tests of the wasm core's PNG decoder (wasm/assembly/png/): every colour type and bit depth, tRNS,
// Adam7, all deflate block types, streamed over many IDAT chunks. Reference: sharp (libvips' libspng);
// PNG is lossless, so 8-bit images must match exactly (RGBA; sharp is asked for sRGB + alpha) and
// 16-bit ones within ±1 (the core keeps the high byte, libvips may round).
//
// Fixtures (test/fixtures/png/, 61×37 pixels each, 26 files, 110 KB in all; the filter types each uses
// are in brackets):
//  - sharp 0.35 from Landscape_1.jpg resized to 61×37 (`fit: "fill"`); "alpha" = a horizontal ramp
//    0..255 with the top 5 rows 0, added with `.joinChannel`. All but rgb8.png with
//    `adaptiveFiltering: true`:
//    rgb8.png `.png()` [None], rgb8-filtered.png [Sub, Avg, Paeth], rgb8-adam7.png
//    `.png({ progressive: true })` [all 5], rgba8.png / rgba8-adam7.png (with alpha),
//    pal1/2/4/8.png `.png({ palette: true, colours: 2/4/16/256, bitdepth: 1/2/4/8, dither: 0 })`
//    [all 5], pal8-trns-adam7.png (with alpha, `colours: 64, progressive: true`: PLTE + tRNS),
//    rgb16.png `.toColourspace("rgb16")`, rgba16.png / rgba16-adam7.png (with alpha, rgb16),
//    grey16.png `.greyscale().toColourspace("grey16")`.
//  - ImageMagick 6.9.11 `convert` from rgb8.png / rgba8.png (adaptive filters where it filters):
//    grey8.png `-colorspace Gray -define png:color-type=0 -define png:bit-depth=8` (+ `-interlace PNG`:
//    grey8-adam7.png), grey1/2/4.png `-colorspace Gray -depth N -define png:color-type=0
//    -define png:bit-depth=N` [None] (grey2-adam7.png interlaced), greya8.png (from rgba8.png,
//    `-define png:color-type=4`), greya16-adam7.png (`-depth 16 ... -interlace PNG`),
//    rgb8-trns.png `-fill white -draw 'rectangle 10,10 30,20' -transparent white
//    -define png:color-type=2` (tRNS RGB colour key), rgb16-trns-adam7.png (same, `-depth 16`,
//    interlaced), rgb8-stored.png `-define png:compression-level=0` (stored deflate blocks),
//    rgb8-fixed.png `-define png:compression-strategy=4` (fixed-Huffman blocks). The rest use
//    dynamic-Huffman blocks.
// Synthetic PNGs (grey colour keys, IDAT split into tiny chunks, bad filter / zlib data) are written
// below with node:zlib and checked against pixels computed here.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { concat } from "../../src/bytes";
import { at, coreExports, checkedDecoder, type RgbaImage } from "./wasm-core";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const fx = (name: string) => join(fixtures, name);

interface Core {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  pngDecode(ptr: number, len: number): number;
  pngWidth(): number;
  pngHeight(): number;
  pngError(): number;
  PNG_OK: WebAssembly.Global;
  PNG_ERR_NOT_PNG: WebAssembly.Global;
  PNG_ERR_CORRUPT: WebAssembly.Global;
  PNG_ERR_TRUNCATED: WebAssembly.Global;
  PNG_ERR_TOO_LARGE: WebAssembly.Global;
  PNG_ERR_UNSUPPORTED: WebAssembly.Global;
}

type Image = RgbaImage;

let core: Core;

beforeAll(async () => {
  core = await coreExports<Core>();
});

type ErrName = "PNG_ERR_NOT_PNG" | "PNG_ERR_CORRUPT" | "PNG_ERR_TRUNCATED" | "PNG_ERR_TOO_LARGE" | "PNG_ERR_UNSUPPORTED";
const err = (name: ErrName) => core[name].value as number;

// decode with the wasm core (see checkedDecoder); the image or the (negative) error code
const { decode, decodeOk } = checkedDecoder(
  () => core,
  () => ({ decode: core.pngDecode, error: core.pngError, width: core.pngWidth, height: core.pngHeight }),
);

async function reference(input: string | Uint8Array): Promise<Image> {
  const { data, info } = await sharp(input)
    .toColourspace("srgb")
    .ensureAlpha()
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(4);
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

// largest channel difference (alpha everywhere, RGB where alpha > 0: libvips and the core agree on
// transparent-pixel colours too, but a colour key's RGB is what matters least)
function maxDiff(a: Image, b: Image): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  if (Buffer.compare(Buffer.from(a.data), Buffer.from(b.data)) === 0) return 0;
  let worst = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const alpha = at(a.data, i + 3);
    worst = Math.max(worst, Math.abs(alpha - at(b.data, i + 3)));
    if (alpha === 0) continue;
    for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(at(a.data, i + c) - at(b.data, i + c)));
  }
  return worst;
}

// ---- a small PNG writer for synthetic cases ------------------------------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  let c = 0xffffffff;
  for (let i = 4; i < 8 + data.length; i++) c = at(crcTable, (c ^ at(out, i)) & 0xff) ^ (c >>> 8);
  view.setUint32(8 + data.length, (c ^ 0xffffffff) >>> 0);
  return out;
}


const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(w: number, h: number, depth: number, colourType: number, interlace = 0): Uint8Array {
  const d = new Uint8Array(13);
  const v = new DataView(d.buffer);
  v.setUint32(0, w);
  v.setUint32(4, h);
  d.set([depth, colourType, 0, 0, interlace], 8);
  return chunk("IHDR", d);
}

/** A PNG from raw (already filtered) scanlines; the zlib stream is cut into IDAT chunks of `split` bytes. */
function png(head: Uint8Array[], zlibData: Uint8Array, split = 1 << 30): Uint8Array {
  const idats: Uint8Array[] = [];
  for (let o = 0; o < zlibData.length; o += split) idats.push(chunk("IDAT", zlibData.subarray(o, o + split)));
  return concat(SIGNATURE, ...head, ...idats, chunk("IEND", new Uint8Array(0)));
}

/** zlib stream of one final fixed-Huffman block made of [code, length] Huffman codes (sent MSB first). */
function fixedBlock(codes: [number, number][]): Uint8Array {
  const bytes = [0x78, 0x01];
  let acc = 0;
  let n = 0;
  const put = (v: number, len: number) => {
    for (let i = 0; i < len; i++) {
      acc |= ((v >> i) & 1) << n;
      if (++n === 8) {
        bytes.push(acc);
        acc = 0;
        n = 0;
      }
    }
  };
  put(1, 1); // BFINAL
  put(1, 2); // BTYPE 01
  for (const [code, len] of codes) for (let i = len - 1; i >= 0; i--) put((code >> i) & 1, 1);
  if (n > 0) bytes.push(acc);
  return new Uint8Array([...bytes, 0, 0, 0, 0]); // (Adler-32 not checked)
}

// ---- tests ---------------------------------------------------------------------------------------
describe("pngDecode: fixtures against sharp", () => {
  const names = readdirSync(join(fixtures, "png")).filter((n) => n.endsWith(".png"));

  it("has fixtures of every colour type, bit depth and interlace", () => {
    expect(names.length).toBe(26);
  });

  for (const name of [...names.map((n) => `png/${n}`), "embedgravitybird.png", "16-bit-grey-alpha.png", "big-6mp.png"]) {
    it(name, async () => {
      const bytes = readFileSync(fx(name));
      const got = decodeOk(bytes);
      const ref = await reference(bytes);
      const depth16 = at(bytes, 24) === 16;
      expect(maxDiff(got, ref)).toBeLessThanOrEqual(depth16 ? 1 : 0);
      // the RGB of keyed-out pixels is kept too
      if (!depth16) expect(Buffer.compare(Buffer.from(got.data), Buffer.from(ref.data))).toBe(0);
    });
  }
});

describe("pngDecode: synthetic images", () => {
  it("grey 8-bit with a colour key, every filter type, IDAT split into 1..7-byte chunks", () => {
    const w = 13;
    const h = 10;
    const raw: number[] = [];
    const pix: number[][] = [];
    for (let y = 0; y < h; y++) {
      const row: number[] = [];
      for (let x = 0; x < w; x++) row.push((x * 37 + y * 11) & 0xff);
      pix.push(row);
    }
    // filter each row with type y % 5 (bpp 1)
    for (let y = 0; y < h; y++) {
      const f = y % 5;
      raw.push(f);
      const cur = pix[y] ?? [];
      const up = pix[y - 1] ?? new Array<number>(w).fill(0);
      for (let x = 0; x < w; x++) {
        const a = x > 0 ? at(cur, x - 1) : 0;
        const b = at(up, x);
        const c = x > 0 ? at(up, x - 1) : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f] ?? 0;
        raw.push((at(cur, x) - pred) & 0xff);
      }
    }
    const key = at(pix[3] ?? [], 4);
    const trns = chunk("tRNS", new Uint8Array([0, key]));
    const z = deflateSync(new Uint8Array(raw));
    for (const split of [1, 2, 3, 7]) {
      const img = decodeOk(png([ihdr(w, h, 8, 0), trns], z, split));
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const g = at(pix[y] ?? [], x);
          const i = (y * w + x) * 4;
          expect([...img.data.subarray(i, i + 4)]).toEqual([g, g, g, g === key ? 0 : 255]);
        }
      }
    }
  });

  it("grey 1-bit and 16-bit colour keys", async () => {
    // 1-bit: key 1 (white transparent)
    const w = 11;
    const rows = [0b10110011, 0b01100000, 0, 0b01010101, 0b11100000];
    const raw1 = new Uint8Array([0, at(rows, 0), at(rows, 1), 0, at(rows, 3), at(rows, 4)]);
    const p1 = png([ihdr(w, 2, 1, 0), chunk("tRNS", new Uint8Array([0, 1]))], deflateSync(raw1));
    const img1 = decodeOk(p1);
    for (let y = 0; y < 2; y++) {
      for (let x = 0; x < w; x++) {
        const byte = at(raw1, y * 3 + 1 + (x >> 3));
        const bit = (byte >> (7 - (x & 7))) & 1;
        const i = (y * w + x) * 4;
        expect([...img1.data.subarray(i, i + 4)]).toEqual(bit ? [255, 255, 255, 0] : [0, 0, 0, 255]);
      }
    }
    // 16-bit: key 0x1234 matches only the exact sample, not 0x12ff (same high byte)
    const raw16 = new Uint8Array([0, 0x12, 0x34, 0x12, 0xff, 0xab, 0xcd]);
    const p16 = png([ihdr(3, 1, 16, 0), chunk("tRNS", new Uint8Array([0x12, 0x34]))], deflateSync(raw16));
    expect([...decodeOk(p16).data]).toEqual([0x12, 0x12, 0x12, 0, 0x12, 0x12, 0x12, 255, 0xab, 0xab, 0xab, 255]);
    const ref = await reference(p16);
    expect([...ref.data].filter((_, i) => i % 4 === 3)).toEqual([0, 255, 255]);
  });

  it("rejects what is not a PNG", () => {
    expect(decode(new Uint8Array([1, 2, 3]))).toBe(err("PNG_ERR_NOT_PNG"));
    expect(decode(readFileSync(fx("kitten.jpg")))).toBe(err("PNG_ERR_NOT_PNG"));
    expect(decode(new Uint8Array(0))).toBe(err("PNG_ERR_NOT_PNG"));
  });

  it("reports corrupt headers, zlib data and filter types", () => {
    const raw = new Uint8Array([5, 1, 2, 3, 0, 1, 2, 3]); // filter type 5
    expect(decode(png([ihdr(3, 2, 8, 0)], deflateSync(raw)))).toBe(err("PNG_ERR_CORRUPT"));
    // bad filter on the second row: the first row is kept, the rest transparent
    const half = decodeOk(png([ihdr(3, 2, 8, 0)], deflateSync(new Uint8Array([0, 1, 2, 3, 9, 1, 2, 3]))));
    expect([...half.data]).toEqual([1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255, ...new Array<number>(12).fill(0)]);
    // zlib header checksum wrong, block type 3, preset dictionary
    const good = deflateSync(new Uint8Array([0, 1, 2, 3]));
    const badHeader = Uint8Array.from(good);
    badHeader[1] = (at(badHeader, 1) + 1) & 0xff;
    expect(decode(png([ihdr(3, 1, 8, 0)], badHeader))).toBe(err("PNG_ERR_CORRUPT"));
    expect(decode(png([ihdr(3, 1, 8, 0)], new Uint8Array([0x78, 0x9c, 0x07, 0, 0, 0])))).toBe(err("PNG_ERR_CORRUPT"));
    expect(decode(png([ihdr(3, 1, 8, 0)], new Uint8Array([0x78, 0xbb, 0, 0, 0, 1, 0, 0])))).toBe(err("PNG_ERR_UNSUPPORTED"));
    // distance too far back: a fixed-Huffman block with literal 0, then a length 3 / distance 2 match
    expect(decode(png([ihdr(3, 1, 8, 0)], fixedBlock([[0x30, 8], [1, 7], [1, 5], [0, 7]])))).toBe(err("PNG_ERR_CORRUPT"));
    // the same stream with distance 1 is fine: 0 0 0 0 (filter 0, three zero pixels), end of block
    expect([...decodeOk(png([ihdr(3, 1, 8, 0)], fixedBlock([[0x30, 8], [1, 7], [0, 5], [0, 7]]))).data]).toEqual([
      0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255,
    ]);
    // invalid IHDR: bit depth 3, RGB with depth 4, interlace method 2, palette without PLTE
    expect(decode(png([ihdr(3, 1, 3, 0)], good))).toBe(err("PNG_ERR_CORRUPT"));
    expect(decode(png([ihdr(3, 1, 4, 2)], good))).toBe(err("PNG_ERR_CORRUPT"));
    expect(decode(png([ihdr(3, 1, 8, 0, 2)], good))).toBe(err("PNG_ERR_UNSUPPORTED"));
    expect(decode(png([ihdr(3, 1, 8, 3)], good))).toBe(err("PNG_ERR_CORRUPT"));
    expect(decode(concat(SIGNATURE, chunk("IDAT", good)))).toBe(err("PNG_ERR_CORRUPT"));
  });

  it("rejects a zero dimension and the 65536×65536 bomb from the header", () => {
    expect(decode(png([ihdr(0, 5, 8, 0)], deflateSync(new Uint8Array(0))))).toBe(err("PNG_ERR_TOO_LARGE"));
    const bomb = readFileSync(fx("65536-uint32-limit.png"));
    const t0 = performance.now();
    expect(decode(bomb)).toBe(err("PNG_ERR_TOO_LARGE"));
    expect(performance.now() - t0).toBeLessThan(50);
    expect([core.pngWidth(), core.pngHeight()]).toEqual([65536, 65536]);
  });
});

describe("pngDecode: truncated input", () => {
  it("truncated.png (cut inside IDAT, no IEND): decoded rows match sharp, the rest is transparent", async () => {
    const bytes = readFileSync(fx("truncated.png"));
    const img = decodeOk(bytes);
    expect([img.width, img.height]).toEqual([294, 240]);
    // libvips (failOn: "none") keeps fewer rows (20, then opaque black); those must match
    const { data } = await sharp(bytes, { failOn: "none" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const rowBytes = 294 * 4;
    let fullRows = 0;
    while (fullRows < 240 && img.data.subarray(fullRows * rowBytes, (fullRows + 1) * rowBytes).every((v, i) => i % 4 !== 3 || v === 255)) fullRows++;
    expect(fullRows).toBeGreaterThan(10);
    expect(fullRows).toBeLessThan(240);
    expect(fullRows).toBeGreaterThanOrEqual(20);
    expect(Buffer.compare(Buffer.from(img.data.subarray(0, 20 * rowBytes)), Buffer.from(data.subarray(0, 20 * rowBytes)))).toBe(0);
    expect(img.data.subarray((fullRows + 1) * rowBytes).every((v) => v === 0)).toBe(true);
  });

  it("every prefix of small PNGs decodes or fails cleanly, never past len", () => {
    for (const name of ["rgba8.png", "rgb8-adam7.png", "pal2.png", "rgb8-stored.png", "rgb8-fixed.png"]) {
      const bytes = readFileSync(fx(`png/${name}`));
      const full = decodeOk(bytes);
      const firstIdat = Buffer.from(bytes).indexOf("IDAT") + 4;
      for (let len = 0; len < bytes.length; len += 7) {
        // the bytes after len are garbage, so reading them would show
        const junk = Uint8Array.from(bytes);
        junk.fill(0xa5, len);
        const r = decode(junk, len);
        if (len < 8) expect(r).toBe(err("PNG_ERR_NOT_PNG"));
        else if (len <= firstIdat) expect(r).toBe(err("PNG_ERR_TRUNCATED"));
        else if (typeof r === "number") expect(r).toBe(err("PNG_ERR_CORRUPT")); // only the zlib header
        else {
          // every pixel is either the full image's or transparent black
          const got = new Uint32Array(r.data.buffer);
          const want = new Uint32Array(full.data.buffer);
          let bad = 0;
          for (let i = 0; i < got.length; i++) if (got[i] !== want[i] && got[i] !== 0) bad++;
          expect({ name, len, bad }).toEqual({ name, len, bad: 0 });
        }
      }
    }
  });
});

describe("pngDecode: input at the very end of memory", () => {
  // In pages grown from JS, which the allocator never hands out: a read past the input traps.
  function decodeAtEnd(bytes: Uint8Array): number {
    core.memory.grow(Math.ceil(bytes.length / 65536) + 1);
    const ptr = core.memory.buffer.byteLength - bytes.length;
    new Uint8Array(core.memory.buffer, ptr, bytes.length).set(bytes);
    const out = core.pngDecode(ptr, bytes.length);
    if (out !== 0) core.free(out);
    return core.pngError();
  }

  it("a file cut anywhere before its image data (IHDR, its CRC, the next chunks) is truncated", () => {
    const bytes = readFileSync(fx("png/rgba8.png"));
    const firstIdat = Buffer.from(bytes).indexOf("IDAT") + 4;
    for (let len = 8; len <= firstIdat; len++) {
      const code = decodeAtEnd(bytes.subarray(0, len));
      expect({ len, code }).toEqual({ len, code: err("PNG_ERR_TRUNCATED") });
    }
  });

  it("a second IHDR before the image data is corrupt", () => {
    const bytes = readFileSync(fx("png/rgba8.png"));
    const doubled = concat(bytes.subarray(0, 33), bytes.subarray(8, 33), bytes.subarray(33));
    expect(decode(doubled)).toBe(err("PNG_ERR_CORRUPT"));
  });
});

describe("pngDecode: corrupted input", () => {
  it("survives 400 randomly damaged files (bytes flipped in the IDAT data, chunk lengths, IHDR)", () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (const name of ["rgba8.png", "rgb8-adam7.png", "pal4.png", "rgb8-fixed.png", "rgb8-stored.png", "grey16.png"]) {
      const bytes = readFileSync(fx(`png/${name}`));
      for (let k = 0; k < 67; k++) {
        const b = Uint8Array.from(bytes);
        const flips = 1 + rand(4);
        for (let f = 0; f < flips; f++) {
          const i = k % 5 === 0 ? 8 + rand(40) : 33 + rand(b.length - 33);
          b[i] = rand(256);
        }
        const r = decode(b, b.length - rand(3) * rand(500));
        if (typeof r !== "number") expect(r.data.length).toBe(r.width * r.height * 4);
      }
    }
  });
});

describe("pngDecode: memory", () => {
  it("stays flat across 50 decodes", () => {
    const bytes = readFileSync(fx("embedgravitybird.png"));
    const inter = readFileSync(fx("png/rgba16-adam7.png"));
    decodeOk(bytes);
    decodeOk(inter);
    const before = core.memory.buffer.byteLength;
    for (let i = 0; i < 50; i++) {
      decodeOk(i % 2 ? bytes : inter);
      decode(bytes, 30000 + i * 100);
    }
    expect(core.memory.buffer.byteLength).toBe(before);
  });
});

describe("pngDecode: photo-sized PNGs (timed by scripts/bench/pngdec.mjs)", () => {
  it("a 2000×2000 photo, with and without filters, alpha and Adam7, matches sharp exactly", async () => {
    const photo = sharp(fx("Landscape_3.jpg")).resize(2000, 2000, { fit: "fill" });
    for (const png of [
      await photo.clone().png().toBuffer(),
      await photo.clone().png({ adaptiveFiltering: true }).toBuffer(),
      await photo.clone().ensureAlpha(0.5).png({ adaptiveFiltering: true }).toBuffer(),
      await photo.clone().ensureAlpha(0.5).png({ progressive: true, adaptiveFiltering: true }).toBuffer(),
    ]) {
      expect(maxDiff(decodeOk(png), await reference(png))).toBe(0);
    }
  });
});
