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
    let va = i16x8.splat(<i16>wa), vb = i16x8.splat(<i16>w), bias = i16x8.splat(8);
    for (let x = 0; x < cw; x += 8) {
      let p = <usize>x;
      let sa = i16x8.extend_low_i8x16_u(v128.load64_zero(a + p));
      let sb = i16x8.extend_low_i8x16_u(v128.load64_zero(b + p));
      let s = i16x8.shr_u(i16x8.add(i16x8.add(i16x8.mul(sa, va), i16x8.mul(sb, vb)), bias), 4);
      v128.store64_lane(out + p, i8x16.narrow_i16x8_u(s, s), 0);
    }
    return out;
  }
  // vertical pass into tmp (u16, samples × 16); tmp[-1] and tmp[cw] repeat the edge samples
  tmp += 16;
  let wa = 16 - w;
  {
    let va = i16x8.splat(<i16>wa), vb = i16x8.splat(<i16>w);
    let x = 0;
    for (; x + 8 <= cw; x += 8) {
      let p = <usize>x;
      let sa = i16x8.extend_low_i8x16_u(v128.load64_zero(a + p));
      let sb = i16x8.extend_low_i8x16_u(v128.load64_zero(b + p));
      v128.store(tmp + (p << 1), i16x8.add(i16x8.mul(sa, va), i16x8.mul(sb, vb)));
    }
    for (; x < cw; x++) {
      let p = <usize>x;
      store<u16>(tmp + (p << 1), <u16>(<i32>load<u8>(a + p) * wa + <i32>load<u8>(b + p) * w));
    }
  }
  store<u16>(tmp - 2, load<u16>(tmp));
  store<u16>(tmp + (<usize>cw << 1), load<u16>(tmp + (<usize>(cw - 1) << 1)));
  if (hmax == 2 * h) {
    // out[2i] = (3 t[i] + t[i-1]) / 4, out[2i+1] = (3 t[i] + t[i+1]) / 4 (reads past cw only affect
    // outputs past outW; the buffers have slack)
    let bias = i16x8.splat(32);
    for (let i = 0; i < cw; i += 8) {
      let p = tmp + (<usize>i << 1);
      let cur = v128.load(p);
      let t3 = i16x8.add(i16x8.add(cur, i16x8.shl(cur, 1)), bias);
      let even = i16x8.shr_u(i16x8.add(t3, v128.load(p - 2)), 6);
      let odd = i16x8.shr_u(i16x8.add(t3, v128.load(p + 2)), 6);
      let bytes = i8x16.narrow_i16x8_u(even, odd);
      v128.store(out + (<usize>i << 1), i8x16.shuffle(bytes, bytes, 0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15));
    }
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

// Set for a run whose first stage converts CMYK through the image's ICC profile (pipe/colour.ts):
// CMYK rows then carry the ink amounts (255 = full) in R, G, B and A instead of the naive RGB.
let cmykInk = false;

export function setCmykInk(on: bool): void {
  cmykInk = on;
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
    let x = 0;
    // 8 pixels at a time (lines have ≥ 64 bytes of slack after n)
    let cR = i32x4.splat(91881);
    let cGb = i32x4.splat(-22554);
    let cGr = i32x4.splat(-46802);
    let cB = i32x4.splat(116130);
    let half = i32x4.splat(32768);
    let c128 = i16x8.splat(128);
    let alpha = i8x16.splat(-1);
    for (; x + 8 <= n; x += 8) {
      let p = <usize>x;
      let y16 = i16x8.extend_low_i8x16_u(v128.load64_zero(l0 + p));
      let cb16 = i16x8.sub(i16x8.extend_low_i8x16_u(v128.load64_zero(l1 + p)), c128);
      let cr16 = i16x8.sub(i16x8.extend_low_i8x16_u(v128.load64_zero(l2 + p)), c128);
      let cbL = i32x4.extend_low_i16x8_s(cb16), cbH = i32x4.extend_high_i16x8_s(cb16);
      let crL = i32x4.extend_low_i16x8_s(cr16), crH = i32x4.extend_high_i16x8_s(cr16);
      let rL = i32x4.shr_s(i32x4.add(i32x4.mul(crL, cR), half), 16);
      let rH = i32x4.shr_s(i32x4.add(i32x4.mul(crH, cR), half), 16);
      let gL = i32x4.shr_s(i32x4.add(i32x4.add(i32x4.mul(cbL, cGb), i32x4.mul(crL, cGr)), half), 16);
      let gH = i32x4.shr_s(i32x4.add(i32x4.add(i32x4.mul(cbH, cGb), i32x4.mul(crH, cGr)), half), 16);
      let bL = i32x4.shr_s(i32x4.add(i32x4.mul(cbL, cB), half), 16);
      let bH = i32x4.shr_s(i32x4.add(i32x4.mul(cbH, cB), half), 16);
      let r16 = i16x8.add_sat_s(y16, i16x8.narrow_i32x4_s(rL, rH));
      let g16 = i16x8.add_sat_s(y16, i16x8.narrow_i32x4_s(gL, gH));
      let b16 = i16x8.add_sat_s(y16, i16x8.narrow_i32x4_s(bL, bH));
      let r8 = i8x16.narrow_i16x8_u(r16, r16);
      let g8 = i8x16.narrow_i16x8_u(g16, g16);
      let b8 = i8x16.narrow_i16x8_u(b16, b16);
      let rg = i8x16.shuffle(r8, g8, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
      let ba = i8x16.shuffle(b8, alpha, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
      let o = out + (p << 2);
      v128.store(o, i8x16.shuffle(rg, ba, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23));
      v128.store(o, i8x16.shuffle(rg, ba, 8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31), 16);
    }
    for (; x < n; x++) {
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
    if (cmykInk) {
      store<u32>(out + (p << 2), (255 - c) | ((255 - m) << 8) | ((255 - ye) << 16) | ((255 - k) << 24));
      continue;
    }
    let r = div255(c * k), g = div255(m * k), b = div255(ye * k);
    store<u32>(out + (p << 2), 0xFF000000 | r | (g << 8) | (b << 16));
  }
}
