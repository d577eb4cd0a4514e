// JPEG decoder (ITU-T T.81): baseline and extended-sequential (SOF0/SOF1) and progressive (SOF2)
// Huffman, sequential and progressive arithmetic coding (SOF9/SOF10, see arith.ts), 8-bit samples,
// 1/3/4 components, any sampling factors, restart intervals, with decoding at 1/1, 1/2, 1/4, 1/8 in
// the DCT domain (see idct.ts). Markers are found as libjpeg finds them (bytes before a 0xFF and
// fill bytes skipped), and a sequential Huffman frame without a DHT gets the Annex K tables, as
// libjpeg gives Motion-JPEG frames.
//
// Memory: everything lives in raw heap.alloc'd buffers that are freed before returning. Rows are not
// collected: each one is pushed into a row pipeline (pipe/stage.ts) as soon as it is converted.
//  - A single interleaved sequential scan (the usual baseline JPEG) is decoded in streaming mode:
//    one MCU row at a time into 3 rotating per-component MCU-row planes (the upsampler needs the
//    rows above and below), then upsampled and colour converted into the output.
//  - Progressive (and multi-scan sequential) JPEGs keep coefficients across scans, but only the
//    ones the scale needs: the N×N lowest frequencies (1, 4, 16 or 64 i16 per block) plus a 64-bit
//    "coefficient is non-zero" mask per block (needed to parse refinement scans in sync, also for
//    the coefficients not stored). At 1/8 only the DC is needed and AC scans are skipped unparsed.

import {
  JPEG_ERR_BAD_ARGUMENT, JPEG_ERR_CORRUPT, JPEG_ERR_NOT_DECLARED, JPEG_ERR_NOT_JPEG, JPEG_ERR_STOPPED,
  JPEG_ERR_TOO_LARGE, JPEG_ERR_TRUNCATED, JPEG_ERR_UNSUPPORTED, JPEG_OK,
} from "./errors";
import { failed, PIPE_ERR_TOO_LARGE, pipeErrorCode, Stage } from "../pipe/stage";
import { BLOCK, fillBlock, idct2, idct4, idct8, idctDC, px } from "./idct";
import { convertRow, upsampleRow } from "./output";
import {
  acStats, acValue, arithAC, arithBit, arithConditioning, arithDC, arithDead, arithDefaults, arithFixed,
  arithKill, arithPos, arithResetAC, arithResetDC, arithStart,
} from "./arith";
import { compHt, compW, linePtr, lineBuf, planeRows, planes, planeW } from "./state";
import { STD_AC_CHROMINANCE, STD_AC_LUMINANCE, STD_DC_CHROMINANCE, STD_DC_LUMINANCE } from "./stdhuff";

const MAX_BYTES: u64 = 256 * 1024 * 1024;

// progressive at 1/2 or 1/4: above this many bytes of stored coefficients, keep only the N×N lowest
// frequencies (instead of the ones the box-average fold needs)
const FOLD_BUDGET: u64 = 4 * 1024 * 1024;

// zig-zag index -> natural (row-major 8×8) index
const ZIGZAG: StaticArray<u8> = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
  62, 63,
];

// ---- static tables -------------------------------------------------------------------------------
// Huffman tables 0..3 DC, 4..7 AC.
const HUFF_LUT: usize = memory.data(8 * 512 * 2, 16); // 9-bit lookahead: (len << 8) | symbol, 0 = longer code
const FAST_BITS = 11;
// all 8 tables: (value << 16) | (EOB << 12) | (run << 8) | (codelen + size), 0 = none (longer code)
const HUFF_FAST: usize = memory.data(8 * (1 << FAST_BITS) * 4, 16);
const FAST_EOB = 0x1000;
const HUFF_MAXCODE: usize = memory.data(8 * 18 * 4, 16); // per length: largest code, -1 = none
const HUFF_VALOFF: usize = memory.data(8 * 18 * 4, 16); // per length: index of symbol = valoff + code
const HUFF_VALS: usize = memory.data(8 * 256, 16);
const QZ: usize = memory.data(4 * 64 * 4, 16); // dequantisation, zig-zag order, prescaled for the IDCT (f32)
const QW: usize = memory.data(4 * 64 * 4, 16); // QZ × fold weight (zig-zag order)
const FOLDW: usize = memory.data(64 * 4, 16); // zig-zag index -> weight of its contribution to TGT
const TGT: usize = memory.data(64, 16); // zig-zag index -> slot in the N×N IDCT input; unused: 63 (N < 8, weight 0, a slot the IDCT never reads)
const SMAP: usize = memory.data(64, 16); // zig-zag index -> stored coefficient slot (buffered), 255 = not stored
const KS: usize = memory.data(64, 16); // stored slot -> zig-zag index

// ---- per-decode state ----------------------------------------------------------------------------
let err: i32 = 0;
let resW: i32 = 0;
let resH: i32 = 0;
let infoComps: i32 = 0;
let infoProgressive: i32 = 0;

let pos: usize = 0;
let inEnd: usize = 0;

// bit reader: bits are left-aligned in bitBuf; bitCnt valid bits. After a marker or the end of data
// zero bytes are fed and counted in padBits: when bitCnt < padBits the real data is exhausted.
let bitBuf: u64 = 0;
let bitCnt: i32 = 0;
let padBits: i32 = 0;
let markerHit: bool = false;
let scanDead: bool = false; // invalid code inside the padding: treat as end of data

let huffDefined: i32 = 0; // bit t set: table t defined
let qDefined: i32 = 0;
let restartInterval: i32 = 0;
let restartTogo: i32 = 0;
let sawJFIF: bool = false;
let sawAdobe: bool = false;
let adobeTransform: i32 = -1;

// The frame size the caller reserved memory for (0: not given); any other frame is refused before
// anything is allocated for it, so a header that hides the real frame cannot cost more than declared.
let expectW: i32 = 0;
let expectH: i32 = 0;

// frame
let frameSeen: bool = false;
let progressive: bool = false;
let arith: bool = false; // arithmetic coding (SOF9/SOF10)
let imgW: i32 = 0;
let imgH: i32 = 0;
let ncomp: i32 = 0;
let hmax: i32 = 1;
let vmax: i32 = 1;
let mcusX: i32 = 0;
let mcusY: i32 = 0;
const cId = new StaticArray<i32>(4);
const cH = new StaticArray<i32>(4);
const cV = new StaticArray<i32>(4);
const cTq = new StaticArray<i32>(4);
const dcPred = new StaticArray<i32>(4);

// scan
let scanNs: i32 = 0;
const scanComp = new StaticArray<i32>(4);
const scanTd = new StaticArray<i32>(4);
const scanTa = new StaticArray<i32>(4);
let Ss: i32 = 0;
let Se: i32 = 0;
let Ah: i32 = 0;
let Al: i32 = 0;
let eobrun: i32 = 0;
let scansDone: i32 = 0;

// output geometry
let scaleDenom: i32 = 1;
let N: i32 = 8; // output pixels per block side
let K: i32 = 64; // stored coefficients per block
let outW: i32 = 0;
let outH: i32 = 0;
let rowOut: usize = 0; // one converted RGBA row, pushed into `sink`
let sink: Stage | null = null;
let dataEnd: bool = false; // streaming: no more data, remaining blocks grey

let tmpLine: usize = 0;

// buffered mode
let buffered: bool = false;
let useMask: bool = false;
let storedMask: u64 = 0; // AC coefficients (zig-zag bit) that are stored
let coefStride: i32 = 0;
let coefOff: i32 = 0;
const coefBase = new StaticArray<usize>(4);
const coefBW = new StaticArray<i32>(4);

