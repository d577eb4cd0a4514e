// GIF decoder (GIF89a specification, CompuServe 1990; GIF87a is the same without extensions):
// the first image of the data stream, composited onto a transparent logical screen. As libnsgif
// (libvips's GIF decoder) does, the screen grows to take in the first image where that image lies
// partly or wholly outside it: the canvas is max(screen, image offset + image size) on each axis.
// src/pipeline/probe.ts computes the same canvas, so the memory reserved for it is what is decoded.
//
// Parsing: header, Logical Screen Descriptor, optional global colour table, then blocks up to the
// first Image Descriptor. Extensions are skipped sub-block by sub-block; a Graphic Control Extension
// sets the transparent colour index for the next graphic rendering block (an Image Descriptor, or a
// Plain Text Extension, which is not rendered and so consumes it). Nothing after the first image's
// data is read.
//
// LZW: variable-length codes (minimum code size + 1 .. 12 bits; the minimum code size 0..11, as
// libnsgif and browsers take it: giflib stops at 8; symbols past 255 keep their low byte, as in
// libnsgif) packed LSB-first into data
// sub-blocks. The string table holds, per code, its prefix code, last byte, first byte and length,
// so a string is written back to front straight into its place in the current row. When the table
// is full (4096 entries) it is frozen until the next clear code ("deferred clear"). The data ending
// (input end, block terminator, end-of-information code) or an invalid code stops the decode: the
// rows and pixels decoded so far are kept, the rest stays transparent. The input is never read at
// or past ptr + len.
//
// Rows: the frame's rows arrive in stream order (interlaced: passes starting at rows 0, 4, 2, 1 with
// steps 8, 8, 4, 2). A row is decoded into a row buffer of frame-width colour indices, then kept as
// indices (one byte per pixel). Once the data ends, the canvas rows are converted through the
// palette and pushed into the row pipeline (pipe/stage.ts) top to bottom. Decoding stops once every
// row of the frame has been written.
//
// Memory: the index frame (one byte per pixel, plus 4 bytes per row telling how many of its pixels
// the data reached), one RGBA row of the canvas, and one working block (palette, LZW table, a
// 4096-byte string buffer: 29 KB, plus a row buffer of the frame's width), all freed before
// returning. The canvas is what the probe reported, so the budget covers all of it.

import { failed, PIPE_ERR_TOO_LARGE, pipeErrorCode, Stage } from "../pipe/stage";
import { GIF_ERR_CORRUPT, GIF_ERR_NOT_GIF, GIF_ERR_STOPPED, GIF_ERR_TOO_LARGE, GIF_ERR_TRUNCATED, GIF_OK } from "./errors";

const MAX_BYTES: u64 = 256 * 1024 * 1024;
const MAX_CODES: i32 = 4096;

// working block layout
const W_PAL: usize = 0; // 256 × u32 RGBA (little-endian: R in the low byte)
const W_PREFIX: usize = W_PAL + 256 * 4; // 4096 × u16: code of the string without its last byte
const W_LEN: usize = W_PREFIX + MAX_CODES * 2; // 4096 × u16: string length
const W_LAST: usize = W_LEN + MAX_CODES * 2; // 4096 × u8: last byte
const W_FIRST: usize = W_LAST + MAX_CODES; // 4096 × u8: first byte
const W_STR: usize = W_FIRST + MAX_CODES; // 4096 bytes: a string that crosses a row end
const W_ROW: usize = W_STR + MAX_CODES; // visible width bytes: colour indices of the current row

// ---- per-decode state ----------------------------------------------------------------------------
let err: i32 = 0;
let resW: i32 = 0;
let resH: i32 = 0;

// index frame and frame geometry
let indices: usize = 0; // frame width × frame height colour indices
let reached: usize = 0; // per frame row: pixels the data reached (i32)
let pal: usize = 0;
let rowBuf: usize = 0;
let strBuf: usize = 0;
let frameW: i32 = 0;
let frameH: i32 = 0;
let interlaced: bool = false;

// row cursor
let curX: i32 = 0; // pixels of the current row decoded
let curRow: i32 = 0; // frame row being decoded
let pass: i32 = 0; // interlace pass 0..3
let done: bool = false; // every row complete

