// Tests of the wasm core's JPEG decoder (wasm/assembly/jpeg/) against sharp (libvips + libjpeg-turbo).
//
// Fixtures: test/fixtures/*.jpg are copies of ../shared/images; test/fixtures/jpeg-core/s-*.jpg were
// made with libjpeg-turbo 2.1.5 `cjpeg -quality 90` from a 301×203 crop (left 137, top 121) of
// Landscape_1.jpg (decoded with djpeg), with: -sample 4x1,1x1,1x1 (411); -sample 1x2,1x1,1x1 (440);
// -sample 2x1,1x1,1x1 -progressive (422-progressive); -sample 2x2,1x1,1x1 -restart 7B (420-restart);
// -sample 2x2,1x1,1x1 -progressive -restart 5B (420-progressive-restart); -progressive
// (444-progressive); -grayscale (grey); -grayscale -progressive -restart 2 (grey-progressive); -rgb
// (rgb: Adobe transform 0); -arithmetic; -scans with three sequential one-component scans
// (420-multiscan); s-cmyk.jpg is sharp(s-rgb.jpg).toColourspace("cmyk").jpeg() (Adobe, inverted CMYK).
//
// What libjpeg-turbo decodes and the decoder once refused (each 120×80, from base.jpg: the same crop
// resized to 120×80 by sharp, `cjpeg -quality 85`, 4:2:0, Annex K Huffman tables):
//  - a-420-progressive.jpg: `jpegtran -arithmetic -progressive base.jpg` (SOF10, DAC);
//    a-grey-progressive-restart.jpg: `cjpeg -grayscale -arithmetic -progressive -restart 2`;
//    a-422-restart.jpg: `cjpeg -arithmetic -restart 3 -sample 2x1,1x1,1x1` (SOF9, restarts).
//  - x-junk.jpg: base.jpg with a 0x0A byte right after SOI, `12 34 FF 00 56 FF FF` before the SOF
//    and `00 00` before the SOS (libjpeg: "extraneous bytes before marker", a warning).
//  - x-app14-truncated.jpg: an APP14 whose length (7) covers "Adobe" only, the rest of its block
//    left as 7 stray bytes before the next marker.
//  - x-com-zero.jpg: COM segments of length 0 and 1 and an APP15 of length 0 (libjpeg reads them as
//    empty).
//  - x-no-dht.jpg: base.jpg without its DHT segments, as Motion-JPEG frames come: libjpeg decodes
//    with the Annex K tables.
//
// PSNR thresholds (dB): measured values minus 2–3 dB (see the table below for each file).
//  - scale 1 vs sharp's full decode: measured 54–66 (4:1:1: 41.7: libjpeg replicates chroma ×4
//    horizontally, this decoder interpolates).
//  - scales 1/2, 1/4, 1/8 vs sharp's full decode box-averaged by the same factor: measured 4:4:4 and
//    grey 45–60, chroma-subsampled 35–50 (the chroma is upsampled at the reduced size), 4:1:1 34–37.
//    gamma_dalai_lama at 1/4: 32.9 (its stripes clip at 0/255: clipping before vs after averaging).
//    At 1/2 and 1/4 the decoder's output equals the box average of its own 8×8 IDCT (like libjpeg's
//    reduced IDCTs: 4:4:4 fixtures match `djpeg -scale 1/N` at 62–79 dB).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { at, coreExports, putBytes, runDecoder, type RgbaImage } from "./wasm-core";

const root = join(import.meta.dirname, "..", "..");
const fixtures = join(root, "test", "fixtures");
const fx = (name: string) => join(fixtures, name);
const gen = (name: string) => join(fixtures, "jpeg-core", name);

interface Core {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  jpegDecode(ptr: number, len: number, scaleDenom: number): number;
  jpegInfo(ptr: number, len: number): number;
  jpegWidth(): number;
  jpegHeight(): number;
  jpegError(): number;
  jpegComponents(): number;
  jpegProgressive(): number;
  JPEG_ERR_NOT_JPEG: WebAssembly.Global;
  JPEG_ERR_UNSUPPORTED: WebAssembly.Global;
  JPEG_ERR_CORRUPT: WebAssembly.Global;
  JPEG_ERR_TRUNCATED: WebAssembly.Global;
  JPEG_ERR_TOO_LARGE: WebAssembly.Global;
  JPEG_ERR_BAD_ARGUMENT: WebAssembly.Global;
}

