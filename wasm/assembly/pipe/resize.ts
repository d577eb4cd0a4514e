// Separable Lanczos3 resampling as a row stage, in fixed point. Each source row that some output row
// needs is resampled horizontally into a ring of rows as tall as the vertical filter; an output row is
// emitted as soon as its last source row has arrived. The working set is the ring (taps × window
// width × 8 bytes) and the pixel pairs of two source rows (8 bytes a pixel each; one row of 16 when
// premultiplying) whatever the source height, so a 24 MP decode streams through a few hundred
// kilobytes.
//
// Weights are i16 with WEIGHT_BITS fractional bits, and one i32x4.dot_i16x8_s applies two taps to the
// four channels of two pixels: the table holds each tap pair as [w0, w1] (broadcast to the four
// channels as it is loaded), and each source row is first rewritten as pixel pairs interleaved
// channel by channel ([R0 R1 G0 G1 B0 B1 A0 A1]), a pair starting at every pixel, so a pair of taps is
// one widening load and one dot whichever pixel the filter starts at. That is twice the taps of an
// f32x4 multiply-add per instruction, the interleaving is paid once per source pixel rather than per
// tap, and two source rows are resampled together to share the weights' loads. Ring rows are i16 with
// RING_BITS fractional bits; the vertical pass pairs two ring rows the same way (an unpack).
//
// Against the float filter this replaced, outputs differ by at most one step in a few pixels (PSNR
// ≥ 70 dB on photos; test/node/resize.test.ts).
//
// The stage also crops: only the output window (winX, winY, winW, winH) of the dstW × dstH resized
// image is computed, so source rows and columns outside the window's filter support cost nothing.

import { fail, PIPE_ERR_ARGUMENT, PIPE_ERR_MISMATCH, Stage } from "./stage";

const LOBES: f64 = 3.0;
/**
 * Fractional bits of a weight. Normalised Lanczos3 weights stay below 1.27 (the largest is at an image
 * edge, where the filter is cut and renormalised), so 14 bits leave i16 headroom, and a pair of
 * products (|ring value| < 2^15 times |weight| < 2^15) stays inside i32 in dot_i16x8_s.
 */
const WEIGHT_BITS = 14;
/**
 * Fractional bits of a ring value. A filter's positive weights sum to at most 1.29 and its negative
 * ones to -0.29, so a horizontal result lies in -73..328: six bits keep the ring inside i16 (±511)
 * and its rounding far below a 1/255 step.
 */
const RING_BITS = 6;
/** A premultiplied source channel, c · a / 255, keeps RING_BITS fractional bits too. */
const PREMUL_BITS = RING_BITS;

