// Tests of the wasm core's GIF decoder (wasm/assembly/gif/): first frame only, composited onto a
// transparent logical screen, grown to take in that frame as libnsgif does. Reference: sharp (libvips' bundled libnsgif), which decodes the first
// frame with `pages: 1`; GIF is lossless, so RGB must be identical wherever alpha is 255 and alpha must
// match. Where libvips deliberately differs (it paints the screen outside the first frame opaque
// black), the test checks against the exact expected pixels instead.
//
// Fixtures (test/fixtures/gif/, 40 KB in all):
//  - sharp-alpha-interlaced.gif: Landscape_5.jpg resized to 150×100 by sharp, alpha set to 0 in a
//    disc of radius 30 at the centre and in the 10 leftmost columns, then
//    `.gif({ progressive: true, colours: 64 })` (interlaced, transparent colour index, code size 8).
//  - sharp-4-colours.gif / sharp-2-colours.gif: Landscape_1.jpg resized to 97×61 by sharp,
//    `.gif({ colours: 4, dither: 0 })` / `.gif({ colours: 2, dither: 1 })` (LZW minimum code size 2).
//  - im-interlaced.gif: ImageMagick 6.9.11 `convert Landscape_2.jpg -resize 120x80! -colors 200
//    -interlace GIF` (interlaced; an ICC-profile application extension before the image).
//  - im-offset-anim.gif: ImageMagick 6.9.11 `convert Landscape_3.jpg -resize 70x50! -colors 32 -repage
//    130x90+40+25 \( Landscape_4.jpg -resize 130x90! -colors 64 -repage 130x90+0+0 \) -loop 0`: a
//    130×90 screen whose first frame is 70×50 at (40, 25) (code size 5; NETSCAPE and ICC application
//    extensions); the second frame (local colour table) must not show.
// Synthetic GIFs (local colour tables, every code size, the 4096-entry table with and without a clear,
// extensions, clipping, truncation, corrupt data) are written below by a small GIF writer of our own
// and checked pixel for pixel against the colour indices they were made from, and against sharp.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { at, coreExports, putBytes, checkedDecoder, type RgbaImage } from "./wasm-core";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const fx = (name: string) => join(fixtures, name);

interface Core {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  gifDecode(ptr: number, len: number): number;
  gifWidth(): number;
  gifHeight(): number;
  gifError(): number;
  GIF_OK: WebAssembly.Global;
  GIF_ERR_NOT_GIF: WebAssembly.Global;
  GIF_ERR_CORRUPT: WebAssembly.Global;
  GIF_ERR_TRUNCATED: WebAssembly.Global;
  GIF_ERR_TOO_LARGE: WebAssembly.Global;
}

type Image = RgbaImage;

let core: Core;

beforeAll(async () => {
  core = await coreExports<Core>();
});

const err = (name: "GIF_ERR_NOT_GIF" | "GIF_ERR_CORRUPT" | "GIF_ERR_TRUNCATED" | "GIF_ERR_TOO_LARGE") =>
  core[name].value as number;

const put = (bytes: Uint8Array) => putBytes(core, bytes);

// decode with the wasm core (see checkedDecoder); the image or the (negative) error code
const { decode, decodeOk } = checkedDecoder(
  () => core,
  () => ({ decode: core.gifDecode, error: core.gifError, width: core.gifWidth, height: core.gifHeight }),
);

async function reference(input: string | Uint8Array): Promise<Image> {
  const { data, info } = await sharp(input, { pages: 1 }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

// number of pixels that differ: alpha, and RGB where opaque (optionally only inside a rectangle)
function mismatches(a: Image, b: Image, rect?: { x: number; y: number; w: number; h: number }): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  const r = rect ?? { x: 0, y: 0, w: a.width, h: a.height };
  let bad = 0;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      const i = (y * a.width + x) * 4;
      const alpha = at(a.data, i + 3);
      let ok = alpha === at(b.data, i + 3);
      for (let c = 0; ok && alpha === 255 && c < 3; c++) ok = at(a.data, i + c) === at(b.data, i + c);
      if (!ok) bad++;
    }
  }
  return bad;
}

