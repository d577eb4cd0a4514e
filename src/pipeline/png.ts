/**
 * PNG output. The image core chooses the smallest exact colour type for the frame (grey at 1–8 bits,
 * a palette of ≤ 256 colours with tRNS, grey + alpha, RGB, RGBA: wasm/assembly/pngenc/), packs and
 * filters it in place; the runtime's native zlib (`node:zlib`, the zlib format IDAT holds) compresses
 * it straight from the core's memory; the chunks are written here. Lossless: decoding the file gives
 * the frame back exactly.
 *
 * Row filters: 8-bit grey and colour rows take the filter with the smallest sum of absolute
 * residuals (libpng's heuristic), which wins on photos by a third. On flat graphics (many pixels
 * repeating their left neighbour), unfiltered rows can deflate smaller (anti-aliased text repeats
 * byte for byte, its filtered residuals do not): the smaller is kept, judged on evenly spaced bands
 * of rows when the image is large, on the whole image when it is small. Sub-byte and palette rows
 * stay unfiltered (README, "PNG output", has the measurements). Grey and palette images chosen at 1,
 * 2 or 4 bits are compressed at 8 bits too, and the smaller kept.
 */
import { deflateSync } from "node:zlib";
import type { CoreFrame, ImageCore } from "./core";

/**
 * zlib level 4: against level 6 (zlib's default, and CompressionStream's, which cannot be set), 0–7%
 * more bytes for a third to three quarters less CPU (a 800×800 gradient: 64 ms against 254; README,
 * "PNG output"); thumbnails stay well under libvips' bytes either way.
 */
const DEFLATE_LEVEL = 4;

const PNG_COLOUR_TYPES = { grey: 0, rgb: 2, palette: 3, greyAlpha: 4, rgba: 6 } as const;

/** Row filters pay for 8-bit samples; palette indices and packed sub-byte pixels are no gradients. */
function filtersFor(colourType: number, depth: number): boolean {
  return depth === 8 && colourType !== PNG_COLOUR_TYPES.palette;
}

/** pngRepeats() (per 1024 pixels) from which unfiltered rows are tried too: photos score ~0. */
const FLAT_REPEATS = 256;

/** Encodes `frame` (RGBA8, with the spare row bytes a FrameSink leaves) into a PNG file; the frame's pixels are consumed. */
export function encodePng(core: ImageCore, frame: CoreFrame): Uint8Array {
  const x = core.exports;
  const { width, height } = frame;
  const choice = x.pngAnalyze(frame.ptr, width, height);
  const colourType = choice & 0xff;
  const depth = choice >> 8;
  const palette = colourType === PNG_COLOUR_TYPES.palette ? paletteChunks(core) : [];
  if (depth < 8) {
    // Packed pixels are smaller, but their bytes repeat only when runs align with bytes: try both.
    const length = x.pngPack(frame.ptr, width, height, colourType, 8);
    if (length < 0) throw new Error(`png encoder: pngPack refused ${width}x${height}`);
    const bytes = deflate(core, frame.ptr, length);
    const packedLength = x.pngRepack(frame.ptr, width, height, colourType, depth);
    if (packedLength < 0) throw new Error(`png encoder: pngRepack refused ${width}x${height} at ${depth} bits`);
    const packed = deflate(core, frame.ptr, packedLength);
    if (packed.byteLength <= bytes.byteLength) return assemble([ihdr(width, height, colourType, depth), ...palette], packed);
    return assemble([ihdr(width, height, colourType, 8), ...palette], bytes);
  }
  const chunks = [ihdr(width, height, colourType, depth), ...palette];
  const flat = x.pngRepeats() >= FLAT_REPEATS;
  const length = x.pngPack(frame.ptr, width, height, colourType, depth);
  if (length < 0) throw new Error(`png encoder: pngPack refused ${width}x${height}`);
  if (!filtersFor(colourType, depth)) return assemble(chunks, deflate(core, frame.ptr, length));
  if (flat && height > SAMPLE_ROWS) {
    if (unfilteredWins(core, frame.ptr, width, height, colourType, depth, length)) return assemble(chunks, deflate(core, frame.ptr, length));
    x.pngFilterRows(frame.ptr, width, height, colourType, depth);
    return assemble(chunks, deflate(core, frame.ptr, length));
  }
  // A photo is filtered; a small flat image is compressed both ways (cheap at its size) and the smaller kept.
  const unfiltered = flat ? deflate(core, frame.ptr, length) : null;
  x.pngFilterRows(frame.ptr, width, height, colourType, depth);
  const filtered = deflate(core, frame.ptr, length);
  return assemble(chunks, unfiltered && unfiltered.byteLength < filtered.byteLength ? unfiltered : filtered);
}