type Image = RgbaImage;

let core: Core;

beforeAll(async () => {
  core = await coreExports<Core>();
});

const put = (bytes: Uint8Array) => putBytes(core, bytes);

// decode with the wasm core (see runDecoder); the image or the error code
function decode(bytes: Uint8Array, scale = 1): Image | number {
  const decoder = {
    decode: (ptr: number, len: number) => core.jpegDecode(ptr, len, scale),
    error: core.jpegError,
    width: core.jpegWidth,
    height: core.jpegHeight,
  };
  return runDecoder(core, decoder, bytes);
}

function decodeOk(bytes: Uint8Array, scale = 1): Image {
  const r = decode(bytes, scale);
  if (typeof r === "number") throw new Error(`decode failed: ${r}`);
  expect(core.jpegError()).toBe(0);
  return r;
}

const refs = new Map<string, Promise<Image>>();

// sharp's full-size decode, ignoring ICC profiles (the decoder ignores them); CMYK is converted with
// the same naive formula the decoder uses (sharp itself would apply a CMYK profile). failOn "none":
// libjpeg's warnings (junk between segments) do not stop it, as they do not stop libjpeg.
function reference(file: string): Promise<Image> {
  let p = refs.get(file);
  if (!p) {
    p = (async () => {
      const meta = await sharp(file, { ignoreIcc: true, failOn: "none" }).metadata();
      if (meta.space === "cmyk") {
        const { data, info } = await sharp(file, { ignoreIcc: true, failOn: "none" })
          .pipelineColourspace("cmyk")
          .toColourspace("cmyk")
          .raw()
          .toBuffer({ resolveWithObject: true });
        const rgba = new Uint8Array(info.width * info.height * 4);
        for (let i = 0; i < rgba.length; i += 4) {
          const k = 255 - at(data, i + 3);
          for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(((255 - at(data, i + c)) * k) / 255);
          rgba[i + 3] = 255;
        }
        return { width: info.width, height: info.height, data: rgba };
      }
      const { data, info } = await sharp(file, { ignoreIcc: true, failOn: "none" }).raw().ensureAlpha().toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, data: new Uint8Array(data) };
    })();
    refs.set(file, p);
  }
  return p;
}

// box average by f × f (partial boxes at the right/bottom edges)
function boxDown(img: Image, f: number): Image {
  if (f === 1) return img;
  const width = Math.ceil(img.width / f);
  const height = Math.ceil(img.height / f);
  const data = new Uint8Array(width * height * 4);
  const sums = new Float64Array(width * 4);
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    const y1 = Math.min(img.height, y * f + f);
    for (let yy = y * f; yy < y1; yy++) {
      let i = yy * img.width * 4;
      for (let x = 0; x < img.width; x++, i += 4) {
        const o = ((x / f) | 0) * 4;
        sums[o] = at(sums, o) + at(img.data, i);
        sums[o + 1] = at(sums, o + 1) + at(img.data, i + 1);
        sums[o + 2] = at(sums, o + 2) + at(img.data, i + 2);
        sums[o + 3] = at(sums, o + 3) + 1;
      }
    }
    for (let x = 0; x < width; x++) {
      const o = x * 4;
      const d = (y * width + x) * 4;
      const count = at(sums, o + 3);
      data[d] = Math.round(at(sums, o) / count);
      data[d + 1] = Math.round(at(sums, o + 1) / count);
      data[d + 2] = Math.round(at(sums, o + 2) / count);
      data[d + 3] = 255;
    }
  }
  return { width, height, data };
}

function psnr(a: Image, b: Image): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let se = 0;
  let n = 0;
  let alpha = true;
  for (let i = 0; i < a.data.length; i += 4) {
    const dr = at(a.data, i) - at(b.data, i);
    const dg = at(a.data, i + 1) - at(b.data, i + 1);
    const db = at(a.data, i + 2) - at(b.data, i + 2);
    se += dr * dr + dg * dg + db * db;
    n += 3;
    if (a.data[i + 3] !== 255) alpha = false;
  }
  expect(alpha, "alpha 255").toBe(true);
  return se === 0 ? 99 : 10 * Math.log10((255 * 255) / (se / n));
}

