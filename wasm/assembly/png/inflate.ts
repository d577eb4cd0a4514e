// zlib (RFC 1950) / deflate (RFC 1951) decompressor, streamed: the IDAT data (any number of IDAT
// chunks) is read straight from the input and decompressed into a sliding window, which is handed
// to the row assembler (rows.ts: feed) every 128 KB; the decompressed stream is never held whole.
//
// Bits: a 64-bit LSB-first bit buffer. The fast refill loads 8 input bytes at once while the current
// IDAT chunk has 8 left (the bytes above the valid count are the next input bytes, so OR-ing the
// next load over them is harmless); near a chunk end the slow refill masks them off and continues
// byte by byte into the next IDAT chunk. Past the end of the IDAT data it shifts in zero bytes and
// counts them (padBits): a symbol that used any of them is not output and the stream counts as
// truncated. One refill (>= 56 bits) covers a whole length/distance pair (15+5+15+13 bits).
//
// Huffman: per code a 4096-entry lookahead table indexed by the next 12 (bit-reversed) bits, entry =
// symbol << 4 | code length (0: longer than 12 bits); longer codes are decoded canonically bit by bit
// from per-length counts and the symbols sorted by code (as in RFC 1951 §3.2.2).
//
// Window: 32 KB of history + 128 KB of new output (+ slack for one match and 8-byte copy overrun).
// When the new output passes 128 KB it is fed to the rows and the last 32 KB slide to the front.
import { feed, rowsDone } from "./rows";

const FAST: i32 = 12;
const FAST_MASK: u64 = (1 << FAST) - 1;
const HIST: usize = 32768;
export const WIN_BYTES: usize = HIST + 131072 + 512;
const FLUSH_AT: usize = HIST + 131072;

// work block layout (allocated by the decoder): tables for the current block
const TABLE_BYTES: usize = 2 << FAST;
const T_LIT: usize = 0; // 4096 × u16 lookahead
const T_DIST: usize = T_LIT + TABLE_BYTES; // 4096 × u16
const T_CL: usize = T_DIST + TABLE_BYTES; // 4096 × u16 (code-length code)
const C_LIT: usize = T_CL + TABLE_BYTES; // 16 × u16 counts per length
const C_DIST: usize = C_LIT + 32;
const C_CL: usize = C_DIST + 32;
const S_LIT: usize = C_CL + 32; // 288 × u16 symbols sorted by code
const S_DIST: usize = S_LIT + 576; // 32 × u16
const S_CL: usize = S_DIST + 64; // 19 × u16
const LENS: usize = S_CL + 64; // 320 bytes: code lengths (lit/len then dist)
const OFFS: usize = LENS + 320; // 16 × u16 scratch
export const WORK_BYTES: usize = OFFS + 32;