/** Bands of rows a large flat image is sampled in, evenly spaced, to choose filtered or unfiltered rows. */
const SAMPLE_BANDS = 8;
const SAMPLE_BAND_ROWS = 16;
const SAMPLE_ROWS = SAMPLE_BANDS * SAMPLE_BAND_ROWS;

/**
 * Whether the packed, unfiltered rows deflate smaller than filtered ones, judged on SAMPLE_BANDS bands
 * of SAMPLE_BAND_ROWS rows: each band compressed as it is and filtered into a scratch band (the frame
 * stays unfiltered). A sixth of the rows of a 1080-row image: compressing the whole frame both ways
 * cost a second full deflate (README, "PNG output").
 */
function unfilteredWins(core: ImageCore, ptr: number, width: number, height: number, colourType: number, depth: number, length: number): boolean {
  const x = core.exports;
  const rowBytes = length / height;
  const bandBytes = SAMPLE_BAND_ROWS * rowBytes;
  const scratch = x.alloc(bandBytes);
  if (scratch === 0) throw new Error(`png encoder: no room for a ${bandBytes}-byte sample band`);
  try {
    let unfiltered = 0;
    let filtered = 0;
    for (let band = 0; band < SAMPLE_BANDS; band++) {
      const y = Math.floor((band * (height - SAMPLE_BAND_ROWS)) / (SAMPLE_BANDS - 1));
      unfiltered += deflate(core, ptr + y * rowBytes, bandBytes).byteLength;
      x.pngFilterBand(ptr, width, height, colourType, depth, y, SAMPLE_BAND_ROWS, scratch);
      filtered += deflate(core, scratch, bandBytes).byteLength;
    }
    return unfiltered < filtered;
  } finally {
    x.free(scratch);
  }
}

function ihdr(width: number, height: number, colourType: number, depth: number): Uint8Array {
  const body = new Uint8Array(13);
  const view = new DataView(body.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  body[8] = depth;
  body[9] = colourType;
  // compression 0, filter method 0, no interlace
  return chunk("IHDR", body);
}

/** PLTE, and tRNS up to the last non-opaque entry (the core puts those first). */
function paletteChunks(core: ImageCore): Uint8Array[] {
  const x = core.exports;
  const size = x.pngPaletteSize();
  const alphas = x.pngPaletteAlphas();
  const entries = new Uint8Array(x.memory.buffer, x.pngPalette(), size * 4);
  const rgb = new Uint8Array(size * 3);
  const alpha = new Uint8Array(alphas);
  for (let i = 0; i < size; i++) {
    rgb.set(entries.subarray(i * 4, i * 4 + 3), i * 3);
    if (i < alphas) alpha[i] = entries[i * 4 + 3] ?? 255;
  }
  return alphas > 0 ? [chunk("PLTE", rgb), chunk("tRNS", alpha)] : [chunk("PLTE", rgb)];
}

/**
 * zlib-compresses `length` bytes of the core's memory at `ptr` in one call (node:zlib, native in
 * Workers as in Node, reading the core's memory in place).
 */
function deflate(core: ImageCore, ptr: number, length: number): Uint8Array {
  const out = deflateSync(new Uint8Array(core.exports.memory.buffer, ptr, length), { level: DEFLATE_LEVEL });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function assemble(head: readonly Uint8Array[], idat: Uint8Array): Uint8Array {
  const idatLength = idat.byteLength;
  const total = SIGNATURE.length + head.reduce((n, c) => n + c.byteLength, 0) + 12 + idatLength + 12;
  const out = new Uint8Array(total);
  out.set(SIGNATURE);
  let o = SIGNATURE.length;
  for (const c of head) {
    out.set(c, o);
    o += c.byteLength;
  }
  // IDAT written in place: its data is the largest part, and is not copied once more into a chunk.
  const view = new DataView(out.buffer);
  view.setUint32(o, idatLength);
  const typeAt = o + 4;
  out.set(IDAT_TYPE, typeAt);
  o += 8;
  out.set(idat, o);
  o += idatLength;
  view.setUint32(o, crc32(out.subarray(typeAt, o)));
  o += 4;
  out.set(chunk("IEND", new Uint8Array(0)), o);
  return out;
}

const IDAT_TYPE = new TextEncoder().encode("IDAT");

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.byteLength);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.byteLength, crc32(out.subarray(4, 8 + body.byteLength)));
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
