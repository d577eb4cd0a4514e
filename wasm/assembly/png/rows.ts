// Scanline assembly: the decompressed stream arrives in pieces (feed); each row (filter-type byte +
// row bytes) is gathered into a row buffer, unfiltered against the previous row of the same pass, and
// converted to RGBA: a sequential image's row goes straight into the row pipeline (pipe/stage.ts);
// an Adam7 pass pixel i of pass row r goes to (x0 + i·dx, y0 + r·dy) of a whole frame, since the
// last pass completes the first row only at the end of the data. Two row buffers (current, previous) of the widest row, each preceded by 8
// zero bytes so the "left" neighbours of the first pixel read as 0 without a branch.
//
// Conversion to RGBA8: palette images and 1/2/4/8-bit grey go through a 256-entry RGBA lookup table
// (palette + tRNS alpha, or scaled grey + colour-key alpha); 16-bit samples keep their high byte and
// the colour key is compared at full precision.

import { failed, Stage } from "../pipe/stage";

const PAD: usize = 8;
const ADAM7 = memory.data<u8>([
  // x0, y0, dx, dy per pass
  0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2,
]);

let out: usize = 0; // Adam7: the frame; sequential: one RGBA row, pushed into `sink`
let sink: Stage | null = null;
let stopped: bool = false;
let imgW: i32 = 0;
let imgH: i32 = 0;
let colourType: i32 = 0;
let depth: i32 = 0;
let bitsPP: i32 = 0; // bits per pixel
let bpp: usize = 0; // filter unit: bytes per pixel, at least 1
let lut: usize = 0; // 256 × u32
let keyR: i32 = -1; // colour key (grey uses keyR), -1: none
let keyG: i32 = -1;
let keyB: i32 = -1;

let cur: usize = 0;
let prev: usize = 0;
let stride: i32 = 0; // bytes of a row of the current pass (without the filter byte)
let fill: i32 = -1; // bytes of the current row gathered, -1: filter byte next
let ftype: i32 = 0;
let pass: i32 = 0; // Adam7 pass 0..6 (0 for non-interlaced)
let passRow: i32 = 0;
let passW: i32 = 0;
let passH: i32 = 0;
let x0: i32 = 0;
let y0: i32 = 0;
let dx: i32 = 1;
let dy: i32 = 1;
let interlaced: bool = false;
let done: bool = false;
let badFilter: bool = false;
let rowsOut: i32 = 0;

/** Bytes of a row of `w` pixels at `bitsPerPixel`. */
export function rowBytes(w: i32, bitsPerPixel: i32): usize {
  return <usize>((<u64>w * <u64>bitsPerPixel + 7) >> 3);
}

/** Size of one row buffer (with its zero pad and slack for 16-byte SIMD overrun). */
export function rowBufBytes(w: i32, bitsPerPixel: i32): usize {
  return PAD + rowBytes(w, bitsPerPixel) + 16;
}

export function rowsDone(): bool {
  return done;
}

export function rowsDecoded(): i32 {
  return rowsOut;
}

export function filterError(): bool {
  return badFilter;
}

/** Drops the decode's references (its pipeline must not stay reachable from here once it is freed). */
export function rowsRelease(): void {
  sink = null;
  out = 0;
}

/** The pipeline refused a row: decoding stopped there. */
export function rowsStopped(): bool {
  return stopped;
}

export function rowsInit(
  output: usize, w: i32, h: i32, ct: i32, d: i32, inter: bool, lutPtr: usize, kr: i32, kg: i32, kb: i32,
  rowA: usize, rowB: usize, head: Stage | null,
): void {
  out = output;
  sink = head;
  stopped = false;
  imgW = w;
  imgH = h;
  colourType = ct;
  depth = d;
  const ch = ct == 0 || ct == 3 ? 1 : ct == 2 ? 3 : ct == 4 ? 2 : 4;
  bitsPP = ch * d;
  bpp = bitsPP >= 8 ? <usize>(bitsPP >> 3) : 1;
  lut = lutPtr;
  keyR = kr;
  keyG = kg;
  keyB = kb;
  const rb = rowBufBytes(w, bitsPP);
  memory.fill(rowA, 0, rb);
  memory.fill(rowB, 0, rb);
  cur = rowA + PAD;
  prev = rowB + PAD;
  interlaced = inter;
  done = false;
  badFilter = false;
  rowsOut = 0;
  fill = -1;
  pass = inter ? -1 : 0;
  if (inter) {
    startPass();
  } else {
    passW = w;
    passH = h;
    x0 = 0;
    y0 = 0;
    dx = 1;
    dy = 1;
    passRow = 0;
    stride = <i32>rowBytes(w, bitsPP);
  }
}

