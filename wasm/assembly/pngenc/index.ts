// PNG output, the pixel half: chooses the smallest exact colour type for an RGBA8 frame, packs it
// and filters its rows, in place. JS (src/pipeline/png.ts) deflates the result and writes the chunks.
//
//   pngAnalyze(frame, width, height): i32   reads the frame once and chooses: grey (1/2/4/8-bit, when
//       every pixel is opaque and R = G = B), palette (1/2/4/8-bit, ≤ 256 distinct RGBA colours, the
//       non-opaque ones first so tRNS stays short), grey + alpha, RGB or RGBA (8-bit). Returns
//       colourType | bitDepth << 8. pngPaletteSize(), pngPaletteAlphas() and pngPalette() (RGBA
//       entries, static memory) describe the palette until the next call; pngRepeats() is how many
//       pixels (per 1024 of those read) repeat the one before them: flat graphics score high.
//   pngPack(frame, width, height, colourType, bitDepth): i32   packs the frame into that colour type
//       (it must be the one pngAnalyze chose for this frame: the palette is its) as the zlib input
//       with filter 0 (none) on every row: height × (filter byte + stride) bytes over the frame from its
//       start; the frame's buffer must have `height` spare bytes after its pixels (RGBA rows grow by
//       their filter byte). Returns the byte length, or -1 for arguments outside 1..2^31.
//       Grey and palette frames may be packed at 8 bits whatever pngAnalyze chose.
//   pngRepack(data, width, height, colourType, bitDepth): i32   turns pngPack's 8-bit grey or palette output into
//       bitDepth (1, 2 or 4: pngAnalyze's choice, which every sample fits) in place; the new length.
//   pngFilterRows(data, width, height, colourType, bitDepth)   filters pngPack's output in place:
//       each row takes the filter whose residuals have the smallest sum of absolute values (libpng's
//       heuristic).
//   Nothing is allocated but two rows of scratch, freed before returning: the frame is the memory.

const MAX_COLOURS: i32 = 256;
const SLOTS: i32 = 1024; // open addressing at ≤ 25% load for 256 colours

// Static: a block allocated during a request and kept would split the heap a pooled instance hands on.
const slotKeys: usize = memory.data(SLOTS << 2, 16);
const slotUsed: usize = memory.data(SLOTS);
const slotIndex: usize = memory.data(SLOTS);
const palette: usize = memory.data(MAX_COLOURS << 2, 16);
// The smallest grey bit depth that holds each 8-bit value exactly (1: 0/255, 2: ×85, 4: ×17).
const greyDepth: usize = memory.data(256);

let paletteSize: i32 = 0;
let paletteAlphas: i32 = 0;
let repeats: i32 = 0;

function initGreyDepth(): void {
  if (load<u8>(greyDepth + 255) != 0) return;
  for (let v = 0; v < 256; v++) {
    store<u8>(greyDepth + v, v == 0 || v == 255 ? 1 : v % 85 == 0 ? 2 : v % 17 == 0 ? 4 : 8);
  }
}

@inline function slotOf(colour: u32): i32 {
  let s = <i32>((colour * 0x9e3779b1) >>> 22);
  while (load<u8>(slotUsed + s) != 0 && load<u32>(slotKeys + (<usize>s << 2)) != colour) s = (s + 1) & (SLOTS - 1);
  return s;
}

/** Bits per palette index for `n` colours. */
function indexDepth(n: i32): i32 {
  return n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
}

@inline function luma(c: u32): u32 {
  return (c & 0xff) * 77 + ((c >>> 8) & 0xff) * 150 + ((c >>> 16) & 0xff) * 29;
}

/** Palette order: non-opaque entries first (tRNS then ends at the last of them), then by luma. */
@inline function before(a: u32, b: u32): bool {
  const oa = a >>> 24 == 0xff;
  const ob = b >>> 24 == 0xff;
  if (oa != ob) return ob;
  return luma(a) < luma(b);
}

