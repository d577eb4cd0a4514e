// Colour management as a row stage: an embedded ICC profile's transform to sRGB, sampled on a grid by
// Little CMS in its own instance (src/pipeline/icc.ts), interpolated here for every pixel.
//
//   channels 3: RGB in, a grid³ of nodes, tetrahedral interpolation (as lcms itself does)
//   channels 4: CMYK in (ink amounts, 255 = full, in R, G, B and A), a grid⁴ ordered K, C, M, Y:
//               tetrahedral in C, M, Y on the two K planes around K, then linear in K (as lcms)
//   channels 1: grey in (R = G = B), 256 nodes, one per value: a lookup per channel
//
// A node is 4 × u16, R, G, B and 0, in units of 1/256 of an 8-bit step (0..65280), so one rounding
// shift gives the byte. The grid belongs to the caller and must outlive the run. Alpha is kept
// (CMYK rows have none: their A is K, and the output is opaque).

import { fail, PIPE_ERR_ARGUMENT, Stage } from "./stage";

/** Fractions between grid nodes, in 1/4096. */
const FRAC_BITS = 12;
const ONE = 1 << FRAC_BITS;

export class ColourStage extends Stage {
  private row: usize = 0;
  private width: i32 = 0;
  /** Per channel and input value: the byte offset of the node below it along that axis, then its fraction. */
  private index: usize = 0;
  /** Byte strides between neighbouring nodes along the axes of input bytes 0, 1, 2 and 3. */
  private s0: usize = 0;
  private s1: usize = 0;
  private s2: usize = 0;
  private s3: usize = 0;

  constructor(private readonly grid: usize, private readonly channels: i32, private readonly size: i32) {
    super();
  }

  takesCmyk(): bool {
    return this.channels == 4;
  }

  begin(width: i32, height: i32): bool {
    const n = this.size;
    const ch = this.channels;
    if ((ch != 1 && ch != 3 && ch != 4) || n < 2 || (ch == 1 && n != 256) || this.grid == 0) {
      fail(PIPE_ERR_ARGUMENT);
      return false;
    }
    this.width = width;
    this.row = heap.alloc(<usize>width << 2);
    if (ch != 1) {
      // Axis order of the grid, slowest first: R, G, B, or K, C, M, Y. Table t serves input byte t
      // of the pixel (R/C, G/M, B/Y, A/K).
      this.index = heap.alloc(4 * 256 * 8);
      this.s2 = 8;
      this.s1 = 8 * <usize>n;
      this.s0 = this.s1 * <usize>n;
      this.s3 = this.s0 * <usize>n;
      for (let t = 0; t < (ch == 4 ? 4 : 3); t++) {
        const stride = <u32>(t == 0 ? this.s0 : t == 1 ? this.s1 : t == 2 ? this.s2 : this.s3);
        for (let v = 0; v < 256; v++) {
          const pos = v * (n - 1);
          let i = pos / 255;
          let f = ((pos - i * 255) * ONE + 127) / 255;
          if (i == n - 1) {
            i = n - 2;
            f = ONE;
          }
          const at = this.index + ((<usize>t * 256 + <usize>v) << 3);
          store<u32>(at, <u32>i * stride);
          store<u32>(at, <u32>f, 4);
        }
      }
    }
    return this.next!.begin(width, height);
  }

  push(src: usize): void {
    const ch = this.channels;
    if (ch == 3) this.rgb(src);
    else if (ch == 4) this.cmyk(src);
    else this.grey(src);
    this.next!.push(this.row);
  }

  private grey(src: usize): void {
    const lut = this.grid;
    const dst = this.row;
    for (let x = 0; x < this.width; x++) {
      const o = <usize>x << 2;
      const px = load<u32>(src + o);
      const r = (<u32>load<u16>(lut + ((<usize>(px & 0xff)) << 3)) + 128) >> 8;
      const g = (<u32>load<u16>(lut + ((<usize>((px >>> 8) & 0xff)) << 3), 2) + 128) >> 8;
      const b = (<u32>load<u16>(lut + ((<usize>((px >>> 16) & 0xff)) << 3), 4) + 128) >> 8;
      store<u32>(dst + o, (px & 0xff000000) | r | (g << 8) | (b << 16));
    }
  }