// marker scan of the header + scans: returns marker codes in order
function markers(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) break;
    const m = at(bytes, i + 1);
    out.push(m);
    if (m === 0xd9) break;
    const len = (at(bytes, i + 2) << 8) | at(bytes, i + 3);
    i += 2 + len;
    if (m === 0xda) {
      while (i + 1 < bytes.length) {
        const b0 = at(bytes, i);
        const b1 = at(bytes, i + 1);
        const rst = b1 >= 0xd0 && b1 <= 0xd7;
        if (b0 === 0xff && b1 !== 0 && !rst) break;
        if (b0 === 0xff && rst) out.push(b1);
        i++;
      }
    }
  }
  return out;
}

// [file, sampling/kind, min PSNR at scale 1, at 1/2, at 1/4, at 1/8]
const cases: [string, string, number, number, number, number][] = [
  [fx("2569067123_aca715a2ee_o.jpg"), "6 MP baseline 4:2:0", 55, 46, 43, 41],
  [fx("photo-6mp-progressive.jpg"), "6 MP progressive 4:2:0", 55, 46, 42, 41],
  [fx("kitten.jpg"), "4:4:4 JFIF + ICC", 60, 52, 55, 50],
  [fx("Landscape_1.jpg"), "4:4:4 Adobe transform 1", 58, 47, 48, 46],
  [fx("gamma_dalai_lama_gray.jpg"), "4:4:4, clipped high-frequency stripes", 58, 55, 30, 33],
  [fx("Channel_digital_image_CMYK_color.jpg"), "Adobe YCCK, restart interval", 58, 39, 34, 33],
  [gen("s-cmyk.jpg"), "Adobe inverted CMYK", 60, 42, 39, 38],
  [gen("s-411.jpg"), "4:1:1", 38, 34, 32, 31],
  [gen("s-440.jpg"), "4:4:0", 51, 39, 36, 35],
  [gen("s-422-progressive.jpg"), "4:2:2 progressive", 51, 39, 36, 35],
  [gen("s-420-restart.jpg"), "4:2:0 restart every 7 MCUs", 54, 38, 35, 33],
  [gen("s-420-progressive-restart.jpg"), "4:2:0 progressive, restart every 5 MCUs", 54, 38, 35, 33],
  [gen("s-420-multiscan.jpg"), "4:2:0 sequential, one scan per component", 54, 38, 35, 33],
  [gen("s-444-progressive.jpg"), "4:4:4 progressive", 58, 48, 47, 43],
  [gen("s-grey.jpg"), "1 component", 62, 52, 52, 44],
  [gen("s-grey-progressive.jpg"), "1 component progressive, restart", 62, 52, 52, 44],
  [gen("s-rgb.jpg"), "RGB (Adobe transform 0)", 62, 52, 51, 44],
  [gen("s-arithmetic.jpg"), "arithmetic, sequential (SOF9)", 54, 38, 35, 33],
  [gen("a-420-progressive.jpg"), "arithmetic, progressive 4:2:0 (SOF10)", 55, 37, 33, 30],
  [gen("a-grey-progressive-restart.jpg"), "arithmetic, progressive, 1 component, restart", 63, 53, 56, 56],
  [gen("a-422-restart.jpg"), "arithmetic, 4:2:2, restart every 3 MCU rows", 52, 38, 35, 33],
  [gen("x-junk.jpg"), "junk after SOI and between segments", 55, 37, 33, 30],
  [gen("x-app14-truncated.jpg"), "truncated APP14, stray bytes after it", 55, 37, 33, 30],
  [gen("x-com-zero.jpg"), "COM of length 0 and 1, APP15 of length 0", 55, 37, 33, 30],
  [gen("x-no-dht.jpg"), "no DHT (Motion-JPEG): Annex K tables", 55, 37, 33, 30],
];

