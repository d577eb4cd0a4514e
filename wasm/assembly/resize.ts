// Separable Lanczos3 resampling of RGBA8 images. Rows are resampled horizontally once each into a
// ring of float rows as tall as the vertical filter, so the working set is a few rows of the output
// width rather than an intermediate image the height of the source (24 MP sources would otherwise
// need ~30 MB of floats). Pixels are f32x4 (R, G, B, A) throughout: one SIMD lane per channel.

const LOBES: f64 = 3.0;

@inline function sinc(x: f64): f64 {
  if (x == 0.0) return 1.0;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

@inline function lanczos(x: f64): f64 {
  return x > -LOBES && x < LOBES ? sinc(x) * sinc(x / LOBES) : 0.0;
}

/**
 * Filter taps for one axis: for each output index a 16-byte header holding the first source index
 * and the tap count, then that many weights, each pre-splatted to an f32x4 so the inner loops do
 * one load per weight. Returns the table pointer and writes the row stride to `strideOut`.
 */
function buildTaps(srcLen: i32, dstLen: i32, strideOut: usize): usize {
  const scale = <f64>srcLen / <f64>dstLen;
  const stretch = scale > 1.0 ? scale : 1.0;
  const support = LOBES * stretch;
  const maxTaps = <i32>Math.ceil(support * 2.0) + 1;
  const stride = <usize>(maxTaps + 1) << 4;
  const table = heap.alloc(stride * <usize>dstLen);
  for (let i = 0; i < dstLen; i++) {
    const center = (<f64>i + 0.5) * scale - 0.5;
    let start = <i32>Math.floor(center - support) + 1;
    let end = <i32>Math.floor(center + support);
    if (start < 0) start = 0;
    if (end > srcLen - 1) end = srcLen - 1;
    if (end - start + 1 > maxTaps) end = start + maxTaps - 1;
    const row = table + stride * <usize>i;
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
  store<usize>(strideOut, stride);
  return table;
}

/** Widens a row of RGBA8 to f32x4 once, so each source pixel is converted once, not once per tap. */
function widenRow(src: usize, n: i32, dst: usize, premultiply: bool): void {
  for (let x = 0; x < n; x++) {
    let px = f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(src + (<usize>x << 2)))));
    if (premultiply) {
      const a = f32x4.extract_lane(px, 3);
      px = f32x4.replace_lane(f32x4.mul(px, f32x4.splat(a * (<f32>1.0 / <f32>255.0))), 3, a);
    }
    v128.store(dst + (<usize>x << 4), px);
  }
}

function resampleRow(wide: usize, dst: usize, dstW: i32, table: usize, stride: usize): void {
  for (let x = 0; x < dstW; x++) {
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

const ZERO = f32x4.splat(0);
const MAX = f32x4.splat(255);
const HALF = f32x4.splat(0.5);

/** Returns a new RGBA8 buffer of dstW × dstH (caller frees). */
export function resize(src: usize, srcW: i32, srcH: i32, dstW: i32, dstH: i32, premultiply: bool): usize {
  const strideBox = heap.alloc(16);
  const xTable = buildTaps(srcW, dstW, strideBox);
  const xStride = load<usize>(strideBox);
  const yTable = buildTaps(srcH, dstH, strideBox);
  const yStride = load<usize>(strideBox);
  heap.free(strideBox);
  const ringRows = <i32>(yStride >> 4) - 1;

  const rowBytes = <usize>dstW << 4;
  const wide = heap.alloc(<usize>srcW << 4);
  const ring = heap.alloc(rowBytes * <usize>ringRows);
  const acc = heap.alloc(rowBytes);
  const dst = heap.alloc(<usize>dstW * <usize>dstH * 4);
  // Source row currently held by each ring slot, so each source row is resampled once.
  const slotRow = heap.alloc(<usize>ringRows << 2);
  for (let s = 0; s < ringRows; s++) store<i32>(slotRow + (<usize>s << 2), -1);

  for (let y = 0; y < dstH; y++) {
    const row = yTable + yStride * <usize>y;
    const start = load<i32>(row);
    const taps = load<i32>(row, 4);
    memory.fill(acc, 0, rowBytes);
    for (let k = 0; k < taps; k++) {
      const sy = start + k;
      const slot = sy % ringRows;
      const line = ring + <usize>slot * rowBytes;
      if (load<i32>(slotRow + (<usize>slot << 2)) != sy) {
        widenRow(src + <usize>sy * (<usize>srcW << 2), srcW, wide, premultiply);
        resampleRow(wide, line, dstW, xTable, xStride);
        store<i32>(slotRow + (<usize>slot << 2), sy);
      }
      const w = v128.load(row + 16 + (<usize>k << 4));
      for (let x: usize = 0; x < rowBytes; x += 16) {
        v128.store(acc + x, f32x4.add(v128.load(acc + x), f32x4.mul(v128.load(line + x), w)));
      }
    }
    const out = dst + <usize>y * (<usize>dstW << 2);
    for (let x = 0; x < dstW; x++) {
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
  }
  heap.free(slotRow);
  heap.free(acc);
  heap.free(ring);
  heap.free(wide);
  heap.free(yTable);
  heap.free(xTable);
  return dst;
}
