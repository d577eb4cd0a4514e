// Baseline JFIF JPEG encoder: RGBA8 -> YCbCr (BT.601 full range) 4:2:0 -> AAN f32 DCT with folded
// quantisation (IJG-scaled Annex K tables) -> two-pass optimised Huffman coding.
//
// Pass 1 converts and transforms the image one MCU row (16 pixel rows) at a time, keeps every
// quantised block (zig-zag order, i16) plus a 64-bit mask of its non-zero coefficients, and counts
// the Huffman symbols. Then the four tables (DC/AC × luma/chroma) are built from the counts, which
// also gives the exact size of the entropy-coded data, and pass 2 writes the file.
//
// Memory: all working buffers are heap.alloc'd and freed before returning; only the result (a
// heap.alloc'd buffer of exactly jpegEncodedLength() bytes, freed by the caller) remains.
import { fdctQuant, setQuant } from "./fdct";
import { buildTable, TABLE_BYTES, TABLE_SIZE, T_BITS, T_CODE, T_NVALS, T_VALS } from "./huffman";
import { STD_CHROMA_Q, STD_LUMA_Q, ZIGZAG } from "./tables";

const MAX_WORK: u64 = 256 << 20; // bytes of working memory (coefficients + output bound) allowed

const QY: usize = memory.data(64, 16); // scaled quantisation tables, natural order
const QC: usize = memory.data(64, 16);
const RECIP_Y: usize = memory.data(64 * 4, 16);
const RECIP_C: usize = memory.data(64 * 4, 16);
const QBLK: usize = memory.data(64 * 2, 16);
// symbol counts, u32[256] each: luma DC, luma AC, chroma DC, chroma AC
const FREQ: usize = memory.data(4 * 256 * 4, 16);
const FREQ_DC0: usize = FREQ;
const FREQ_AC0: usize = FREQ + 1024;
const FREQ_DC1: usize = FREQ + 2048;
const FREQ_AC1: usize = FREQ + 3072;
// Huffman tables, same order
const TABLES: usize = memory.data(4 * TABLE_BYTES, 16);

let encodedLength = 0;

// bit writer state between blocks
let bitAcc: u64 = 0;
let bitCount = 0;
let outPtr: usize = 0;

export function getEncodedLength(): i32 {
  return encodedLength;
}

function scaleQuant(quality: i32): void {
  const scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
  for (let i = 0; i < 64; i++) {
    const y = (<i32>load<u8>(STD_LUMA_Q + i) * scale + 50) / 100;
    const c = (<i32>load<u8>(STD_CHROMA_Q + i) * scale + 50) / 100;
    store<u8>(QY + i, <u8>min(max(y, 1), 255));
    store<u8>(QC + i, <u8>min(max(c, 1), 255));
  }
}

// @ts-ignore: decorator
@inline function red(px: v128): v128 {
  return f32x4.convert_i32x4_s(v128.and(px, i32x4.splat(255)));
}

// @ts-ignore: decorator
@inline function green(px: v128): v128 {
  return f32x4.convert_i32x4_s(v128.and(i32x4.shr_u(px, 8), i32x4.splat(255)));
}

// @ts-ignore: decorator
@inline function blue(px: v128): v128 {
  return f32x4.convert_i32x4_s(v128.and(i32x4.shr_u(px, 16), i32x4.splat(255)));
}

// @ts-ignore: decorator
@inline function luma(r: v128, g: v128, b: v128): v128 {
  return f32x4.add(
    f32x4.add(f32x4.mul(r, f32x4.splat(0.299)), f32x4.mul(g, f32x4.splat(0.587))),
    f32x4.sub(f32x4.mul(b, f32x4.splat(0.114)), f32x4.splat(128)),
  );
}

