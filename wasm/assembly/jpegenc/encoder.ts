// Baseline JFIF JPEG encoder that takes its input row by row: RGBA8 -> YCbCr (BT.601 full range)
// 4:2:0 -> AAN f32 DCT with folded quantisation (IJG-scaled Annex K tables) -> optimised Huffman
// coding.
//
// Optimised tables need the symbol statistics of the whole image before the first bit is written,
// so coding is split in two. As rows arrive, JpegWriter buffers one MCU row (16 pixel rows),
// transforms and quantises it, counts the Huffman symbols and appends each symbol to a packed
// intermediate stream, in a fixed prefix code of its own, followed by its extra bits (the same
// extra bits the file will carry). finish() builds the four tables (DC/AC × luma/chroma) from the
// counts, which also gives the exact size of the entropy-coded data, and rewrites the stream with
// each symbol's Huffman code. The file is byte for byte what coding the whole frame at once gave.
//
// Memory, per writer: the 16-row RGBA strip and its YCbCr planes (160 bytes per column), 4.7 KB of
// tables, and the stream (1.2–1.6× the JPEG's size on photos, see streamCode) in a list of chunks.
// No frame-sized buffer exists; at finish() the output (the JPEG's size) is added and each chunk
// is freed once rewritten. All of it is heap.alloc'd and freed by finish() or dispose().
import { fdctQuant, setQuant } from "./fdct";
import { buildTable, TABLE_BYTES, TABLE_SIZE, T_BITS, T_CODE, T_NVALS, T_VALS } from "./huffman";
import { STD_CHROMA_Q, STD_LUMA_Q, ZIGZAG } from "./tables";

// bytes of intermediate stream (and, at finish, of output) a writer may hold: a bound on what one
// encode can take from the isolate's memory, far above any thumbnail's need
const MAX_WORK: usize = 256 << 20;

// per-writer state area: scaled quantisation tables (natural order), their reciprocals in fdct slot
// order, and the symbol counts (u32[256] each: luma DC, luma AC, chroma DC, chroma AC)
const S_QY: usize = 0;
const S_QC: usize = 64;
const S_RECIP_Y: usize = 128;
const S_RECIP_C: usize = 384;
const S_FREQ: usize = 640;
const STATE_BYTES: usize = S_FREQ + 4 * 1024;

const QBLK: usize = memory.data(64 * 2, 16);
const ZZ: usize = memory.data(64 * 2, 16); // the block being coded, zig-zag order
// Huffman tables, in S_FREQ's order; only used within finish()
const TABLES: usize = memory.data(4 * TABLE_BYTES, 16);

// The intermediate stream is a byte sequence of LSB-first bit fields, written and read 64 bits at a
// time without branching on bit counts. It lives in a list of chunks: [next chunk: usize][end of
// data: usize][data][CHUNK_SLACK]. A chunk's data starts at MIN_CHUNK bytes and doubles with the
// stream up to MAX_CHUNK, so a small image takes one small chunk and a large one a few hundred KB
// of slack at most. A new chunk starts with a copy of the previous chunk's last 8 bytes, so the
// reader can go on in the new chunk as soon as fewer than 8 bytes are left in the old one.
const CHUNK_HEADER: usize = 8;
const CHUNK_SLACK: usize = 32; // 64-bit stores and loads past the end of the data
const MIN_CHUNK: usize = 4 << 10;
const MAX_CHUNK: usize = 256 << 10;
// where symbols go once a writer exceeded MAX_WORK: overwritten in a loop, never read
const SINK_BYTES: usize = 1024;
const SINK: usize = memory.data(<i32>(CHUNK_HEADER + SINK_BYTES + CHUNK_SLACK), 16);

// output headroom checked before each MCU: a block's codes take at most ~1700 bits, ×2 with byte
// stuffing, so six blocks, the bits pending in the accumulator, the final padding and EOI fit
const MCU_HEADROOM: usize = 3072;
// SOI + APP0 + DQT + SOF0 + DHT (at most 4 × (17 + 256 values)) + SOS
const HEADERS_MAX: usize = 2 + 18 + 134 + 19 + 4 + 4 * (17 + 256) + 14;