export function getError(): i32 {
  return err;
}

export function getWidth(): i32 {
  return resW;
}

export function getHeight(): i32 {
  return resH;
}

/** Decodes the first frame and pushes the screen's rows into `head`; returns 0 or an error code. */
export function decode(ptr: usize, len: i32, head: Stage): i32 {
  err = GIF_OK;
  resW = 0;
  resH = 0;
  const n: usize = len > 0 ? <usize>len : 0;
  const end = ptr + n;

  // header: "GIF87a" or "GIF89a"
  if (
    n < 6 ||
    load<u8>(ptr) != 0x47 || load<u8>(ptr + 1) != 0x49 || load<u8>(ptr + 2) != 0x46 || load<u8>(ptr + 3) != 0x38 ||
    (load<u8>(ptr + 4) != 0x37 && load<u8>(ptr + 4) != 0x39) || load<u8>(ptr + 5) != 0x61
  ) {
    err = GIF_ERR_NOT_GIF;
    return err;
  }
  if (n < 13) {
    err = GIF_ERR_TRUNCATED;
    return err;
  }

  // Logical Screen Descriptor
  const sw = <i32>load<u16>(ptr + 6);
  const sh = <i32>load<u16>(ptr + 8);
  const flags = <i32>load<u8>(ptr + 10);
  resW = sw;
  resH = sh;
  if (sw == 0 || sh == 0 || <u64>sw * <u64>sh > MAX_BYTES) {
    err = GIF_ERR_TOO_LARGE;
    return err;
  }
  let p = ptr + 13;
  let gct: usize = 0;
  let gctSize: i32 = 0;
  if (flags & 0x80) {
    gctSize = 2 << (flags & 7);
    if (<usize>(gctSize * 3) > end - p) {
      err = GIF_ERR_TRUNCATED;
      return err;
    }
    gct = p;
    p += <usize>(gctSize * 3);
  }

  // blocks up to the first Image Descriptor
  let transparent: i32 = -1;
  while (true) {
    if (p >= end) {
      err = GIF_ERR_TRUNCATED;
      return err;
    }
    const introducer = load<u8>(p++);
    if (introducer == 0x2c) break;
    if (introducer != 0x21) {
      err = GIF_ERR_CORRUPT; // 0x3b trailer (no image) or garbage
      return err;
    }
    if (p >= end) {
      err = GIF_ERR_TRUNCATED;
      return err;
    }
    const label = load<u8>(p++);
    let first = true;
    while (true) {
      if (p >= end) {
        err = GIF_ERR_TRUNCATED;
        return err;
      }
      const size = <usize>load<u8>(p++);
      if (size == 0) break;
      if (size > end - p) {
        err = GIF_ERR_TRUNCATED;
        return err;
      }
      if (first && label == 0xf9 && size >= 4) {
        // Graphic Control Extension: packed fields, delay (2), transparent colour index
        transparent = (load<u8>(p) & 1) != 0 ? <i32>load<u8>(p + 3) : -1;
      }
      first = false;
      p += size;
    }
    if (label == 0x01) transparent = -1; // a Plain Text Extension is the graphic the GCE applied to
  }

  // Image Descriptor
  if (end - p < 9) {
    err = GIF_ERR_TRUNCATED;
    return err;
  }
  const fx = <i32>load<u16>(p);
  const fy = <i32>load<u16>(p + 2);
  const fw = <i32>load<u16>(p + 4);
  const fh = <i32>load<u16>(p + 6);
  const iflags = <i32>load<u8>(p + 8);
  p += 9;
  let table = gct;
  let tableSize = gctSize;
  if (iflags & 0x80) {
    tableSize = 2 << (iflags & 7);
    if (<usize>(tableSize * 3) > end - p) {
      err = GIF_ERR_TRUNCATED;
      return err;
    }
    table = p;
    p += <usize>(tableSize * 3);
  }
  if (p >= end) {
    err = GIF_ERR_TRUNCATED;
    return err;
  }
  const minCodeSize = <i32>load<u8>(p++);
  if (minCodeSize > 11) {
    err = GIF_ERR_CORRUPT;
    return err;
  }

  // the canvas: the screen, grown to the first image
  const cw = max(sw, fx + fw);
  const ch = max(sh, fy + fh);
  resW = cw;
  resH = ch;
  if (<u64>cw * <u64>ch > MAX_BYTES) {
    err = GIF_ERR_TOO_LARGE;
    return err;
  }
  if (!head.begin(cw, ch)) {
    err = pipeErrorCode() == PIPE_ERR_TOO_LARGE ? GIF_ERR_TOO_LARGE : GIF_ERR_STOPPED;
    return err;
  }
  const work = heap.alloc(W_ROW + <usize>fw);
  pal = work + W_PAL;
  rowBuf = work + W_ROW;
  strBuf = work + W_STR;

  // palette: entries the colour table does not define are opaque black; no colour table at all:
  // black and white (the spec leaves it to the decoder)
  for (let i = 0; i < 256; i++) store<u32>(pal + (<usize>i << 2), 0xff000000);
  if (table != 0) {
    for (let i = 0; i < tableSize; i++) {
      const c = table + <usize>(i * 3);
      store<u32>(
        pal + (<usize>i << 2),
        <u32>load<u8>(c) | (<u32>load<u8>(c + 1) << 8) | (<u32>load<u8>(c + 2) << 16) | 0xff000000,
      );
    }
  } else {
    store<u32>(pal + 4, 0xffffffff);
  }
  if (transparent >= 0) store<u32>(pal + (<usize>transparent << 2), 0);

  frameW = fw;
  frameH = fh;
  interlaced = (iflags & 0x40) != 0;
  curX = 0;
  curRow = 0;
  pass = 0;
  const rows = fw > 0 ? fh : 0;
  done = rows == 0;
  indices = heap.alloc(<usize>fw * <usize>rows);
  reached = heap.alloc(<usize>rows << 2);
  memory.fill(reached, 0, <usize>rows << 2);

  if (!done) {
    lzw(p, end, minCodeSize, work);
    if (!done && curX > 0) flushRow(curX); // data ended inside a row
  }

  // the screen, top to bottom: transparent (all four bytes 0) wherever the frame's data did not reach
  const row = heap.alloc(<usize>cw << 2);
  for (let y = 0; y < ch && !failed(); y++) {
    memory.fill(row, 0, <usize>cw << 2);
    const r = y - fy;
    if (r >= 0 && r < rows) {
      const n = load<i32>(reached + (<usize>r << 2));
      const src = indices + <usize>r * <usize>fw;
      const dst = row + (<usize>fx << 2);
      for (let i = 0; i < n; i++) store<u32>(dst + (<usize>i << 2), load<u32>(pal + (<usize>load<u8>(src + <usize>i) << 2)));
    }
    head.push(row);
  }
  heap.free(row);
  heap.free(work);
  heap.free(indices);
  heap.free(reached);
  indices = 0;
  reached = 0;
  if (failed()) {
    err = GIF_ERR_STOPPED;
    return err;
  }
  head.end();
  return err;
}