// sums of horizontally adjacent lanes: [a0+a1, a2+a3, b0+b1, b2+b3]
// @ts-ignore: decorator
@inline function pairSum(a: v128, b: v128): v128 {
  return f32x4.add(f32x4.shuffle(a, b, 0, 2, 4, 6), f32x4.shuffle(a, b, 1, 3, 5, 7));
}

// RGBA rows y0 .. y0+15 (clamped to the image: edge replication) -> level-shifted Y (pw × 16 f32)
// and 2×2-averaged Cb, Cr (pw/2 × 8 f32). Columns past the width replicate the last column.
function convertRows(rgba: usize, w: i32, h: i32, y0: i32, pw: i32, ybuf: usize, cbuf: usize, rbuf: usize): void {
  const stride = <usize>w << 2;
  const cw = pw >> 1;
  const last = w - 1;
  for (let cy = 0; cy < 8; cy++) {
    const rowA = rgba + <usize>min(y0 + cy * 2, h - 1) * stride;
    const rowB = rgba + <usize>min(y0 + cy * 2 + 1, h - 1) * stride;
    const yA = ybuf + (<usize>(cy * 2 * pw) << 2);
    const yB = yA + (<usize>pw << 2);
    const co = <usize>(cy * cw) << 2;
    // 8 columns (4 chroma samples) at a time while all 8 are inside the image
    let i = 0;
    for (; i * 2 + 8 <= w; i += 4) {
      const x = <usize>(i * 2) << 2;
      const a0 = v128.load(rowA + x);
      const a1 = v128.load(rowA + x, 16);
      const b0 = v128.load(rowB + x);
      const b1 = v128.load(rowB + x, 16);
      const ra0 = red(a0), ga0 = green(a0), ba0 = blue(a0);
      const ra1 = red(a1), ga1 = green(a1), ba1 = blue(a1);
      const rb0 = red(b0), gb0 = green(b0), bb0 = blue(b0);
      const rb1 = red(b1), gb1 = green(b1), bb1 = blue(b1);
      const o = <usize>(i * 2) << 2;
      v128.store(yA + o, luma(ra0, ga0, ba0));
      v128.store(yA + o, luma(ra1, ga1, ba1), 16);
      v128.store(yB + o, luma(rb0, gb0, bb0));
      v128.store(yB + o, luma(rb1, gb1, bb1), 16);
      const r = pairSum(f32x4.add(ra0, rb0), f32x4.add(ra1, rb1));
      const g = pairSum(f32x4.add(ga0, gb0), f32x4.add(ga1, gb1));
      const b = pairSum(f32x4.add(ba0, bb0), f32x4.add(ba1, bb1));
      const c = co + (<usize>i << 2);
      v128.store(cbuf + c, f32x4.add(f32x4.sub(f32x4.mul(b, f32x4.splat(0.125)), f32x4.mul(r, f32x4.splat(0.0421840))),
        f32x4.mul(g, f32x4.splat(-0.0828160))));
      v128.store(rbuf + c, f32x4.sub(f32x4.sub(f32x4.mul(r, f32x4.splat(0.125)), f32x4.mul(g, f32x4.splat(0.1046720))),
        f32x4.mul(b, f32x4.splat(0.0203280))));
    }
    // the rest, replicating the last column
    for (; i < cw; i++) {
      const xa = <usize>min(i * 2, last) << 2;
      const xb = <usize>min(i * 2 + 1, last) << 2;
      const p00 = load<u32>(rowA + xa);
      const p01 = load<u32>(rowA + xb);
      const p10 = load<u32>(rowB + xa);
      const p11 = load<u32>(rowB + xb);
      const r00 = <f32>(p00 & 255), g00 = <f32>((p00 >> 8) & 255), b00 = <f32>((p00 >> 16) & 255);
      const r01 = <f32>(p01 & 255), g01 = <f32>((p01 >> 8) & 255), b01 = <f32>((p01 >> 16) & 255);
      const r10 = <f32>(p10 & 255), g10 = <f32>((p10 >> 8) & 255), b10 = <f32>((p10 >> 16) & 255);
      const r11 = <f32>(p11 & 255), g11 = <f32>((p11 >> 8) & 255), b11 = <f32>((p11 >> 16) & 255);
      const o = <usize>(i * 2) << 2;
      store<f32>(yA + o, 0.299 * r00 + 0.587 * g00 + 0.114 * b00 - 128);
      store<f32>(yA + o, 0.299 * r01 + 0.587 * g01 + 0.114 * b01 - 128, 4);
      store<f32>(yB + o, 0.299 * r10 + 0.587 * g10 + 0.114 * b10 - 128);
      store<f32>(yB + o, 0.299 * r11 + 0.587 * g11 + 0.114 * b11 - 128, 4);
      const r = r00 + r01 + r10 + r11;
      const g = g00 + g01 + g10 + g11;
      const b = b00 + b01 + b10 + b11;
      store<f32>(cbuf + co + (<usize>i << 2), -0.0421840 * r - 0.0828160 * g + 0.125 * b);
      store<f32>(rbuf + co + (<usize>i << 2), 0.125 * r - 0.1046720 * g - 0.0203280 * b);
    }
  }
}

