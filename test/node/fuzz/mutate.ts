/**
 * Mutants of an image file for the fuzz test: generic byte damage plus structure-aware edits that
 * know where each format keeps its segments and dimension fields. Every mutant is a pure function of
 * (seed, index, source), so any one can be rebuilt alone from the numbers a failure prints.
 */
import { concat } from "../../../src/bytes";
import { prng } from "../../../scripts/prng.mjs";

export type Format = "jpeg" | "png" | "gif" | "webp" | "avif";

/** The generator of mutant `index` under `seed`, independent of every other mutant. */
export function mutantRng(seed: number, index: number): () => number {
  return prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;

/** Dimension values that sit on the edges decoders and planners get wrong. */
const DIMENSIONS = [0, 1, 2, 3, 7, 8, 9, 255, 256, 4096, 8191, 16383, 16384, 32767, 32768, 65535, 65536, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
const dimension = (rng: Rng) => (rng() < 0.85 ? pick(rng, DIMENSIONS) : int(rng, 70000));

interface Region {
  /** Start of the unit (marker, chunk length, box size) and its end. */
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u32be = (b: Uint8Array, o: number) => (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
const u32le = (b: Uint8Array, o: number) => ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));

function putBe(b: Uint8Array, o: number, bytes: number, v: number): void {
  for (let i = 0; i < bytes && o + i < b.length; i++) b[o + i] = Math.floor(v / 2 ** (8 * (bytes - 1 - i))) & 0xff;
}

function putLe(b: Uint8Array, o: number, bytes: number, v: number): void {
  for (let i = 0; i < bytes && o + i < b.length; i++) b[o + i] = Math.floor(v / 2 ** (8 * i)) & 0xff;
}

/** JPEG marker segments before the first scan (SOS included, its entropy data not). */
function jpegSegments(b: Uint8Array): Region[] {
  const out: Region[] = [];
  for (let o = 2; o + 4 <= b.length; ) {
    if (b[o] !== 0xff) break;
    const marker = b[o + 1] ?? 0;
    const end = o + 2 + u16be(b, o + 2);
    out.push({ start: o, end: Math.min(end, b.length), type: marker.toString(16) });
    if (marker === 0xda) break;
    o = end;
  }
  return out;
}

function pngChunks(b: Uint8Array): Region[] {
  const out: Region[] = [];
  for (let o = 8; o + 12 <= b.length; ) {
    const end = o + 12 + u32be(b, o);
    out.push({ start: o, end: Math.min(end, b.length), type: ascii(b, o + 4, 4) });
    o = end;
  }
  return out;
}

function riffChunks(b: Uint8Array): Region[] {
  const out: Region[] = [];
  for (let o = 12; o + 8 <= b.length; ) {
    const length = u32le(b, o + 4);
    const end = o + 8 + length + (length & 1);
    out.push({ start: o, end: Math.min(end, b.length), type: ascii(b, o, 4) });
    o = end;
  }
  return out;
}

/** ISOBMFF boxes, descending into the ones that hold the image properties. */
function boxes(b: Uint8Array, start = 0, end = b.length, depth = 0): Region[] {
  const out: Region[] = [];
  for (let o = start; o + 8 <= end && depth < 5; ) {
    const size = u32be(b, o);
    if (size < 8) break;
    const type = ascii(b, o + 4, 4);
    const boxEnd = Math.min(o + size, end);
    out.push({ start: o, end: boxEnd, type });
    if (type === "meta") out.push(...boxes(b, o + 12, boxEnd, depth + 1));
    else if (type === "iprp" || type === "ipco") out.push(...boxes(b, o + 8, boxEnd, depth + 1));
    o += size;
  }
  return out;
}

/** Offset of the first GIF Image Descriptor (its 0x2C), or -1. */
function gifImage(b: Uint8Array): number {
  let o = 13;
  if ((b[10] ?? 0) & 0x80) o += 3 * (2 << ((b[10] ?? 0) & 7));
  while (o < b.length) {
    if (b[o] === 0x2c) return o;
    if (b[o] !== 0x21) return -1;
    o += 2;
    while (o < b.length && b[o] !== 0) o += (b[o] ?? 0) + 1;
    o++;
  }
  return -1;
}

function regions(format: Format, b: Uint8Array): Region[] {
  switch (format) {
    case "jpeg":
      return jpegSegments(b);
    case "png":
      return pngChunks(b);
    case "webp":
      return riffChunks(b);
    case "avif":
      return boxes(b);
    case "gif": {
      const image = gifImage(b);
      return image < 0 ? [] : [{ start: 0, end: 13, type: "screen" }, { start: image, end: Math.min(image + 10, b.length), type: "image" }];
    }
  }
}

/** Sets the image's declared width/height (one or both) where its format keeps them. */
function setDimensions(format: Format, b: Uint8Array, rng: Rng): string {
  const w = dimension(rng);
  const h = rng() < 0.5 ? dimension(rng) : w;
  const which = int(rng, 3); // 0 both, 1 width only, 2 height only
  const setW = which !== 2;
  const setH = which !== 1;
  const found = regions(format, b);
  switch (format) {
    case "jpeg": {
      const sof = found.find((r) => /^c[0-2]$/.test(r.type));
      if (!sof) return "dims: no SOF";
      if (setH) putBe(b, sof.start + 5, 2, h);
      if (setW) putBe(b, sof.start + 7, 2, w);
      break;
    }
    case "png":
      if (setW) putBe(b, 16, 4, w);
      if (setH) putBe(b, 20, 4, h);
      break;
    case "gif": {
      const image = gifImage(b);
      const target = image >= 0 && rng() < 0.5 ? image + 5 : 6;
      if (setW) putLe(b, target, 2, w);
      if (setH) putLe(b, target + 2, 2, h);
      if (target !== 6 && rng() < 0.5) {
        putLe(b, image + 1, 2, dimension(rng));
        putLe(b, image + 3, 2, dimension(rng));
      }
      return `dims ${target === 6 ? "screen" : "frame"} ${setW ? w : "-"}x${setH ? h : "-"}`;
    }
    case "webp": {
      const chunk = pick(rng, found.filter((r) => /^VP8[ XL]$/.test(r.type)).concat([{ start: 12, end: 20, type: "VP8X" }]));
      const body = chunk.start + 8;
      if (chunk.type === "VP8X") {
        if (setW) putLe(b, body + 4, 3, w - 1);
        if (setH) putLe(b, body + 7, 3, h - 1);
      } else if (chunk.type === "VP8 ") {
        if (setW) putLe(b, body + 6, 2, w);
        if (setH) putLe(b, body + 8, 2, h);
      } else {
        const bits = u32le(b, body + 1);
        const width = setW ? (w - 1) & 0x3fff : bits & 0x3fff;
        const height = setH ? (h - 1) & 0x3fff : (bits >>> 14) & 0x3fff;
        putLe(b, body + 1, 4, ((bits & 0xf0000000) | (height << 14) | width) >>> 0);
      }
      return `dims ${chunk.type} ${setW ? w : "-"}x${setH ? h : "-"}`;
    }
    case "avif": {
      const ispe = found.find((r) => r.type === "ispe");
      if (!ispe) return "dims: no ispe";
      if (setW) putBe(b, ispe.start + 12, 4, w);
      if (setH) putBe(b, ispe.start + 16, 4, h);
      break;
    }
  }
  return `dims ${setW ? w : "-"}x${setH ? h : "-"}`;
}

/** Inserts a structure that contradicts or repeats the header: the attacks on "decode what was probed". */
function inject(format: Format, b: Uint8Array<ArrayBuffer>, rng: Rng): { bytes: Uint8Array<ArrayBuffer>; what: string } {
  const found = regions(format, b);
  const at = found.length > 0 ? pick(rng, found).start : Math.min(b.length, 2);
  switch (format) {
    case "jpeg": {
      const sof = found.find((r) => /^c[0-2]$/.test(r.type));
      const kind = int(rng, 3);
      if (kind === 0 && sof) {
        const copy = b.slice(sof.start, sof.end);
        putBe(copy, 5, 2, dimension(rng));
        putBe(copy, 7, 2, dimension(rng));
        return { bytes: concat(b.subarray(0, at), copy, b.subarray(at)), what: `second SOF at ${at}` };
      }
      if (kind === 1 && sof) {
        // Junk the probe and the decoder might skip differently, then a comment holding a SOF.
        const fake = b.slice(sof.start, sof.end);
        putBe(fake, 5, 2, 16);
        putBe(fake, 7, 2, 16);
        const com = concat(Uint8Array.of(0xff, 0xfe, 0, 0), fake);
        putBe(com, 2, 2, com.length - 2);
        const junk = Uint8Array.of(0xff, 0x00, 0x00, 0x06);
        return { bytes: concat(b.subarray(0, 2), junk, com, b.subarray(2)), what: "hidden frame behind junk + COM" };
      }
      const fill = new Uint8Array(1 + int(rng, 6)).map(() => pick(rng, [0xff, 0x00, 0xd8, 0x01, int(rng, 256)]));
      return { bytes: concat(b.subarray(0, at), fill, b.subarray(at)), what: `junk ${fill.length} bytes at ${at}` };
    }
    case "png": {
      const type = pick(rng, ["IHDR", "IDAT", "IDAT", "PLTE", "tRNS", "IEND"]);
      const length = type === "IHDR" ? 13 : int(rng, 64);
      const chunk = new Uint8Array(12 + length).map(() => int(rng, 256));
      putBe(chunk, 0, 4, length);
      for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
      if (type === "IHDR") {
        chunk.set(b.subarray(16, 29), 8);
        putBe(chunk, 8, 4, dimension(rng));
        putBe(chunk, 12, 4, dimension(rng));
      }
      const where = pick(rng, found.concat([{ start: b.length, end: b.length, type: "end" }])).start;
      return { bytes: concat(b.subarray(0, where), chunk, b.subarray(where)), what: `extra ${type} at ${where}` };
    }
    case "gif": {
      const image = gifImage(b);
      if (image < 0) return { bytes: b, what: "no image descriptor" };
      // A second (or earlier) image descriptor with its own size, position and a little LZW data.
      const descriptor = new Uint8Array(10 + 4);
      descriptor[0] = 0x2c;
      putLe(descriptor, 1, 2, rng() < 0.5 ? 0 : dimension(rng));
      putLe(descriptor, 3, 2, rng() < 0.5 ? 0 : dimension(rng));
      putLe(descriptor, 5, 2, dimension(rng));
      putLe(descriptor, 7, 2, dimension(rng));
      descriptor[9] = rng() < 0.3 ? 0x40 : 0;
      descriptor.set([2, 2, int(rng, 256), 0], 10);
      const where = rng() < 0.5 ? image : b.length - 1;
      return { bytes: concat(b.subarray(0, where), descriptor, b.subarray(where)), what: `extra image descriptor at ${where}` };
    }
    case "webp": {
      const vp8x = new Uint8Array(18);
      vp8x.set([0x56, 0x50, 0x38, 0x58, 10, 0, 0, 0, rng() < 0.5 ? 0x10 : 0]);
      putLe(vp8x, 12, 3, dimension(rng) - 1);
      putLe(vp8x, 15, 3, dimension(rng) - 1);
      return { bytes: concat(b.subarray(0, at), vp8x, b.subarray(at)), what: `extra VP8X at ${at}` };
    }
    case "avif": {
      const ispe = found.find((r) => r.type === "ispe");
      if (!ispe) return { bytes: b, what: "no ispe" };
      const copy = b.slice(ispe.start, ispe.end);
      putBe(copy, 12, 4, dimension(rng));
      putBe(copy, 16, 4, dimension(rng));
      // The box around it keeps its old size: parsers must cope with a child running past its parent.
      return { bytes: concat(b.subarray(0, ispe.end), copy, b.subarray(ispe.end)), what: `extra ispe at ${ispe.end}` };
    }
  }
}

export interface Mutant {
  readonly bytes: Uint8Array;
  /** What was done, for the failure report. */
  readonly steps: readonly string[];
}

/** One to three damages to `source`, chosen by `rng`. */
export function mutate(format: Format, source: Uint8Array, rng: Rng): Mutant {
  let b = source.slice();
  const steps: string[] = [];
  const count = 1 + int(rng, 3);
  for (let n = 0; n < count && b.length > 0; n++) {
    const kind = int(rng, 12);
    if (kind <= 2) {
      const flips = 1 + int(rng, 8);
      // Headers are where the interesting branches are: half the flips land in the first 256 bytes.
      for (let i = 0; i < flips; i++) {
        const o = rng() < 0.5 ? int(rng, Math.min(256, b.length)) : int(rng, b.length);
        b[o] = (b[o] ?? 0) ^ (1 << int(rng, 8));
      }
      steps.push(`bitflip x${flips}`);
    } else if (kind <= 4) {
      const o = int(rng, b.length);
      const v = pick(rng, [0x00, 0xff, 0x7f, 0x80, 0x01, int(rng, 256)]);
      b[o] = v;
      steps.push(`set [${o}]=${v}`);
    } else if (kind <= 6) {
      // A third of the cuts land within a few bytes of a segment boundary, where length checks are off by one.
      const found = regions(format, b);
      const boundary = found.length > 0 ? pick(rng, found) : undefined;
      const near = boundary ? (rng() < 0.5 ? boundary.start : boundary.end) - 4 + int(rng, 9) : 0;
      const roll = rng();
      const cut = Math.max(0, Math.min(b.length, roll < 0.33 && boundary ? near : roll < 0.66 ? int(rng, Math.min(200, b.length)) : int(rng, b.length)));
      b = b.slice(0, cut);
      steps.push(`truncate ${cut}`);
    } else if (kind === 7) {
      const found = regions(format, b);
      if (found.length > 0) {
        const r = pick(rng, found);
        const times = 1 + int(rng, 3);
        const unit = b.slice(r.start, r.end);
        b = concat(b.subarray(0, r.end), ...Array.from({ length: times }, () => unit), b.subarray(r.end));
        steps.push(`repeat ${r.type}@${r.start} x${times}`);
      } else {
        const a = int(rng, b.length);
        const e = Math.min(b.length, a + 1 + int(rng, 64));
        b = concat(b.subarray(0, e), b.subarray(a, e), b.subarray(e));
        steps.push(`repeat bytes ${a}..${e}`);
      }
    } else if (kind <= 9) {
      steps.push(setDimensions(format, b, rng));
    } else {
      const r = inject(format, b, rng);
      b = r.bytes;
      steps.push(r.what);
    }
  }
  return { bytes: b, steps };
}
