// Separable Lanczos3 resampling of RGBA8 images. Rows are resampled horizontally once each into a
// ring of float rows as tall as the vertical filter, so the working set is a few rows of the output
// width rather than an intermediate image the height of the source (24 MP sources would otherwise
// need ~30 MB of floats).

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
 * Filter taps for one axis: for each output index, a start index into the source and `taps`
 * weights (zero-padded), laid out [start:i32][weights:f32 × taps]. Returns the table pointer and
 * writes the tap count to `tapsOut`.
 */
function buildTaps(srcLen: i32, dstLen: i32, tapsOut: usize): usize {
  const scale = <f64>srcLen / <f64>dstLen;
  const stretch = scale > 1.0 ? scale : 1.0;
  const support = LOBES * stretch;
  const taps = <i32>Math.ceil(support * 2.0) + 1;
  const stride = <usize>(taps + 1) << 2;
  const table = heap.alloc(stride * <usize>dstLen);
  for (let i = 0; i < dstLen; i++) {
    const center = (<f64>i + 0.5) * scale - 0.5;
    let start = <i32>Math.floor(center - support) + 1;
    let end = <i32>Math.floor(center + support);
    if (start < 0) start = 0;
    if (end > srcLen - 1) end = srcLen - 1;
    const row = table + stride * <usize>i;
    let sum: f64 = 0.0;
    for (let j = start; j <= end; j++) sum += lanczos((<f64>j - center) / stretch);
    if (sum == 0.0) sum = 1.0;
    store<i32>(row, start);
    for (let k = 0; k < taps; k++) {
      const j = start + k;
      const w = j <= end ? lanczos((<f64>j - center) / stretch) / sum : 0.0;
      store<f32>(row + 4 + (<usize>k << 2), <f32>w);
    }
  }
  store<i32>(tapsOut, taps);
  return table;
}

@inline function loadPixel(p: usize, premultiply: bool): v128 {
  const px = f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(p))));
  if (!premultiply) return px;
  const a = f32x4.extract_lane(px, 3) * (<f32>1.0 / <f32>255.0);
  return f32x4.replace_lane(f32x4.mul(px, f32x4.splat(a)), 3, f32x4.extract_lane(px, 3));
}

function resampleRow(src: usize, srcW: i32, dst: usize, dstW: i32, table: usize, taps: i32, premultiply: bool): void {
  const stride = <usize>(taps + 1) << 2;
  for (let x = 0; x < dstW; x++) {
    const row = table + stride * <usize>x;
    const start = load<i32>(row);
    let limit = taps;
    if (start + limit > srcW) limit = srcW - start;
    let acc = f32x4.splat(0);
    let p = src + (<usize>start << 2);
    for (let k = 0; k < limit; k++) {
      acc = f32x4.add(acc, f32x4.mul(loadPixel(p, premultiply), f32x4.splat(load<f32>(row + 4 + (<usize>k << 2)))));
      p += 4;
    }
    v128.store(dst + (<usize>x << 4), acc);
  }
}

@inline function clampByte(v: f32): u32 {
  const r = nearest<f32>(v);
  return r <= 0 ? 0 : r >= 255 ? 255 : <u32>r;
}

/** Returns a new RGBA8 buffer of dstW × dstH (caller frees), or 0 if memory ran out. */
export function resize(src: usize, srcW: i32, srcH: i32, dstW: i32, dstH: i32, premultiply: bool): usize {
  const tapsBox = heap.alloc(8);
  const xTable = buildTaps(srcW, dstW, tapsBox);
  const xTaps = load<i32>(tapsBox);
  const yTable = buildTaps(srcH, dstH, tapsBox);
  const yTaps = load<i32>(tapsBox);
  heap.free(tapsBox);

  const rowBytes = <usize>dstW << 4;
  const ring = heap.alloc(rowBytes * <usize>yTaps);
  const dst = heap.alloc(<usize>dstW * <usize>dstH * 4);
  // Source row currently held by each ring slot, so each source row is resampled once.
  const slotRow = heap.alloc(<usize>yTaps << 2);
  for (let s = 0; s < yTaps; s++) store<i32>(slotRow + (<usize>s << 2), -1);

  const yStride = <usize>(yTaps + 1) << 2;
  for (let y = 0; y < dstH; y++) {
    const row = yTable + yStride * <usize>y;
    const start = load<i32>(row);
    let limit = yTaps;
    if (start + limit > srcH) limit = srcH - start;
    for (let k = 0; k < limit; k++) {
      const sy = start + k;
      const slot = sy % yTaps;
      if (load<i32>(slotRow + (<usize>slot << 2)) != sy) {
        resampleRow(src + <usize>sy * (<usize>srcW << 2), srcW, ring + <usize>slot * rowBytes, dstW, xTable, xTaps, premultiply);
        store<i32>(slotRow + (<usize>slot << 2), sy);
      }
    }
    const out = dst + <usize>y * (<usize>dstW << 2);
    for (let x = 0; x < dstW; x++) {
      let acc = f32x4.splat(0);
      for (let k = 0; k < limit; k++) {
        const slot = (start + k) % yTaps;
        const w = load<f32>(row + 4 + (<usize>k << 2));
        acc = f32x4.add(acc, f32x4.mul(v128.load(ring + <usize>slot * rowBytes + (<usize>x << 4)), f32x4.splat(w)));
      }
      let r = f32x4.extract_lane(acc, 0);
      let g = f32x4.extract_lane(acc, 1);
      let b = f32x4.extract_lane(acc, 2);
      const a = f32x4.extract_lane(acc, 3);
      if (premultiply) {
        const inv = a > <f32>0.5 ? <f32>255.0 / a : <f32>0.0;
        r *= inv;
        g *= inv;
        b *= inv;
      }
      store<u32>(out + (<usize>x << 2), clampByte(r) | (clampByte(g) << 8) | (clampByte(b) << 16) | (clampByte(a) << 24));
    }
  }
  heap.free(slotRow);
  heap.free(ring);
  heap.free(yTable);
  heap.free(xTable);
  return dst;
}