// quantised block in fdctQuant's slot order -> zig-zag order (unrolled: slot of zig-zag index k is
// the transpose of natural index ZIGZAG[k], see fdct.ts)
// @ts-ignore: decorator
@inline function toZigzag(src: usize, dst: usize): void {
  store<i16>(dst, load<i16>(src, 0), 0);
  store<i16>(dst, load<i16>(src, 16), 2);
  store<i16>(dst, load<i16>(src, 2), 4);
  store<i16>(dst, load<i16>(src, 4), 6);
  store<i16>(dst, load<i16>(src, 18), 8);
  store<i16>(dst, load<i16>(src, 32), 10);
  store<i16>(dst, load<i16>(src, 48), 12);
  store<i16>(dst, load<i16>(src, 34), 14);
  store<i16>(dst, load<i16>(src, 20), 16);
  store<i16>(dst, load<i16>(src, 6), 18);
  store<i16>(dst, load<i16>(src, 8), 20);
  store<i16>(dst, load<i16>(src, 22), 22);
  store<i16>(dst, load<i16>(src, 36), 24);
  store<i16>(dst, load<i16>(src, 50), 26);
  store<i16>(dst, load<i16>(src, 64), 28);
  store<i16>(dst, load<i16>(src, 80), 30);
  store<i16>(dst, load<i16>(src, 66), 32);
  store<i16>(dst, load<i16>(src, 52), 34);
  store<i16>(dst, load<i16>(src, 38), 36);
  store<i16>(dst, load<i16>(src, 24), 38);
  store<i16>(dst, load<i16>(src, 10), 40);
  store<i16>(dst, load<i16>(src, 12), 42);
  store<i16>(dst, load<i16>(src, 26), 44);
  store<i16>(dst, load<i16>(src, 40), 46);
  store<i16>(dst, load<i16>(src, 54), 48);
  store<i16>(dst, load<i16>(src, 68), 50);
  store<i16>(dst, load<i16>(src, 82), 52);
  store<i16>(dst, load<i16>(src, 96), 54);
  store<i16>(dst, load<i16>(src, 112), 56);
  store<i16>(dst, load<i16>(src, 98), 58);
  store<i16>(dst, load<i16>(src, 84), 60);
  store<i16>(dst, load<i16>(src, 70), 62);
  store<i16>(dst, load<i16>(src, 56), 64);
  store<i16>(dst, load<i16>(src, 42), 66);
  store<i16>(dst, load<i16>(src, 28), 68);
  store<i16>(dst, load<i16>(src, 14), 70);
  store<i16>(dst, load<i16>(src, 30), 72);
  store<i16>(dst, load<i16>(src, 44), 74);
  store<i16>(dst, load<i16>(src, 58), 76);
  store<i16>(dst, load<i16>(src, 72), 78);
  store<i16>(dst, load<i16>(src, 86), 80);
  store<i16>(dst, load<i16>(src, 100), 82);
  store<i16>(dst, load<i16>(src, 114), 84);
  store<i16>(dst, load<i16>(src, 116), 86);
  store<i16>(dst, load<i16>(src, 102), 88);
  store<i16>(dst, load<i16>(src, 88), 90);
  store<i16>(dst, load<i16>(src, 74), 92);
  store<i16>(dst, load<i16>(src, 60), 94);
  store<i16>(dst, load<i16>(src, 46), 96);
  store<i16>(dst, load<i16>(src, 62), 98);
  store<i16>(dst, load<i16>(src, 76), 100);
  store<i16>(dst, load<i16>(src, 90), 102);
  store<i16>(dst, load<i16>(src, 104), 104);
  store<i16>(dst, load<i16>(src, 118), 106);
  store<i16>(dst, load<i16>(src, 120), 108);
  store<i16>(dst, load<i16>(src, 106), 110);
  store<i16>(dst, load<i16>(src, 92), 112);
  store<i16>(dst, load<i16>(src, 78), 114);
  store<i16>(dst, load<i16>(src, 94), 116);
  store<i16>(dst, load<i16>(src, 108), 118);
  store<i16>(dst, load<i16>(src, 122), 120);
  store<i16>(dst, load<i16>(src, 124), 122);
  store<i16>(dst, load<i16>(src, 110), 124);
  store<i16>(dst, load<i16>(src, 126), 126);
}