// exact equality (fast on large images; reports the first differing pixel)
function expectSame(a: Image | number, b: Image): void {
  if (typeof a === "number") throw new Error(`decode failed: ${a}`);
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  if (Buffer.compare(a.data, b.data) === 0) return;
  const i = a.data.findIndex((v, k) => v !== b.data[k]) >> 2;
  expect({ x: i % a.width, y: Math.floor(i / a.width), rgba: Array.from(a.data.subarray(i * 4, i * 4 + 4)) }).toEqual({
    x: i % a.width,
    y: Math.floor(i / a.width),
    rgba: Array.from(b.data.subarray(i * 4, i * 4 + 4)),
  });
}

// ---- a minimal GIF writer (GIF89a spec) for synthetic test images ------------------------------------
type Rgb = readonly [number, number, number];

interface FrameSpec {
  x?: number;
  y?: number;
  width: number;
  height: number;
  indices: Uint8Array; // row-major colour indices, width × height
  lct?: readonly Rgb[];
  interlace?: boolean;
  minCodeSize?: number;
  /** what the LZW encoder does when its table reaches 4096 entries (default: emit a clear code) */
  full?: "clear" | "deferred";
  blockSize?: number; // data sub-block size (default 255)
}

interface GifSpec {
  width: number;
  height: number;
  gct?: readonly Rgb[];
  blocks?: readonly Uint8Array[]; // extension blocks before the first image
  frames: readonly FrameSpec[];
}

const bitsFor = (n: number) => Math.max(1, Math.ceil(Math.log2(Math.max(n, 2))));
const u16 = (v: number) => [v & 255, v >> 8];

function colourTable(t: readonly Rgb[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < 1 << bitsFor(t.length); i++) out.push(...(t[i] ?? [0, 0, 0]));
  return out;
}

function subBlocks(data: ArrayLike<number>, size = 255): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += size) {
    const n = Math.min(size, data.length - i);
    out.push(n);
    for (let k = 0; k < n; k++) out.push(at(data, i + k));
  }
  out.push(0);
  return out;
}

function lzwEncode(data: Uint8Array, minCodeSize: number, full: "clear" | "deferred"): number[] {
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  const bytes: number[] = [];
  let acc = 0;
  let nacc = 0;
  let codeSize = minCodeSize + 1;
  let next = eoi + 1;
  let dict = new Map<number, number>();
  let sinceFull = 0;
  const put = (code: number) => {
    // the decoder must be able to read `next - 1` (the entry it is about to define) at this width
    while (codeSize < 12 && 1 << codeSize <= next - 1) codeSize++;
    acc |= code << nacc;
    nacc += codeSize;
    while (nacc >= 8) {
      bytes.push(acc & 255);
      acc >>>= 8;
      nacc -= 8;
    }
  };
  const reset = () => {
    put(clear);
    dict = new Map();
    next = eoi + 1;
    codeSize = minCodeSize + 1;
    sinceFull = 0;
  };
  reset();
  let w = -1;
  for (const c of data) {
    if (w < 0) {
      w = c;
      continue;
    }
    const key = w * 256 + c;
    const e = dict.get(key);
    if (e !== undefined) {
      w = e;
      continue;
    }
    put(w);
    if (next < 4096) dict.set(key, next++);
    else if (full === "deferred" && ++sinceFull === 3000) reset(); // table frozen for 3000 codes
    if (full === "clear" && next === 4096) reset();
    w = c;
  }
  if (w >= 0) put(w);
  put(eoi);
  if (nacc > 0) bytes.push(acc & 255);
  return bytes;
}