describe("jpegDecode vs sharp", () => {
  for (const [file, kind, ...min] of cases) {
    it(`${file.split("/").pop()} (${kind})`, async () => {
      const bytes = readFileSync(file);
      const ref = await reference(file);
      [1, 2, 4, 8].forEach((scale, i) => {
        const img = decodeOk(bytes, scale);
        expect([img.width, img.height]).toEqual([Math.ceil(ref.width / scale), Math.ceil(ref.height / scale)]);
        const db = psnr(img, boxDown(ref, scale));
        expect(db, `scale 1/${scale}: ${db.toFixed(1)} dB`).toBeGreaterThanOrEqual(at(min, i));
      });
    });
  }

  it("the restart fixtures really contain DRI and RSTn markers", () => {
    for (const name of ["s-420-restart.jpg", "s-420-progressive-restart.jpg", "s-grey-progressive.jpg"]) {
      const m = markers(readFileSync(gen(name)));
      expect(m, name).toContain(0xdd);
      expect(m.filter((x) => x >= 0xd0 && x <= 0xd7).length, name).toBeGreaterThan(2);
    }
    const m = markers(readFileSync(fx("Channel_digital_image_CMYK_color.jpg")));
    expect(m).toContain(0xdd);
  });

  it("baseline and progressive encodings of the same photo decode alike", () => {
    for (const scale of [2, 8]) {
      const a = decodeOk(readFileSync(fx("2569067123_aca715a2ee_o.jpg")), scale);
      const b = decodeOk(readFileSync(fx("photo-6mp-progressive.jpg")), scale);
      expect(psnr(a, b)).toBeGreaterThan(40);
    }
  });
});

describe("jpegInfo", () => {
  it("reads the frame header only", () => {
    const check = (file: string, w: number, h: number, comps: number, prog: number) => {
      const bytes = readFileSync(file);
      const ptr = put(bytes);
      expect(core.jpegInfo(ptr, bytes.length)).toBe(0);
      core.free(ptr);
      expect([core.jpegWidth(), core.jpegHeight(), core.jpegComponents(), core.jpegProgressive()]).toEqual([w, h, comps, prog]);
    };
    check(fx("2569067123_aca715a2ee_o.jpg"), 2725, 2225, 3, 0);
    check(fx("photo-6mp-progressive.jpg"), 2725, 2225, 3, 1);
    check(fx("Channel_digital_image_CMYK_color.jpg"), 500, 333, 4, 0);
    check(gen("s-grey.jpg"), 301, 203, 1, 0);
    // only the headers are needed
    const head = readFileSync(fx("truncated.jpg"));
    const ptr = put(head);
    expect(core.jpegInfo(ptr, 700)).toBe(0);
    core.free(ptr);
    expect([core.jpegWidth(), core.jpegHeight()]).toEqual([2725, 2225]);
  });
});

