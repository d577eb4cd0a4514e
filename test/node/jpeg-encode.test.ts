// Tests of the wasm core's baseline JPEG encoder (wasm/assembly/jpegenc/) against sharp (libvips +
// libjpeg): sharp decodes every output with failOn: "warning" (so corrupt entropy data, bad padding or
// extraneous bytes fail the test), and sharp's own q80 4:2:0 output is the reference for size and PSNR.
// jpegEncode goes through JpegWriter; the JpegWriter tests push rows one at a time through its thin
// JS exports (jpegWriterNew/WriteRow/Finish), as the core's own row pipeline does.
//
// PSNR thresholds (dB, RGB vs the RGBA input, alpha ignored), measured minus ~0.3–0.5:
//   kitten 300×300 q80: 42.33 (sharp 42.33); 2569067123 600×600 q80: 36.27 (sharp 36.26).
// Sizes at q80: kitten 300×300 9155 B (sharp 9214), 2569067123 600×600 59735 B (sharp 59423).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { instantiateCore } from "../../src/pipeline/core";
import { at, coreExports } from "./wasm-core";

const root = join(import.meta.dirname, "..", "..");
const fx = (name: string) => join(root, "test", "fixtures", name);

interface Core {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  jpegEncode(rgba: number, width: number, height: number, quality: number): number;
  jpegEncodedLength(): number;
  jpegWriterNew(width: number, height: number, quality: number): void;
  jpegWriterWriteRow(rgba: number): void;
  jpegWriterFinish(): number;
}

interface Raw {
  width: number;
  height: number;
  data: Uint8Array; // RGBA
}

let core: Core;

beforeAll(async () => {
  core = await coreExports<Core>();
});

// a new instance of the core (coreExports gives the process-wide one): its memory has not grown yet
async function freshCore(): Promise<Core> {
  const module = new WebAssembly.Module(readFileSync(join(root, "wasm", "build", "core.wasm")));
  return (await instantiateCore(module)).exports as unknown as Core;
}

function encode(img: Raw, quality: number): Buffer {
  const ptr = core.alloc(img.data.length);
  new Uint8Array(core.memory.buffer, ptr, img.data.length).set(img.data);
  const out = core.jpegEncode(ptr, img.width, img.height, quality);
  core.free(ptr);
  if (out === 0) throw new Error(`jpegEncode(${img.width}×${img.height}, q${quality}) failed`);
  const bytes = Buffer.from(new Uint8Array(core.memory.buffer, out, core.jpegEncodedLength()));
  core.free(out);
  return bytes;
}

// the JPEG (or null for a 0 result) of the bytes at `out`, jpegEncodedLength() long, freeing them
function takeJpeg(c: Core, out: number): Buffer | null {
  if (out === 0) {
    expect(c.jpegEncodedLength()).toBe(0);
    return null;
  }
  const bytes = Buffer.from(new Uint8Array(c.memory.buffer, out, c.jpegEncodedLength()));
  c.free(out);
  return bytes;
}

// through JpegWriter: every row copied into one reused row buffer and pushed
function encodeRows(img: Raw, quality: number, c: Core = core): Buffer {
  const stride = img.width * 4;
  const row = c.alloc(stride);
  c.jpegWriterNew(img.width, img.height, quality);
  for (let y = 0; y < img.height; y++) {
    new Uint8Array(c.memory.buffer, row, stride).set(img.data.subarray(y * stride, (y + 1) * stride));
    c.jpegWriterWriteRow(row);
  }
  c.free(row);
  const jpeg = takeJpeg(c, c.jpegWriterFinish());
  if (!jpeg) throw new Error(`JpegWriter(${img.width}×${img.height}, q${quality}) failed`);
  return jpeg;
}

async function fixture(name: string, width: number, height: number): Promise<Raw> {
  const data = await sharp(fx(name)).resize(width, height, { fit: "fill" }).ensureAlpha().raw().toBuffer();
  return { width, height, data };
}

async function decode(jpeg: Buffer): Promise<Raw> {
  const { data, info } = await sharp(jpeg, { failOn: "warning" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

function sharpJpeg(img: Raw, quality: number): Promise<Buffer> {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } })
    .jpeg({ quality, chromaSubsampling: "4:2:0" })
    .toBuffer();
}

function psnr(a: Raw, b: Raw): number {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.data.length; i++) {
    if ((i & 3) === 3) continue;
    const d = at(a.data, i) - at(b.data, i);
    sum += d * d;
    n++;
  }
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255 * n) / sum);
}