// allocations to free
const allocs = new StaticArray<usize>(32);
let nallocs: i32 = 0;

function track(size: u64): usize {
  let p = heap.alloc(<usize>size);
  unchecked(allocs[nallocs++] = p);
  return p;
}


// @ts-ignore: decorator
@inline function fail(code: i32): void {
  if (err == 0) err = code;
}

// ---- getters -------------------------------------------------------------------------------------
export function getWidth(): i32 { return resW; }
export function getHeight(): i32 { return resH; }
export function getError(): i32 { return err; }
export function getComponents(): i32 { return infoComps; }
export function getProgressive(): i32 { return infoProgressive; }

// ---- bit reader ----------------------------------------------------------------------------------
function refill(): void {
  // fast path: 8 bytes without 0xFF, take as many whole bytes as fit
  if (!markerHit && pos + 8 <= inEnd) {
    let w = load<u64>(pos);
    let x = ~w;
    if (((x - 0x0101010101010101) & ~x & 0x8080808080808080) == 0) {
      let nbytes = (63 - bitCnt) >> 3;
      let be = bswap<u64>(w) & (0xFFFFFFFFFFFFFFFF << <u64>(64 - (nbytes << 3)));
      bitBuf |= be >> <u64>bitCnt;
      bitCnt += nbytes << 3;
      pos += <usize>nbytes;
      return;
    }
  }
  while (bitCnt <= 56) {
    let b: u32 = 0;
    if (!markerHit && pos < inEnd) {
      b = load<u8>(pos);
      if (b == 0xFF) {
        let b2: u32 = pos + 1 < inEnd ? <u32>load<u8>(pos + 1) : 0xFF;
        if (b2 == 0) {
          pos += 2;
        } else {
          markerHit = true;
          b = 0;
          padBits += 8;
        }
      } else {
        pos++;
      }
    } else {
      padBits += 8;
    }
    bitBuf |= (<u64>b) << <u64>(56 - bitCnt);
    bitCnt += 8;
  }
}

// @ts-ignore: decorator
@inline function getBits(n: i32): i32 {
  if (bitCnt < n) refill();
  let v = <i32>(bitBuf >> <u64>(64 - n));
  bitBuf <<= <u64>n;
  bitCnt -= n;
  return v;
}

// @ts-ignore: decorator
@inline function getBit(): i32 {
  if (bitCnt < 1) refill();
  let v = <i32>(bitBuf >> 63);
  bitBuf <<= 1;
  bitCnt -= 1;
  return v;
}

// @ts-ignore: decorator
@inline function extend(v: i32, n: i32): i32 {
  return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
}

// @ts-ignore: decorator
@inline function huffDecode(t: i32): i32 {
  if (bitCnt < 16) refill();
  let e = <i32>load<u16>(HUFF_LUT + ((<usize>t << 10) | (<usize>(bitBuf >> 55) << 1)));
  if (e != 0) {
    let l = e >> 8;
    bitBuf <<= <u64>l;
    bitCnt -= l;
    return e & 0xFF;
  }
  return huffSlow(t);
}

function huffSlow(t: i32): i32 {
  let code = <i32>(bitBuf >> 48);
  let mc = HUFF_MAXCODE + ((<usize>t * 18) << 2);
  for (let l = 10; l <= 16; l++) {
    let c = code >> (16 - l);
    if (c <= load<i32>(mc + (<usize>l << 2))) {
      bitBuf <<= <u64>l;
      bitCnt -= l;
      let idx = load<i32>(HUFF_VALOFF + ((<usize>t * 18 + <usize>l) << 2)) + c;
      return <i32>load<u8>(HUFF_VALS + (<usize>t << 8) + <usize>(idx & 255));
    }
  }
  if (padBits > 0) scanDead = true; // garbage after the end of the data
  else fail(JPEG_ERR_CORRUPT);
  bitBuf <<= 16; // make progress
  bitCnt -= 16;
  return 0;
}

function resetBits(): void {
  bitBuf = 0;
  bitCnt = 0;
  padBits = 0;
  markerHit = false;
  scanDead = false;
}

// @ts-ignore: decorator
@inline function exhausted(): bool {
  return arith ? arithDead() : bitCnt < padBits || scanDead;
}

// ---- marker segments -----------------------------------------------------------------------------
// @ts-ignore: decorator
@inline function u16at(p: usize): i32 {
  return (<i32>load<u8>(p) << 8) | <i32>load<u8>(p + 1);
}

function buildHuff(t: i32, counts: usize, vals: usize): bool {
  let lut = HUFF_LUT + (<usize>t << 10);
  memory.fill(lut, 0, 1024);
  let mc = HUFF_MAXCODE + ((<usize>t * 18) << 2);
  let vo = HUFF_VALOFF + ((<usize>t * 18) << 2);
  let code = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    let n = <i32>load<u8>(counts + <usize>(l - 1));
    store<i32>(vo + (<usize>l << 2), k - code);
    for (let i = 0; i < n; i++) {
      if (l <= 9) {
        let sh = 9 - l;
        let e = <u16>((l << 8) | <i32>load<u8>(vals + <usize>k));
        let base = code << sh;
        for (let j = 0; j < (1 << sh); j++) store<u16>(lut + (<usize>(base + j) << 1), e);
      }
      code++;
      k++;
    }
    if (code > (1 << l)) return false;
    store<i32>(mc + (<usize>l << 2), n > 0 ? code - 1 : -1);
    code <<= 1;
  }
  store<i32>(mc + (17 << 2), 0x7FFFFFFF);
  memory.copy(HUFF_VALS + (<usize>t << 8), vals, <usize>k);
  // fast table: symbol and the value bits all inside the FAST_BITS lookahead (DC: size + value;
  // AC: run/size + value, or end of block; ZRL and longer codes take the slow path)
  let fast = HUFF_FAST + ((<usize>t << FAST_BITS) << 2);
  memory.fill(fast, 0, (1 << FAST_BITS) * 4);
  for (let look = 0; look < (1 << FAST_BITS); look++) {
    let e = <i32>load<u16>(lut + (<usize>(look >> (FAST_BITS - 9)) << 1));
    if (e == 0) continue;
    let l = e >> 8;
    let rs = e & 0xFF;
    let s = t >= 4 ? rs & 15 : rs;
    if (t >= 4 && s == 0) {
      if ((rs >> 4) != 15) store<i32>(fast + (<usize>look << 2), FAST_EOB | l);
      continue;
    }
    if (s > 16 || l + s > FAST_BITS) continue;
    let v = 0;
    if (s != 0) v = extend((look >> (FAST_BITS - l - s)) & ((1 << s) - 1), s);
    let run = t >= 4 ? rs >> 4 : 0;
    store<i32>(fast + (<usize>look << 2), (v << 16) | (run << 8) | (l + s));
  }
  return true;
}

function parseDHT(p: usize, end: usize): void {
  while (p < end) {
    if (p + 17 > end) { fail(JPEG_ERR_CORRUPT); return; }
    let tcth = <i32>load<u8>(p);
    let tc = tcth >> 4;
    let th = tcth & 15;
    if (tc > 1 || th > 3) { fail(JPEG_ERR_CORRUPT); return; }
    let total = 0;
    for (let i = 1; i <= 16; i++) total += <i32>load<u8>(p + <usize>i);
    if (total > 256 || p + 17 + <usize>total > end) { fail(JPEG_ERR_CORRUPT); return; }
    let t = tc * 4 + th;
    if (!buildHuff(t, p + 1, p + 17)) { fail(JPEG_ERR_CORRUPT); return; }
    huffDefined |= 1 << t;
    p += 17 + <usize>total;
  }
}

