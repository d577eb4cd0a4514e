// Scaled inverse DCTs (f32, separable) for the JPEG decoder.
//
// The dequantisation tables are prescaled by s(u)·s(v) with s(0) = 1/(2√2) and s(u>0) = 1/2, so that a
// 1-D pass is f(x) = F0 + Σ_{u≥1} F(u)·cos((2x+1)uπ/(2N)). The same normalisation serves the N = 8, 4,
// 2, 1 transforms: an N-point IDCT of the N×N lowest-frequency coefficients gives the image reduced
// by 8/N (DC alone gives the block mean), i.e. decoding at 1/2, 1/4, 1/8 in the DCT domain.
//
// Input: BLOCK, N×N f32 in natural (row-major) order, row = vertical frequency. The IDCTs zero the
// part of BLOCK they read, so the decoder can accumulate the next block into it.

export const BLOCK: usize = memory.data(64 * 4, 16);
const TMP: usize = memory.data(64 * 4, 16);

const C1: f32 = 0.98078528; // cos(1π/16)
const C2: f32 = 0.92387953; // cos(2π/16)
const C3: f32 = 0.83146961; // cos(3π/16)
const C4: f32 = 0.70710678; // cos(4π/16)
const C5: f32 = 0.55557023; // cos(5π/16)
const C6: f32 = 0.38268343; // cos(6π/16)
const C7: f32 = 0.19509032; // cos(7π/16)

// sample value (level shift, round, clamp) of an IDCT output
// @ts-ignore: decorator
@inline export function px(f: f32): u32 {
  return <u32>(<i32>min<f32>(max<f32>(f + 128.5, 0), 255));
}

// all pixels of an N×N block the same (DC-only block)
export function fillBlock(dst: usize, stride: i32, n: i32, v: u32): void {
  if (n == 8) {
    let w = <u64>(v * 0x01010101);
    w |= w << 32;
    for (let y = 0; y < 8; y++) {
      store<u64>(dst, w);
      dst += stride;
    }
  } else if (n == 4) {
    let w = v * 0x01010101;
    store<u32>(dst, w);
    store<u32>(dst + stride, w);
    store<u32>(dst + 2 * stride, w);
    store<u32>(dst + 3 * stride, w);
  } else if (n == 2) {
    let w = <u16>(v * 0x0101);
    store<u16>(dst, w);
    store<u16>(dst + stride, w);
  } else {
    store<u8>(dst, <u8>v);
  }
}

// DC-only block: fill with the DC value and clear BLOCK[0]
export function idctDC(dst: usize, stride: i32, n: i32): void {
  let v = px(load<f32>(BLOCK));
  store<f32>(BLOCK, 0);
  fillBlock(dst, stride, n, v);
}