// keeps the first n decoded pixels of the current row
function flushRow(n: i32): void {
  memory.copy(indices + <usize>curRow * <usize>frameW, rowBuf, <usize>n);
  store<i32>(reached + (<usize>curRow << 2), n);
}

// the current row is complete: write it out and move to the next row in stream order
function endRow(): void {
  flushRow(frameW);
  curX = 0;
  if (!interlaced) {
    if (++curRow >= frameH) done = true;
    return;
  }
  curRow += pass == 0 || pass == 1 ? 8 : pass == 2 ? 4 : 2;
  while (curRow >= frameH) {
    if (++pass >= 4) {
      done = true;
      return;
    }
    curRow = pass == 1 ? 4 : pass == 2 ? 2 : 1;
  }
}

// appends the string of `code` to the pixel stream
@inline
function emit(code: i32, work: usize): void {
  const len = <i32>load<u16>(work + W_LEN + (<usize>code << 1));
  if (curX + len <= frameW) {
    // written back to front, straight into the row
    let c = code;
    let d = rowBuf + <usize>(curX + len - 1);
    for (let k = len; k > 0; k--) {
      store<u8>(d, load<u8>(work + W_LAST + <usize>c));
      c = <i32>load<u16>(work + W_PREFIX + (<usize>c << 1));
      d--;
    }
    curX += len;
    if (curX == frameW) endRow();
    return;
  }
  emitAcross(code, len, work);
}

