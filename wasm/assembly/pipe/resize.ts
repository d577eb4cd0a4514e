// Separable Lanczos3 resampling as a row stage. Each source row that some output row needs is
// widened to f32x4 once and resampled horizontally into a ring of rows as tall as the vertical
// filter; an output row is emitted as soon as its last source row has arrived. The working set is
// the ring (taps × window width × 16 bytes) whatever the source height, so a 24 MP decode streams
// through a few hundred kilobytes.
//
// The stage also crops: only the output window (winX, winY, winW, winH) of the dstW × dstH resized
// image is computed, so source rows and columns outside the window's filter support cost nothing.

import { fail, PIPE_ERR_ARGUMENT, PIPE_ERR_MISMATCH, Stage } from "./stage";

const LOBES: f64 = 3.0;

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

/**
 * Taps for output samples first..first+count-1: per sample a 16-byte header (first source index,
 * tap count) then the weights, each splatted to f32x4 so the inner loops do one load per weight.
 */
function buildTaps(srcLen: i32, dstLen: i32, first: i32, count: i32, stride: usize): usize {
  const scale = <f64>srcLen / <f64>dstLen;
  const stretch = scale > 1.0 ? scale : 1.0;
  const support = LOBES * stretch;
  const taps = <i32>(stride >> 4) - 1;
  const table = heap.alloc(stride * <usize>count);
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
    store<i32>(row, start);
    store<i32>(row, end - start + 1, 4);
    for (let j = start; j <= end; j++) {
      const w = <f32>(lanczos((<f64>j - center) / stretch) / sum);
      v128.store(row + 16 + (<usize>(j - start) << 4), f32x4.splat(w));
    }
  }
  return table;
}

const ZERO = f32x4.splat(0);
const MAX = f32x4.splat(255);
const HALF = f32x4.splat(0.5);

export class ResizeStage extends Stage {
  private srcW: i32 = 0;
  private srcH: i32 = 0;
  private xTable: usize = 0;
  private yTable: usize = 0;
  private xStride: usize = 0;
  private yStride: usize = 0;
  private ringRows: i32 = 0;
  private ring: usize = 0;
  private wide: usize = 0;
  private acc: usize = 0;
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
    this.xStride = <usize>(maxTaps(width, this.dstW) + 1) << 4;
    this.yStride = <usize>(maxTaps(height, this.dstH) + 1) << 4;
    this.xTable = buildTaps(width, this.dstW, this.winX, this.winW, this.xStride);
    this.yTable = buildTaps(height, this.dstH, this.winY, this.winH, this.yStride);
    this.ringRows = <i32>(this.yStride >> 4) - 1;
    const rowBytes = <usize>this.winW << 4;
    this.wide = heap.alloc(<usize>width << 4);
    this.ring = heap.alloc(rowBytes * <usize>this.ringRows);
    this.acc = heap.alloc(rowBytes);
    this.out = heap.alloc(<usize>this.winW << 2);
    this.firstNeeded = load<i32>(this.yTable);
    const last = this.yTable + this.yStride * <usize>(this.winH - 1);
    this.lastNeeded = load<i32>(last) + load<i32>(last, 4) - 1;
    return this.next!.begin(this.winW, this.winH);
  }

  push(row: usize): void {
    const sy = this.received++;
    if (sy >= this.srcH) {
      fail(PIPE_ERR_MISMATCH);
      return;
    }
    if (sy >= this.firstNeeded && sy <= this.lastNeeded) {
      const slot = sy % this.ringRows;
      this.widen(row);
      this.resampleRow(this.ring + <usize>slot * (<usize>this.winW << 4));
    }
    while (this.emitted < this.winH) {
      const taps = this.yTable + this.yStride * <usize>this.emitted;
      if (load<i32>(taps) + load<i32>(taps, 4) - 1 > sy) break;
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

  dispose(): void {
    this.release();
    this.next!.dispose();
  }

  private release(): void {
    if (this.xTable == 0) return;
    heap.free(this.xTable);
    heap.free(this.yTable);
    heap.free(this.wide);
    heap.free(this.ring);
    heap.free(this.acc);
    heap.free(this.out);
    this.xTable = 0;
  }

  /** Widens a row to f32x4 once, so each source pixel is converted once, not once per tap. */
  private widen(src: usize): void {
    const dst = this.wide;
    const n = this.srcW;
    if (this.premultiply) {
      for (let x = 0; x < n; x++) {
        const px = f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(src + (<usize>x << 2)))));
        const a = f32x4.extract_lane(px, 3);
        v128.store(dst + (<usize>x << 4), f32x4.replace_lane(f32x4.mul(px, f32x4.splat(a * (<f32>1.0 / <f32>255.0))), 3, a));
      }
      return;
    }
    for (let x = 0; x < n; x++) {
      v128.store(
        dst + (<usize>x << 4),
        f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(src + (<usize>x << 2))))),
      );
    }
  }

  private resampleRow(dst: usize): void {
    const table = this.xTable;
    const stride = this.xStride;
    const wide = this.wide;
    for (let x = 0; x < this.winW; x++) {
      const row = table + stride * <usize>x;
      const taps = load<i32>(row, 4);
      let p = wide + (<usize>load<i32>(row) << 4);
      let w = row + 16;
      // Two accumulators: a single chain of dependent adds is latency-bound (~4 cycles per tap).
      let even = f32x4.splat(0);
      let odd = f32x4.splat(0);
      let k = 0;
      for (; k + 1 < taps; k += 2) {
        even = f32x4.add(even, f32x4.mul(v128.load(p), v128.load(w)));
        odd = f32x4.add(odd, f32x4.mul(v128.load(p, 16), v128.load(w, 16)));
        p += 32;
        w += 32;
      }
      if (k < taps) even = f32x4.add(even, f32x4.mul(v128.load(p), v128.load(w)));
      v128.store(dst + (<usize>x << 4), f32x4.add(even, odd));
    }
  }

  private emitRow(taps: usize): void {
    const rowBytes = <usize>this.winW << 4;
    const acc = this.acc;
    const start = load<i32>(taps);
    const count = load<i32>(taps, 4);
    memory.fill(acc, 0, rowBytes);
    for (let k = 0; k < count; k++) {
      const slot = (start + k) % this.ringRows;
      const line = this.ring + <usize>slot * rowBytes;
      const w = v128.load(taps + 16 + (<usize>k << 4));
      for (let x: usize = 0; x < rowBytes; x += 16) {
        v128.store(acc + x, f32x4.add(v128.load(acc + x), f32x4.mul(v128.load(line + x), w)));
      }
    }
    const out = this.out;
    const premultiply = this.premultiply;
    for (let x = 0; x < this.winW; x++) {
      let px = v128.load(acc + (<usize>x << 4));
      if (premultiply) {
        const a = f32x4.extract_lane(px, 3);
        const inv: f32 = a > <f32>0.5 ? <f32>255.0 / a : <f32>0.0;
        px = f32x4.replace_lane(f32x4.mul(px, f32x4.splat(inv)), 3, a);
      }
      // Round and clamp to 0..255, then narrow the four i32 lanes to four bytes.
      const i = i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.min(f32x4.max(px, ZERO), MAX), HALF));
      const bytes = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(i, i), i16x8.splat(0));
      store<u32>(out + (<usize>x << 2), i32x4.extract_lane(bytes, 0));
    }
    this.next!.push(out);
  }
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

  dispose(): void {
    this.next!.dispose();
  }
}