function stdHuff(t: i32, table: StaticArray<u8>): void {
  if ((huffDefined & (1 << t)) != 0) return;
  let p = changetype<usize>(table);
  buildHuff(t, p, p + 16);
  huffDefined |= 1 << t;
}

// libjpeg (jdhuff.c) fills DC and AC tables 0 and 1 with Annex K's when a sequential Huffman frame
// starts decoding without them; progressive frames get none.
function defaultHuffTables(): void {
  stdHuff(0, STD_DC_LUMINANCE);
  stdHuff(1, STD_DC_CHROMINANCE);
  stdHuff(4, STD_AC_LUMINANCE);
  stdHuff(5, STD_AC_CHROMINANCE);
}

// statistics a scan starts from (libjpeg's jdarith.c start_pass: DC bins for a first DC pass, AC
// bins for an AC pass; a sequential scan both)
function resetArithStats(): void {
  for (let i = 0; i < scanNs; i++) {
    if (!progressive || (Ss == 0 && Ah == 0)) arithResetDC(unchecked(scanTd[i]), unchecked(scanComp[i]));
    if (!progressive || Ss != 0) arithResetAC(unchecked(scanTa[i]) - 4);
  }
}

function parseDQT(p: usize, end: usize): void {
  while (p < end) {
    let pqtq = <i32>load<u8>(p);
    let pq = pqtq >> 4;
    let tq = pqtq & 15;
    if (pq > 1 || tq > 3) { fail(JPEG_ERR_CORRUPT); return; }
    let size = pq ? 128 : 64;
    if (p + 1 + <usize>size > end) { fail(JPEG_ERR_CORRUPT); return; }
    p++;
    let q = QZ + (<usize>tq << 8);
    for (let k = 0; k < 64; k++) {
      let v = pq ? u16at(p + (<usize>k << 1)) : <i32>load<u8>(p + <usize>k);
      let nat = <i32>unchecked(ZIGZAG[k]);
      let sy: f32 = (nat >> 3) == 0 ? 0.35355339 : 0.5;
      let sx: f32 = (nat & 7) == 0 ? 0.35355339 : 0.5;
      store<f32>(q + (<usize>k << 2), <f32>v * sx * sy);
    }
    qDefined |= 1 << tq;
    p += <usize>size;
  }
}

function parseSOF(p: usize, end: usize, marker: i32): void {
  if (frameSeen) { fail(JPEG_ERR_CORRUPT); return; }
  if (end - p < 6) { fail(JPEG_ERR_CORRUPT); return; }
  let precision = <i32>load<u8>(p);
  imgH = u16at(p + 1);
  imgW = u16at(p + 3);
  ncomp = <i32>load<u8>(p + 5);
  if (precision != 8) { fail(JPEG_ERR_UNSUPPORTED); return; }
  if (ncomp != 1 && ncomp != 3 && ncomp != 4) { fail(JPEG_ERR_UNSUPPORTED); return; }
  if (end - p != 6 + 3 * <usize>ncomp) { fail(JPEG_ERR_CORRUPT); return; }
  if (imgW == 0) { fail(JPEG_ERR_TOO_LARGE); return; }
  if (imgH == 0) { fail(JPEG_ERR_UNSUPPORTED); return; } // height defined by DNL
  if (expectW != 0 && (imgW != expectW || imgH != expectH)) { fail(JPEG_ERR_NOT_DECLARED); return; }
  progressive = marker == 0xC2 || marker == 0xCA;
  arith = marker == 0xC9 || marker == 0xCA;
  hmax = 1;
  vmax = 1;
  for (let c = 0; c < ncomp; c++) {
    let q = p + 6 + 3 * <usize>c;
    let hv = <i32>load<u8>(q + 1);
    let h = hv >> 4, v = hv & 15;
    let tq = <i32>load<u8>(q + 2);
    if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) { fail(JPEG_ERR_CORRUPT); return; }
    unchecked(cId[c] = <i32>load<u8>(q));
    unchecked(cH[c] = h);
    unchecked(cV[c] = v);
    unchecked(cTq[c] = tq);
    if (h > hmax) hmax = h;
    if (v > vmax) vmax = v;
  }
  if (ncomp == 1) {
    // a single component is always coded non-interleaved: one block per MCU
    unchecked(cH[0] = 1);
    unchecked(cV[0] = 1);
    hmax = 1;
    vmax = 1;
  }
  mcusX = (imgW + 8 * hmax - 1) / (8 * hmax);
  mcusY = (imgH + 8 * vmax - 1) / (8 * vmax);
  frameSeen = true;
}

function parseSOS(p: usize, end: usize): void {
  if (!frameSeen) { fail(JPEG_ERR_CORRUPT); return; }
  if (end - p < 1) { fail(JPEG_ERR_CORRUPT); return; }
  let ns = <i32>load<u8>(p);
  if (ns < 1 || ns > ncomp || end - p != 4 + 2 * <usize>ns) { fail(JPEG_ERR_CORRUPT); return; }
  scanNs = ns;
  for (let i = 0; i < ns; i++) {
    let q = p + 1 + 2 * <usize>i;
    let id = <i32>load<u8>(q);
    let c = -1;
    for (let j = 0; j < ncomp; j++) if (unchecked(cId[j]) == id) c = j;
    if (c < 0) { fail(JPEG_ERR_CORRUPT); return; }
    for (let j = 0; j < i; j++) if (unchecked(scanComp[j]) == c) { fail(JPEG_ERR_CORRUPT); return; }
    let tdta = <i32>load<u8>(q + 1);
    let td = tdta >> 4, ta = tdta & 15;
    if (td > 3 || ta > 3) { fail(JPEG_ERR_CORRUPT); return; }
    unchecked(scanComp[i] = c);
    unchecked(scanTd[i] = td);
    unchecked(scanTa[i] = ta + 4);
  }
  let q = p + 1 + 2 * <usize>ns;
  Ss = <i32>load<u8>(q);
  Se = <i32>load<u8>(q + 1);
  let a = <i32>load<u8>(q + 2);
  Ah = a >> 4;
  Al = a & 15;
  if (progressive) {
    if (Ss > Se || Se > 63 || (Ss == 0 && Se != 0) || (Ss > 0 && ns != 1) || Al > 13 || Ah > 13) {
      fail(JPEG_ERR_CORRUPT);
      return;
    }
  } else {
    Ss = 0;
    Se = 63;
    Ah = 0;
    Al = 0;
  }
  // tables used by this scan must be defined (arithmetic coding has defaults for all)
  if (arith) return;
  for (let i = 0; i < ns; i++) {
    let c = unchecked(scanComp[i]);
    if ((qDefined & (1 << unchecked(cTq[c]))) == 0) { fail(JPEG_ERR_CORRUPT); return; }
    if (Ss == 0 && Ah == 0 && (huffDefined & (1 << unchecked(scanTd[i]))) == 0) { fail(JPEG_ERR_CORRUPT); return; }
    if (Se > 0 && (huffDefined & (1 << unchecked(scanTa[i]))) == 0) { fail(JPEG_ERR_CORRUPT); return; }
  }
}