function sortPalette(n: i32): void {
  for (let i = 1; i < n; i++) {
    const c = load<u32>(palette + (<usize>i << 2));
    let j = i - 1;
    while (j >= 0 && before(c, load<u32>(palette + (<usize>j << 2)))) {
      store<u32>(palette + (<usize>(j + 1) << 2), load<u32>(palette + (<usize>j << 2)));
      j--;
    }
    store<u32>(palette + (<usize>(j + 1) << 2), c);
  }
  paletteAlphas = 0;
  for (let i = 0; i < n; i++) {
    const c = load<u32>(palette + (<usize>i << 2));
    store<u8>(slotIndex + slotOf(c), <u8>i);
    if (c >>> 24 != 0xff) paletteAlphas = i + 1;
  }
}

export function pngAnalyze(frame: usize, width: i32, height: i32): i32 {
  initGreyDepth();
  memory.fill(slotUsed, 0, SLOTS);
  paletteSize = 0;
  paletteAlphas = 0;
  const n = <usize>width * <usize>height;
  let opaque: u32 = 0xff;
  let grey = true;
  let depth: i32 = 1;
  let colours: i32 = 0;
  let last: u32 = ~load<u32>(frame);
  let same: usize = 0;
  let i: usize = 0;
  for (; i < n; i++) {
    const c = load<u32>(frame + (i << 2));
    if (c == last) {
      same++; // runs are the common case in graphics
      continue;
    }
    last = c;
    opaque &= c >>> 24;
    const r = c & 0xff;
    if (grey) {
      if (r != ((c >>> 8) & 0xff) || r != ((c >>> 16) & 0xff)) grey = false;
      else depth = max(depth, <i32>load<u8>(greyDepth + r));
    }
    if (colours <= MAX_COLOURS) {
      const s = slotOf(c);
      if (load<u8>(slotUsed + s) == 0) {
        if (colours < MAX_COLOURS) {
          store<u8>(slotUsed + s, 1);
          store<u32>(slotKeys + (<usize>s << 2), c);
          store<u32>(palette + (<usize>colours << 2), c);
        }
        colours++;
      }
    } else if (!grey && opaque != 0xff) {
      i++;
      break; // RGBA whatever else comes
    }
  }
  repeats = <i32>((<u64>same << 10) / <u64>max<usize>(i, 1));
  const hasPalette = colours <= MAX_COLOURS;
  if (hasPalette) {
    paletteSize = colours;
    sortPalette(colours);
  }
  const alpha = opaque != 0xff;
  if (grey && !alpha && (!hasPalette || depth <= indexDepth(colours))) return 0 | (depth << 8);
  if (hasPalette) return 3 | (indexDepth(colours) << 8);
  if (grey) return 4 | (8 << 8);
  return (alpha ? 6 : 2) | (8 << 8);
}

export function pngRepeats(): i32 {
  return repeats;
}

export function pngPaletteSize(): i32 {
  return paletteSize;
}

export function pngPaletteAlphas(): i32 {
  return paletteAlphas;
}

export function pngPalette(): usize {
  return palette;
}

/** Bytes per complete pixel (the filters' "bpp"), at least 1. */
function filterStep(colourType: i32, depth: i32): i32 {
  if (depth < 8) return 1;
  return colourType == 2 ? 3 : colourType == 4 ? 2 : colourType == 6 ? 4 : 1;
}

function rowBytes(colourType: i32, depth: i32, width: i32): i32 {
  const channels = colourType == 2 ? 3 : colourType == 4 ? 2 : colourType == 6 ? 4 : 1;
  return <i32>((<i64>width * channels * depth + 7) >> 3);
}