function interlaceRows(f: FrameSpec): Uint8Array {
  const out = new Uint8Array(f.indices.length);
  let o = 0;
  for (const [start, step] of [[0, 8], [4, 8], [2, 4], [1, 2]] as const) {
    for (let y = start; y < f.height; y += step) {
      out.set(f.indices.subarray(y * f.width, (y + 1) * f.width), o);
      o += f.width;
    }
  }
  return out;
}

function writeGif(spec: GifSpec): Uint8Array {
  const b: number[] = [...Buffer.from("GIF89a", "latin1"), ...u16(spec.width), ...u16(spec.height)];
  b.push(spec.gct ? 0xf0 | (bitsFor(spec.gct.length) - 1) : 0, 0, 0);
  if (spec.gct) b.push(...colourTable(spec.gct));
  for (const block of spec.blocks ?? []) b.push(...block);
  for (const f of spec.frames) {
    b.push(0x2c, ...u16(f.x ?? 0), ...u16(f.y ?? 0), ...u16(f.width), ...u16(f.height));
    b.push((f.lct ? 0x80 | (bitsFor(f.lct.length) - 1) : 0) | (f.interlace ? 0x40 : 0));
    if (f.lct) b.push(...colourTable(f.lct));
    const table = f.lct ?? spec.gct ?? [];
    const m = f.minCodeSize ?? Math.max(2, bitsFor(table.length));
    b.push(m);
    const pixels = f.interlace ? interlaceRows(f) : f.indices;
    b.push(...subBlocks(lzwEncode(pixels, m, f.full ?? "clear"), f.blockSize));
  }
  b.push(0x3b);
  return Uint8Array.from(b);
}

const gce = (transparent?: number) =>
  Uint8Array.from([0x21, 0xf9, 4, transparent === undefined ? 0 : 1, 0, 0, transparent ?? 0, 0]);
const extension = (label: number, ...blocks: readonly number[][]) =>
  Uint8Array.from([0x21, label, ...blocks.flatMap((d) => (d.length ? [d.length, ...d] : [])), 0]);
const comment = (text: string) => extension(0xfe, [...Buffer.from(text, "latin1")]);
const netscape = () => extension(0xff, [...Buffer.from("NETSCAPE2.0", "latin1")], [1, 0, 0]);
const plainText = () => extension(0x01, [0, 0, 0, 0, 8, 0, 8, 0, 8, 8, 1, 0], [...Buffer.from("hi", "latin1")]);

// the exact expected decode: the first frame's colours over a transparent canvas, the screen grown
// to take in the frame
function expected(spec: GifSpec, transparent?: number): Image {
  const f = spec.frames[0];
  if (!f) throw new Error("no frame");
  const table = colourTable(f.lct ?? spec.gct ?? [[0, 0, 0], [255, 255, 255]]);
  const width = Math.max(spec.width, (f.x ?? 0) + f.width);
  const height = Math.max(spec.height, (f.y ?? 0) + f.height);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < f.height; y++) {
    for (let x = 0; x < f.width; x++) {
      const idx = at(f.indices, y * f.width + x);
      if (idx === transparent) continue;
      const o = (((f.y ?? 0) + y) * width + (f.x ?? 0) + x) * 4;
      for (let c = 0; c < 3; c++) data[o + c] = table[idx * 3 + c] ?? 0;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

// deterministic pseudo-random numbers (xorshift32)
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

function palette(n: number, seed: number): Rgb[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => [r() & 255, r() & 255, r() & 255] as const);
}

// a picture with runs and noise, so both short and long LZW strings occur
function picture(width: number, height: number, colours: number, seed: number, noise = 0.2): Uint8Array {
  const r = rng(seed);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const smooth = Math.floor(((x + y * 0.5) / (width + height)) * colours * 2 + y / 7) % colours;
      out[y * width + x] = (r() % 1000) / 1000 < noise ? r() % colours : smooth;
    }
  }
  return out;
}

function frame(width: number, height: number, colours: number, seed: number, extra: Partial<FrameSpec> = {}): FrameSpec {
  return { width, height, indices: picture(width, height, colours, seed), ...extra };
}