// for outputs that must decode to the same image
function expectSamePixels(a: Raw, b: Raw): void {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  expect(Buffer.compare(a.data, b.data)).toBe(0);
}

// marker segments up to and including SOS: [marker, payload without the length field]
function segments(jpeg: Buffer): [number, Buffer][] {
  const out: [number, Buffer][] = [];
  expect(jpeg.readUInt16BE(0)).toBe(0xffd8);
  let p = 2;
  for (;;) {
    expect(at(jpeg, p)).toBe(0xff);
    const marker = at(jpeg, p + 1);
    const len = jpeg.readUInt16BE(p + 2);
    out.push([marker, jpeg.subarray(p + 4, p + 2 + len)]);
    p += 2 + len;
    if (marker === 0xda) return out;
  }
}

// quantisation tables by id from the DQT segments (zig-zag order)
function quantTables(jpeg: Buffer): Map<number, number[]> {
  const tables = new Map<number, number[]>();
  for (const [marker, data] of segments(jpeg)) {
    if (marker !== 0xdb) continue;
    for (let p = 0; p < data.length; p += 65) {
      expect(at(data, p) >> 4).toBe(0); // 8-bit precision
      tables.set(at(data, p) & 15, [...data.subarray(p + 1, p + 65)]);
    }
  }
  return tables;
}

function noise(width: number, height: number, seed: number): Raw {
  const data = new Uint8Array(width * height * 4);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (i & 3) === 3 ? 255 : s >>> 24; // opaque: sharp would flatten random alpha
  }
  return { width, height, data };
}

function solid(width: number, height: number, rgb: [number, number, number]): Raw {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return { width, height, data };
}