  private rgb(src: usize): void {
    const dst = this.row;
    const ix = this.index;
    const lut = this.grid;
    const s0 = this.s0, s1 = this.s1, s2 = this.s2;
    for (let x = 0; x < this.width; x++) {
      const o = <usize>x << 2;
      const px = load<u32>(src + o);
      const v = tetrahedral(lut, ix, px, s0, s1, s2);
      // Nodes are ×256, weights ×4096: the byte is the top of 20 fraction bits, rounded.
      const out = i32x4.shr_u(i32x4.add(v, i32x4.splat(1 << 19)), 20);
      const bytes = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(out, out), i16x8.splat(0));
      store<u32>(dst + o, (px & 0xff000000) | <u32>i32x4.extract_lane(bytes, 0));
    }
  }

  private cmyk(src: usize): void {
    const dst = this.row;
    const ix = this.index;
    const lut = this.grid;
    const kTable = ix + 3 * 256 * 8;
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    for (let x = 0; x < this.width; x++) {
      const o = <usize>x << 2;
      const px = load<u32>(src + o);
      const kAt = kTable + (<usize>(px >>> 24) << 3);
      const plane = <usize>load<u32>(kAt);
      const fk = <i32>load<u32>(kAt, 4);
      // Each plane's value back to nodes' units (×256) before the K weights (×4096) multiply it.
      const lo = i32x4.shr_u(i32x4.add(tetrahedral(lut + plane, ix, px, s0, s1, s2), i32x4.splat(1 << 11)), 12);
      const hi = i32x4.shr_u(i32x4.add(tetrahedral(lut + plane + s3, ix, px, s0, s1, s2), i32x4.splat(1 << 11)), 12);
      const mixed = i32x4.add(i32x4.mul(lo, i32x4.splat(ONE - fk)), i32x4.mul(hi, i32x4.splat(fk)));
      const out = i32x4.shr_u(i32x4.add(mixed, i32x4.splat(1 << 19)), 20);
      const bytes = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(out, out), i16x8.splat(0));
      store<u32>(dst + o, 0xff000000 | <u32>i32x4.extract_lane(bytes, 0));
    }
  }

  protected release(): void {
    if (this.row != 0) heap.free(this.row);
    if (this.index != 0) heap.free(this.index);
    this.row = 0;
    this.index = 0;
  }
}

// @ts-ignore: decorator
@inline function node(at: usize): v128 {
  return i32x4.extend_low_i16x8_u(v128.load64_zero(at));
}

/**
 * The cube around a pixel's R, G, B (bytes 0–2 of `px`) split into six tetrahedra by the order of
 * its fractions: the result is the weighted sum of four nodes (the cube's low corner, one step along
 * the largest fraction's axis, one more along the middle one's, the high corner), weights summing
 * to 4096.
 */
// @ts-ignore: decorator
@inline function tetrahedral(lut: usize, ix: usize, px: u32, s0: usize, s1: usize, s2: usize): v128 {
  const a0 = ix + (<usize>(px & 0xff) << 3);
  const a1 = ix + 256 * 8 + (<usize>((px >>> 8) & 0xff) << 3);
  const a2 = ix + 512 * 8 + (<usize>((px >>> 16) & 0xff) << 3);
  const base = lut + <usize>load<u32>(a0) + <usize>load<u32>(a1) + <usize>load<u32>(a2);
  const f0 = <i32>load<u32>(a0, 4);
  const f1 = <i32>load<u32>(a1, 4);
  const f2 = <i32>load<u32>(a2, 4);
  // The axes of the largest and the smallest fraction, chosen with selects, not branches: the order
  // changes from pixel to pixel, and mispredicted branches were most of this stage's time. Ties go
  // to the lower axis for the largest and the smallest alike, so the two differ unless all three
  // fractions are equal (and then the middle nodes' weights are 0).
  const hi = max(f0, max(f1, f2));
  const lo = min(f0, min(f1, f2));
  const mid = f0 + f1 + f2 - hi - lo;
  const sHi = select<usize>(select<usize>(s0, s2, f0 >= f2), select<usize>(s1, s2, f1 >= f2), f0 >= f1);
  const sLo = select<usize>(select<usize>(s0, s2, f0 <= f2), select<usize>(s1, s2, f1 <= f2), f0 <= f1);
  const p3 = base + s0 + s1 + s2;
  const p1 = base + sHi;
  const p2 = p3 - sLo;
  let v = i32x4.mul(node(base), i32x4.splat(ONE - hi));
  v = i32x4.add(v, i32x4.mul(node(p1), i32x4.splat(hi - mid)));
  v = i32x4.add(v, i32x4.mul(node(p2), i32x4.splat(mid - lo)));
  return i32x4.add(v, i32x4.mul(node(p3), i32x4.splat(lo)));
}