// @ts-ignore: decorator
@inline function category(v: i32): i32 {
  const a = v < 0 ? -v : v;
  return 32 - clz<i32>(a);
}

// transform + quantise one block into dst (zig-zag i16) and its non-zero mask into maskp, and count
// its symbols; returns the new DC predictor
function codeBlock(src: usize, stride: usize, recip: usize, dst: usize, maskp: usize, fdc: usize, fac: usize, pred: i32): i32 {
  fdctQuant(src, stride, recip, QBLK);
  toZigzag(QBLK, dst);
  const zero = i16x8.splat(0);
  let mask: u64 = 0;
  for (let r: usize = 0; r < 8; r++) {
    const nz = v128.not(i16x8.eq(v128.load(dst + (r << 4)), zero));
    mask |= <u64>i16x8.bitmask(nz) << (r << 3);
  }
  store<u64>(maskp, mask);

  const dc = <i32>load<i16>(dst);
  const pd = fdc + (<usize>category(dc - pred) << 2);
  store<u32>(pd, load<u32>(pd) + 1);
  let m = mask & ~(<u64>1);
  let last = 0;
  while (m != 0) {
    const k = <i32>ctz(m);
    let run = k - last - 1;
    while (run > 15) {
      const pz = fac + (0xF0 << 2);
      store<u32>(pz, load<u32>(pz) + 1);
      run -= 16;
    }
    const s = (run << 4) | category(<i32>load<i16>(dst + (<usize>k << 1)));
    const ps = fac + (<usize>s << 2);
    store<u32>(ps, load<u32>(ps) + 1);
    last = k;
    m &= m - 1;
  }
  if (last != 63) store<u32>(fac, load<u32>(fac) + 1);
  return dc;
}

// write 4 entropy-coded bytes (big-endian), stuffing a 0 after each 0xFF
// @ts-ignore: decorator
@inline function writeWord(out: usize, w: u32): usize {
  const x = ~w;
  if (((x - 0x01010101) & ~x & 0x80808080) == 0) {
    store<u32>(out, bswap<u32>(w));
    return out + 4;
  }
  for (let s = 24; s >= 0; s -= 8) {
    const b = (w >> <u32>s) & 255;
    store<u8>(out++, <u8>b);
    if (b == 255) store<u8>(out++, 0);
  }
  return out;
}

