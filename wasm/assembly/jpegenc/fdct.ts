// Forward 8×8 DCT (Arai–Agui–Nakajima factorisation, f32, 4 columns per v128) with quantisation
// folded into the output scaling.
//
// The AAN flow graph gives, for a 1-D transform of length 8, out[u] = 2√2·a(u)·F(u), where F is the
// T.81 DCT (F(u) = ½·C(u)·Σ f(x)·cos((2x+1)uπ/16), C(0) = 1/√2) and a(0) = 1, a(u) = √2·cos(uπ/16).
// Over two passes the 2-D output is 8·a(u)·a(v)·F(u,v), so quantisation multiplies by
// 1 / (8·a(u)·a(v)·Q(u,v)) (the reciprocal tables built by setQuant).
//
// Layout: the first pass transforms down the columns, the block is transposed, and the second pass
// again transforms down the columns, so the result sits transposed: slot v·8+u holds the coefficient
// of vertical frequency u, horizontal frequency v (natural index u·8+v). The reciprocal tables and
// the encoder's zig-zag reordering (toZigzag) use that slot order.
const TMP: usize = memory.data(64 * 4, 16);
const TMP2: usize = memory.data(64 * 4, 16);
const A1: f32 = 0.70710678; // cos(4π/16)
const A2: f32 = 0.54119610; // cos(2π/16) - cos(6π/16)
const A4: f32 = 1.30656296; // cos(2π/16) + cos(6π/16)
const A5: f32 = 0.38268343; // cos(6π/16)

// quantisation table q (natural order, u8) -> reciprocal table recip (64 f32 in slot order)
export function setQuant(q: usize, recip: usize): void {
  for (let u = 0; u < 8; u++) {
    const au: f64 = u == 0 ? 1.0 : Math.cos(<f64>u * Math.PI / 16) * Math.SQRT2;
    for (let v = 0; v < 8; v++) {
      const av: f64 = v == 0 ? 1.0 : Math.cos(<f64>v * Math.PI / 16) * Math.SQRT2;
      const qv = <f64>load<u8>(q + u * 8 + v);
      store<f32>(recip + ((v * 8 + u) << 2), <f32>(1.0 / (8.0 * au * av * qv)));
    }
  }
}

// 1-D DCT down 4 adjacent columns: rows at src + r·stride -> dst + r·32
// @ts-ignore: decorator
@inline function pass(src: usize, stride: usize, dst: usize): void {
  const d0 = v128.load(src);
  const d1 = v128.load(src + stride);
  const d2 = v128.load(src + stride * 2);
  const d3 = v128.load(src + stride * 3);
  const d4 = v128.load(src + stride * 4);
  const d5 = v128.load(src + stride * 5);
  const d6 = v128.load(src + stride * 6);
  const d7 = v128.load(src + stride * 7);

  const t0 = f32x4.add(d0, d7);
  const t7 = f32x4.sub(d0, d7);
  const t1 = f32x4.add(d1, d6);
  const t6 = f32x4.sub(d1, d6);
  const t2 = f32x4.add(d2, d5);
  const t5 = f32x4.sub(d2, d5);
  const t3 = f32x4.add(d3, d4);
  const t4 = f32x4.sub(d3, d4);

  // even part
  const e10 = f32x4.add(t0, t3);
  const e13 = f32x4.sub(t0, t3);
  const e11 = f32x4.add(t1, t2);
  const e12 = f32x4.sub(t1, t2);
  v128.store(dst, f32x4.add(e10, e11));
  v128.store(dst, f32x4.sub(e10, e11), 4 * 32);
  const z1 = f32x4.mul(f32x4.add(e12, e13), f32x4.splat(A1));
  v128.store(dst, f32x4.add(e13, z1), 2 * 32);
  v128.store(dst, f32x4.sub(e13, z1), 6 * 32);

  // odd part
  const o10 = f32x4.add(t4, t5);
  const o11 = f32x4.add(t5, t6);
  const o12 = f32x4.add(t6, t7);
  const z5 = f32x4.mul(f32x4.sub(o10, o12), f32x4.splat(A5));
  const z2 = f32x4.add(f32x4.mul(o10, f32x4.splat(A2)), z5);
  const z4 = f32x4.add(f32x4.mul(o12, f32x4.splat(A4)), z5);
  const z3 = f32x4.mul(o11, f32x4.splat(A1));
  const z11 = f32x4.add(t7, z3);
  const z13 = f32x4.sub(t7, z3);
  v128.store(dst, f32x4.add(z13, z2), 5 * 32);
  v128.store(dst, f32x4.sub(z13, z2), 3 * 32);
  v128.store(dst, f32x4.add(z11, z4), 1 * 32);
  v128.store(dst, f32x4.sub(z11, z4), 7 * 32);
}

// 4×4 transpose of the f32 rows at src + r·32 (r = 0..3) into dst + r·32
// @ts-ignore: decorator
@inline function transpose4(src: usize, dst: usize): void {
  const a = v128.load(src);
  const b = v128.load(src, 32);
  const c = v128.load(src, 64);
  const d = v128.load(src, 96);
  const t0 = f32x4.shuffle(a, b, 0, 4, 1, 5);
  const t1 = f32x4.shuffle(a, b, 2, 6, 3, 7);
  const t2 = f32x4.shuffle(c, d, 0, 4, 1, 5);
  const t3 = f32x4.shuffle(c, d, 2, 6, 3, 7);
  v128.store(dst, f32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(dst, f32x4.shuffle(t0, t2, 2, 3, 6, 7), 32);
  v128.store(dst, f32x4.shuffle(t1, t3, 0, 1, 4, 5), 64);
  v128.store(dst, f32x4.shuffle(t1, t3, 2, 3, 6, 7), 96);
}

// DCT + quantise the 8×8 f32 block at src (row stride `stride` bytes, samples level-shifted) into
// 64 i16 at out in slot order, clamped to ±1023 (baseline's 10-bit AC / 11-bit DC-difference range).
export function fdctQuant(src: usize, stride: usize, recip: usize, out: usize): void {
  pass(src, stride, TMP);
  pass(src + 16, stride, TMP + 16);
  transpose4(TMP, TMP2);             // rows 0-3, cols 0-3 -> rows 0-3, cols 0-3
  transpose4(TMP + 128, TMP2 + 16);  // rows 4-7, cols 0-3 -> rows 0-3, cols 4-7
  transpose4(TMP + 16, TMP2 + 128);  // rows 0-3, cols 4-7 -> rows 4-7, cols 0-3
  transpose4(TMP + 144, TMP2 + 144); // rows 4-7, cols 4-7 -> rows 4-7, cols 4-7
  pass(TMP2, 32, TMP);
  pass(TMP2 + 16, 32, TMP + 16);
  const hi = i16x8.splat(1023);
  const lo = i16x8.splat(-1023);
  for (let r: usize = 0; r < 8; r++) {
    const p = TMP + r * 32;
    const q = recip + r * 32;
    const a = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(p), v128.load(q))));
    const b = i32x4.trunc_sat_f32x4_s(f32x4.nearest(f32x4.mul(v128.load(p, 16), v128.load(q, 16))));
    v128.store(out + r * 16, i16x8.max_s(i16x8.min_s(i16x8.narrow_i32x4_s(a, b), hi), lo));
  }
}