describe("jpegEncode", () => {
  it("writes a baseline JFIF file: SOI APP0 DQT SOF0 DHT SOS … EOI, 4:2:0, sharp's q80 tables", async () => {
    const img = await fixture("kitten.jpg", 300, 300);
    const jpeg = encode(img, 80);
    expect(segments(jpeg).map(([m]) => m)).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xda]);
    const [, app0] = segments(jpeg)[0]!;
    expect(app0.subarray(0, 5).toString("latin1")).toBe("JFIF\0");
    expect(jpeg.readUInt16BE(jpeg.length - 2)).toBe(0xffd9);
    const meta = await sharp(jpeg).metadata();
    expect(meta).toMatchObject({
      format: "jpeg", width: 300, height: 300, channels: 3, chromaSubsampling: "4:2:0", isProgressive: false,
    });
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    // IJG scaling of the Annex K tables, as libjpeg does it
    expect(quantTables(jpeg)).toEqual(quantTables(await sharpJpeg(img, 80)));
  });

  it.each([
    [1, 1], [2, 2], [7, 3], [3, 7], [15, 17], [16, 16], [17, 1], [301, 199], [17, 1000], [1000, 17],
  ])("keeps exact dimensions %i×%i", async (width, height) => {
    const img = await fixture("kitten.jpg", width, height);
    const jpeg = encode(img, 80);
    const out = await decode(jpeg);
    expect([out.width, out.height]).toEqual([width, height]);
    const ref = await decode(await sharpJpeg(img, 80));
    // edge replication into the padding: as close to the input as libjpeg's encoding (within 1 dB)
    expect(psnr(img, out)).toBeGreaterThan(Math.min(psnr(img, ref) - 1, 40));
  });

  it.each([
    ["kitten.jpg", 300, 300, 42.0],
    ["2569067123_aca715a2ee_o.jpg", 600, 600, 36.0],
    ["2569067123_aca715a2ee_o.jpg", 300, 200, 0],
  ] as const)("%s %i×%i q80: PSNR and size match sharp's q80 4:2:0", async (name, width, height, minPsnr) => {
    const img = await fixture(name, width, height);
    const jpeg = encode(img, 80);
    const ref = await sharpJpeg(img, 80);
    const ours = psnr(img, await decode(jpeg));
    const theirs = psnr(img, await decode(ref));
    expect(ours).toBeGreaterThanOrEqual(minPsnr);
    expect(Math.abs(ours - theirs)).toBeLessThan(1);
    expect(jpeg.length / ref.length).toBeGreaterThan(0.85);
    expect(jpeg.length / ref.length).toBeLessThan(1.15);
  });

  it("gets smaller and worse as quality drops (q30 < q80 < q95), q1 and q100 work", async () => {
    const img = await fixture("kitten.jpg", 300, 300);
    const q = [1, 30, 80, 95, 100].map((quality) => encode(img, quality));
    const sizes = q.map((b) => b.length);
    const psnrs = await Promise.all(q.map(async (b) => psnr(img, await decode(b))));
    for (let i = 1; i < q.length; i++) {
      expect(at(sizes, i)).toBeGreaterThan(at(sizes, i - 1));
      expect(at(psnrs, i)).toBeGreaterThan(at(psnrs, i - 1));
    }
    // q100: all quantisers 1, the rest is YCbCr rounding and chroma subsampling
    expect(at(psnrs, 4)).toBeGreaterThan(45);
  });

  it.each([
    ["grey", [128, 128, 128]], ["black", [0, 0, 0]], ["white", [255, 255, 255]], ["magenta", [200, 30, 160]],
    ["green", [0, 255, 0]],
  ] as const)("encodes a solid %s image", async (_, rgb) => {
    const img = solid(77, 45, [rgb[0], rgb[1], rgb[2]]);
    // max error: measured 0–5 at q10 (sharp the same), 0–2 at q80, 0–1 at q100
    for (const [quality, tolerance] of [[10, 5], [80, 2], [100, 1]] as const) {
      const jpeg = encode(img, quality);
      expect(jpeg.length).toBeLessThan(400);
      const out = await decode(jpeg);
      let maxError = 0;
      for (let i = 0; i < out.data.length; i += 4) {
        for (let c = 0; c < 3; c++) maxError = Math.max(maxError, Math.abs(at(out.data, i + c) - at(rgb, c)));
      }
      expect(maxError).toBeLessThanOrEqual(tolerance);
    }
  });

  it("encodes noise (every symbol, long codes, many stuffed 0xFF bytes)", async () => {
    const img = noise(257, 255, 12345);
    for (const quality of [50, 95, 100]) {
      const jpeg = encode(img, quality);
      const out = await decode(jpeg);
      expect([out.width, out.height]).toEqual([257, 255]);
      const ref = await sharpJpeg(img, quality);
      // measured: PSNR equal to sharp's to 0.01 dB, size within 1%
      expect(psnr(img, out)).toBeGreaterThan(psnr(img, await decode(ref)) - 0.2);
      expect(jpeg.length / ref.length).toBeLessThan(1.03);
    }
  });

  it("keeps memory flat across 100 encodes", async () => {
    const img = await fixture("2569067123_aca715a2ee_o.jpg", 600, 600);
    const first = encode(img, 80);
    encode(noise(600, 600, 1), 100);
    const pages = core.memory.buffer.byteLength;
    for (let i = 0; i < 100; i++) {
      const jpeg = encode(img, 80);
      if (i === 99) expect(jpeg.equals(first)).toBe(true);
    }
    expect(core.memory.buffer.byteLength).toBe(pages);
  });

  it("returns 0 for bad arguments", () => {
    const ptr = core.alloc(16);
    expect(core.jpegEncode(0, 1, 1, 80)).toBe(0);
    expect(core.jpegEncode(ptr, 0, 1, 80)).toBe(0);
    expect(core.jpegEncode(ptr, 1, -1, 80)).toBe(0);
    expect(core.jpegEncode(ptr, 65536, 1, 80)).toBe(0);
    expect(core.jpegEncode(ptr, 1, 1, 0)).toBe(0);
    expect(core.jpegEncode(ptr, 1, 1, 101)).toBe(0);
    expect(core.jpegEncodedLength()).toBe(0);
    core.free(ptr);
  });
});