// ---- setup ---------------------------------------------------------------------------------------
function setupOutput(): void {
  outW = (imgW + scaleDenom - 1) / scaleDenom;
  outH = (imgH + scaleDenom - 1) / scaleDenom;
  let work: u64 = <u64>outW * 4 + 64;
  for (let c = 0; c < ncomp; c++) {
    let h = unchecked(cH[c]), v = unchecked(cV[c]);
    unchecked(compW[c] = <i32>((<u64>outW * <u64>h + <u64>hmax - 1) / <u64>hmax));
    unchecked(compHt[c] = <i32>((<u64>outH * <u64>v + <u64>vmax - 1) / <u64>vmax));
    unchecked(planeW[c] = mcusX * h * N);
    unchecked(planeRows[c] = v * N);
    work += 3 * <u64>(mcusX * h * N) * <u64>(v * N) + <u64>outW + 64;
  }
  if (buffered) {
    for (let c = 0; c < ncomp; c++) {
      work += <u64>(mcusX * unchecked(cH[c])) * <u64>(mcusY * unchecked(cV[c])) * <u64>coefStride;
    }
  }
  if (work > MAX_BYTES) { fail(JPEG_ERR_TOO_LARGE); return; }
  // Before any buffer is sized by the frame: a pipeline planned for another size stops here.
  if (!sink!.begin(outW, outH)) { fail(pipeErrorCode() == PIPE_ERR_TOO_LARGE ? JPEG_ERR_TOO_LARGE : JPEG_ERR_STOPPED); return; }
  rowOut = track(<u64>outW * 4 + 64);
  for (let c = 0; c < ncomp; c++) {
    let sz = <u64>unchecked(planeW[c]) * <u64>unchecked(planeRows[c]);
    let p = track(sz * 3 + 16); // + slack for 8-byte SIMD loads at the end of a row
    memory.fill(p, 128, <usize>(sz * 3));
    unchecked(planes[c * 3] = p);
    unchecked(planes[c * 3 + 1] = p + <usize>sz);
    unchecked(planes[c * 3 + 2] = p + <usize>(sz * 2));
    unchecked(lineBuf[c] = track(<u64>outW + 64));
  }
  tmpLine = track(<u64>(outW + 64) * 2 + 32);
  if (buffered) {
    for (let c = 0; c < ncomp; c++) {
      let bw = mcusX * unchecked(cH[c]);
      let bh = mcusY * unchecked(cV[c]);
      let sz = <u64>bw * <u64>bh * <u64>coefStride;
      let p = track(sz);
      memory.fill(p, 0, <usize>sz);
      unchecked(coefBase[c] = p);
      unchecked(coefBW[c] = bw);
    }
  }
}

// Maps every coefficient to the N×N input of the N-point IDCT, with a weight.
// fold = true: the N×N result equals the box average of the full 8×8 IDCT (like libjpeg's reduced
// IDCTs): averaging pairs of an 8-point IDCT is a 4-point IDCT of G(u) = c(u)F(u) − c(8−u)F(8−u),
// c(u) = cos(uπ/16), u = 1..3 (F(4) drops out); 4 → 2 likewise with cos(uπ/8). fold = false: only the
// N×N lowest frequencies are used (less to store for progressive images).
function foldIndex(u: i32, fold: bool): i32 {
  if (!fold) return u < N ? u : -1;
  if (N == 8) return u;
  if (N == 1) return u == 0 ? 0 : -1;
  let i = u == 4 ? -1 : u < 4 ? u : 8 - u;
  if (N == 4 || i < 0) return i;
  return i == 0 ? 0 : i == 2 ? -1 : 1; // N == 2
}

function foldWeight(u: i32, fold: bool): f32 {
  if (!fold || N == 8 || u == 0) return 1;
  let w: f32 = u < 4 ? Mathf.cos(<f32>u * (Mathf.PI / 16)) : -Mathf.cos(<f32>u * (Mathf.PI / 16));
  if (N == 2) {
    let i = u < 4 ? u : 8 - u;
    w *= i == 1 ? Mathf.cos(Mathf.PI / 8) : -Mathf.cos(3 * Mathf.PI / 8);
  }
  return w;
}

function setupScale(fold: bool): void {
  N = 8 / scaleDenom;
  let j = 0;
  for (let k = 0; k < 64; k++) {
    let nat = <i32>unchecked(ZIGZAG[k]);
    let r = nat >> 3, c = nat & 7;
    let ir = foldIndex(r, fold), ic = foldIndex(c, fold);
    if (ir < 0 || ic < 0) {
      store<u8>(TGT + <usize>k, 63);
      store<u8>(SMAP + <usize>k, 255);
      store<f32>(FOLDW + (<usize>k << 2), 0);
    } else {
      store<u8>(TGT + <usize>k, <u8>(ir * N + ic));
      store<f32>(FOLDW + (<usize>k << 2), foldWeight(r, fold) * foldWeight(c, fold));
      store<u8>(SMAP + <usize>k, <u8>j);
      store<u8>(KS + <usize>j, <u8>k);
      j++;
    }
  }
  K = j;
  storedMask = 0;
  for (let k = 1; k < 64; k++) if (load<u8>(SMAP + <usize>k) != 255) storedMask |= (<u64>1) << <u64>k;
  useMask = K > 1;
  coefOff = useMask ? 8 : 0;
  coefStride = (coefOff + 2 * K + 7) & ~7;
}

function prepareQW(): void {
  for (let t = 0; t < 4; t++) {
    for (let k = 0; k < 64; k++) {
      let o = (<usize>t << 8) + (<usize>k << 2);
      store<f32>(QW + o, load<f32>(QZ + o) * load<f32>(FOLDW + (<usize>k << 2)));
    }
  }
}

function blockCount(): u64 {
  let n: u64 = 0;
  for (let c = 0; c < ncomp; c++) n += <u64>(mcusX * unchecked(cH[c])) * <u64>(mcusY * unchecked(cV[c]));
  return n;
}

// ---- restart -------------------------------------------------------------------------------------
function processRestart(): void {
  if (arith) pos = arithPos();
  resetBits();
  // skip to the next marker
  while (pos + 1 < inEnd) {
    if (load<u8>(pos) == 0xFF) {
      let b = load<u8>(pos + 1);
      if (b != 0 && b != 0xFF) break;
      if (b == 0) { pos += 2; continue; }
    }
    pos++;
  }
  if (pos + 1 < inEnd) {
    let m = <i32>load<u8>(pos + 1);
    if (m >= 0xD0 && m <= 0xD7) {
      pos += 2;
      dataEnd = false;
    } else {
      markerHit = true;
      dataEnd = true;
    }
  } else {
    pos = inEnd;
    markerHit = true;
    dataEnd = true;
  }
  for (let c = 0; c < 4; c++) unchecked(dcPred[c] = 0);
  eobrun = 0;
  restartTogo = restartInterval;
  if (arith) {
    arithStart(pos, inEnd);
    resetArithStats();
  }
}

// ---- streaming (single interleaved sequential scan) -----------------------------------------------
// Decodes one block into BLOCK (N×N, dequantised); returns true if any AC coefficient was stored.
// @ts-ignore: decorator
@inline function decodeDCSeq(c: i32, dct: i32): i32 {
  if (bitCnt < 16) refill();
  let bb = bitBuf;
  let fe = load<i32>(HUFF_FAST + ((<usize>dct << FAST_BITS) << 2) + (<usize>(bb >> (64 - FAST_BITS)) << 2));
  let diff = 0;
  if (fe != 0) {
    let l = fe & 0xFF;
    bitBuf = bb << <u64>l;
    bitCnt -= l;
    diff = fe >> 16;
  } else {
    let s = huffDecode(dct);
    if (s != 0) {
      if (s > 16) { fail(JPEG_ERR_CORRUPT); return 0; }
      diff = extend(getBits(s), s);
    }
  }
  let dc = unchecked(dcPred[c]) + diff;
  unchecked(dcPred[c] = dc);
  return dc;
}