// ---- tests ---------------------------------------------------------------------------------------
describe("fixtures vs sharp", () => {
  it("Crash_test.gif (800×533, code size 8) is identical", async () => {
    const file = fx("Crash_test.gif");
    const img = decodeOk(readFileSync(file));
    expect([img.width, img.height]).toEqual([800, 533]);
    expect(mismatches(img, await reference(file))).toBe(0);
  });

  for (const name of ["sharp-alpha-interlaced.gif", "sharp-4-colours.gif", "sharp-2-colours.gif", "im-interlaced.gif"]) {
    it(`${name} is identical`, async () => {
      const file = fx(`gif/${name}`);
      const img = decodeOk(readFileSync(file));
      const ref = await reference(file);
      expect([img.width, img.height]).toEqual([ref.width, ref.height]);
      expect(mismatches(img, ref)).toBe(0);
    });
  }

  it("sharp-alpha-interlaced.gif has its transparent disc and edge", () => {
    const img = decodeOk(readFileSync(fx("gif/sharp-alpha-interlaced.gif")));
    expect(at(img.data, (50 * 150 + 75) * 4 + 3)).toBe(0);
    expect(at(img.data, (50 * 150 + 5) * 4 + 3)).toBe(0);
    expect(at(img.data, (5 * 150 + 140) * 4 + 3)).toBe(255);
  });

  it("im-offset-anim.gif: the first frame at (40, 25), transparent around it", async () => {
    const file = fx("gif/im-offset-anim.gif");
    const img = decodeOk(readFileSync(file));
    expect([img.width, img.height]).toEqual([130, 90]);
    // sharp paints the rest of the screen opaque black: compare inside the frame only
    expect(mismatches(img, await reference(file), { x: 40, y: 25, w: 70, h: 50 })).toBe(0);
    let outside = 0;
    for (let y = 0; y < 90; y++) {
      for (let x = 0; x < 130; x++) {
        const inside = x >= 40 && x < 110 && y >= 25 && y < 75;
        if (!inside && at(img.data, (y * 130 + x) * 4 + 3) !== 0) outside++;
      }
    }
    expect(outside).toBe(0);
  });
});