/** Row y of RGBA pixels into the colour type, written at `dst` (≤ the row's own address: in place). */
function packRow(src: usize, dst: usize, width: i32, colourType: i32, depth: i32): void {
  if (colourType == 6) {
    if (dst != src) memory.copy(dst, src, <usize>width << 2);
    return;
  }
  if (colourType == 2) {
    for (let x = 0; x < width; x++) {
      const c = load<u32>(src + (<usize>x << 2));
      const d = dst + <usize>x * 3;
      store<u8>(d, <u8>c);
      store<u8>(d, <u8>(c >>> 8), 1);
      store<u8>(d, <u8>(c >>> 16), 2);
    }
    return;
  }
  if (colourType == 4) {
    for (let x = 0; x < width; x++) {
      const c = load<u32>(src + (<usize>x << 2));
      store<u16>(dst + (<usize>x << 1), <u16>((c & 0xff) | ((c >>> 16) & 0xff00)));
    }
    return;
  }
  // Grey or palette: one sample per pixel, `depth` bits, packed from the high bits of each byte.
  const perByte = 8 / depth;
  const shift = colourType == 0 ? 8 - depth : 0; // grey keeps its top bits: pngAnalyze chose a depth they fit
  let acc: u32 = 0;
  let filled = 0;
  let o: usize = dst;
  for (let x = 0; x < width; x++) {
    const c = load<u32>(src + (<usize>x << 2));
    const v: u32 = colourType == 0 ? (c & 0xff) >>> shift : <u32>load<u8>(slotIndex + slotOf(c));
    acc = (acc << depth) | v;
    if (++filled == perByte) {
      store<u8>(o++, <u8>acc);
      acc = 0;
      filled = 0;
    }
  }
  if (filled > 0) store<u8>(o, <u8>(acc << (depth * (perByte - filled))));
}

@inline function paeth(a: i32, b: i32, c: i32): i32 {
  const p = a + b - c;
  const pa = abs(p - a);
  const pb = abs(p - b);
  const pc = abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

@inline function cost(residual: i32): u32 {
  return <u32>abs(<i32><i8>residual);
}

const ONES = i8x16.splat(1);

/** libpng's filter 3 predictor, floor((a + b) / 2), for 16 bytes (avgr_u rounds up). */
@inline function average16(a: v128, b: v128): v128 {
  return i8x16.sub(i8x16.avgr_u(a, b), v128.and(v128.xor(a, b), ONES));
}

/** The Paeth predictor of 8 bytes widened to i16 (PNG spec 9.4; ties go to a, then b). */
@inline function paeth8(a: v128, b: v128, c: v128): v128 {
  const pa0 = i16x8.sub(b, c);
  const pb0 = i16x8.sub(a, c);
  const pa = i16x8.abs(pa0);
  const pb = i16x8.abs(pb0);
  const pc = i16x8.abs(i16x8.add(pa0, pb0));
  const useA = v128.and(i16x8.le_s(pa, pb), i16x8.le_s(pa, pc));
  return v128.bitselect(a, v128.bitselect(b, c, i16x8.le_s(pb, pc)), useA);
}

@inline function paeth16(a: v128, b: v128, c: v128): v128 {
  const lo = paeth8(i16x8.extend_low_i8x16_u(a), i16x8.extend_low_i8x16_u(b), i16x8.extend_low_i8x16_u(c));
  const hi = paeth8(i16x8.extend_high_i8x16_u(a), i16x8.extend_high_i8x16_u(b), i16x8.extend_high_i8x16_u(c));
  return i8x16.narrow_i16x8_u(lo, hi);
}

/** `sum` plus |r| of 16 residuals read as i8 (i8x16.abs leaves -128 as 0x80: 128 unsigned, as it should). */
@inline function addCost(sum: v128, residual: v128): v128 {
  return i32x4.add(sum, i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(i8x16.abs(residual))));
}

@inline function lanes(v: v128): u32 {
  return <u32>(i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3));
}

/**
 * The filter (0–4) whose residuals of `row` over `prev` have the smallest sum. The first `bpp` bytes
 * have no left neighbour (a = c = 0); the rest run without that test, 16 bytes at a time (the sums
 * are the scalar ones exactly, so the choice is too).
 */