// The AC loops keep the bit buffer in locals (bb, bc), written back around every call that uses the
// globals (refill, the slow Huffman path).

// Decodes one block into BLOCK (N×N, dequantised); returns true if any AC coefficient was stored.
function decodeBlockSeq(c: i32, dct: i32, act: i32, qz: usize): bool {
  let dc = decodeDCSeq(c, dct);
  store<f32>(BLOCK, <f32>dc * load<f32>(qz));
  let hasAC = false;
  let fast = HUFF_FAST + ((<usize>act << FAST_BITS) << 2);
  let k = 1;
  let bb = bitBuf;
  let bc = bitCnt;
  while (k < 64) {
    if (bc < 16) {
      bitBuf = bb;
      bitCnt = bc;
      refill();
      bb = bitBuf;
      bc = bitCnt;
    }
    let fe = load<i32>(fast + (<usize>(bb >> (64 - FAST_BITS)) << 2));
    let v: i32;
    if (fe != 0) {
      let l = fe & 0xFF;
      bb <<= <u64>l;
      bc -= l;
      if (fe & FAST_EOB) break;
      k += (fe >> 8) & 15;
      v = fe >> 16;
    } else {
      bitBuf = bb;
      bitCnt = bc;
      let rs = huffDecode(act);
      let r = rs >> 4;
      let sz = rs & 15;
      v = 0;
      if (sz != 0) v = extend(getBits(sz), sz);
      bb = bitBuf;
      bc = bitCnt;
      if (sz == 0) {
        if (r != 15) break;
        k += 16;
        continue;
      }
      k += r;
    }
    if (k > 63) break;
    // branch-free: an unused coefficient adds v × 0 to slot 63 (only read by the 8×8 IDCT, which
    // uses all coefficients); a block with only such coefficients gives the same pixels as DC-only
    let p = BLOCK + (<usize>load<u8>(TGT + <usize>k) << 2);
    store<f32>(p, load<f32>(p) + <f32>v * load<f32>(qz + (<usize>k << 2)));
    hasAC = true;
    k++;
  }
  bitBuf = bb;
  bitCnt = bc;
  return hasAC;
}

// Arithmetic-coded block into BLOCK like decodeBlockSeq (every scale: nothing can be skipped unread).
function decodeBlockArith(c: i32, dct: i32, act: i32, qz: usize): bool {
  let dc = <i32><i16>(unchecked(dcPred[c]) + arithDC(dct, c));
  unchecked(dcPred[c] = dc);
  store<f32>(BLOCK, <f32>dc * load<f32>(qz));
  let hasAC = false;
  let k = 1;
  while (k <= 63) {
    k = arithAC(act, k, 63);
    if (k < 0) break;
    let p = BLOCK + (<usize>load<u8>(TGT + <usize>k) << 2);
    store<f32>(p, load<f32>(p) + <f32>acValue * load<f32>(qz + (<usize>k << 2)));
    hasAC = true;
    k++;
  }
  return hasAC;
}

// 1/8: only the DC is used; the AC coefficients are entropy-decoded and dropped
function decodeBlockSeqDC(c: i32, dct: i32, act: i32): i32 {
  let dc = decodeDCSeq(c, dct);
  let fast = HUFF_FAST + ((<usize>act << FAST_BITS) << 2);
  let k = 1;
  let bb = bitBuf;
  let bc = bitCnt;
  while (k < 64) {
    if (bc < 16) {
      bitBuf = bb;
      bitCnt = bc;
      refill();
      bb = bitBuf;
      bc = bitCnt;
    }
    let fe = load<i32>(fast + (<usize>(bb >> (64 - FAST_BITS)) << 2));
    if (fe != 0) {
      let l = fe & 0xFF;
      bb <<= <u64>l;
      bc -= l;
      if (fe & FAST_EOB) break;
      k += ((fe >> 8) & 15) + 1;
    } else {
      bitBuf = bb;
      bitCnt = bc;
      let rs = huffDecode(act);
      let r = rs >> 4;
      let sz = rs & 15;
      if (sz != 0) {
        if (bitCnt < sz) refill();
        bitBuf <<= <u64>sz;
        bitCnt -= sz;
      }
      bb = bitBuf;
      bc = bitCnt;
      if (sz == 0) {
        if (r != 15) break;
        k += 16;
        continue;
      }
      k += r + 1;
    }
  }
  bitBuf = bb;
  bitCnt = bc;
  return dc;
}

// @ts-ignore: decorator
@inline function idctOut(hasAC: bool, dst: usize, stride: i32): void {
  if (N == 1) {
    store<u8>(dst, <u8>px(load<f32>(BLOCK)));
    store<f32>(BLOCK, 0);
  } else if (!hasAC) {
    idctDC(dst, stride, N);
  } else if (N == 8) {
    idct8(dst, stride);
  } else if (N == 4) {
    idct4(dst, stride);
  } else {
    idct2(dst, stride);
  }
}

function decodeRowStream(my: i32): void {
  let ring = my % 3;
  for (let mx = 0; mx < mcusX; mx++) {
    if (restartInterval != 0) {
      if (restartTogo == 0) processRestart();
      restartTogo--;
    }
    for (let i = 0; i < scanNs; i++) {
      let c = unchecked(scanComp[i]);
      let h = unchecked(cH[c]), v = unchecked(cV[c]);
      let pw = unchecked(planeW[c]);
      let plane = unchecked(planes[c * 3 + ring]);
      let qz = QW + (<usize>unchecked(cTq[c]) << 8);
      let td = unchecked(scanTd[i]), ta = unchecked(scanTa[i]);
      for (let yy = 0; yy < v; yy++) {
        let row = plane + <usize>(yy * N * pw + mx * h * N);
        for (let xx = 0; xx < h; xx++) {
          let dst = row + <usize>(xx * N);
          if (dataEnd) {
            fillBlock(dst, pw, N, 128);
          } else if (N == 1) {
            let dc = decodeBlockSeqDC(c, td, ta);
            store<u8>(dst, <u8>px(<f32>dc * load<f32>(qz)));
          } else {
            let ac = decodeBlockSeq(c, td, ta, qz);
            idctOut(ac, dst, pw);
          }
        }
      }
    }
    if (err != 0) return;
    if (!dataEnd && (bitCnt < padBits || scanDead)) dataEnd = true;
  }
}

// decodeRowStream for arithmetic coding (a function of its own: the Huffman loop stays as tight)
function decodeRowStreamArith(my: i32): void {
  let ring = my % 3;
  for (let mx = 0; mx < mcusX; mx++) {
    if (restartInterval != 0) {
      if (restartTogo == 0) processRestart();
      restartTogo--;
    }
    for (let i = 0; i < scanNs; i++) {
      let c = unchecked(scanComp[i]);
      let h = unchecked(cH[c]), v = unchecked(cV[c]);
      let pw = unchecked(planeW[c]);
      let plane = unchecked(planes[c * 3 + ring]);
      let qz = QW + (<usize>unchecked(cTq[c]) << 8);
      let td = unchecked(scanTd[i]), ta = unchecked(scanTa[i]) - 4;
      for (let yy = 0; yy < v; yy++) {
        let row = plane + <usize>(yy * N * pw + mx * h * N);
        for (let xx = 0; xx < h; xx++) {
          let dst = row + <usize>(xx * N);
          if (dataEnd) fillBlock(dst, pw, N, 128);
          else idctOut(decodeBlockArith(c, td, ta, qz), dst, pw);
        }
      }
    }
    // a dead arithmetic interval leaves its blocks at zero (grey) until the next restart, as in libjpeg
    if (!dataEnd && arithDead()) dataEnd = true;
  }
}