export function idct8(dst: usize, stride: i32): void {
  // columns (vertical 1-D over v) -> TMP
  for (let u = 0; u < 8; u++) {
    let p = BLOCK + (<usize>u << 2);
    let t = TMP + (<usize>u << 2);
    let f0 = load<f32>(p, 0);
    let f1 = load<f32>(p, 32);
    let f2 = load<f32>(p, 64);
    let f3 = load<f32>(p, 96);
    let f4 = load<f32>(p, 128);
    let f5 = load<f32>(p, 160);
    let f6 = load<f32>(p, 192);
    let f7 = load<f32>(p, 224);
    if (f1 == 0 && f2 == 0 && f3 == 0 && f4 == 0 && f5 == 0 && f6 == 0 && f7 == 0) {
      if (f0 != 0) store<f32>(p, 0, 0);
      store<f32>(t, f0, 0);
      store<f32>(t, f0, 32);
      store<f32>(t, f0, 64);
      store<f32>(t, f0, 96);
      store<f32>(t, f0, 128);
      store<f32>(t, f0, 160);
      store<f32>(t, f0, 192);
      store<f32>(t, f0, 224);
      continue;
    }
    let ee0 = f0 + f4 * C4;
    let ee1 = f0 - f4 * C4;
    let eo0 = f2 * C2 + f6 * C6;
    let eo1 = f2 * C6 - f6 * C2;
    let e0 = ee0 + eo0, e3 = ee0 - eo0, e1 = ee1 + eo1, e2 = ee1 - eo1;
    let o0 = f1 * C1 + f3 * C3 + f5 * C5 + f7 * C7;
    let o1 = f1 * C3 - f3 * C7 - f5 * C1 - f7 * C5;
    let o2 = f1 * C5 - f3 * C1 + f5 * C7 + f7 * C3;
    let o3 = f1 * C7 - f3 * C5 + f5 * C3 - f7 * C1;
    store<f32>(t, e0 + o0, 0);
    store<f32>(t, e1 + o1, 32);
    store<f32>(t, e2 + o2, 64);
    store<f32>(t, e3 + o3, 96);
    store<f32>(t, e3 - o3, 128);
    store<f32>(t, e2 - o2, 160);
    store<f32>(t, e1 - o1, 192);
    store<f32>(t, e0 - o0, 224);
    store<f32>(p, 0, 0);
    store<f32>(p, 0, 32);
    store<f32>(p, 0, 64);
    store<f32>(p, 0, 96);
    store<f32>(p, 0, 128);
    store<f32>(p, 0, 160);
    store<f32>(p, 0, 192);
    store<f32>(p, 0, 224);
  }
  // rows (horizontal 1-D over u) -> pixels
  for (let y = 0; y < 8; y++) {
    let t = TMP + (<usize>y << 5);
    let f0 = load<f32>(t, 0);
    let f1 = load<f32>(t, 4);
    let f2 = load<f32>(t, 8);
    let f3 = load<f32>(t, 12);
    let f4 = load<f32>(t, 16);
    let f5 = load<f32>(t, 20);
    let f6 = load<f32>(t, 24);
    let f7 = load<f32>(t, 28);
    let ee0 = f0 + f4 * C4;
    let ee1 = f0 - f4 * C4;
    let eo0 = f2 * C2 + f6 * C6;
    let eo1 = f2 * C6 - f6 * C2;
    let e0 = ee0 + eo0, e3 = ee0 - eo0, e1 = ee1 + eo1, e2 = ee1 - eo1;
    let o0 = f1 * C1 + f3 * C3 + f5 * C5 + f7 * C7;
    let o1 = f1 * C3 - f3 * C7 - f5 * C1 - f7 * C5;
    let o2 = f1 * C5 - f3 * C1 + f5 * C7 + f7 * C3;
    let o3 = f1 * C7 - f3 * C5 + f5 * C3 - f7 * C1;
    let lo: u32 = px(e0 + o0) | (px(e1 + o1) << 8) | (px(e2 + o2) << 16) | (px(e3 + o3) << 24);
    let hi: u32 = px(e3 - o3) | (px(e2 - o2) << 8) | (px(e1 - o1) << 16) | (px(e0 - o0) << 24);
    store<u32>(dst, lo);
    store<u32>(dst, hi, 4);
    dst += stride;
  }
}

// 4-point: cos((2x+1)uπ/8), u = 1..3
const D1: f32 = 0.92387953; // cos(π/8)
const D2: f32 = 0.70710678; // cos(2π/8)
const D3: f32 = 0.38268343; // cos(3π/8)