// a string that crosses the end of the current row
function emitAcross(code: i32, len: i32, work: usize): void {
  let d = strBuf + <usize>(len - 1);
  let c = code;
  for (let k = len; k > 0; k--) {
    store<u8>(d, load<u8>(work + W_LAST + <usize>c));
    c = <i32>load<u16>(work + W_PREFIX + (<usize>c << 1));
    d--;
  }
  let s: i32 = 0;
  while (s < len && !done) {
    const k = min(len - s, frameW - curX);
    memory.copy(rowBuf + <usize>curX, strBuf + <usize>s, <usize>k);
    curX += k;
    s += k;
    if (curX == frameW) endRow();
  }
}

// decodes the image data sub-blocks starting at p
function lzw(start: usize, end: usize, minCodeSize: i32, work: usize): void {
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  for (let i = 0; i < clear; i++) {
    store<u16>(work + W_PREFIX + (<usize>i << 1), 0);
    store<u16>(work + W_LEN + (<usize>i << 1), 1);
    store<u8>(work + W_LAST + <usize>i, <u8>i);
    store<u8>(work + W_FIRST + <usize>i, <u8>i);
  }
  let p = start;
  let blockEnd = p; // end of the current data sub-block
  let bits: u32 = 0;
  let nbits: i32 = 0;
  let codeSize = minCodeSize + 1;
  let mask: u32 = (1 << codeSize) - 1;
  let next = eoi + 1;
  let prev: i32 = -1;

  while (!done) {
    // refill: whole bytes from the sub-blocks until a code is available
    let eod = false;
    while (nbits < codeSize) {
      if (p >= blockEnd) {
        // next sub-block (blockEnd is clamped to the input end)
        if (p >= end) {
          eod = true;
          break;
        }
        const size = <usize>load<u8>(p++);
        if (size == 0) {
          eod = true; // block terminator
          break;
        }
        blockEnd = min(p + size, end);
        continue;
      }
      bits |= <u32>load<u8>(p++) << nbits;
      nbits += 8;
    }
    if (eod) break;
    const code = <i32>(bits & mask);
    bits >>>= codeSize;
    nbits -= codeSize;

    if (code == clear) {
      codeSize = minCodeSize + 1;
      mask = (1 << codeSize) - 1;
      next = eoi + 1;
      prev = -1;
      continue;
    }
    if (code == eoi) break;
    if (prev < 0) {
      if (code > clear) break; // invalid: no strings defined yet
      emit(code, work);
    } else if (code < next) {
      if (next < MAX_CODES) addEntry(work, next++, prev, load<u8>(work + W_FIRST + <usize>code));
      emit(code, work);
    } else if (code == next) {
      // the string being defined: prev's string + its own first byte
      addEntry(work, next++, prev, load<u8>(work + W_FIRST + <usize>prev));
      emit(code, work);
    } else {
      break; // invalid code
    }
    // the next code may be `next` itself: widen once it no longer fits (after the first code following
    // a clear this only happens for minimum code size 1)
    if (next == 1 << codeSize && codeSize < 12) {
      codeSize++;
      mask = (1 << codeSize) - 1;
    }
    prev = code;
  }
}

@inline
function addEntry(work: usize, code: i32, prefix: i32, last: u8): void {
  const c = <usize>code;
  store<u16>(work + W_PREFIX + (c << 1), <u16>prefix);
  store<u16>(work + W_LEN + (c << 1), load<u16>(work + W_LEN + (<usize>prefix << 1)) + 1);
  store<u8>(work + W_LAST + c, last);
  store<u8>(work + W_FIRST + c, load<u8>(work + W_FIRST + <usize>prefix));
}