const LBASE = memory.data<u16>([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
]);
const LEXT = memory.data<u8>([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DBASE = memory.data<u16>([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
]);
const DEXT = memory.data<u8>([
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
]);
const CL_ORDER = memory.data<u8>([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

// results of inflate()
export const INF_END: i32 = 0; // final block done, or the rows are all complete
export const INF_TRUNCATED: i32 = 1; // IDAT data ended first
export const INF_CORRUPT: i32 = -1;
export const INF_UNSUPPORTED: i32 = -2;

// ---- state ---------------------------------------------------------------------------------------
let work: usize = 0;
let win: usize = 0;
let op: usize = 0; // write position in the window
let flushed: usize = 0; // window bytes already fed
let bb: u64 = 0;
let bc: u32 = 0;
let ip: usize = 0; // next input byte of the current IDAT chunk
let ie: usize = 0; // end of the current IDAT chunk's data (clamped to the input end)
let nextChunk: usize = 0; // start of the chunk after the current one (may be past inEnd)
let inEnd: usize = 0;
let padBits: u32 = 0;
let slowSym: i32 = 0;
let slowLen: u32 = 0;

/** Prepares to read IDAT data starting at chunk data [p, dataEnd), next chunk header at next. */
export function inflateInit(workBlock: usize, window: usize, p: usize, dataEnd: usize, next: usize, end: usize): void {
  work = workBlock;
  win = window;
  op = 0;
  flushed = 0;
  bb = 0;
  bc = 0;
  ip = p;
  ie = dataEnd;
  nextChunk = next;
  inEnd = end;
  padBits = 0;
}

// moves ip/ie to the next IDAT chunk with data; false at the end of the IDAT sequence
function nextIdat(): bool {
  while (true) {
    const p = nextChunk;
    if (p >= inEnd || inEnd - p < 8) return false;
    const n = bswap<u32>(load<u32>(p));
    if (load<u32>(p + 4) != 0x54414449) return false; // "IDAT"
    if (n > 0x7fffffff) return false;
    const d = p + 8;
    const avail = inEnd - d;
    if (<usize>n >= avail) {
      ip = d;
      ie = inEnd;
      nextChunk = inEnd;
    } else {
      ip = d;
      ie = d + <usize>n;
      nextChunk = ie + 4 <= inEnd ? ie + 4 : inEnd;
    }
    if (ie > ip) return true;
  }
  return false;
}

function slowRefill(): void {
  bb = bc == 0 ? 0 : bb & (<u64>0xffffffffffffffff >> (64 - <u64>bc));
  while (bc <= 56) {
    if (ip >= ie && !nextIdat()) {
      padBits += 8; // zero byte
      bc += 8;
      continue;
    }
    bb |= (<u64>load<u8>(ip)) << bc;
    ip++;
    bc += 8;
  }
}

@inline function need(n: u32): void {
  if (bc < n) slowRefill();
}

@inline function bits(n: u32): u32 {
  const v = <u32>(bb & ((<u64>1 << n) - 1));
  bb >>= n;
  bc -= n;
  return v;
}

// Builds the lookahead table, counts and sorted symbols for `n` code lengths at `lens`.
// Returns false for an over-subscribed code.
function build(lens: usize, n: i32, table: usize, counts: usize, sorted: usize): bool {
  memory.fill(counts, 0, 32);
  for (let i = 0; i < n; i++) {
    const l = <usize>load<u8>(lens + i);
    store<u16>(counts + (l << 1), load<u16>(counts + (l << 1)) + 1);
  }
  store<u16>(counts, 0);
  let left: i32 = 1;
  for (let l = 1; l <= 15; l++) {
    left = (left << 1) - <i32>load<u16>(counts + (<usize>l << 1));
    if (left < 0) return false;
  }
  // offsets of each length in the sorted list
  const offs = work + OFFS;
  store<u16>(offs + 2, 0);
  for (let l = 1; l < 15; l++) {
    store<u16>(offs + (<usize>(l + 1) << 1), load<u16>(offs + (<usize>l << 1)) + load<u16>(counts + (<usize>l << 1)));
  }
  for (let i = 0; i < n; i++) {
    const l = <usize>load<u8>(lens + i);
    if (l != 0) {
      const o = load<u16>(offs + (l << 1));
      store<u16>(sorted + (<usize>o << 1), <u16>i);
      store<u16>(offs + (l << 1), o + 1);
    }
  }
  // lookahead table: canonical codes in sorted order
  memory.fill(table, 0, TABLE_BYTES);
  let code: u32 = 0;
  let k: i32 = 0;
  for (let l = 1; l <= FAST; l++) {
    const cnt = <i32>load<u16>(counts + (<usize>l << 1));
    for (let j = 0; j < cnt; j++) {
      const sym = <u32>load<u16>(sorted + (<usize>k << 1));
      k++;
      // reverse `l` bits of code
      let r: u32 = 0;
      let c = code;
      for (let b = 0; b < l; b++) {
        r = (r << 1) | (c & 1);
        c >>= 1;
      }
      const e = <u16>((sym << 4) | <u32>l);
      for (let x = r; x < <u32>1 << FAST; x += <u32>1 << l) store<u16>(table + (<usize>x << 1), e);
      code++;
    }
    code <<= 1;
  }
  return true;
}

// canonical decode of a code longer than FAST bits (peeks bb, needs bc >= 15); sets slowSym/slowLen,
// slowSym = -1 if the bits are no code
function slowDecode(counts: usize, sorted: usize): void {
  let code: i32 = 0;
  let first: i32 = 0;
  let index: i32 = 0;
  for (let l = 1; l <= 15; l++) {
    code |= <i32>((bb >> <u64>(l - 1)) & 1);
    const count = <i32>load<u16>(counts + (<usize>l << 1));
    if (code - first < count) {
      slowSym = <i32>load<u16>(sorted + (<usize>(index + code - first) << 1));
      slowLen = <u32>l;
      return;
    }
    index += count;
    first += count;
    first <<= 1;
    code <<= 1;
  }
  slowSym = -1;
  slowLen = 0;
}

// decode one symbol of a table (bc must be >= 15); -1: invalid
@inline function decodeSym(table: usize, counts: usize, sorted: usize): i32 {
  const e = <u32>load<u16>(table + (<usize>(bb & FAST_MASK) << 1));
  if (e & 15) {
    const l = e & 15;
    bb >>= l;
    bc -= l;
    return <i32>(e >> 4);
  }
  slowDecode(counts, sorted);
  if (slowSym >= 0) {
    bb >>= slowLen;
    bc -= slowLen;
  }
  return slowSym;
}

// hands the window's new bytes to the rows and slides the window when past FLUSH_AT
function flush(final: bool): void {
  if (op > flushed) feed(win + flushed, <i32>(op - flushed));
  flushed = op;
  if (!final && op >= FLUSH_AT) {
    memory.copy(win, win + op - HIST, HIST);
    op = HIST;
    flushed = HIST;
  }
}

function fixedTables(): void {
  const lens = work + LENS;
  memory.fill(lens, 8, 144);
  memory.fill(lens + 144, 9, 112);
  memory.fill(lens + 256, 7, 24);
  memory.fill(lens + 280, 8, 8);
  build(lens, 288, work + T_LIT, work + C_LIT, work + S_LIT);
  memory.fill(lens, 5, 30);
  build(lens, 30, work + T_DIST, work + C_DIST, work + S_DIST);
}

// reads a dynamic block header; 0 ok, 1 truncated, -1 corrupt
function dynamicTables(): i32 {
  need(14);
  const hlit = <i32>bits(5) + 257;
  const hdist = <i32>bits(5) + 1;
  const hclen = <i32>bits(4) + 4;
  if (padBits > bc) return 1;
  if (hlit > 286 || hdist > 30) return -1;
  const lens = work + LENS;
  memory.fill(lens, 0, 19);
  for (let i = 0; i < hclen; i++) {
    need(3);
    store<u8>(lens + <usize>load<u8>(CL_ORDER + i), <u8>bits(3));
  }
  if (padBits > bc) return 1;
  if (!build(lens, 19, work + T_CL, work + C_CL, work + S_CL)) return -1;
  const total = hlit + hdist;
  let i = 0;
  while (i < total) {
    need(32);
    const sym = decodeSym(work + T_CL, work + C_CL, work + S_CL);
    if (padBits > bc || (sym < 0 && padBits > 0)) return 1;
    if (sym < 0) return -1;
    if (sym < 16) {
      store<u8>(lens + i, <u8>sym);
      i++;
      continue;
    }
    let rep: i32;
    let v: u8 = 0;
    if (sym == 16) {
      if (i == 0) return -1;
      v = load<u8>(lens + i - 1);
      rep = 3 + <i32>bits(2);
    } else if (sym == 17) {
      rep = 3 + <i32>bits(3);
    } else {
      rep = 11 + <i32>bits(7);
    }
    if (padBits > bc) return 1;
    if (i + rep > total) return -1;
    memory.fill(lens + i, v, rep);
    i += rep;
  }
  if (padBits > bc) return 1;
  if (load<u8>(lens + 256) == 0) return -1;
  if (!build(lens, hlit, work + T_LIT, work + C_LIT, work + S_LIT)) return -1;
  memory.copy(lens, lens + hlit, hdist);
  if (!build(lens, hdist, work + T_DIST, work + C_DIST, work + S_DIST)) return -1;
  return 0;
}

// decodes one Huffman-coded block; 0 end of block, 1 truncated / rows done, -1 corrupt
function huffBlock(): i32 {
  const tl = work + T_LIT;
  const td = work + T_DIST;
  const w = win;
  let lb = bb;
  let lc = bc;
  let p = ip;
  let o = op;
  let pad = padBits; // local copy: nonzero only once the IDAT data has run out
  let res: i32 = 0;
  while (true) {
    if (lc < 48) {
      if (ie - p >= 8) {
        lb |= load<u64>(p) << lc;
        p += <usize>((63 - lc) >> 3);
        lc |= 56;
      } else {
        bb = lb; bc = lc; ip = p;
        slowRefill();
        lb = bb; lc = bc; p = ip;
        pad = padBits;
      }
    }
    if (o >= FLUSH_AT) {
      op = o;
      flush(false);
      o = op;
      if (rowsDone()) { res = 1; break; }
    }
    let e = <u32>load<u16>(tl + (<usize>(lb & FAST_MASK) << 1));
    let sym: i32;
    if (e & 15) {
      const l = e & 15;
      lb >>= l;
      lc -= l;
      sym = <i32>(e >> 4);
    } else {
      bb = lb;
      slowDecode(work + C_LIT, work + S_LIT);
      sym = slowSym;
      if (sym < 0) { res = padBits > 0 ? 1 : -1; break; }
      lb >>= slowLen;
      lc -= slowLen;
    }
    if (sym < 256) {
      if (pad > lc) { res = 1; break; }
      store<u8>(w + o, <u8>sym);
      o++;
      // up to two more literals from the same refill (lc >= 48 - 15 here, fast-table codes <= 12 bits)
      e = <u32>load<u16>(tl + (<usize>(lb & FAST_MASK) << 1));
      if (e - 1 < (256 << 4) - 1 && (e & 15) != 0) {
        const l = e & 15;
        lb >>= l;
        lc -= l;
        if (pad > lc) { res = 1; break; }
        store<u8>(w + o, <u8>(e >> 4));
        o++;
        e = <u32>load<u16>(tl + (<usize>(lb & FAST_MASK) << 1));
        if (e - 1 < (256 << 4) - 1 && (e & 15) != 0) {
          const l2 = e & 15;
          lb >>= l2;
          lc -= l2;
          if (pad > lc) { res = 1; break; }
          store<u8>(w + o, <u8>(e >> 4));
          o++;
        }
      }
      continue;
    }
    if (sym == 256) {
      if (pad > lc) res = 1;
      break;
    }
    sym -= 257;
    if (sym >= 29) { res = padBits > 0 ? 1 : -1; break; }
    const le = <u32>load<u8>(LEXT + sym);
    const len = <usize>load<u16>(LBASE + (<usize>sym << 1)) + <usize>(lb & ((<u64>1 << le) - 1));
    lb >>= le;
    lc -= le;
    e = <u32>load<u16>(td + (<usize>(lb & FAST_MASK) << 1));
    let ds: i32;
    if (e & 15) {
      const l = e & 15;
      lb >>= l;
      lc -= l;
      ds = <i32>(e >> 4);
    } else {
      bb = lb;
      slowDecode(work + C_DIST, work + S_DIST);
      ds = slowSym;
      if (ds < 0) { res = padBits > 0 ? 1 : -1; break; }
      lb >>= slowLen;
      lc -= slowLen;
    }
    if (ds >= 30) { res = padBits > 0 ? 1 : -1; break; }
    const de = <u32>load<u8>(DEXT + ds);
    const dist = <usize>load<u16>(DBASE + (<usize>ds << 1)) + <usize>(lb & ((<u64>1 << de) - 1));
    lb >>= de;
    lc -= de;
    if (pad > lc) { res = 1; break; }
    if (dist > o) { res = -1; break; }
    let dst = w + o;
    let src = dst - dist;
    o += len;
    if (dist >= 8) {
      const stop = dst + len;
      do {
        store<u64>(dst, load<u64>(src));
        dst += 8;
        src += 8;
      } while (dst < stop);
    } else if (dist == 1) {
      memory.fill(dst, load<u8>(src), len);
    } else {
      const stop = dst + len;
      do {
        store<u8>(dst, load<u8>(src));
        dst++;
        src++;
      } while (dst < stop);
    }
  }
  bb = lb;
  bc = lc;
  ip = p;
  op = o;
  return res;
}

// stored block: 0 done, 1 truncated / rows done, -1 corrupt
function storedBlock(): i32 {
  // drop to a byte boundary
  const drop = bc & 7;
  bb >>= drop;
  bc -= drop;
  need(32);
  const len = bits(16);
  const nlen = bits(16);
  if (padBits > bc) return 1;
  if ((len ^ 0xffff) != nlen) return -1;
  let left = <usize>len;
  // bytes still in the bit buffer
  while (left > 0 && bc >= 8) {
    if (padBits + 8 > bc) return 1;
    if (op >= FLUSH_AT) {
      flush(false);
      if (rowsDone()) return 1;
    }
    store<u8>(win + op, <u8>bits(8));
    op++;
    left--;
  }
  // then straight from the input (the bit buffer is empty: clear the look-ahead bytes above it)
  if (left > 0) bb = 0;
  while (left > 0) {
    if (ip >= ie && !nextIdat()) return 1;
    if (op >= FLUSH_AT) {
      flush(false);
      if (rowsDone()) return 1;
    }
    let n = ie - ip;
    if (n > left) n = left;
    if (n > FLUSH_AT + 256 - op) n = FLUSH_AT + 256 - op;
    memory.copy(win + op, ip, n);
    op += n;
    ip += n;
    left -= n;
  }
  return 0;
}

/** Decompresses the zlib stream, feeding the rows. Returns an INF_* result. */
export function inflate(): i32 {
  need(16);
  const cmf = bits(8);
  const flg = bits(8);
  if (padBits > bc) return INF_TRUNCATED;
  if ((cmf & 15) != 8 || (cmf >> 4) > 7) return INF_UNSUPPORTED;
  if (((cmf << 8) | flg) % 31 != 0) return INF_CORRUPT;
  if (flg & 0x20) return INF_UNSUPPORTED;
  let res: i32 = 0;
  while (true) {
    need(3);
    const final = bits(1);
    const type = bits(2);
    if (padBits > bc) { res = INF_TRUNCATED; break; }
    let r: i32;
    if (type == 0) {
      r = storedBlock();
    } else if (type == 1) {
      fixedTables();
      r = huffBlock();
    } else if (type == 2) {
      r = dynamicTables();
      if (r == 0) r = huffBlock();
    } else {
      r = -1;
    }
    if (r != 0) {
      res = r < 0 ? INF_CORRUPT : INF_TRUNCATED;
      break;
    }
    if (final) break;
    if (rowsDone()) break;
  }
  flush(true);
  if (res == INF_TRUNCATED && rowsDone()) res = INF_END;
  return res;
}
