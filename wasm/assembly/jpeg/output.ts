// Chroma upsampling ("fancy": triangle filter, i.e. linear interpolation between the centred sample
// positions, as in libjpeg) and colour conversion to RGBA8, one output row at a time.

import { compHt, compW, lineBuf, linePtr, planeRows, planes, planeW } from "./state";

// pointer to row `row` (clamped to the image) of component c in the 3 rotating MCU-row planes
// @ts-ignore: decorator
@inline function compRow(c: i32, row: i32): usize {
  let ch = unchecked(compHt[c]);
  if (row < 0) row = 0;
  else if (row >= ch) row = ch - 1;
  let pr = unchecked(planeRows[c]);
  let m = row / pr;
  return unchecked(planes[c * 3 + m % 3]) + <usize>(row - m * pr) * <usize>unchecked(planeW[c]);
}

// Returns a pointer to component c's samples for output row y, upsampled to outW samples.
export function upsampleRow(c: i32, y: i32, h: i32, v: i32, hmax: i32, vmax: i32, tmp: usize, outW: i32): usize {
  let cw = unchecked(compW[c]);
  let a: usize;
  let b: usize = 0;
  let w = 0;
  if (v == vmax) {
    a = compRow(c, y);
  } else {
    // centre of output row y in component rows: ((2y+1)·v/vmax − 1)/2 = num/den
    let num = (2 * y + 1) * v - vmax;
    let den = 2 * vmax;
    let y0 = num >= 0 ? num / den : -((-num + den - 1) / den);
    w = ((num - y0 * den) * 16 + (den >> 1)) / den;
    if (w >= 16) {
      y0++;
      w = 0;
    }
    a = compRow(c, y0);
    b = w != 0 ? compRow(c, y0 + 1) : a;
  }
  let out = unchecked(lineBuf[c]);
  if (h == hmax) {
    if (w == 0) return a;
    let wa = 16 - w;
    for (let x = 0; x < cw; x++) {
      let p = <usize>x;
      store<u8>(out + p, <u8>((<i32>load<u8>(a + p) * wa + <i32>load<u8>(b + p) * w + 8) >> 4));
    }
    return out;
  }
  // vertical pass into tmp (u16, samples × 16)
  if (w == 0) {
    for (let x = 0; x < cw; x++) {
      let p = <usize>x;
      store<u16>(tmp + (p << 1), <u16>(<i32>load<u8>(a + p) << 4));
    }
  } else {
    let wa = 16 - w;
    for (let x = 0; x < cw; x++) {
      let p = <usize>x;
      store<u16>(tmp + (p << 1), <u16>(<i32>load<u8>(a + p) * wa + <i32>load<u8>(b + p) * w));
    }
  }
  if (hmax == 2 * h) {
    // out[2i] = (3 t[i] + t[i-1]) / 4, out[2i+1] = (3 t[i] + t[i+1]) / 4
    let last = cw - 1;
    if (last == 0) {
      let t = <i32>load<u16>(tmp);
      let o = <u8>((t + 8) >> 4);
      store<u8>(out, o);
      store<u8>(out, o, 1);
      return out;
    }
    let prev = <i32>load<u16>(tmp);
    let cur = prev;
    for (let i = 0; i < last; i++) {
      let next = <i32>load<u16>(tmp + (<usize>(i + 1) << 1));
      let t3 = cur * 3;
      store<u8>(out + (<usize>i << 1), <u8>((t3 + prev + 32) >> 6));
      store<u8>(out + (<usize>i << 1) + 1, <u8>((t3 + next + 32) >> 6));
      prev = cur;
      cur = next;
    }
    let t3 = cur * 3;
    store<u8>(out + (<usize>last << 1), <u8>((t3 + prev + 32) >> 6));
    store<u8>(out + (<usize>last << 1) + 1, <u8>((cur * 4 + 32) >> 6));
    return out;
  }
  // any other ratio: linear interpolation between centred sample positions
  let den = 2 * hmax;
  let last = cw - 1;
  for (let x = 0; x < outW; x++) {
    let num = (2 * x + 1) * h - hmax;
    let x0 = num >= 0 ? num / den : -((-num + den - 1) / den);
    let fw = ((num - x0 * den) * 16 + (den >> 1)) / den;
    let x1 = x0 + 1;
    if (x0 < 0) x0 = 0;
    if (x1 > last) x1 = last;
    if (x0 > last) x0 = last;
    let t0 = <i32>load<u16>(tmp + (<usize>x0 << 1));
    let t1 = <i32>load<u16>(tmp + (<usize>x1 << 1));
    store<u8>(out + <usize>x, <u8>((t0 * (16 - fw) + t1 * fw + 128) >> 8));
  }
  return out;
}