describe("synthetic GIFs", () => {
  for (let bits = 1; bits <= 8; bits++) {
    for (const interlace of [false, true]) {
      it(`${1 << bits} colours, LZW code size ${Math.max(2, bits)}${interlace ? ", interlaced" : ""}`, async () => {
        const spec: GifSpec = {
          width: 61,
          height: 37,
          gct: palette(1 << bits, bits),
          blocks: [gce()],
          frames: [frame(61, 37, 1 << bits, bits * 2 + (interlace ? 1 : 0), { interlace })],
        };
        const bytes = writeGif(spec);
        const img = decodeOk(bytes);
        expectSame(img, expected(spec));
        expect(mismatches(img, await reference(bytes))).toBe(0);
      });
    }
  }

  for (const minCodeSize of [9, 10, 11]) {
    it(`LZW minimum code size ${minCodeSize} (over 8: libnsgif and browsers decode it, giflib does not)`, async () => {
      const spec: GifSpec = { width: 53, height: 29, gct: palette(256, minCodeSize), frames: [frame(53, 29, 256, minCodeSize, { minCodeSize })] };
      const bytes = writeGif(spec);
      const img = decodeOk(bytes);
      expectSame(img, expected(spec));
      expect(mismatches(img, await reference(bytes))).toBe(0);
    });
  }

  it("LZW minimum code size 1 (tolerated; the spec says 2)", () => {
    const spec: GifSpec = { width: 40, height: 9, gct: palette(2, 7), frames: [frame(40, 9, 2, 8, { minCodeSize: 1 })] };
    expectSame(decodeOk(writeGif(spec)), expected(spec));
  });

  for (const full of ["clear", "deferred"] as const) {
    it(`4096-entry table, then ${full === "clear" ? "an immediate clear" : "3000 codes with the table frozen (deferred clear)"}`, async () => {
      const r = rng(99);
      const indices = Uint8Array.from({ length: 320 * 200 }, (_, i) => (i % 320 < 160 ? r() & 255 : (i >> 3) & 255));
      const spec: GifSpec = { width: 320, height: 200, gct: palette(256, 5), frames: [{ width: 320, height: 200, indices, full }] };
      const bytes = writeGif(spec);
      const img = decodeOk(bytes);
      expectSame(img, expected(spec));
      expect(mismatches(img, await reference(bytes))).toBe(0);
    });
  }

  it("local colour table overrides the global one; no global table at all", async () => {
    const a: GifSpec = {
      width: 50,
      height: 30,
      gct: palette(256, 1),
      frames: [frame(50, 30, 16, 3, { lct: palette(16, 2) })],
    };
    const b: GifSpec = { width: 50, height: 30, frames: [frame(50, 30, 8, 4, { lct: palette(8, 5), interlace: true })] };
    for (const spec of [a, b]) {
      const bytes = writeGif(spec);
      const img = decodeOk(bytes);
      expectSame(img, expected(spec));
      expect(mismatches(img, await reference(bytes))).toBe(0);
    }
  });

  it("skips comment, application, plain text and unknown extensions; the GCE before the image applies", async () => {
    const spec: GifSpec = {
      width: 45,
      height: 20,
      gct: palette(16, 9),
      blocks: [
        comment("made by thumbsmith's test"),
        gce(1), // consumed by the plain text extension
        plainText(),
        netscape(),
        extension(0x99, [1, 2, 3], Array.from({ length: 255 }, (_, i) => i)),
        comment(""),
        gce(3),
      ],
      frames: [frame(45, 20, 16, 10, { blockSize: 1 }), frame(45, 20, 16, 11, { lct: palette(16, 12) })],
    };
    const bytes = writeGif(spec);
    const img = decodeOk(bytes);
    expectSame(img, expected(spec, 3));
    expect(img.data.filter((_, i) => i % 4 === 3 && img.data[i] === 0).length).toBeGreaterThan(0);
    expect(mismatches(img, await reference(bytes))).toBe(0);
  });

  it("GIF87a, data sub-blocks of every size", () => {
    for (const blockSize of [1, 2, 7, 254, 255]) {
      const spec: GifSpec = { width: 33, height: 21, gct: palette(32, 13), frames: [frame(33, 21, 32, 14, { blockSize })] };
      const bytes = writeGif(spec);
      bytes.set(Buffer.from("87a", "latin1"), 3);
      expectSame(decodeOk(bytes), expected(spec));
    }
  });

  it("a first frame extending beyond the screen, or entirely outside it, grows the canvas as in libnsgif", async () => {
    for (const [x, y, w, h, interlace] of [
      [10, 5, 40, 30, false],
      [25, 0, 40, 30, true],
      [0, 12, 40, 17, true],
      [30, 20, 3, 3, false],
      [29, 20, 5, 5, false],
      [40, 0, 5, 5, false],
      [0, 30, 5, 5, true],
    ] as const) {
      const spec: GifSpec = { width: 30, height: 20, gct: palette(64, x + y), frames: [frame(w, h, 64, w, { x, y, interlace })] };
      const bytes = writeGif(spec);
      const img = decodeOk(bytes);
      expectSame(img, expected(spec));
      expect([img.width, img.height]).toEqual([Math.max(30, x + w), Math.max(20, y + h)]);
      // sharp paints the canvas outside the frame opaque black: compare inside the frame only
      expect(mismatches(img, await reference(bytes), { x, y, w, h })).toBe(0);
    }
  });

  it("only the first frame grows the canvas", async () => {
    const spec: GifSpec = { width: 30, height: 20, gct: palette(16, 3), frames: [frame(30, 20, 16, 4), frame(40, 40, 16, 5, { x: 10, y: 10 })] };
    const bytes = writeGif(spec);
    const img = decodeOk(bytes);
    expectSame(img, expected(spec));
    expect(mismatches(img, await reference(bytes))).toBe(0);
  });

  it("interlaced frames of every small height", () => {
    for (let h = 1; h <= 17; h++) {
      const spec: GifSpec = { width: 7, height: 20, gct: palette(8, h), frames: [frame(7, h, 8, h, { interlace: true, y: 1 })] };
      expectSame(decodeOk(writeGif(spec)), expected(spec));
    }
  });

  it("a first frame that grows the canvas past the decoder's limit is refused before anything is decoded", () => {
    const indices = new Uint8Array(65535 * 3).fill(1);
    const spec: GifSpec = { width: 4, height: 3, gct: palette(4, 1), frames: [{ width: 65535, height: 3, indices }] };
    const bytes = writeGif(spec);
    expectSame(decodeOk(bytes), expected(spec));
    const desc = 13 + 12;
    expect(bytes[desc]).toBe(0x2c);
    bytes.set([255, 255], desc + 7); // claim 65535 rows: a 65535 × 65535 canvas
    const t = performance.now();
    expect(decode(bytes)).toBe(err("GIF_ERR_TOO_LARGE"));
    expect(performance.now() - t).toBeLessThan(100);
    expect([core.gifWidth(), core.gifHeight()]).toEqual([65535, 65535]);
  });
});