function emitBlock(coef: usize, mask: u64, dct: usize, act: usize, pred: i32): i32 {
  let acc = bitAcc;
  let n = bitCount;
  let out = outPtr;

  const dc = <i32>load<i16>(coef);
  const diff = dc - pred;
  const cat = category(diff);
  const dcode = load<u32>(dct + (<usize>cat << 2));
  const extra = <u32>(diff < 0 ? diff - 1 : diff) & ((<u32>1 << cat) - 1);
  const dlen = <i32>(dcode >> 16) + cat;
  acc = (acc << <u64>dlen) | <u64>(((dcode & 0xFFFF) << cat) | extra);
  n += dlen;
  if (n >= 32) {
    n -= 32;
    out = writeWord(out, <u32>(acc >> <u64>n));
  }

  let m = mask & ~(<u64>1);
  let last = 0;
  while (m != 0) {
    const k = <i32>ctz(m);
    let run = k - last - 1;
    while (run > 15) {
      const zrl = load<u32>(act + (0xF0 << 2));
      const zlen = <i32>(zrl >> 16);
      acc = (acc << <u64>zlen) | <u64>(zrl & 0xFFFF);
      n += zlen;
      if (n >= 32) {
        n -= 32;
        out = writeWord(out, <u32>(acc >> <u64>n));
      }
      run -= 16;
    }
    const v = <i32>load<i16>(coef + (<usize>k << 1));
    const size = category(v);
    const code = load<u32>(act + (<usize>((run << 4) | size) << 2));
    const bits = <u32>(v < 0 ? v - 1 : v) & ((<u32>1 << size) - 1);
    const len = <i32>(code >> 16) + size;
    acc = (acc << <u64>len) | <u64>(((code & 0xFFFF) << size) | bits);
    n += len;
    if (n >= 32) {
      n -= 32;
      out = writeWord(out, <u32>(acc >> <u64>n));
    }
    last = k;
    m &= m - 1;
  }
  if (last != 63) {
    const eob = load<u32>(act);
    const elen = <i32>(eob >> 16);
    acc = (acc << <u64>elen) | <u64>(eob & 0xFFFF);
    n += elen;
    if (n >= 32) {
      n -= 32;
      out = writeWord(out, <u32>(acc >> <u64>n));
    }
  }

  bitAcc = acc;
  bitCount = n;
  outPtr = out;
  return dc;
}

// exact number of entropy-coded bits (before byte stuffing and padding) the counts give
function tableBits(freq: usize, t: usize, ac: bool): u64 {
  let total: u64 = 0;
  for (let s = 0; s < 256; s++) {
    const f = load<u32>(freq + (<usize>s << 2));
    if (f == 0) continue;
    const extra = ac ? s & 15 : s;
    total += <u64>f * <u64>((load<u32>(t + T_CODE + (<usize>s << 2)) >> 16) + <u32>extra);
  }
  return total;
}

// @ts-ignore: decorator
@inline function put16(p: usize, v: i32): usize {
  store<u8>(p, <u8>(v >> 8));
  store<u8>(p + 1, <u8>v);
  return p + 2;
}