// @ts-ignore: decorator
@inline function clamp255(v: i32): u32 {
  return <u32>min<i32>(max<i32>(v, 0), 255);
}

// @ts-ignore: decorator
@inline function div255(t: u32): u32 {
  t += 128;
  return (t + (t >> 8)) >> 8;
}

// mode: 0 grey, 1 YCbCr, 2 RGB, 3 CMYK, 4 inverted CMYK (Adobe), 5 YCCK (Adobe, inverted)
export function convertRow(mode: i32, out: usize, n: i32, ncomp: i32): void {
  let l0 = unchecked(linePtr[0]);
  if (mode == 0) {
    for (let x = 0; x < n; x++) {
      let g = <u32>load<u8>(l0 + <usize>x);
      store<u32>(out + (<usize>x << 2), 0xFF000000 | (g * 0x010101));
    }
    return;
  }
  let l1 = unchecked(linePtr[1]);
  let l2 = unchecked(linePtr[2]);
  if (mode == 2) {
    for (let x = 0; x < n; x++) {
      let p = <usize>x;
      let r = <u32>load<u8>(l0 + p), g = <u32>load<u8>(l1 + p), b = <u32>load<u8>(l2 + p);
      store<u32>(out + (p << 2), 0xFF000000 | r | (g << 8) | (b << 16));
    }
    return;
  }
  if (mode == 1) {
    for (let x = 0; x < n; x++) {
      let p = <usize>x;
      let yy = <i32>load<u8>(l0 + p);
      let cb = <i32>load<u8>(l1 + p) - 128;
      let cr = <i32>load<u8>(l2 + p) - 128;
      let r = clamp255(yy + ((91881 * cr + 32768) >> 16));
      let g = clamp255(yy + ((-22554 * cb - 46802 * cr + 32768) >> 16));
      let b = clamp255(yy + ((116130 * cb + 32768) >> 16));
      store<u32>(out + (p << 2), 0xFF000000 | r | (g << 8) | (b << 16));
    }
    return;
  }
  let l3 = unchecked(linePtr[3]);
  for (let x = 0; x < n; x++) {
    let p = <usize>x;
    let c: u32, m: u32, ye: u32;
    let k = <u32>load<u8>(l3 + p);
    if (mode == 5) {
      let yy = <i32>load<u8>(l0 + p);
      let cb = <i32>load<u8>(l1 + p) - 128;
      let cr = <i32>load<u8>(l2 + p) - 128;
      c = 255 - clamp255(yy + ((91881 * cr + 32768) >> 16));
      m = 255 - clamp255(yy + ((-22554 * cb - 46802 * cr + 32768) >> 16));
      ye = 255 - clamp255(yy + ((116130 * cb + 32768) >> 16));
    } else {
      c = <u32>load<u8>(l0 + p);
      m = <u32>load<u8>(l1 + p);
      ye = <u32>load<u8>(l2 + p);
    }
    if (mode == 3) {
      c = 255 - c;
      m = 255 - m;
      ye = 255 - ye;
      k = 255 - k;
    }
    let r = div255(c * k), g = div255(m * k), b = div255(ye * k);
    store<u32>(out + (p << 2), 0xFF000000 | r | (g << 8) | (b << 16));
  }
}