describe("damaged input", () => {
  it("Crash_test.gif cut in half decodes its first half, the rest transparent", async () => {
    const bytes = readFileSync(fx("Crash_test.gif"));
    const img = decodeOk(bytes, bytes.length >> 1);
    const ref = await reference(fx("Crash_test.gif"));
    expect([img.width, img.height]).toEqual([800, 533]);
    let decoded = 0;
    while (decoded < 800 * 533 && at(img.data, decoded * 4 + 3) !== 0) decoded++;
    expect(decoded).toBeGreaterThan(800 * 100);
    expect(decoded).toBeLessThan(800 * 533);
    const rows = Math.floor(decoded / 800);
    expect(mismatches(img, ref, { x: 0, y: 0, w: 800, h: rows })).toBe(0);
    for (let i = decoded; i < 800 * 533; i++) if (at(img.data, i * 4 + 3) !== 0) throw new Error(`pixel ${i} opaque`);
  });

  it("every prefix of a small GIF: an error before the image data, else a prefix of the pixels; never reads past len", () => {
    for (const interlace of [false, true]) {
      const spec: GifSpec = {
        width: 24,
        height: 16,
        gct: palette(16, 21),
        blocks: [comment("x"), gce(2)],
        frames: [frame(20, 14, 16, 22, { x: 2, y: 1, interlace, blockSize: 40 })],
      };
      const bytes = writeGif(spec);
      const full = expected(spec, 2);
      const dataStart = bytes.indexOf(0x2c, 13 + 48) + 11; // after the LZW minimum code size
      for (let len = 0; len < bytes.length; len++) {
        // the bytes after len are garbage: a decoder reading them would decode differently
        const garbled = new Uint8Array(bytes);
        garbled.fill(0xa5, len);
        const r = decode(bytes, len);
        const g = decode(garbled, len);
        if (typeof r === "number") expect(g).toBe(r);
        else expectSame(g, r);
        if (len < 6) expect(r).toBe(err("GIF_ERR_NOT_GIF"));
        else if (len < dataStart) expect(r).toBe(err("GIF_ERR_TRUNCATED"));
        else {
          if (typeof r === "number") throw new Error(`len ${len}: error ${r}`);
          // every pixel is either transparent or the expected one
          let bad = 0;
          for (let i = 0; i < full.data.length; i++) {
            if (at(r.data, i | 3) !== 0 && at(r.data, i) !== at(full.data, i)) bad++;
          }
          expect(bad, `len ${len}`).toBe(0);
        }
      }
      expectSame(decode(bytes), full);
    }
  });

  it("an invalid LZW code ends the image data: the pixels before it are kept", () => {
    const spec: GifSpec = { width: 16, height: 4, gct: palette(4, 1), frames: [frame(16, 4, 4, 2)] };
    const bytes = writeGif(spec);
    const data = 13 + 12 + 11; // image descriptor, minimum code size 2, then the first sub-block
    expect(bytes[data - 11]).toBe(0x2c);
    const broken = new Uint8Array(bytes);
    // first sub-block: clear (4), literal 1, then 7 (undefined: only 6 is next) in 3-bit codes
    broken.set([3, 4 | (1 << 3) | (7 << 6), 7 >> 2, 0, 0], data);
    broken.set([0x3b], data + 5);
    const img = decodeOk(broken.subarray(0, data + 6));
    expect(Array.from(img.data.subarray(0, 8))).toEqual([...(spec.gct?.[1] ?? []), 255, 0, 0, 0, 0]);
  });

  it("not a GIF", () => {
    expect(decode(readFileSync(fx("embedgravitybird.png")))).toBe(err("GIF_ERR_NOT_GIF"));
    expect(decode(readFileSync(fx("kitten.jpg")))).toBe(err("GIF_ERR_NOT_GIF"));
    expect(decode(new Uint8Array(0))).toBe(err("GIF_ERR_NOT_GIF"));
    expect(decode(Buffer.from("GIF90a" + "\0".repeat(20), "latin1"))).toBe(err("GIF_ERR_NOT_GIF"));
    const gif = readFileSync(fx("gif/sharp-2-colours.gif"));
    expect(decode(gif, -1)).toBe(err("GIF_ERR_NOT_GIF"));
    expect(core.gifWidth()).toBe(0);
  });

  it("corrupt: trailer or junk before any image, bad LZW minimum code size", () => {
    const spec: GifSpec = { width: 8, height: 8, gct: palette(4, 1), frames: [frame(8, 8, 4, 1)] };
    const bytes = writeGif(spec);
    const desc = 13 + 12;
    expect(bytes[desc]).toBe(0x2c);
    for (const junk of [0x3b, 0x00, 0x2b]) {
      const b = new Uint8Array(bytes);
      b[desc] = junk;
      expect(decode(b)).toBe(err("GIF_ERR_CORRUPT"));
    }
    for (const m of [12, 13, 255]) {
      const b = new Uint8Array(bytes);
      b[desc + 10] = m;
      expect(decode(b)).toBe(err("GIF_ERR_CORRUPT"));
    }
    expect([core.gifWidth(), core.gifHeight()]).toEqual([8, 8]);
  });

  it("too large: a zero or a 65535 × 65535 screen", () => {
    const bytes = readFileSync(fx("gif/sharp-4-colours.gif"));
    for (const size of [[0, 0, 61, 0], [97, 0, 0, 0], [255, 255, 255, 255]]) {
      const b = new Uint8Array(bytes);
      b.set(size, 6);
      expect(decode(b)).toBe(err("GIF_ERR_TOO_LARGE"));
    }
  });
});

describe("memory", () => {
  it("stays flat over 50 decodes", () => {
    const bytes = readFileSync(fx("Crash_test.gif"));
    const ptr = put(bytes);
    let size = 0;
    let first = 0;
    for (let i = 0; i < 50; i++) {
      const out = core.gifDecode(ptr, i % 5 === 4 ? bytes.length >> 1 : bytes.length);
      expect(out).not.toBe(0);
      core.free(out);
      if (i === 0) {
        size = core.memory.buffer.byteLength;
        first = out;
      } else {
        expect(core.memory.buffer.byteLength).toBe(size);
        expect(out).toBe(first); // nothing left allocated: the allocator hands back the same block
      }
    }
    core.free(ptr);
  });
});