function writeHeaders(p: usize, width: i32, height: i32): usize {
  p = put16(p, 0xFFD8); // SOI
  // APP0 JFIF 1.01, no units, 1:1 pixel aspect, no thumbnail
  p = put16(p, 0xFFE0);
  p = put16(p, 16);
  store<u32>(p, 0x4649464A); // "JFIF"
  store<u8>(p + 4, 0);
  store<u8>(p + 5, 1);
  store<u8>(p + 6, 1);
  store<u8>(p + 7, 0);
  p += 8;
  p = put16(p, 1);
  p = put16(p, 1);
  store<u8>(p++, 0);
  store<u8>(p++, 0);
  // DQT: two 8-bit tables, zig-zag order
  p = put16(p, 0xFFDB);
  p = put16(p, 2 + 2 * 65);
  for (let t = 0; t < 2; t++) {
    const q = t == 0 ? QY : QC;
    store<u8>(p++, <u8>t);
    for (let k = 0; k < 64; k++) store<u8>(p++, load<u8>(q + <usize>load<u8>(ZIGZAG + k)));
  }
  // SOF0: 8-bit, 3 components: Y 2×2 table 0, Cb and Cr 1×1 table 1
  p = put16(p, 0xFFC0);
  p = put16(p, 17);
  store<u8>(p++, 8);
  p = put16(p, height);
  p = put16(p, width);
  store<u8>(p++, 3);
  for (let c = 1; c <= 3; c++) {
    store<u8>(p++, <u8>c);
    store<u8>(p++, c == 1 ? 0x22 : 0x11);
    store<u8>(p++, c == 1 ? 0 : 1);
  }
  // DHT: all four tables in one segment
  let len = 2;
  for (let i = 0; i < 4; i++) len += 17 + load<i32>(TABLES + <usize>i * TABLE_SIZE + T_NVALS);
  p = put16(p, 0xFFC4);
  p = put16(p, len);
  for (let i = 0; i < 4; i++) {
    const t = TABLES + <usize>i * TABLE_SIZE;
    store<u8>(p++, <u8>(((i & 1) << 4) | (i >> 1))); // class (0 DC, 1 AC) << 4 | id
    memory.copy(p, t + T_BITS + 1, 16);
    p += 16;
    const nv = <usize>load<i32>(t + T_NVALS);
    memory.copy(p, t + T_VALS, nv);
    p += nv;
  }
  // SOS: 3 components, full spectral range
  p = put16(p, 0xFFDA);
  p = put16(p, 12);
  store<u8>(p++, 3);
  for (let c = 1; c <= 3; c++) {
    store<u8>(p++, <u8>c);
    store<u8>(p++, c == 1 ? 0x00 : 0x11);
  }
  store<u8>(p++, 0);
  store<u8>(p++, 63);
  store<u8>(p++, 0);
  return p;
}