// ---- buffered (progressive / multi-scan) ----------------------------------------------------------
function decDCFirst(c: i32, blk: usize, td: i32): void {
  let s = huffDecode(td);
  let diff = 0;
  if (s != 0) {
    if (s > 16) { fail(JPEG_ERR_CORRUPT); return; }
    diff = extend(getBits(s), s);
  }
  let dc = unchecked(dcPred[c]) + diff;
  unchecked(dcPred[c] = dc);
  store<i16>(blk + <usize>coefOff, <i16>(dc << Al));
}

function decDCRefine(blk: usize): void {
  if (getBit()) {
    let p = blk + <usize>coefOff;
    store<i16>(p, <i16>(<i32>load<i16>(p) | (1 << Al)));
  }
}

function decACFirst(blk: usize, ta: i32, ss: i32): void {
  if (eobrun > 0) { eobrun--; return; }
  let mask: u64 = useMask ? load<u64>(blk) : 0;
  let k = ss;
  let co = blk + <usize>coefOff;
  while (k <= Se) {
    let rs = huffDecode(ta);
    let r = rs >> 4, s = rs & 15;
    if (s == 0) {
      if (r < 15) {
        eobrun = (1 << r) - 1;
        if (r != 0) eobrun += getBits(r);
        break;
      }
      k += 16;
      continue;
    }
    k += r;
    if (k > 63) break;
    let v = extend(getBits(s), s) << Al;
    let z = <i32>load<u8>(SMAP + <usize>k);
    if (z != 255) store<i16>(co + (<usize>z << 1), <i16>v);
    mask |= (<u64>1) << <u64>k;
    k++;
  }
  if (useMask) store<u64>(blk, mask);
}

// @ts-ignore: decorator
@inline function refineCoef(co: usize, k: i32, p1: i32, m1: i32): void {
  let z = <i32>load<u8>(SMAP + <usize>k);
  if (z != 255) {
    let p = co + (<usize>z << 1);
    let v = <i32>load<i16>(p);
    if ((v & p1) == 0) store<i16>(p, <i16>(v >= 0 ? v + p1 : v + m1));
  }
}

function decACRefine(blk: usize, ta: i32): void {
  let p1 = 1 << Al;
  let m1 = -1 << Al;
  let k = Ss;
  let mask = load<u64>(blk);
  let co = blk + <usize>coefOff;
  if (eobrun == 0) {
    while (k <= Se) {
      let rs = huffDecode(ta);
      let r = rs >> 4, s = rs & 15;
      let v = 0;
      if (s != 0) {
        v = getBit() ? p1 : m1;
      } else if (r != 15) {
        eobrun = 1 << r;
        if (r != 0) eobrun += getBits(r);
        break;
      }
      // walk runs of coefficients: already non-zero ones get a correction bit, the r-th zero-history
      // one (counting from 0) receives the new coefficient v
      while (k <= Se) {
        let hist = mask >> <u64>k;
        if ((hist & 1) != 0) {
          let ones = min(<i32>ctz<u64>(~hist), Se + 1 - k);
          while (ones > 0) {
            let n = min(ones, 16);
            let bits = getBits(n);
            while (bits != 0) {
              let hi = 31 - <i32>clz<i32>(bits); // bit n-1-i ↔ coefficient k+i
              bits &= ~(1 << hi);
              refineCoef(co, k + n - 1 - hi, p1, m1);
            }
            k += n;
            ones -= n;
          }
          continue;
        }
        let zeros = hist == 0 ? Se + 1 - k : min(<i32>ctz<u64>(hist), Se + 1 - k);
        if (r < zeros) {
          k += r;
          if (v != 0) {
            let z = <i32>load<u8>(SMAP + <usize>k);
            if (z != 255) store<i16>(co + (<usize>z << 1), <i16>v);
            mask |= (<u64>1) << <u64>k;
          }
          k++;
          break;
        }
        r -= zeros;
        k += zeros;
      }
    }
  }
  if (eobrun > 0) {
    // only the coefficients already non-zero get a correction bit
    if (k <= Se) {
      let m = mask & ((<u64>-1) << <u64>k);
      if (Se < 63) m &= ((<u64>1) << <u64>(Se + 1)) - 1;
      while (m != 0) {
        let kk = <i32>ctz<u64>(m);
        m &= m - 1;
        if (getBit()) refineCoef(co, kk, p1, m1);
      }
    }
    eobrun--;
  }
  store<u64>(blk, mask);
}

// @ts-ignore: decorator
@inline function decodeBlockBuffered(i: i32, c: i32, blk: usize): void {
  if (arith) {
    decodeBlockArithBuffered(i, c, blk);
  } else if (progressive) {
    if (Ss == 0) {
      if (Ah == 0) decDCFirst(c, blk, unchecked(scanTd[i]));
      else decDCRefine(blk);
    } else {
      if (Ah == 0) decACFirst(blk, unchecked(scanTa[i]), Ss);
      else decACRefine(blk, unchecked(scanTa[i]));
    }
  } else {
    decDCFirst(c, blk, unchecked(scanTd[i]));
    decACFirst(blk, unchecked(scanTa[i]), 1);
  }
}

function arDCFirst(c: i32, blk: usize, td: i32): void {
  if (arithDead()) return;
  let dc = <i32><i16>(unchecked(dcPred[c]) + arithDC(td, c));
  unchecked(dcPred[c] = dc);
  store<i16>(blk + <usize>coefOff, <i16>(dc << Al));
}

function arACFirst(blk: usize, ta: i32, ss: i32): void {
  let mask: u64 = useMask ? load<u64>(blk) : 0;
  let co = blk + <usize>coefOff;
  let k = ss;
  while (k <= Se) {
    k = arithAC(ta, k, Se);
    if (k < 0) break;
    let z = <i32>load<u8>(SMAP + <usize>k);
    if (z != 255) store<i16>(co + (<usize>z << 1), <i16>(acValue << Al));
    mask |= (<u64>1) << <u64>k;
    k++;
  }
  if (useMask) store<u64>(blk, mask);
}

// T.81 G.1.3.3 (libjpeg's decode_mcu_AC_refine): past the last coefficient non-zero before this
// scan an end-of-block decision comes first; a non-zero coefficient gets a correction bit, a zero
// one a "becomes non-zero" decision, then its sign.
function arACRefine(blk: usize, ta: i32): void {
  if (arithDead()) return;
  let p1 = 1 << Al;
  let m1 = -1 << Al;
  let mask = load<u64>(blk);
  let co = blk + <usize>coefOff;
  let upto = Se < 63 ? mask & (((<u64>1) << <u64>(Se + 1)) - 1) : mask;
  let kex = upto == 0 ? 0 : 63 - <i32>clz<u64>(upto);
  let base = acStats(ta);
  for (let k = Ss; k <= Se; k++) {
    let st = base + 3 * <usize>(k - 1);
    if (k > kex && arithBit(st)) break;
    while (true) {
      let bit = (<u64>1) << <u64>k;
      if ((mask & bit) != 0) {
        if (arithBit(st + 2)) refineCoef(co, k, p1, m1);
        break;
      }
      if (arithBit(st + 1)) {
        let v = arithFixed() ? m1 : p1;
        let z = <i32>load<u8>(SMAP + <usize>k);
        if (z != 255) store<i16>(co + (<usize>z << 1), <i16>v);
        mask |= bit;
        break;
      }
      st += 3;
      k++;
      if (k > Se) {
        arithKill();
        store<u64>(blk, mask);
        return;
      }
    }
  }
  store<u64>(blk, mask);
}