@inline function sinc(x: f64): f64 {
  if (x == 0.0) return 1.0;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

@inline function lanczos(x: f64): f64 {
  return x > -LOBES && x < LOBES ? sinc(x) * sinc(x / LOBES) : 0.0;
}

/** Most taps a filter over `srcLen` → `dstLen` needs per output sample. */
export function maxTaps(srcLen: i32, dstLen: i32): i32 {
  const scale = <f64>srcLen / <f64>dstLen;
  const stretch = scale > 1.0 ? scale : 1.0;
  return <i32>Math.ceil(LOBES * stretch * 2.0) + 1;
}

/** Bytes per table entry for up to `taps` taps: a 16-byte header, then an i32 per tap pair. */
@inline function tableStride(taps: i32): usize {
  return 16 + ((<usize>((taps + 1) >> 1) * 4 + 15) & ~15);
}

/**
 * Taps for output samples first..first+count-1: per sample a 16-byte header (first source index, tap
 * pairs, source samples read) then per pair of taps [w0, w1] as i16. An odd tap count
 * gets a zero weight after the last tap: the horizontal pass has a zero pixel after the row for it,
 * the vertical pass reads the last row twice (the row after it may not exist).
 */
function buildTaps(srcLen: i32, dstLen: i32, first: i32, count: i32, taps: i32): usize {
  const scale = <f64>srcLen / <f64>dstLen;
  const stretch = scale > 1.0 ? scale : 1.0;
  const support = LOBES * stretch;
  const stride = tableStride(taps);
  const table = heap.alloc(stride * <usize>count);
  const one = 1 << WEIGHT_BITS;
  for (let n = 0; n < count; n++) {
    const i = first + n;
    const center = (<f64>i + 0.5) * scale - 0.5;
    let start = <i32>Math.floor(center - support) + 1;
    let end = <i32>Math.floor(center + support);
    if (start < 0) start = 0;
    if (end > srcLen - 1) end = srcLen - 1;
    if (start > end) start = end;
    if (end - start + 1 > taps) end = start + taps - 1;
    const row = table + stride * <usize>n;
    let sum: f64 = 0.0;
    for (let j = start; j <= end; j++) sum += lanczos((<f64>j - center) / stretch);
    if (sum == 0.0) sum = 1.0;
    // Quantised weights, with the rounding error put on the largest so they sum to exactly one: a
    // flat area then comes out exactly as it went in.
    const weights = row + 16;
    let total = 0;
    let largest = weights;
    let top = i32.MIN_VALUE;
    for (let j = start; j <= end; j++) {
      const at = weights + (<usize>(j - start) << 1);
      const w = <i32>Math.round((lanczos((<f64>j - center) / stretch) / sum) * <f64>one);
      store<i16>(at, <i16>w);
      total += w;
      if (w > top) {
        top = w;
        largest = at;
      }
    }
    store<i16>(largest, <i16>(top + one - total));
    const read = end - start + 1;
    if (read & 1) store<i16>(weights + (<usize>read << 1), 0);
    const pairs = (read + 1) >> 1;
    store<i32>(row, start);
    store<i32>(row, pairs, 4);
    store<i32>(row, read, 8);
  }
  return table;
}

const PREMUL_FACTOR = i16x8.splat(<i16>Math.round(<f64>(1 << (16 + PREMUL_BITS)) / 255.0));
const PREMUL_ROUND = i32x4.splat(1 << 15);
const ALPHA_LANES = i16x8(0, 0, 0, 255, 0, 0, 0, 255);

/** Two u8 pixels at `p` as i16 [R G B A] × 2: RGB · A / 255 and A, with PREMUL_BITS fractional bits. */
@inline function premultiplied(p: usize): v128 {
  const c = v128.load8x8_u(p);
  // [A0 A0 A0 255 A1 A1 A1 255]: byte 1 of c (R0's high byte) is zero, and the OR puts in the 255s.
  const a = v128.or(i8x16.shuffle(c, c, 6, 7, 6, 7, 6, 7, 1, 1, 14, 15, 14, 15, 14, 15, 1, 1), ALPHA_LANES);
  // c · a ≤ 65025 fits a u16 lane; the scaling by 2^PREMUL_BITS / 255 is done in u32 lanes.
  const ca = i16x8.mul(c, a);
  const lo = i32x4.shr_u(i32x4.add(i32x4.extmul_low_i16x8_u(ca, PREMUL_FACTOR), PREMUL_ROUND), 16);
  const hi = i32x4.shr_u(i32x4.add(i32x4.extmul_high_i16x8_u(ca, PREMUL_FACTOR), PREMUL_ROUND), 16);
  return i16x8.narrow_i32x4_s(lo, hi);
}

/**
 * Four pixels' pairs from the u8 pixels at `p` (five are read): the bytes of pixels 0, 1 interleaved,
 * then 1, 2, then 2, 3, then 3, 4, eight bytes each.
 */
@inline function pairBytes(p: usize, dst: usize): void {
  const v = v128.load(p);
  const w = v128.load(p, 4);
  v128.store(dst, i8x16.shuffle(v, w, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
  v128.store(dst, i8x16.shuffle(v, w, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), 16);
}

/**
 * Two pixels' pairs from premultiplied pixels: `v` holds pixels 0, 1 and `next` pixels 2, 3; out go
 * pixels 0, 1 interleaved, then 1, 2, sixteen bytes each.
 */
@inline function pairWords(v: v128, next: v128, dst: usize): void {
  const w = i8x16.shuffle(v, next, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23);
  v128.store(dst, i16x8.shuffle(v, w, 0, 8, 1, 9, 2, 10, 3, 11));
  v128.store(dst, i16x8.shuffle(v, w, 4, 12, 5, 13, 6, 14, 7, 15), 16);
}

/** One output pixel from u8 pairs (16 bytes apart) at `p`: Σ weight · pixel, scaled by 2^WEIGHT_BITS. */
@inline function convolveBytes(p: usize, w: usize, pairs: i32): v128 {
  let acc = i32x4.splat(0);
  let k = 0;
  for (; k + 1 < pairs; k += 2) {
    acc = i32x4.add(acc, i32x4.add(
      i32x4.dot_i16x8_s(v128.load8x8_u(p), v128.load32_splat(w)),
      i32x4.dot_i16x8_s(v128.load8x8_u(p, 16), v128.load32_splat(w, 4)),
    ));
    p += 32;
    w += 8;
  }
  if (k < pairs) acc = i32x4.add(acc, i32x4.dot_i16x8_s(v128.load8x8_u(p), v128.load32_splat(w)));
  return acc;
}

/** One output pixel from i16 pairs (32 bytes apart) at `p`, scaled by 2^(WEIGHT_BITS + PREMUL_BITS). */
@inline function convolveWords(p: usize, w: usize, pairs: i32): v128 {
  let acc = i32x4.splat(0);
  let k = 0;
  for (; k + 1 < pairs; k += 2) {
    acc = i32x4.add(acc, i32x4.add(
      i32x4.dot_i16x8_s(v128.load(p), v128.load32_splat(w)),
      i32x4.dot_i16x8_s(v128.load(p, 32), v128.load32_splat(w, 4)),
    ));
    p += 64;
    w += 8;
  }
  if (k < pairs) acc = i32x4.add(acc, i32x4.dot_i16x8_s(v128.load(p), v128.load32_splat(w)));
  return acc;
}

const ALPHA_BYTES = i32x4.splat(0xff000000);

/** Whether every pixel of a row of n has alpha 255. */
function opaque(row: usize, n: i32): bool {
  let all = i32x4.splat(-1);
  let x = 0;
  for (; x + 4 <= n; x += 4) all = v128.and(all, v128.load(row + (<usize>x << 2)));
  for (; x < n; x++) all = v128.and(all, v128.load32_splat(row + (<usize>x << 2)));
  return i32x4.all_true(i32x4.eq(v128.and(all, ALPHA_BYTES), ALPHA_BYTES));
}

/** Room for the pairing's loads past the last pixels of a row: up to 9 pixels, 16-byte loads. */
const TAIL_BYTES: usize = 64;

const OUT_SHIFT = WEIGHT_BITS + RING_BITS;
const OUT_ROUND = i32x4.splat(1 << (OUT_SHIFT - 1));
const OUT_SCALE: f32 = <f32>1.0 / <f32>(1 << OUT_SHIFT);
const HALF = f32x4.splat(0.5);

export class ResizeStage extends Stage {
  private srcW: i32 = 0;
  private srcH: i32 = 0;
  private xTable: usize = 0;
  private yTable: usize = 0;
  private xStride: usize = 0;
  private yStride: usize = 0;
  private ringRows: i32 = 0;
  private ringStride: usize = 0;
  private ring: usize = 0;
  /**
   * The current source row as pixel pairs, slot k holding pixels 2k, 2k + 1 interleaved then 2k + 1,
   * 2k + 2 (u8, 16-byte slots; premultiplied i16, 32-byte slots), so a filter starting at any pixel
   * reads its tap pairs one slot apart.
   */
  private pairs: usize = 0;
  /** Bytes of one row's slots; the u8 path pairs two rows (at `pairs` and `pairs + pairBytes`). */
  private pairBytes: usize = 0;
  /** A needed row already paired and waiting for the next one, so both are resampled together; or -1. */
  private pending: i32 = -1;
  /** The slots the window's filters read. */
  private firstPair: i32 = 0;
  private endPair: i32 = 0;
  /** The last few pixels of a row with zeros after them, for the pairing's loads past the row. */
  private tail: usize = 0;
  private lines: usize = 0;
  private out: usize = 0;
  private received: i32 = 0;
  private emitted: i32 = 0; // output rows of the window emitted so far
  private firstNeeded: i32 = 0;
  private lastNeeded: i32 = 0;

  constructor(
    private readonly expectW: i32,
    private readonly expectH: i32,
    private readonly dstW: i32,
    private readonly dstH: i32,
    private readonly winX: i32,
    private readonly winY: i32,
    private readonly winW: i32,
    private readonly winH: i32,
    private readonly premultiply: bool,
  ) {
    super();
  }

  begin(width: i32, height: i32): bool {
    if (width != this.expectW || height != this.expectH) {
      fail(PIPE_ERR_MISMATCH);
      return false;
    }
    if (
      this.dstW <= 0 || this.dstH <= 0 || this.winW <= 0 || this.winH <= 0 || this.winX < 0 || this.winY < 0 ||
      this.winX + this.winW > this.dstW || this.winY + this.winH > this.dstH
    ) {
      fail(PIPE_ERR_ARGUMENT);
      return false;
    }
    this.srcW = width;
    this.srcH = height;
    this.received = 0;
    this.emitted = 0;
    const xTaps = maxTaps(width, this.dstW);
    const yTaps = maxTaps(height, this.dstH);
    this.xStride = tableStride(xTaps);
    this.yStride = tableStride(yTaps);
    this.xTable = buildTaps(width, this.dstW, this.winX, this.winW, xTaps);
    this.yTable = buildTaps(height, this.dstH, this.winY, this.winH, yTaps);
    this.ringRows = yTaps < height ? yTaps : height;
    // Whole groups of four pixels: the vertical pass works on four at a time.
    const padded = <usize>(this.winW + 3) & ~3;
    this.ringStride = padded << 3;
    this.ring = heap.alloc(this.ringStride * <usize>this.ringRows);
    memory.fill(this.ring, 0, this.ringStride * <usize>this.ringRows);
    this.lines = heap.alloc(<usize>(yTaps + 1) << 2);
    this.out = heap.alloc(padded << 2);
    // Slots up to the one holding pixel `width` (zero, read by an odd tap count at the right edge), and
    // one more: the pairing writes two slots at a time. Two rows of u8 slots or one of i16 slots.
    this.pairBytes = (<usize>(width >> 1) + 3) << 4;
    this.pairs = heap.alloc(this.pairBytes << 1);
    this.pending = -1;
    this.tail = heap.alloc(TAIL_BYTES);
    let first = width;
    let end = 0;
    for (let x = 0; x < this.winW; x++) {
      const entry = this.xTable + this.xStride * <usize>x;
      const start = load<i32>(entry);
      const pair = start >> 1;
      const stop = pair + load<i32>(entry, 4);
      if (pair < first) first = pair;
      if (stop > end) end = stop;
      // The entry now names the byte offset of its first pair among u8 slots (twice that among i16).
      store<i32>(entry, (pair << 4) + ((start & 1) << 3));
    }
    this.firstPair = first;
    this.endPair = end;
    this.firstNeeded = load<i32>(this.yTable);
    const last = this.yTable + this.yStride * <usize>(this.winH - 1);
    this.lastNeeded = load<i32>(last) + this.rowCount(last) - 1;
    return this.next!.begin(this.winW, this.winH);
  }

  push(row: usize): void {
    const sy = this.received++;
    if (sy >= this.srcH) {
      fail(PIPE_ERR_MISMATCH);
      return;
    }
    if (sy >= this.firstNeeded && sy <= this.lastNeeded) {
      const slot = this.ring + <usize>(sy % this.ringRows) * this.ringStride;
      // An opaque row premultiplied is the row itself, to the last bit of the ring (c · 255 / 255 · 2^6
      // either way), so only rows with some transparency take the i16 path: an RGBA PNG is mostly
      // opaque rows, and every PNG and GIF is premultiplied in case it has alpha.
      if (this.premultiply && !opaque(row, this.srcW)) {
        this.flush();
        this.pairUpPremultiplied(row);
        this.resample(slot, true);
      } else if (this.pending >= 0) {
        // Two rows share each weight load and the loop around it.
        this.pairUp(row, this.pairs + this.pairBytes);
        this.resampleTwo(this.ring + <usize>(this.pending % this.ringRows) * this.ringStride, slot);
        this.pending = -1;
      } else if (sy < this.lastNeeded) {
        this.pairUp(row, this.pairs);
        this.pending = sy;
      } else {
        this.pairUp(row, this.pairs);
        this.resample(slot, false);
      }
    }
    const done = this.pending >= 0 ? sy - 1 : sy;
    while (this.emitted < this.winH) {
      const taps = this.yTable + this.yStride * <usize>this.emitted;
      if (load<i32>(taps) + this.rowCount(taps) - 1 > done) break;
      this.emitRow(taps);
      this.emitted++;
    }
  }

  end(): void {
    this.release();
    if (this.received != this.srcH || this.emitted != this.winH) {
      fail(PIPE_ERR_MISMATCH);
      this.next!.dispose();
      return;
    }
    this.next!.end();
  }

  protected release(): void {
    if (this.xTable == 0) return;
    heap.free(this.xTable);
    heap.free(this.yTable);
    heap.free(this.ring);
    heap.free(this.lines);
    heap.free(this.out);
    heap.free(this.pairs);
    heap.free(this.tail);
    this.xTable = 0;
  }

  /** Source rows a vertical entry reads (without the zero-weighted one an odd count was padded with). */
  @inline private rowCount(entry: usize): i32 {
    return load<i32>(entry, 8);
  }

  /** Fills the slots the filters read from a u8 row. */
  private pairUp(row: usize, dst: usize): void {
    const n = this.srcW;
    const end = this.endPair;
    let k = this.firstPair;
    // pairBytes reads pixels 2k .. 2k + 4.
    for (; k < end && 2 * k + 5 <= n; k += 2) pairBytes(row + (<usize>k << 3), dst + (<usize>k << 4));
    if (k >= end) return;
    const tail = this.tail;
    this.copyTail(row, 2 * k);
    for (let at = tail; k < end; k += 2) {
      pairBytes(at, dst + (<usize>k << 4));
      at += 16;
    }
  }

  /** Fills the slots the filters read from a u8 row, premultiplied. */
  private pairUpPremultiplied(row: usize): void {
    const n = this.srcW;
    const dst = this.pairs;
    const end = this.endPair;
    let k = this.firstPair;
    // Slot k needs pixels 2k .. 2k + 3.
    if (k < end && 2 * k + 4 <= n) {
      let v = premultiplied(row + (<usize>k << 3));
      for (; k < end && 2 * k + 4 <= n; k++) {
        const next = premultiplied(row + (<usize>(k + 1) << 3));
        pairWords(v, next, dst + (<usize>k << 5));
        v = next;
      }
    }
    if (k >= end) return;
    let at = this.tail;
    this.copyTail(row, 2 * k);
    let v = premultiplied(at);
    for (; k < end; k++) {
      at += 8;
      const next = premultiplied(at);
      pairWords(v, next, dst + (<usize>k << 5));
      v = next;
    }
  }

  /** Pixels `from` .. the end of the row (at most four) into `tail`, zeros after them. */
  private copyTail(row: usize, from: i32): void {
    const tail = this.tail;
    memory.fill(tail, 0, TAIL_BYTES);
    memory.copy(tail, row + (<usize>from << 2), <usize>(this.srcW - from) << 2);
  }

  /** Resamples a row left waiting for a second one on its own. */
  private flush(): void {
    if (this.pending < 0) return;
    this.resample(this.ring + <usize>(this.pending % this.ringRows) * this.ringStride, false);
    this.pending = -1;
  }

  /** The horizontal pass over the current pairs (u8, or i16 if `words`) into a ring row, two pixels at a time. */
  private resample(dst: usize, words: bool): void {
    const table = this.xTable;
    const stride = this.xStride;
    const pairs = this.pairs;
    const n = this.winW;
    const shift = words ? WEIGHT_BITS + PREMUL_BITS - RING_BITS : WEIGHT_BITS - RING_BITS;
    const round = i32x4.splat(1 << (shift - 1));
    for (let x = 0; x < n; x += 2) {
      const e0 = table + stride * <usize>x;
      const e1 = e0 + stride;
      let a0: v128;
      let a1 = i32x4.splat(0);
      if (words) {
        a0 = convolveWords(pairs + (<usize>load<i32>(e0) << 1), e0 + 16, load<i32>(e0, 4));
        if (x + 1 < n) a1 = convolveWords(pairs + (<usize>load<i32>(e1) << 1), e1 + 16, load<i32>(e1, 4));
      } else {
        a0 = convolveBytes(pairs + <usize>load<i32>(e0), e0 + 16, load<i32>(e0, 4));
        if (x + 1 < n) a1 = convolveBytes(pairs + <usize>load<i32>(e1), e1 + 16, load<i32>(e1, 4));
      }
      v128.store(dst + (<usize>x << 3), i16x8.narrow_i32x4_s(
        i32x4.shr_s(i32x4.add(a0, round), shift),
        i32x4.shr_s(i32x4.add(a1, round), shift),
      ));
    }
  }

  /** The horizontal pass over two rows' u8 pairs into two ring rows. */
  private resampleTwo(dstA: usize, dstB: usize): void {
    const table = this.xTable;
    const stride = this.xStride;
    const rowA = this.pairs;
    const rowB = rowA + this.pairBytes;
    const n = this.winW;
    const round = i32x4.splat(1 << (WEIGHT_BITS - RING_BITS - 1));
    for (let x = 0; x < n; x++) {
      const entry = table + stride * <usize>x;
      const offset = <usize>load<i32>(entry);
      const pairs = load<i32>(entry, 4);
      let p = rowA + offset;
      let q = rowB + offset;
      let w = entry + 16;
      let a = i32x4.splat(0);
      let b = i32x4.splat(0);
      let k = 0;
      for (; k + 1 < pairs; k += 2) {
        const w0 = v128.load32_splat(w);
        const w1 = v128.load32_splat(w, 4);
        a = i32x4.add(a, i32x4.add(i32x4.dot_i16x8_s(v128.load8x8_u(p), w0), i32x4.dot_i16x8_s(v128.load8x8_u(p, 16), w1)));
        b = i32x4.add(b, i32x4.add(i32x4.dot_i16x8_s(v128.load8x8_u(q), w0), i32x4.dot_i16x8_s(v128.load8x8_u(q, 16), w1)));
        p += 32;
        q += 32;
        w += 8;
      }
      if (k < pairs) {
        const w0 = v128.load32_splat(w);
        a = i32x4.add(a, i32x4.dot_i16x8_s(v128.load8x8_u(p), w0));
        b = i32x4.add(b, i32x4.dot_i16x8_s(v128.load8x8_u(q), w0));
      }
      const v = i16x8.narrow_i32x4_s(
        i32x4.shr_s(i32x4.add(a, round), WEIGHT_BITS - RING_BITS),
        i32x4.shr_s(i32x4.add(b, round), WEIGHT_BITS - RING_BITS),
      );
      v128.store64_lane(dstA + (<usize>x << 3), v, 0);
      v128.store64_lane(dstB + (<usize>x << 3), v, 1);
    }
  }

  private emitRow(taps: usize): void {
    const start = load<i32>(taps);
    const pairs = load<i32>(taps, 4);
    const count = this.rowCount(taps);
    const lines = this.lines;
    for (let k = 0; k < count; k++) {
      store<usize>(lines + (<usize>k << 2), this.ring + <usize>((start + k) % this.ringRows) * this.ringStride);
    }
    if (count & 1) store<usize>(lines + (<usize>count << 2), load<usize>(lines + (<usize>(count - 1) << 2)));
    const weights = taps + 16;
    const out = this.out;
    const bytes = this.ringStride;
    const premultiply = this.premultiply;
    for (let x: usize = 0; x < bytes; x += 32) {
      let acc0 = i32x4.splat(0);
      let acc1 = i32x4.splat(0);
      let acc2 = i32x4.splat(0);
      let acc3 = i32x4.splat(0);
      for (let k = 0; k < pairs; k++) {
        const a = load<usize>(lines + (<usize>k << 3)) + x;
        const b = load<usize>(lines + (<usize>k << 3), 4) + x;
        const w = v128.load32_splat(weights + (<usize>k << 2));
        const a0 = v128.load(a);
        const b0 = v128.load(b);
        const a1 = v128.load(a, 16);
        const b1 = v128.load(b, 16);
        acc0 = i32x4.add(acc0, i32x4.dot_i16x8_s(i16x8.shuffle(a0, b0, 0, 8, 1, 9, 2, 10, 3, 11), w));
        acc1 = i32x4.add(acc1, i32x4.dot_i16x8_s(i16x8.shuffle(a0, b0, 4, 12, 5, 13, 6, 14, 7, 15), w));
        acc2 = i32x4.add(acc2, i32x4.dot_i16x8_s(i16x8.shuffle(a1, b1, 0, 8, 1, 9, 2, 10, 3, 11), w));
        acc3 = i32x4.add(acc3, i32x4.dot_i16x8_s(i16x8.shuffle(a1, b1, 4, 12, 5, 13, 6, 14, 7, 15), w));
      }
      // Four opaque pixels (alpha exactly 255: the weights sum to one) need no division.
      if (premultiply && !opaqueSums(acc0, acc1, acc2, acc3)) {
        acc0 = unpremultiply(acc0);
        acc1 = unpremultiply(acc1);
        acc2 = unpremultiply(acc2);
        acc3 = unpremultiply(acc3);
      } else {
        acc0 = i32x4.shr_s(i32x4.add(acc0, OUT_ROUND), OUT_SHIFT);
        acc1 = i32x4.shr_s(i32x4.add(acc1, OUT_ROUND), OUT_SHIFT);
        acc2 = i32x4.shr_s(i32x4.add(acc2, OUT_ROUND), OUT_SHIFT);
        acc3 = i32x4.shr_s(i32x4.add(acc3, OUT_ROUND), OUT_SHIFT);
      }
      // Saturating narrows clamp to 0..255.
      v128.store(out + (x >> 1), i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(acc0, acc1), i16x8.narrow_i32x4_s(acc2, acc3)));
    }
    this.next!.push(out);
  }
}

const OPAQUE_SUM = i32x4.splat(255 << OUT_SHIFT);

/** Whether four pixels' vertical sums all have alpha exactly 255. */
@inline function opaqueSums(acc0: v128, acc1: v128, acc2: v128, acc3: v128): bool {
  const all = v128.and(
    v128.and(i32x4.eq(acc0, OPAQUE_SUM), i32x4.eq(acc1, OPAQUE_SUM)),
    v128.and(i32x4.eq(acc2, OPAQUE_SUM), i32x4.eq(acc3, OPAQUE_SUM)),
  );
  return i32x4.extract_lane(all, 3) != 0;
}

/** A premultiplied accumulator back to straight 0..255 channels (rounded, not yet clamped). */
@inline function unpremultiply(acc: v128): v128 {
  const px = f32x4.mul(f32x4.convert_i32x4_s(acc), f32x4.splat(OUT_SCALE));
  const a = f32x4.extract_lane(px, 3);
  // Wherever alpha rounds to at least 1 the colour is kept, so a visible pixel is never turned black.
  const inv: f32 = a >= <f32>0.5 ? <f32>255.0 / a : <f32>0.0;
  return i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.replace_lane(f32x4.mul(px, f32x4.splat(inv)), 3, a), HALF));
}