// moves to the next Adam7 pass that has pixels (sets done after the last)
function startPass(): void {
  while (true) {
    pass++;
    if (pass >= 7) {
      done = true;
      return;
    }
    const a = ADAM7 + (<usize>pass << 2);
    x0 = <i32>load<u8>(a);
    y0 = <i32>load<u8>(a, 1);
    dx = <i32>load<u8>(a, 2);
    dy = <i32>load<u8>(a, 3);
    passW = imgW > x0 ? (imgW - x0 + dx - 1) / dx : 0;
    passH = imgH > y0 ? (imgH - y0 + dy - 1) / dy : 0;
    if (passW > 0 && passH > 0) break;
  }
  passRow = 0;
  stride = <i32>rowBytes(passW, bitsPP);
  memory.fill(prev, 0, <usize>stride);
}

/** Takes `n` bytes of the decompressed stream. */
export function feed(src: usize, n: i32): void {
  while (n > 0 && !done) {
    if (fill < 0) {
      ftype = <i32>load<u8>(src);
      src++;
      n--;
      if (ftype > 4) {
        badFilter = true;
        done = true;
        return;
      }
      fill = 0;
      continue;
    }
    let take = stride - fill;
    if (take > n) take = n;
    memory.copy(cur + <usize>fill, src, <usize>take);
    fill += take;
    src += <usize>take;
    n -= take;
    if (fill == stride) {
      unfilter();
      convert();
      rowsOut++;
      if (!interlaced) {
        sink!.push(out);
        if (failed()) {
          stopped = true;
          done = true;
          return;
        }
      }
      const t = cur;
      cur = prev;
      prev = t;
      fill = -1;
      passRow++;
      if (passRow >= passH) {
        if (interlaced) startPass();
        else done = true;
      }
    }
  }
}

// Sub / Average / Paeth for 3..8 bytes per pixel: one pixel per step in 16-bit lanes (the serial
// dependency on the left pixel stays, the channels run in parallel). Each step loads and stores 8
// bytes; lanes past the pixel are written back unchanged (the row buffer has 16 bytes of slack).
function unfilterPixels(c: usize, p: usize, n: usize, b: usize, ft: i32): void {
  const mine = i16x8.lt_u(i16x8(0, 1, 2, 3, 4, 5, 6, 7), i16x8.splat(<i16>b));
  const ff = i16x8.splat(0xff);
  let a = i16x8.splat(0);
  let cc = i16x8.splat(0);
  if (ft == 1) {
    for (let i: usize = 0; i < n; i += b) {
      const raw = i16x8.extend_low_i8x16_u(v128.load64_zero(c + i));
      a = v128.bitselect(v128.and(i16x8.add(raw, a), ff), raw, mine);
      store<u64>(c + i, i64x2.extract_lane(i8x16.narrow_i16x8_u(a, a), 0));
    }
  } else if (ft == 3) {
    for (let i: usize = 0; i < n; i += b) {
      const raw = i16x8.extend_low_i8x16_u(v128.load64_zero(c + i));
      const up = i16x8.extend_low_i8x16_u(v128.load64_zero(p + i));
      a = v128.bitselect(v128.and(i16x8.add(raw, i16x8.shr_u(i16x8.add(a, up), 1)), ff), raw, mine);
      store<u64>(c + i, i64x2.extract_lane(i8x16.narrow_i16x8_u(a, a), 0));
    }
  } else {
    for (let i: usize = 0; i < n; i += b) {
      const raw = i16x8.extend_low_i8x16_u(v128.load64_zero(c + i));
      const up = i16x8.extend_low_i8x16_u(v128.load64_zero(p + i));
      const pa0 = i16x8.sub(up, cc);
      const pb0 = i16x8.sub(a, cc);
      const pa = i16x8.abs(pa0);
      const pb = i16x8.abs(pb0);
      const pc = i16x8.abs(i16x8.add(pa0, pb0));
      const useA = v128.and(i16x8.le_s(pa, pb), i16x8.le_s(pa, pc));
      const pred = v128.bitselect(a, v128.bitselect(up, cc, i16x8.le_s(pb, pc)), useA);
      a = v128.bitselect(v128.and(i16x8.add(raw, pred), ff), raw, mine);
      cc = up;
      store<u64>(c + i, i64x2.extract_lane(i8x16.narrow_i16x8_u(a, a), 0));
    }
  }
}

function unfilter(): void {
  const c = cur;
  const p = prev;
  const n = <usize>stride;
  const b = bpp;
  if (b >= 3 && ftype != 2 && ftype != 0) {
    unfilterPixels(c, p, n, b, ftype);
    return;
  }
  if (ftype == 1) {
    for (let i: usize = 0; i < n; i++) store<u8>(c + i, load<u8>(c + i) + load<u8>(c + i - b));
  } else if (ftype == 2) {
    for (let i: usize = 0; i < n; i += 16) v128.store(c + i, i8x16.add(v128.load(c + i), v128.load(p + i)));
  } else if (ftype == 3) {
    for (let i: usize = 0; i < n; i++) {
      store<u8>(c + i, load<u8>(c + i) + <u8>((<u32>load<u8>(c + i - b) + <u32>load<u8>(p + i)) >> 1));
    }
  } else if (ftype == 4) {
    for (let i: usize = 0; i < n; i++) {
      const a = <i32>load<u8>(c + i - b);
      const up = <i32>load<u8>(p + i);
      const cc = <i32>load<u8>(p + i - b);
      const pa0 = up - cc;
      const pb0 = a - cc;
      const pa = abs(pa0);
      const pb = abs(pb0);
      const pc = abs(pa0 + pb0);
      const pr = pa <= pb && pa <= pc ? a : pb <= pc ? up : cc;
      store<u8>(c + i, load<u8>(c + i) + <u8>pr);
    }
  }
}