function chooseFilter(row: usize, prev: usize, n: i32, bpp: i32): i32 {
  let s0: u32 = 0;
  let s1: u32 = 0;
  let s2: u32 = 0;
  let s3: u32 = 0;
  let s4: u32 = 0;
  for (let i = 0; i < bpp; i++) {
    const x = <i32>load<u8>(row + i);
    const b = <i32>load<u8>(prev + i);
    s0 += cost(x);
    s1 += cost(x);
    s2 += cost(x - b);
    s3 += cost(x - (b >> 1));
    s4 += cost(x - b); // Paeth of (0, b, 0) is b
  }
  let v0 = i32x4.splat(0);
  let v1 = v0;
  let v2 = v0;
  let v3 = v0;
  let v4 = v0;
  let i = bpp;
  for (; i + 16 <= n; i += 16) {
    const x = v128.load(row + i);
    const a = v128.load(row + i - bpp);
    const b = v128.load(prev + i);
    const c = v128.load(prev + i - bpp);
    v0 = addCost(v0, x);
    v1 = addCost(v1, i8x16.sub(x, a));
    v2 = addCost(v2, i8x16.sub(x, b));
    v3 = addCost(v3, i8x16.sub(x, average16(a, b)));
    v4 = addCost(v4, i8x16.sub(x, paeth16(a, b, c)));
  }
  s0 += lanes(v0);
  s1 += lanes(v1);
  s2 += lanes(v2);
  s3 += lanes(v3);
  s4 += lanes(v4);
  for (; i < n; i++) {
    const x = <i32>load<u8>(row + i);
    const a = <i32>load<u8>(row + i - bpp);
    const b = <i32>load<u8>(prev + i);
    const c = <i32>load<u8>(prev + i - bpp);
    s0 += cost(x);
    s1 += cost(x - a);
    s2 += cost(x - b);
    s3 += cost(x - ((a + b) >> 1));
    s4 += cost(x - paeth(a, b, c));
  }
  let best = 0;
  let sum = s0;
  if (s1 < sum) { best = 1; sum = s1; }
  if (s2 < sum) { best = 2; sum = s2; }
  if (s3 < sum) { best = 3; sum = s3; }
  if (s4 < sum) { best = 4; }
  return best;
}

/** Filters `row` (over `prev`, both unfiltered) into `out`: the filter byte, then the residuals. */
function filterRow(out: usize, row: usize, prev: usize, n: i32, bpp: i32, filter: i32): void {
  store<u8>(out, <u8>filter);
  const d = out + 1;
  if (filter == 0) {
    memory.copy(d, row, <usize>n);
    return;
  }
  // The first bpp bytes have a = c = 0: Sub keeps them, Up and Paeth take b, Average b / 2.
  for (let i = 0; i < bpp; i++) {
    const x = load<u8>(row + i);
    const b = load<u8>(prev + i);
    store<u8>(d + i, filter == 1 ? x : filter == 3 ? x - (b >> 1) : x - b);
  }
  let i = bpp;
  for (; i + 16 <= n; i += 16) {
    const x = v128.load(row + i);
    const a = v128.load(row + i - bpp);
    const b = v128.load(prev + i);
    const predicted = filter == 1 ? a : filter == 2 ? b : filter == 3 ? average16(a, b) : paeth16(a, b, v128.load(prev + i - bpp));
    v128.store(d + i, i8x16.sub(x, predicted));
  }
  for (; i < n; i++) {
    const x = <i32>load<u8>(row + i);
    const a = <i32>load<u8>(row + i - bpp);
    const b = <i32>load<u8>(prev + i);
    const predicted = filter == 1 ? a : filter == 2 ? b : filter == 3 ? (a + b) >> 1 : paeth(a, b, <i32>load<u8>(prev + i - bpp));
    store<u8>(d + i, <u8>(x - predicted));
  }
}

export function pngPack(frame: usize, width: i32, height: i32, colourType: i32, depth: i32): i32 {
  if (frame == 0 || width <= 0 || height <= 0) return -1;
  const stride = rowBytes(colourType, depth, width);
  if (<i64>height * <i64>(stride + 1) > <i64>I32.MAX_VALUE) return -1;
  const srcStride = <usize>width << 2;
  // Packing shrinks every row (or keeps RGBA as is), so row y lands at or before where it was read.
  for (let y = 0; y < height; y++) packRow(frame + <usize>y * srcStride, frame + <usize>y * <usize>stride, width, colourType, depth);
  // Each row then moves up by one byte per row above it, for the filter bytes: from the last row up,
  // a row only ever lands on itself and on rows already moved.
  for (let y = height - 1; y >= 0; y--) {
    const at = frame + <usize>y * <usize>(stride + 1);
    memory.copy(at + 1, frame + <usize>y * <usize>stride, <usize>stride);
    store<u8>(at, 0);
  }
  return height * (stride + 1);
}