describe("errors and damaged input", () => {
  const err = (name: keyof Core) => (core[name] as WebAssembly.Global).value as number;

  it("truncated data decodes what is there, the rest grey", () => {
    const bytes = readFileSync(fx("truncated.jpg"));
    for (const scale of [1, 2, 4, 8]) {
      const img = decodeOk(bytes, scale);
      expect([img.width, img.height]).toEqual([Math.ceil(2725 / scale), Math.ceil(2225 / scale)]);
      const last = img.data.length - 4;
      expect([...img.data.subarray(last, last + 4)]).toEqual([128, 128, 128, 255]);
    }
  });

  it("every prefix of a small JPEG decodes or fails cleanly", () => {
    const bytes = readFileSync(gen("s-420-progressive-restart.jpg"));
    const base = readFileSync(gen("s-420-restart.jpg"));
    const arithmetic = [readFileSync(gen("a-420-progressive.jpg")), readFileSync(gen("a-422-restart.jpg"))];
    for (const src of [bytes, base, ...arithmetic]) {
      for (let len = 0; len < src.length; len += 97) {
        const r = decode(src.subarray(0, len), 2);
        if (typeof r === "number") expect(r).toBeLessThan(0);
      }
    }
  });

  it("corrupt entropy data never crashes", () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);
    for (const name of ["s-420-progressive-restart.jpg", "a-420-progressive.jpg", "a-422-restart.jpg", "s-arithmetic.jpg"]) {
      const src = readFileSync(gen(name));
      for (let t = 0; t < 60; t++) {
        const bytes = new Uint8Array(src);
        for (let j = 0; j < 20; j++) bytes[600 + Math.floor(rnd() * (bytes.length - 600))] = Math.floor(rnd() * 256);
        const r = decode(bytes, [1, 2, 4, 8][t & 3]);
        if (typeof r === "number") expect(r).toBeLessThan(0);
      }
    }
  });

  it("stays strict where libjpeg is: short DQT, progressive without DHT, DAC with L > U", () => {
    const seg = (bytes: Uint8Array, marker: number) => bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === marker);
    // a DQT whose length is under 2 (only APPn and COM may be)
    const grey = new Uint8Array(readFileSync(gen("s-grey.jpg")));
    const dqt = seg(grey, 0xdb);
    grey.set([0, 0], dqt + 2);
    expect(decode(grey)).toBe(err("JPEG_ERR_CORRUPT"));
    // progressive Huffman frames get no default tables: drop the DHTs before the first scan
    const prog = readFileSync(gen("s-444-progressive.jpg"));
    const parts: Uint8Array[] = [prog.subarray(0, 2)];
    for (let i = 2; ; ) {
      const m = at(prog, i + 1);
      const len = 2 + ((at(prog, i + 2) << 8) | at(prog, i + 3));
      if (m === 0xda) {
        parts.push(prog.subarray(i));
        break;
      }
      if (m !== 0xc4) parts.push(prog.subarray(i, i + len));
      i += len;
    }
    const noTables = new Uint8Array(Buffer.concat(parts));
    expect(seg(noTables, 0xc4)).toBeGreaterThan(seg(noTables, 0xda));
    expect(decode(noTables)).toBe(err("JPEG_ERR_CORRUPT"));
    // DAC: DC conditioning with L (low nibble) over U
    const ari = new Uint8Array(readFileSync(gen("a-422-restart.jpg")));
    const dac = seg(ari, 0xcc);
    expect(ari[dac + 4]).toBe(0x00); // DC table 0
    ari[dac + 5] = 0x12;
    expect(decode(ari)).toBe(err("JPEG_ERR_CORRUPT"));
  });

  it("corrupt header → error code", () => {
    const r = decode(readFileSync(fx("corrupt-header.jpg")));
    expect(r).toBe(err("JPEG_ERR_TRUNCATED"));
    const bytes = readFileSync(gen("s-grey.jpg"));
    const bad = new Uint8Array(bytes);
    const sof = bad.findIndex((b, i) => b === 0xff && bad[i + 1] === 0xc0);
    bad[sof + 3] = 7; // SOF segment length
    expect(decode(bad)).toBe(err("JPEG_ERR_CORRUPT"));
  });

  it("not a JPEG / unsupported / bad arguments", () => {
    expect(decode(readFileSync(fx("truncated.png")))).toBe(err("JPEG_ERR_NOT_JPEG"));
    expect(decode(new Uint8Array(0))).toBe(err("JPEG_ERR_NOT_JPEG"));
    // lossless (SOF3)
    const lossless = new Uint8Array(readFileSync(gen("s-grey.jpg")));
    lossless[lossless.findIndex((b, i) => b === 0xff && lossless[i + 1] === 0xc0) + 1] = 0xc3;
    expect(decode(lossless)).toBe(err("JPEG_ERR_UNSUPPORTED"));
    expect(decode(readFileSync(gen("s-grey.jpg")), 3)).toBe(err("JPEG_ERR_BAD_ARGUMENT"));
    // 12-bit precision
    const bytes = new Uint8Array(readFileSync(gen("s-grey.jpg")));
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc0);
    bytes[sof + 4] = 12;
    expect(decode(bytes)).toBe(err("JPEG_ERR_UNSUPPORTED"));
  });

  it("zero width and oversized images are refused", () => {
    const bytes = new Uint8Array(readFileSync(gen("s-grey.jpg")));
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc0);
    const big = new Uint8Array(bytes);
    big.set([0xff, 0xff, 0xff, 0xff], sof + 5); // 65535 × 65535
    expect(decode(big)).toBe(err("JPEG_ERR_TOO_LARGE"));
    const zero = new Uint8Array(bytes);
    zero.set([0, 0], sof + 7);
    expect(decode(zero)).toBe(err("JPEG_ERR_TOO_LARGE"));
  });
});

describe("memory", () => {
  it("stays flat over repeated decodes", () => {
    const files = [fx("2569067123_aca715a2ee_o.jpg"), fx("photo-6mp-progressive.jpg")];
    for (const file of files) {
      const bytes = readFileSync(file);
      const ptr = put(bytes);
      let size = 0;
      for (let i = 0; i < 50; i++) {
        const out = core.jpegDecode(ptr, bytes.length, 8);
        expect(out).not.toBe(0);
        core.free(out);
        if (i === 0) size = core.memory.buffer.byteLength;
        else expect(core.memory.buffer.byteLength).toBe(size);
      }
      core.free(ptr);
    }
  });
});