// The hot loops work on module globals; a writer's own state is swapped in around each strip
// (JpegWriter.codeStrip) and around finish(), so several writers can be open at once.
let wAcc: u64 = 0; // stream writer: wBits (< 8) pending bits, also stored at wPtr
let wBits = 0;
let wPtr: usize = 0; // the byte the pending bits go to
let wEnd: usize = 0; // end of the current chunk's data
let wChunk: usize = 0; // current (last) chunk, or SINK
let wTotal: usize = 0; // bytes of chunk data allocated

let rAcc: u64 = 0; // stream reader: rBits valid low bits
let rBits = 0;
let rPtr: usize = 0; // the next byte not yet in rAcc
let rLimit: usize = 0; // 8 bytes before the current chunk's end; usize.MAX in the last chunk
let rChunk: usize = 0;

let oAcc: u64 = 0; // JPEG bit writer
let oBits = 0;
let oPtr: usize = 0;

function scaleQuant(state: usize, quality: i32): void {
  const scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
  for (let i = 0; i < 64; i++) {
    const y = (<i32>load<u8>(STD_LUMA_Q + i) * scale + 50) / 100;
    const c = (<i32>load<u8>(STD_CHROMA_Q + i) * scale + 50) / 100;
    store<u8>(state + S_QY + i, <u8>min(max(y, 1), 255));
    store<u8>(state + S_QC + i, <u8>min(max(c, 1), 255));
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

// a strip of h (1..16) RGBA rows -> level-shifted Y (pw × 16 f32) and 2×2-averaged Cb, Cr (pw/2 × 8
// f32). Rows past h replicate the last row and columns past the width the last column (edge
// replication into the MCU padding).
function convertRows(rgba: usize, w: i32, h: i32, pw: i32, ybuf: usize, cbuf: usize, rbuf: usize): void {
  const stride = <usize>w << 2;
  const cw = pw >> 1;
  const last = w - 1;
  for (let cy = 0; cy < 8; cy++) {
    const rowA = rgba + <usize>min(cy * 2, h - 1) * stride;
    const rowB = rgba + <usize>min(cy * 2 + 1, h - 1) * stride;
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

// A new chunk after wChunk, for a writer whose position p went past wEnd; returns the new position.
// Past MAX_WORK the stream goes to SINK and the writer fails.
function newChunk(p: usize): usize {
  if (wChunk == SINK) return SINK + CHUNK_HEADER;
  const size = min(max(wTotal, MIN_CHUNK), MAX_CHUNK);
  if (wTotal + size > MAX_WORK) {
    wChunk = SINK;
    wEnd = SINK + CHUNK_HEADER + SINK_BYTES;
    return SINK + CHUNK_HEADER;
  }
  const c = heap.alloc(CHUNK_HEADER + size + CHUNK_SLACK);
  store<usize>(c, 0);
  if (wChunk != 0) {
    store<usize>(wChunk, c);
    store<usize>(wChunk, p, sizeof<usize>());
    store<u64>(c + CHUNK_HEADER, load<u64>(p - 8));
    p = c + CHUNK_HEADER + 8;
  } else {
    p = c + CHUNK_HEADER;
  }
  wChunk = c;
  wTotal += size;
  wEnd = c + CHUNK_HEADER + size;
  return p;
}

// The stream's own prefix code for AC symbols, fixed so the stream can be written before any
// statistics exist (bits in reading order): 00 EOB, 10 0x01, 010 0x02, 011 0x11 (the most
// frequent: together 50–80% of the AC symbols of photos), 11 + the symbol byte for the rest. A DC
// category takes 4 bits. Measured on photos from 300×300 to 2400×1600 at q30–q95, the stream is
// 1.2–1.6× the size of the JPEG (the symbol byte instead gave 1.7–3.7×); a flat image, all DC +
// EOB, 2.9×; noise at q100 1.9×.
// @ts-ignore: decorator
@inline function streamCode(s: u32): u32 {
  // length << 16 | code; selects, not branches: which symbol comes next is unpredictable
  return select<u32>(0x20001, select<u32>(0x30002, select<u32>(0x30006, 0xA0003 | (s << 2), s == 0x11), s == 0x02), s == 0x01);
}
// decoding by the next 3 bits: length << 8 | symbol (escapes: length 10, symbol in the next byte)
const STREAM_PEEK: usize = memory.data<u16>([0x200, 0x201, 0x302, 0xA00, 0x200, 0x201, 0x311, 0xA00]);

// transform + quantise one block, count its symbols and append them to the stream (symbol in the
// stream's code, then its extra bits); returns the new DC predictor
function codeBlock(src: usize, stride: usize, recip: usize, fdc: usize, fac: usize, pred: i32): i32 {
  fdctQuant(src, stride, recip, QBLK);
  toZigzag(QBLK, ZZ);
  const zero = i16x8.splat(0);
  let mask: u64 = 0;
  for (let r: usize = 0; r < 8; r++) {
    const nz = v128.not(i16x8.eq(v128.load(ZZ + (r << 4)), zero));
    mask |= <u64>i16x8.bitmask(nz) << (r << 3);
  }

  // stream writer: n (< 8) pending bits in acc, already stored at p too; a 64-bit store per field
  // (at most 20 bits) and p advanced by the whole bytes
  let acc = wAcc;
  let n = wBits;
  let p = wPtr;
  const dc = <i32>load<i16>(ZZ);
  const diff = dc - pred;
  const cat = category(diff);
  const pd = fdc + (<usize>cat << 2);
  store<u32>(pd, load<u32>(pd) + 1);
  const extra = <u32>(diff < 0 ? diff - 1 : diff) & ((<u32>1 << cat) - 1);
  acc |= <u64>(<u32>cat | (extra << 4)) << <u64>n;
  n += 4 + cat;
  store<u64>(p, acc);
  p += <usize>(n >> 3);
  acc >>= <u64>(n & 56);
  n &= 7;
  if (p > wEnd) p = newChunk(p);

  let m = mask & ~(<u64>1);
  let last = 0;
  while (m != 0) {
    const k = <i32>ctz(m);
    let run = k - last - 1;
    while (run > 15) {
      const pz = fac + (0xF0 << 2);
      store<u32>(pz, load<u32>(pz) + 1);
      acc |= <u64>(3 | (0xF0 << 2)) << <u64>n;
      n += 10;
      store<u64>(p, acc);
      p += <usize>(n >> 3);
      acc >>= <u64>(n & 56);
      n &= 7;
      if (p > wEnd) p = newChunk(p);
      run -= 16;
    }
    const v = <i32>load<i16>(ZZ + (<usize>k << 1));
    const size = category(v);
    const s = (run << 4) | size;
    const ps = fac + (<usize>s << 2);
    store<u32>(ps, load<u32>(ps) + 1);
    const bits = <u32>(v < 0 ? v - 1 : v) & ((<u32>1 << size) - 1);
    const code = streamCode(<u32>s);
    const clen = code >> 16;
    acc |= <u64>((code & 0xFFFF) | (bits << clen)) << <u64>n;
    n += <i32>clen + size;
    store<u64>(p, acc);
    p += <usize>(n >> 3);
    acc >>= <u64>(n & 56);
    n &= 7;
    if (p > wEnd) p = newChunk(p);
    last = k;
    m &= m - 1;
  }
  if (last != 63) {
    store<u32>(fac, load<u32>(fac) + 1);
    n += 2; // EOB: 00
    store<u64>(p, acc);
    p += <usize>(n >> 3);
    acc >>= <u64>(n & 56);
    n &= 7;
    if (p > wEnd) p = newChunk(p);
  }
  wAcc = acc;
  wBits = n;
  wPtr = p;
  return dc;
}

// the slow part of a refill, once fewer than 8 bytes of the current chunk are unread: the same
// bytes start the next chunk, so reading moves there (freeing this one); in the last chunk the
// zeroed slack follows the data
function nextChunk(p: usize): usize {
  const next = load<usize>(rChunk);
  if (next == 0) {
    rLimit = usize.MAX_VALUE;
    return p;
  }
  const end = load<usize>(rChunk, sizeof<usize>());
  p = next + CHUNK_HEADER + (p - (end - 8));
  heap.free(rChunk);
  rChunk = next;
  rLimit = load<usize>(next, sizeof<usize>()) - 8;
  return p;
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

// rewrite one block's symbols from the stream as Huffman codes (dct, act: T_CODE arrays)
function emitBlock(dct: usize, act: usize): void {
  let racc = rAcc;
  let rn = rBits;
  let rp = rPtr;
  let acc = oAcc;
  let n = oBits;
  let out = oPtr;

  // refill to at least 56 bits (a DC field is at most 15)
  if (rp >= rLimit) rp = nextChunk(rp);
  racc |= load<u64>(rp) << <u64>rn;
  rp += <usize>((63 - rn) >> 3);
  rn |= 56;
  const cat = <u32>racc & 15;
  const extra = <u32>(racc >> 4) & ((<u32>1 << cat) - 1);
  racc >>= <u64>(4 + cat);
  rn -= 4 + <i32>cat;
  const dcode = load<u32>(dct + (<usize>cat << 2));
  const dlen = (dcode >> 16) + cat;
  acc = (acc << <u64>dlen) | <u64>(((dcode & 0xFFFF) << cat) | extra);
  n += dlen;
  if (n >= 32) {
    n -= 32;
    out = writeWord(out, <u32>(acc >> <u64>n));
  }

  let k: u32 = 0;
  for (;;) {
    // refill (an AC field is at most 20 bits)
    if (rp >= rLimit) rp = nextChunk(rp);
    racc |= load<u64>(rp) << <u64>rn;
    rp += <usize>((63 - rn) >> 3);
    rn |= 56;
    const e = <u32>load<u16>(STREAM_PEEK + ((<usize>racc & 7) << 1));
    const s = select<u32>(<u32>(racc >> 2) & 255, e & 255, (racc & 3) == 3);
    const clen = e >> 8;
    const size = s & 15;
    const bits = <u32>(racc >> <u64>clen) & ((<u32>1 << size) - 1);
    racc >>= <u64>(clen + size);
    rn -= <i32>(clen + size);
    const code = load<u32>(act + (<usize>s << 2));
    const len = (code >> 16) + size;
    acc = (acc << <u64>len) | <u64>(((code & 0xFFFF) << size) | bits);
    n += len;
    if (n >= 32) {
      n -= 32;
      out = writeWord(out, <u32>(acc >> <u64>n));
    }
    if (s == 0) break; // EOB
    k += (s >> 4) + 1; // ZRL (0xF0) skips 16
    if (k >= 63) break;
  }

  rAcc = racc;
  rBits = rn;
  rPtr = rp;
  oAcc = acc;
  oBits = n;
  oPtr = out;
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

function writeHeaders(p: usize, width: i32, height: i32, state: usize): usize {
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
    const q = state + (t == 0 ? S_QY : S_QC);
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

/** Whether JpegWriter accepts these arguments. */
export function validArguments(width: i32, height: i32, quality: i32): bool {
  return width >= 1 && width <= 65535 && height >= 1 && height <= 65535 && quality >= 1 && quality <= 100;
}

function freeChunks(c: usize): void {
  while (c != 0) {
    const next = load<usize>(c);
    heap.free(c);
    c = next;
  }
}

/**
 * Baseline 4:2:0 JPEG with optimised Huffman tables from rows pushed one at a time. Holds one MCU
 * row of pixels and the packed symbol stream, never the frame (see the top of this file).
 */
export class JpegWriter {
  private readonly width: i32;
  private readonly height: i32;
  private readonly pw: i32; // padded width: whole MCUs
  private failed: bool = false;
  private rows: i32 = 0;
  private stripRows: i32 = 0;
  private work: usize = 0; // one allocation: state area | RGBA strip | Y | Cb | Cr
  private strip: usize = 0;
  private ybuf: usize = 0;
  private cbuf: usize = 0;
  private rbuf: usize = 0;
  private predY: i32 = 0;
  private predCb: i32 = 0;
  private predCr: i32 = 0;
  // the symbol stream: chunk list and bit writer (swapped with the w* globals)
  private head: usize = 0;
  private tail: usize = 0;
  private ptr: usize = 0;
  private end: usize = 0;
  private total: usize = 0;
  private acc: u64 = 0;
  private bits: i32 = 0;
  private encoded: i32 = 0;

  constructor(width: i32, height: i32, quality: i32) {
    this.width = width;
    this.height = height;
    this.pw = ((width + 15) >> 4) << 4;
    if (!validArguments(width, height, quality)) {
      this.failed = true;
    } else {
      const pw = <usize>this.pw;
      const stripBytes = (<usize>width * 64 + 15) & ~(<usize>15);
      const work = heap.alloc(STATE_BYTES + stripBytes + pw * 64 + pw * 32);
      this.work = work;
      this.strip = work + STATE_BYTES;
      this.ybuf = this.strip + stripBytes;
      this.cbuf = this.ybuf + pw * 64;
      this.rbuf = this.cbuf + pw * 16;
      scaleQuant(work, quality);
      setQuant(work + S_QY, work + S_RECIP_Y);
      setQuant(work + S_QC, work + S_RECIP_C);
      memory.fill(work + S_FREQ, 0, 4 * 1024);
      wChunk = 0;
      wTotal = 0;
      this.ptr = newChunk(0);
      this.head = wChunk;
      this.tail = wChunk;
      this.end = wEnd;
      this.total = wTotal;
    }
  }

  /** One row of `width` RGBA8 pixels (alpha ignored); rows in order, exactly `height` of them. */
  writeRow(rgba: usize): void {
    if (this.failed) return;
    if (rgba == 0 || this.rows >= this.height) {
      this.fail();
      return;
    }
    const stride = <usize>this.width << 2;
    memory.copy(this.strip + <usize>this.stripRows * stride, rgba, stride);
    this.stripRows++;
    this.rows++;
    if (this.stripRows == 16 || this.rows == this.height) this.codeStrip();
  }

  /** After the last row: returns a heap.alloc'd pointer to the JPEG bytes (caller heap.free's it), 0 on failure. */
  finish(): usize {
    this.encoded = 0;
    if (this.failed || this.rows != this.height) {
      this.fail();
      return 0;
    }
    // the stream's last bits; the last chunk's data ends after them, followed by zeros (the reader
    // loads up to 16 bytes ahead)
    let p = this.ptr;
    store<u64>(p, this.acc);
    if (this.bits > 0) p++;
    store<u64>(p, 0);
    store<u64>(p, 0, 8);
    store<usize>(this.tail, p, sizeof<usize>());

    const state = this.work;
    let bits: u64 = 0;
    for (let i = 0; i < 4; i++) {
      const t = TABLES + <usize>i * TABLE_SIZE;
      const f = state + S_FREQ + (<usize>i << 10);
      buildTable(f, t);
      bits += tableBits(f, t, (i & 1) != 0);
    }
    const dataBytes = (bits + 7) >> 3;
    if (dataBytes > <u64>MAX_WORK) {
      this.fail();
      return 0;
    }
    // the exact size unless many 0xFF bytes need stuffing, in which case it grows
    let cap = HEADERS_MAX + <usize>dataBytes + (<usize>dataBytes >> 6) + MCU_HEADROOM;
    let dst = heap.alloc(cap);
    oPtr = writeHeaders(dst, this.width, this.height, state);
    oAcc = 0;
    oBits = 0;
    // the pixel buffers are done with: free them before the output grows
    heap.free(this.work);
    this.work = 0;

    rChunk = this.head;
    rPtr = rChunk + CHUNK_HEADER;
    rLimit = load<usize>(rChunk, sizeof<usize>()) - 8;
    rAcc = 0;
    rBits = 0;
    this.head = 0;
    const dc0 = TABLES + T_CODE;
    const ac0 = TABLES + TABLE_SIZE + T_CODE;
    const dc1 = TABLES + 2 * TABLE_SIZE + T_CODE;
    const ac1 = TABLES + 3 * TABLE_SIZE + T_CODE;
    const mcus = (this.pw >> 4) * ((this.height + 15) >> 4);
    for (let i = 0; i < mcus; i++) {
      if (oPtr + MCU_HEADROOM > dst + cap) {
        const used = oPtr - dst;
        cap = used + MCU_HEADROOM + (cap >> 1);
        dst = heap.realloc(dst, cap);
        oPtr = dst + used;
      }
      emitBlock(dc0, ac0);
      emitBlock(dc0, ac0);
      emitBlock(dc0, ac0);
      emitBlock(dc0, ac0);
      emitBlock(dc1, ac1);
      emitBlock(dc1, ac1);
    }
    freeChunks(rChunk);
    rChunk = 0;

    // pad the last byte with 1-bits, flush, EOI
    let acc = oAcc;
    let n = oBits;
    p = oPtr;
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
    this.encoded = <i32>length;
    this.failed = true; // finished: further rows or finish() calls fail
    return heap.realloc(dst, length);
  }

  /** Byte length of what finish() returned. */
  get length(): i32 {
    return this.encoded;
  }

  /** Frees all working memory (call if abandoning before finish; finish also frees it). */
  dispose(): void {
    if (this.work != 0) heap.free(this.work);
    this.work = 0;
    freeChunks(this.head);
    this.head = 0;
    this.tail = 0;
  }

  private fail(): void {
    this.failed = true;
    this.dispose();
  }

  // convert, transform and code the buffered rows (16, or what is left at the bottom)
  private codeStrip(): void {
    const pw = this.pw;
    convertRows(this.strip, this.width, this.stripRows, pw, this.ybuf, this.cbuf, this.rbuf);
    this.stripRows = 0;
    wAcc = this.acc;
    wBits = this.bits;
    wPtr = this.ptr;
    wEnd = this.end;
    wChunk = this.tail;
    wTotal = this.total;
    const state = this.work;
    const recipY = state + S_RECIP_Y;
    const recipC = state + S_RECIP_C;
    const fdc0 = state + S_FREQ;
    const fac0 = fdc0 + 1024;
    const fdc1 = fdc0 + 2048;
    const fac1 = fdc0 + 3072;
    const ys = <usize>pw << 2;
    const cs = <usize>pw << 1;
    const ybuf = this.ybuf;
    const cbuf = this.cbuf;
    const rbuf = this.rbuf;
    let predY = this.predY;
    let predCb = this.predCb;
    let predCr = this.predCr;
    for (let mx = 0; mx < pw >> 4; mx++) {
      const yo = ybuf + (<usize>(mx * 16) << 2);
      predY = codeBlock(yo, ys, recipY, fdc0, fac0, predY);
      predY = codeBlock(yo + 32, ys, recipY, fdc0, fac0, predY);
      predY = codeBlock(yo + ys * 8, ys, recipY, fdc0, fac0, predY);
      predY = codeBlock(yo + ys * 8 + 32, ys, recipY, fdc0, fac0, predY);
      const co = <usize>(mx * 8) << 2;
      predCb = codeBlock(cbuf + co, cs, recipC, fdc1, fac1, predCb);
      predCr = codeBlock(rbuf + co, cs, recipC, fdc1, fac1, predCr);
    }
    this.predY = predY;
    this.predCb = predCb;
    this.predCr = predCr;
    this.acc = wAcc;
    this.bits = wBits;
    this.ptr = wPtr;
    this.end = wEnd;
    this.tail = wChunk;
    this.total = wTotal;
    if (wChunk == SINK) {
      this.tail = 0;
      this.fail();
    }
  }
}