function decodeBlockArithBuffered(i: i32, c: i32, blk: usize): void {
  let ta = unchecked(scanTa[i]) - 4;
  if (!progressive) {
    arDCFirst(c, blk, unchecked(scanTd[i]));
    arACFirst(blk, ta, 1);
  } else if (Ss == 0) {
    if (Ah == 0) arDCFirst(c, blk, unchecked(scanTd[i]));
    else if (arithFixed()) {
      let p = blk + <usize>coefOff;
      store<i16>(p, <i16>(<i32>load<i16>(p) | (1 << Al)));
    }
  } else if (Ah == 0) {
    arACFirst(blk, ta, Ss);
  } else {
    arACRefine(blk, ta);
  }
}

function skipEntropyData(): void {
  while (pos + 1 < inEnd) {
    if (load<u8>(pos) == 0xFF) {
      let b = <i32>load<u8>(pos + 1);
      if (b != 0 && b != 0xFF && !(b >= 0xD0 && b <= 0xD7)) return;
    }
    pos++;
  }
  pos = inEnd;
}

function decodeScanBuffered(): void {
  if (progressive && Ss > 0 && K == 1) {
    skipEntropyData(); // AC coefficients are not needed at 1/8
    return;
  }
  if (scanNs == 1) {
    let c = unchecked(scanComp[0]);
    let h = unchecked(cH[c]), v = unchecked(cV[c]);
    let cw = (imgW * h + hmax - 1) / hmax;
    let ch = (imgH * v + vmax - 1) / vmax;
    let bw = (cw + 7) >> 3;
    let bh = (ch + 7) >> 3;
    let stride = <usize>coefStride;
    let base = unchecked(coefBase[c]);
    let rowBlocks = unchecked(coefBW[c]);
    for (let by = 0; by < bh; by++) {
      let row = base + <usize>by * <usize>rowBlocks * stride;
      for (let bx = 0; bx < bw; bx++) {
        if (restartInterval != 0) {
          if (restartTogo == 0) {
            processRestart();
            if (dataEnd) return;
          }
          restartTogo--;
        }
        decodeBlockBuffered(0, c, row + <usize>bx * stride);
        if (err != 0 || exhausted()) return;
      }
    }
  } else {
    let stride = <usize>coefStride;
    for (let my = 0; my < mcusY; my++) {
      for (let mx = 0; mx < mcusX; mx++) {
        if (restartInterval != 0) {
          if (restartTogo == 0) {
            processRestart();
            if (dataEnd) return;
          }
          restartTogo--;
        }
        for (let i = 0; i < scanNs; i++) {
          let c = unchecked(scanComp[i]);
          let h = unchecked(cH[c]), v = unchecked(cV[c]);
          let rowBlocks = <usize>unchecked(coefBW[c]);
          let base = unchecked(coefBase[c]);
          for (let yy = 0; yy < v; yy++) {
            let by = <usize>(my * v + yy);
            for (let xx = 0; xx < h; xx++) {
              let bx = <usize>(mx * h + xx);
              decodeBlockBuffered(i, c, base + (by * rowBlocks + bx) * stride);
            }
          }
        }
        if (err != 0 || exhausted()) return;
      }
    }
  }
}

// IDCT one MCU row of stored coefficients into the planes
function decodeRowBuffered(my: i32): void {
  let ring = my % 3;
  let stride = <usize>coefStride;
  for (let c = 0; c < ncomp; c++) {
    let h = unchecked(cH[c]), v = unchecked(cV[c]);
    let pw = unchecked(planeW[c]);
    let plane = unchecked(planes[c * 3 + ring]);
    let qs = QW + (<usize>unchecked(cTq[c]) << 8);
    let bw = unchecked(coefBW[c]);
    let base = unchecked(coefBase[c]);
    for (let yy = 0; yy < v; yy++) {
      let by = my * v + yy;
      let blk = base + (<usize>by * <usize>bw) * stride + <usize>coefOff;
      let row = plane + <usize>(yy * N * pw);
      for (let bx = 0; bx < bw; bx++) {
        let ac = false;
        let dc = <i32>load<i16>(blk);
        store<f32>(BLOCK, <f32>dc * load<f32>(qs));
        if (useMask) {
          // the AC coefficients that are non-zero and stored
          let m = load<u64>(blk - <usize>coefOff) & storedMask;
          while (m != 0) {
            let k = <usize>ctz<u64>(m);
            m &= m - 1;
            let cf = <i32>load<i16>(blk + (<usize>load<u8>(SMAP + k) << 1));
            let p = BLOCK + (<usize>load<u8>(TGT + k) << 2);
            store<f32>(p, load<f32>(p) + <f32>cf * load<f32>(qs + (k << 2)));
            ac = true;
          }
        }
        idctOut(ac, row + <usize>(bx * N), pw);
        blk += stride;
      }
    }
  }
}

// ---- output ----------------------------------------------------------------------------------------
function colorMode(): i32 {
  // 0 grey, 1 YCbCr, 2 RGB, 3 CMYK, 4 inverted CMYK (Adobe), 5 YCCK (Adobe, inverted)
  if (ncomp == 1) return 0;
  if (ncomp == 3) {
    if (sawJFIF) return 1;
    if (sawAdobe) return adobeTransform == 0 ? 2 : 1;
    if (unchecked(cId[0]) == 82 && unchecked(cId[1]) == 71 && unchecked(cId[2]) == 66) return 2;
    return 1;
  }
  if (sawAdobe) return adobeTransform == 2 ? 5 : 4;
  return 3;
}

function emitRows(my: i32, mode: i32): void {
  let y0 = my * vmax * N;
  let y1 = min(y0 + vmax * N, outH);
  for (let y = y0; y < y1; y++) {
    for (let c = 0; c < ncomp; c++) unchecked(linePtr[c] = upsampleRow(c, y, unchecked(cH[c]), unchecked(cV[c]), hmax, vmax, tmpLine, outW));
    convertRow(mode, rowOut, outW, ncomp);
    sink!.push(rowOut);
    if (failed()) { fail(JPEG_ERR_STOPPED); return; }
  }
}

function runOutput(): void {
  let mode = colorMode();
  if (buffered) {
    prepareQW();
    decodeRowBuffered(0);
    for (let my = 0; my < mcusY; my++) {
      if (err != 0) return;
      if (my + 1 < mcusY) decodeRowBuffered(my + 1);
      emitRows(my, mode);
    }
  } else {
    prepareQW();
    if (arith) {
      decodeRowStreamArith(0);
      for (let my = 0; my < mcusY; my++) {
        if (err != 0) return;
        if (my + 1 < mcusY) decodeRowStreamArith(my + 1);
        emitRows(my, mode);
      }
      return;
    }
    decodeRowStream(0);
    for (let my = 0; my < mcusY; my++) {
      if (err != 0) return;
      if (my + 1 < mcusY) decodeRowStream(my + 1);
      emitRows(my, mode);
    }
  }
}