export function idct4(dst: usize, stride: i32): void {
  // vertical pass on the 4 columns at once (one f32x4 per row of coefficients)
  let r0 = v128.load(BLOCK, 0);
  let r1 = v128.load(BLOCK, 16);
  let r2 = v128.load(BLOCK, 32);
  let r3 = v128.load(BLOCK, 48);
  let z = f32x4.splat(0);
  v128.store(BLOCK, z, 0);
  v128.store(BLOCK, z, 16);
  v128.store(BLOCK, z, 32);
  v128.store(BLOCK, z, 48);
  let d1 = f32x4.splat(D1), d2 = f32x4.splat(D2), d3 = f32x4.splat(D3);
  let e0 = f32x4.add(r0, f32x4.mul(r2, d2));
  let e1 = f32x4.sub(r0, f32x4.mul(r2, d2));
  let o0 = f32x4.add(f32x4.mul(r1, d1), f32x4.mul(r3, d3));
  let o1 = f32x4.sub(f32x4.mul(r1, d3), f32x4.mul(r3, d1));
  let t0 = f32x4.add(e0, o0); // output row 0, frequencies u = 0..3
  let t1 = f32x4.add(e1, o1);
  let t2 = f32x4.sub(e1, o1);
  let t3 = f32x4.sub(e0, o0);
  // transpose: c_u = frequency u of rows 0..3
  let a0 = i32x4.shuffle(t0, t1, 0, 4, 1, 5);
  let a1 = i32x4.shuffle(t0, t1, 2, 6, 3, 7);
  let a2 = i32x4.shuffle(t2, t3, 0, 4, 1, 5);
  let a3 = i32x4.shuffle(t2, t3, 2, 6, 3, 7);
  let c0 = i32x4.shuffle(a0, a2, 0, 1, 4, 5);
  let c1 = i32x4.shuffle(a0, a2, 2, 3, 6, 7);
  let c2 = i32x4.shuffle(a1, a3, 0, 1, 4, 5);
  let c3 = i32x4.shuffle(a1, a3, 2, 3, 6, 7);
  // horizontal pass: x_k = pixel column k of rows 0..3
  e0 = f32x4.add(c0, f32x4.mul(c2, d2));
  e1 = f32x4.sub(c0, f32x4.mul(c2, d2));
  o0 = f32x4.add(f32x4.mul(c1, d1), f32x4.mul(c3, d3));
  o1 = f32x4.sub(f32x4.mul(c1, d3), f32x4.mul(c3, d1));
  let bias = f32x4.splat(128.5);
  let x0 = i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.add(e0, o0), bias));
  let x1 = i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.add(e1, o1), bias));
  let x2 = i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.sub(e1, o1), bias));
  let x3 = i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.sub(e0, o0), bias));
  let p = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_s(x0, x1), i16x8.narrow_i32x4_s(x2, x3));
  // bytes are column-major (x0 r0..r3, x1 r0..r3, ...): to rows
  p = i8x16.shuffle(p, p, 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
  v128.store32_lane(dst, p, 0);
  v128.store32_lane(dst + stride, p, 1);
  v128.store32_lane(dst + 2 * stride, p, 2);
  v128.store32_lane(dst + 3 * stride, p, 3);
}

export function idct2(dst: usize, stride: i32): void {
  // (f00, f01·C4, f10·C4, f11·C4²)
  let f = f32x4.mul(v128.load(BLOCK), f32x4(1, C4, C4, C4 * C4));
  v128.store(BLOCK, f32x4.splat(0));
  // (a, c, b, d) = (f00 + f10, f01 + f11, f00 − f10, f01 − f11): column pass
  let t = f32x4.add(i32x4.shuffle(f, f, 0, 1, 0, 1), f32x4.mul(i32x4.shuffle(f, f, 2, 3, 2, 3), f32x4(1, 1, -1, -1)));
  // (a + c, a − c, b + d, b − d): row pass
  let o = f32x4.add(i32x4.shuffle(t, t, 0, 0, 2, 2), f32x4.mul(i32x4.shuffle(t, t, 1, 1, 3, 3), f32x4(1, -1, 1, -1)));
  let x = i32x4.trunc_sat_f32x4_s(f32x4.add(o, f32x4.splat(128.5)));
  let n = i16x8.narrow_i32x4_s(x, x);
  let p = i8x16.narrow_i16x8_u(n, n);
  v128.store16_lane(dst, p, 0);
  v128.store16_lane(dst + stride, p, 1);
}