/** Keeps the window (x, y, w, h) of expectW × expectH rows: a crop without resampling. */
export class CropStage extends Stage {
  private received: i32 = 0;
  private srcW: i32 = 0;
  private srcH: i32 = 0;

  constructor(
    private readonly expectW: i32,
    private readonly expectH: i32,
    private readonly x: i32,
    private readonly y: i32,
    private readonly w: i32,
    private readonly h: i32,
  ) {
    super();
  }

  begin(width: i32, height: i32): bool {
    if (width != this.expectW || height != this.expectH) {
      fail(PIPE_ERR_MISMATCH);
      return false;
    }
    if (this.w <= 0 || this.h <= 0 || this.x < 0 || this.y < 0 || this.x + this.w > width || this.y + this.h > height) {
      fail(PIPE_ERR_ARGUMENT);
      return false;
    }
    this.srcW = width;
    this.srcH = height;
    this.received = 0;
    return this.next!.begin(this.w, this.h);
  }

  push(row: usize): void {
    const y = this.received++;
    if (y >= this.srcH) {
      fail(PIPE_ERR_MISMATCH);
      return;
    }
    if (y >= this.y && y < this.y + this.h) this.next!.push(row + (<usize>this.x << 2));
  }

  end(): void {
    if (this.received != this.srcH) {
      fail(PIPE_ERR_MISMATCH);
      this.next!.dispose();
      return;
    }
    this.next!.end();
  }
}