// ---- top level -------------------------------------------------------------------------------------
function resetState(): void {
  err = 0;
  resW = 0;
  resH = 0;
  infoComps = 0;
  infoProgressive = 0;
  huffDefined = 0;
  qDefined = 0;
  restartInterval = 0;
  restartTogo = 0;
  sawJFIF = false;
  sawAdobe = false;
  adobeTransform = -1;
  frameSeen = false;
  progressive = false;
  arith = false;
  arithDefaults();
  imgW = 0;
  imgH = 0;
  ncomp = 0;
  hmax = 1;
  vmax = 1;
  scansDone = 0;
  rowOut = 0;
  buffered = false;
  dataEnd = false;
  eobrun = 0;
  nallocs = 0;
  expectW = 0;
  expectH = 0;
  resetBits();
}

// Parses the marker stream; with infoOnly stops after SOF. Returns true if image data was decoded
// (or, with infoOnly, the frame header was found).
function run(ptr: usize, len: i32, infoOnly: bool): bool {
  if (len < 2 || load<u8>(ptr) != 0xFF || load<u8>(ptr + 1) != 0xD8) { fail(JPEG_ERR_NOT_JPEG); return false; }
  pos = ptr + 2;
  inEnd = ptr + <usize>len;
  while (true) {
    // find the next marker (skipping garbage and fill bytes)
    while (pos < inEnd && load<u8>(pos) != 0xFF) pos++;
    while (pos < inEnd && load<u8>(pos) == 0xFF) pos++;
    if (pos >= inEnd) break;
    let m = <i32>load<u8>(pos);
    pos++;
    if (m == 0) continue; // stuffed byte outside a scan: garbage
    if (m == 0xD9) break; // EOI
    if ((m >= 0xD0 && m <= 0xD8) || m == 0x01) continue; // standalone markers
    if (pos + 2 > inEnd) { if (scansDone == 0) fail(JPEG_ERR_TRUNCATED); break; }
    let segLen = u16at(pos);
    if (segLen < 2) {
      // libjpeg reads an APPn or COM segment with a length under 2 as empty (and on after the length)
      if ((m >= 0xE0 && m <= 0xEF) || m == 0xFE) { pos += 2; continue; }
      fail(JPEG_ERR_CORRUPT);
      break;
    }
    let p = pos + 2;
    let end = pos + <usize>segLen;
    if (end > inEnd) { if (scansDone == 0) fail(JPEG_ERR_TRUNCATED); break; }
    pos = end;
    if (m == 0xC0 || m == 0xC1 || m == 0xC2 || m == 0xC9 || m == 0xCA) {
      parseSOF(p, end, m);
      if (err != 0) return false;
      if (infoOnly) return true;
    } else if ((m >= 0xC3 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      fail(JPEG_ERR_UNSUPPORTED); // lossless, hierarchical
      return false;
    } else if (m == 0xC4) {
      parseDHT(p, end);
    } else if (m == 0xCC) {
      if (((end - p) & 1) != 0) { fail(JPEG_ERR_CORRUPT); return false; }
      for (let q = p; q < end; q += 2) {
        let t = <i32>load<u8>(q);
        if (!arithConditioning(t >> 4, t & 15, <i32>load<u8>(q + 1))) { fail(JPEG_ERR_CORRUPT); return false; }
      }
    } else if (m == 0xDB) {
      parseDQT(p, end);
    } else if (m == 0xDD) {
      if (end - p < 2) { fail(JPEG_ERR_CORRUPT); return false; }
      restartInterval = u16at(p);
    } else if (m == 0xE0) {
      if (end - p >= 5 && load<u32>(p) == 0x4649464A && load<u8>(p + 4) == 0) sawJFIF = true; // "JFIF\0"
    } else if (m == 0xEE) {
      if (end - p >= 12 && load<u32>(p) == 0x626F6441 && load<u8>(p + 4) == 0x65) { // "Adobe"
        sawAdobe = true;
        adobeTransform = <i32>load<u8>(p + 11);
      }
    } else if (m == 0xDA) {
      if (infoOnly) { fail(JPEG_ERR_CORRUPT); return false; }
      if (frameSeen && !progressive && !arith && scansDone == 0) defaultHuffTables();
      parseSOS(p, end);
      if (err != 0) return false;
      if (scansDone == 0) {
        buffered = progressive || scanNs != ncomp;
        // Buffered at 1/2 or 1/4, past FOLD_BUDGET: keep only the N×N lowest frequencies. The
        // box-average fold stores 2.8× (1/2) or 4× (1/4) as many coefficients for 0.1 dB on photos
        // (6 MP → 300 px against a full decode: 44.8 vs 44.7 dB), and a large progressive JPEG's
        // coefficients are most of what its thumbnail costs.
        if (buffered && N < 8 && blockCount() * <u64>coefStride > FOLD_BUDGET) setupScale(false);
        setupOutput();
        if (err != 0) return false;
      }
      resetBits();
      for (let c = 0; c < 4; c++) unchecked(dcPred[c] = 0);
      eobrun = 0;
      restartTogo = restartInterval;
      dataEnd = false;
      scansDone++;
      if (arith) {
        arithStart(pos, inEnd);
        resetArithStats();
      }
      if (!buffered) {
        runOutput();
        return err == 0;
      }
      decodeScanBuffered();
      if (arith) pos = arithPos();
      if (err != 0) return false;
    }
    // everything else (APPn, COM, DNL, EXP, ...) skipped
    if (err != 0) return false;
  }
  if (infoOnly) {
    fail(frameSeen ? JPEG_ERR_CORRUPT : JPEG_ERR_TRUNCATED);
    return false;
  }
  if (scansDone == 0) {
    fail(JPEG_ERR_TRUNCATED);
    return false;
  }
  runOutput();
  return err == 0;
}

/**
 * Decodes at 1/denom and pushes the rows into `head`; returns 0 or an error code. expectedW/H (both
 * 0: any) is the full frame size the caller probed and reserved for. A file cut inside the
 * entropy-coded data still delivers every row (the missing part grey).
 */
export function decode(ptr: usize, len: i32, denom: i32, expectedW: i32, expectedH: i32, head: Stage): i32 {
  resetState();
  const badDenom = denom != 1 && denom != 2 && denom != 4 && denom != 8;
  const badExpected = expectedW < 0 || expectedH < 0 || (expectedW == 0) != (expectedH == 0);
  if (len < 0 || badDenom || badExpected) {
    fail(JPEG_ERR_BAD_ARGUMENT);
    return err;
  }
  expectW = expectedW;
  expectH = expectedH;
  scaleDenom = denom;
  setupScale(true);
  sink = head;
  let ok = run(ptr, len, false);
  if (ok && err == 0) {
    resW = outW;
    resH = outH;
  } else if (err == 0) {
    fail(JPEG_ERR_CORRUPT);
  }
  for (let i = 0; i < nallocs; i++) {
    let p = unchecked(allocs[i]);
    if (p != 0) heap.free(p);
  }
  nallocs = 0;
  rowOut = 0;
  sink = null;
  if (err == 0) head.end();
  return err;
}

export function info(ptr: usize, len: i32): i32 {
  resetState();
  if (len < 0) { fail(JPEG_ERR_BAD_ARGUMENT); return err; }
  if (run(ptr, len, true)) {
    resW = imgW;
    resH = imgH;
    infoComps = ncomp;
    infoProgressive = progressive ? 1 : 0;
    return JPEG_OK;
  }
  return err;
}