export function pngRepack(data: usize, width: i32, height: i32, colourType: i32, depth: i32): i32 {
  if (data == 0 || width <= 0 || height <= 0 || (depth != 1 && depth != 2 && depth != 4)) return -1;
  const stride = rowBytes(0, depth, width);
  const shift = colourType == 0 ? 8 - depth : 0; // grey keeps its top bits: pngAnalyze chose a depth they fit
  const perByte = 8 / depth;
  // Rows shrink: from the first row down, each lands at or before where it is read, and each byte is
  // written only after the samples it packs were read.
  for (let y = 0; y < height; y++) {
    const src = data + <usize>y * <usize>(width + 1) + 1;
    const dst = data + <usize>y * <usize>(stride + 1);
    store<u8>(dst, 0);
    let acc: u32 = 0;
    let filled = 0;
    let o = dst + 1;
    for (let x = 0; x < width; x++) {
      acc = (acc << depth) | (<u32>load<u8>(src + x) >>> shift);
      if (++filled == perByte) {
        store<u8>(o++, <u8>acc);
        acc = 0;
        filled = 0;
      }
    }
    if (filled > 0) store<u8>(o, <u8>(acc << (depth * (perByte - filled))));
  }
  return height * (stride + 1);
}

export function pngFilterRows(data: usize, width: i32, height: i32, colourType: i32, depth: i32): void {
  if (data == 0 || width <= 0 || height <= 0) return;
  const stride = rowBytes(colourType, depth, width);
  const bpp = filterStep(colourType, depth);
  // The filtered row, then a row of zeros: the "previous row" of the first one.
  const scratch = heap.alloc(<usize>stride * 2 + 1);
  const zeros = scratch + <usize>stride + 1;
  memory.fill(zeros, 0, <usize>stride);
  // From the last row up: row y's filter reads rows y and y - 1, which are still unfiltered.
  for (let y = height - 1; y >= 0; y--) {
    const at = data + <usize>y * <usize>(stride + 1);
    const row = at + 1;
    const prev: usize = y > 0 ? row - <usize>(stride + 1) : zeros;
    filterRow(scratch, row, prev, stride, bpp, chooseFilter(row, prev, stride, bpp));
    memory.copy(at, scratch, <usize>stride + 1);
  }
  heap.free(scratch);
}

/**
 * Filters rows [y0, y0 + rows) of packed, still unfiltered `data` into `out` (rows × (stride + 1)
 * bytes), leaving `data` as it is: a sample of what pngFilterRows would make, for the choice between
 * filtered and unfiltered rows (png.ts) without filtering the whole frame twice.
 */
export function pngFilterBand(data: usize, width: i32, height: i32, colourType: i32, depth: i32, y0: i32, rows: i32, out: usize): void {
  if (data == 0 || out == 0 || width <= 0 || y0 < 0 || rows <= 0 || y0 + rows > height) return;
  const stride = rowBytes(colourType, depth, width);
  const bpp = filterStep(colourType, depth);
  const zeros: usize = y0 == 0 ? heap.alloc(<usize>stride) : 0;
  if (zeros != 0) memory.fill(zeros, 0, <usize>stride);
  for (let y = y0; y < y0 + rows; y++) {
    const row = data + <usize>y * <usize>(stride + 1) + 1;
    const prev: usize = y > 0 ? row - <usize>(stride + 1) : zeros;
    filterRow(out + <usize>(y - y0) * <usize>(stride + 1), row, prev, stride, bpp, chooseFilter(row, prev, stride, bpp));
  }
  if (zeros != 0) heap.free(zeros);
}