// a smooth gradient under ±16 of noise: compresses like a photo with grain (q80: ~1.7 MB at 4096×2731)
function noisyGradient(width: number, height: number): Raw {
  const data = new Uint8Array(width * height * 4);
  let s = 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const n = (s >>> 27) - 16;
      const i = (y * width + x) * 4;
      data[i] = Math.max(0, Math.min(255, ((x * 255) / width + n) | 0));
      data[i + 1] = Math.max(0, Math.min(255, ((y * 255) / height + n) | 0));
      data[i + 2] = Math.max(0, Math.min(255, (((x + y) * 255) / (width + height) - n) | 0));
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

describe("JpegWriter (rows pushed one at a time)", () => {
  // PSNR measured: 1×1 ∞ (sharp ∞), 17×9 32.61 (32.61), 4097×3 44.36 (44.37), 3×4097 44.22 (44.29)
  it.each([[1, 1, 40], [17, 9, 32.1], [4097, 3, 43.8], [3, 4097, 43.7]])(
    "%i×%i: exact dimensions, PSNR as sharp's", async (width, height, minPsnr) => {
      const img = await fixture("kitten.jpg", width, height);
      const out = await decode(encodeRows(img, 80));
      expect([out.width, out.height]).toEqual([width, height]);
      const ours = psnr(img, out);
      expect(ours).toBeGreaterThan(minPsnr);
      expect(ours).toBeGreaterThanOrEqual(psnr(img, await decode(await sharpJpeg(img, 80))) - 0.3);
      // the whole frame at once through jpegEncode decodes to the same pixels
      expectSamePixels(await decode(encode(img, 80)), out);
    },
  );

  it("encodes 4096×2731 while the core grows by 7 MB, not the frame's 43 MB", async () => {
    const c = await freshCore();
    const img = noisyGradient(4096, 2731);
    const before = c.memory.buffer.byteLength;
    const jpeg = encodeRows(img, 80, c);
    // measured: +7 MB (1 → 8 MB: the allocator doubles the memory) for a 1.7 MB JPEG; the whole
    // frame alone is 42.7 MB, and jpegEncode before JpegWriter grew the core by 90 MB
    expect(c.memory.buffer.byteLength - before).toBeLessThan(12 << 20);
    const out = await decode(jpeg);
    expect([out.width, out.height]).toEqual([4096, 2731]);
    // measured 28.36 dB (sharp's q80: 28.34)
    expect(psnr(img, out)).toBeGreaterThan(28.0);
  }, 30_000);

  it("keeps its state apart from a jpegEncode running between its rows", async () => {
    const a = await fixture("kitten.jpg", 301, 199);
    const b = await fixture("2569067123_aca715a2ee_o.jpg", 120, 90);
    const stride = a.width * 4;
    const row = core.alloc(stride);
    core.jpegWriterNew(a.width, a.height, 80);
    const between: Buffer[] = [];
    for (let y = 0; y < a.height; y++) {
      new Uint8Array(core.memory.buffer, row, stride).set(a.data.subarray(y * stride, (y + 1) * stride));
      core.jpegWriterWriteRow(row);
      if (y % 50 === 7) between.push(encode(b, 90));
    }
    core.free(row);
    const interleaved = takeJpeg(core, core.jpegWriterFinish());
    expect(interleaved).not.toBeNull();
    expectSamePixels(await decode(interleaved!), await decode(encode(a, 80)));
    const alone = await decode(encode(b, 90));
    for (const jpeg of between) expectSamePixels(await decode(jpeg), alone);
  });

  it("fails (0) on bad arguments, a null row, missing or extra rows, and frees what it held", async () => {
    const c = await freshCore(); // a leak cannot hide in memory other tests freed
    const img = await fixture("kitten.jpg", 40, 20);
    const stride = img.width * 4;
    const row = c.alloc(stride);
    const push = (n: number) => {
      for (let y = 0; y < n; y++) {
        new Uint8Array(c.memory.buffer, row, stride).set(img.data.subarray((y % 20) * stride, ((y % 20) + 1) * stride));
        c.jpegWriterWriteRow(row);
      }
    };
    const fails = (width: number, height: number, quality: number, rows: () => void) => {
      c.jpegWriterNew(width, height, quality);
      rows();
      expect(takeJpeg(c, c.jpegWriterFinish())).toBeNull();
    };
    // warm up to this test's peak, then nothing below may grow the memory
    fails(40, 20, 80, () => push(19));
    expect(takeJpeg(c, c.jpegWriterFinish())).toBeNull(); // no writer open
    const pages = c.memory.buffer.byteLength;
    for (let i = 0; i < 200; i++) {
      fails(0, 20, 80, () => push(20));
      fails(40, 65536, 80, () => push(20));
      fails(40, 20, 0, () => push(20));
      fails(40, 20, 101, () => push(20));
      fails(40, 20, 80, () => push(19));
      fails(40, 20, 80, () => push(21));
      fails(40, 20, 80, () => {
        push(10);
        c.jpegWriterWriteRow(0);
        push(10);
      });
      // abandoned halfway by the next jpegWriterNew
      c.jpegWriterNew(40, 20, 80);
      push(10);
    }
    c.jpegWriterNew(40, 20, 80);
    push(20);
    const jpeg = takeJpeg(c, c.jpegWriterFinish());
    expect(jpeg).not.toBeNull();
    expectSamePixels(await decode(jpeg!), await decode(encode(img, 80)));
    c.free(row);
    expect(c.memory.buffer.byteLength).toBe(pages);
  });
});