// writes the current (unfiltered) row into the output
function convert(): void {
  const y = y0 + passRow * dy;
  let d = interlaced ? out + ((<usize>y * <usize>imgW + <usize>x0) << 2) : out;
  const step = <usize>dx << 2;
  const n = passW;
  let s = cur;
  const ct = colourType;
  if (ct == 6 && depth == 8) {
    if (dx == 1) {
      memory.copy(d, s, <usize>n << 2);
    } else {
      for (let i = 0; i < n; i++, s += 4, d += step) store<u32>(d, load<u32>(s));
    }
  } else if (ct == 2 && depth == 8) {
    const keyed = keyR >= 0;
    let i = 0;
    if (!keyed && dx == 1) {
      // 4 pixels per step: RGB RGB RGB RGB -> RGBA × 4 (reads 16 bytes: the row buffer has slack)
      const opaque = i32x4.splat(0xff000000);
      for (; i + 4 <= n; i += 4, s += 12, d += 16) {
        const v = v128.load(s);
        v128.store(d, v128.or(i8x16.swizzle(v, i8x16(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1)), opaque));
      }
    }
    for (; i < n; i++, s += 3, d += step) {
      const r = <u32>load<u8>(s);
      const g = <u32>load<u8>(s, 1);
      const b = <u32>load<u8>(s, 2);
      const a: u32 = keyed && <i32>r == keyR && <i32>g == keyG && <i32>b == keyB ? 0 : 0xff000000;
      store<u32>(d, r | (g << 8) | (b << 16) | a);
    }
  } else if (ct == 3 || (ct == 0 && depth <= 8)) {
    const l = lut;
    if (depth == 8) {
      for (let i = 0; i < n; i++, s++, d += step) store<u32>(d, load<u32>(l + (<usize>load<u8>(s) << 2)));
    } else {
      const dep = <u32>depth;
      const mask: u32 = (1 << dep) - 1;
      let shift: i32 = 8 - <i32>dep;
      let byte = <u32>load<u8>(s);
      for (let i = 0; i < n; i++, d += step) {
        if (shift < 0) {
          s++;
          byte = <u32>load<u8>(s);
          shift = 8 - <i32>dep;
        }
        const v = (byte >> <u32>shift) & mask;
        store<u32>(d, load<u32>(l + (<usize>v << 2)));
        shift -= <i32>dep;
      }
    }
  } else if (ct == 4 && depth == 8) {
    for (let i = 0; i < n; i++, s += 2, d += step) {
      const g = <u32>load<u8>(s);
      store<u32>(d, g | (g << 8) | (g << 16) | (<u32>load<u8>(s, 1) << 24));
    }
  } else if (ct == 0) {
    // 16-bit grey
    const keyed = keyR >= 0;
    for (let i = 0; i < n; i++, s += 2, d += step) {
      const g = <u32>load<u8>(s);
      const full = <i32>bswap<u16>(load<u16>(s));
      const a: u32 = keyed && full == keyR ? 0 : 0xff000000;
      store<u32>(d, g | (g << 8) | (g << 16) | a);
    }
  } else if (ct == 2) {
    // 16-bit RGB
    const keyed = keyR >= 0;
    for (let i = 0; i < n; i++, s += 6, d += step) {
      const r = <u32>load<u8>(s);
      const g = <u32>load<u8>(s, 2);
      const b = <u32>load<u8>(s, 4);
      const a: u32 =
        keyed &&
        <i32>bswap<u16>(load<u16>(s)) == keyR &&
        <i32>bswap<u16>(load<u16>(s, 2)) == keyG &&
        <i32>bswap<u16>(load<u16>(s, 4)) == keyB
          ? 0
          : 0xff000000;
      store<u32>(d, r | (g << 8) | (b << 16) | a);
    }
  } else if (ct == 4) {
    // 16-bit grey + alpha
    for (let i = 0; i < n; i++, s += 4, d += step) {
      const g = <u32>load<u8>(s);
      store<u32>(d, g | (g << 8) | (g << 16) | (<u32>load<u8>(s, 2) << 24));
    }
  } else {
    // 16-bit RGBA
    for (let i = 0; i < n; i++, s += 8, d += step) {
      store<u32>(
        d,
        <u32>load<u8>(s) | (<u32>load<u8>(s, 2) << 8) | (<u32>load<u8>(s, 4) << 16) | (<u32>load<u8>(s, 6) << 24),
      );
    }
  }
}