export function encode(rgba: usize, width: i32, height: i32, quality: i32): usize {
  encodedLength = 0;
  if (rgba == 0 || width < 1 || height < 1 || width > 65535 || height > 65535) return 0;
  if (quality < 1 || quality > 100) return 0;
  const mcusX = (width + 15) >> 4;
  const mcusY = (height + 15) >> 4;
  const nblocks = <u64>mcusX * <u64>mcusY * 6;
  if (nblocks * (128 + 8) > MAX_WORK) return 0;
  scaleQuant(quality);
  setQuant(QY, RECIP_Y);
  setQuant(QC, RECIP_C);
  memory.fill(FREQ, 0, 4 * 256 * 4);

  const pw = mcusX * 16;
  const cw = pw >> 1;
  const ybuf = heap.alloc(<usize>pw * 16 * 4);
  const cbuf = heap.alloc(<usize>cw * 8 * 4);
  const rbuf = heap.alloc(<usize>cw * 8 * 4);
  const coefs = heap.alloc(<usize>nblocks * 128);
  const masks = heap.alloc(<usize>nblocks * 8);

  // pass 1: transform, quantise, count
  const ys = <usize>pw << 2;
  const cs = <usize>cw << 2;
  let blk: usize = 0;
  let predY = 0;
  let predCb = 0;
  let predCr = 0;
  for (let my = 0; my < mcusY; my++) {
    convertRows(rgba, width, height, my * 16, pw, ybuf, cbuf, rbuf);
    for (let mx = 0; mx < mcusX; mx++) {
      const yo = ybuf + (<usize>(mx * 16) << 2);
      predY = codeBlock(yo, ys, RECIP_Y, coefs + (blk << 7), masks + (blk << 3), FREQ_DC0, FREQ_AC0, predY);
      blk++;
      predY = codeBlock(yo + 32, ys, RECIP_Y, coefs + (blk << 7), masks + (blk << 3), FREQ_DC0, FREQ_AC0, predY);
      blk++;
      predY = codeBlock(yo + ys * 8, ys, RECIP_Y, coefs + (blk << 7), masks + (blk << 3), FREQ_DC0, FREQ_AC0, predY);
      blk++;
      predY = codeBlock(yo + ys * 8 + 32, ys, RECIP_Y, coefs + (blk << 7), masks + (blk << 3), FREQ_DC0, FREQ_AC0, predY);
      blk++;
      const co = <usize>(mx * 8) << 2;
      predCb = codeBlock(cbuf + co, cs, RECIP_C, coefs + (blk << 7), masks + (blk << 3), FREQ_DC1, FREQ_AC1, predCb);
      blk++;
      predCr = codeBlock(rbuf + co, cs, RECIP_C, coefs + (blk << 7), masks + (blk << 3), FREQ_DC1, FREQ_AC1, predCr);
      blk++;
    }
  }
  heap.free(ybuf);
  heap.free(cbuf);
  heap.free(rbuf);

  // tables (their order in TABLES: DC0, AC0, DC1, AC1 = FREQ's order)
  let bits: u64 = 0;
  for (let i = 0; i < 4; i++) {
    const t = TABLES + <usize>i * TABLE_SIZE;
    const f = FREQ + (<usize>i << 10);
    buildTable(f, t);
    bits += tableBits(f, t, (i & 1) != 0);
  }
  const dataBytes = (bits + 7) >> 3;
  const bound = 2 + 18 + 134 + 19 + (4 + 4 * 17 + 4 * 256) + 14 + dataBytes * 2 + 2;
  if (bound + nblocks * (128 + 8) > MAX_WORK) {
    heap.free(coefs);
    heap.free(masks);
    return 0;
  }
  const dst = heap.alloc(<usize>bound);
  let p = writeHeaders(dst, width, height);

  // pass 2: entropy-code
  bitAcc = 0;
  bitCount = 0;
  outPtr = p;
  const dc0 = TABLES + T_CODE;
  const ac0 = TABLES + TABLE_SIZE + T_CODE;
  const dc1 = TABLES + 2 * TABLE_SIZE + T_CODE;
  const ac1 = TABLES + 3 * TABLE_SIZE + T_CODE;
  predY = 0;
  predCb = 0;
  predCr = 0;
  const end = <usize>nblocks;
  for (let b: usize = 0; b < end; b += 6) {
    const c = coefs + (b << 7);
    const m = masks + (b << 3);
    predY = emitBlock(c, load<u64>(m), dc0, ac0, predY);
    predY = emitBlock(c + 128, load<u64>(m, 8), dc0, ac0, predY);
    predY = emitBlock(c + 256, load<u64>(m, 16), dc0, ac0, predY);
    predY = emitBlock(c + 384, load<u64>(m, 24), dc0, ac0, predY);
    predCb = emitBlock(c + 512, load<u64>(m, 32), dc1, ac1, predCb);
    predCr = emitBlock(c + 640, load<u64>(m, 40), dc1, ac1, predCr);
  }
  heap.free(coefs);
  heap.free(masks);

  // pad the last byte with 1-bits, flush, EOI
  let acc = bitAcc;
  let n = bitCount;
  p = outPtr;
  const pad = (8 - (n & 7)) & 7;
  acc = (acc << <u64>pad) | <u64>((1 << pad) - 1);
  n += pad;
  while (n >= 8) {
    n -= 8;
    const byte = <u32>(acc >> <u64>n) & 255;
    store<u8>(p++, <u8>byte);
    if (byte == 255) store<u8>(p++, 0);
  }
  p = put16(p, 0xFFD9);

  const length = p - dst;
  encodedLength = <i32>length;
  return heap.realloc(dst, length);
}
