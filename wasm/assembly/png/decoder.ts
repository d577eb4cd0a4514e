// PNG container: signature, IHDR (must be first), PLTE, tRNS, then the IDAT sequence, which is
// decompressed (inflate.ts) and assembled row by row into the output (rows.ts). Other chunks are
// skipped; nothing after the IDAT sequence is read. CRCs are not checked.
//
// Rows are pushed into a row pipeline (pipe/stage.ts) as they are unfiltered; rows the data does not
// reach are pushed as transparent black, so the pipeline always gets the declared height.
//
// Memory: one working block (inflate window 161 KB, Huffman tables 25 KB, the 1 KB RGBA lookup table
// and two row buffers of the widest row) and one RGBA row; an Adam7 image also holds its whole RGBA
// frame (width × height × 4), since its first row is complete only after the last pass.
import { failed, PIPE_ERR_TOO_LARGE, pipeErrorCode, Stage } from "../pipe/stage";
import {
  PNG_ERR_CORRUPT, PNG_ERR_NOT_PNG, PNG_ERR_STOPPED, PNG_ERR_TOO_LARGE, PNG_ERR_TRUNCATED, PNG_ERR_UNSUPPORTED, PNG_OK,
} from "./errors";
import { INF_CORRUPT, INF_UNSUPPORTED, WIN_BYTES, WORK_BYTES, inflate, inflateInit } from "./inflate";
import { filterError, rowBufBytes, rowBytes, rowsDecoded, rowsInit, rowsRelease, rowsStopped } from "./rows";

const MAX_BYTES: u64 = 256 * 1024 * 1024;
const MAX_ROW: u64 = 16 * 1024 * 1024;

const T_IHDR: u32 = 0x52444849;
const T_PLTE: u32 = 0x45544c50;
const T_TRNS: u32 = 0x534e5274;
const T_IDAT: u32 = 0x54414449;
const T_IEND: u32 = 0x444e4549;

let err: i32 = 0;
let resW: i32 = 0;
let resH: i32 = 0;

export function getError(): i32 {
  return err;
}

export function getWidth(): i32 {
  return resW;
}

export function getHeight(): i32 {
  return resH;
}

@inline function be32(p: usize): u32 {
  return bswap<u32>(load<u32>(p));
}

@inline function be16(p: usize): i32 {
  return <i32>bswap<u16>(load<u16>(p));
}

/** Decodes and pushes the rows into `head`; returns 0 or an error code. */
export function decode(ptr: usize, len: i32, head: Stage): i32 {
  err = PNG_OK;
  resW = 0;
  resH = 0;
  const n: usize = len > 0 ? <usize>len : 0;
  const end = ptr + n;
  if (n < 8 || load<u64>(ptr) != 0x0a1a0a0d474e5089) {
    err = PNG_ERR_NOT_PNG;
    return err;
  }
  // IHDR
  if (n < 8 + 8 + 13) {
    err = PNG_ERR_TRUNCATED;
    return err;
  }
  if (be32(ptr + 8) != 13 || load<u32>(ptr + 12) != T_IHDR) {
    err = PNG_ERR_CORRUPT;
    return err;
  }
  // and its CRC: the chunk walk below starts after it, and `end - p` must not wrap
  if (n < 8 + 8 + 13 + 4) {
    err = PNG_ERR_TRUNCATED;
    return err;
  }
  const h0 = ptr + 16;
  const w32 = be32(h0);
  const h32 = be32(h0 + 4);
  const d = <i32>load<u8>(h0 + 8);
  const ct = <i32>load<u8>(h0 + 9);
  const cm = <i32>load<u8>(h0 + 10);
  const fm = <i32>load<u8>(h0 + 11);
  const im = <i32>load<u8>(h0 + 12);
  if (w32 > 0x7fffffff || h32 > 0x7fffffff) {
    err = PNG_ERR_CORRUPT;
    return err;
  }
  const w = <i32>w32;
  const h = <i32>h32;
  resW = w;
  resH = h;
  let okDepth = false;
  if (ct == 0) okDepth = d == 1 || d == 2 || d == 4 || d == 8 || d == 16;
  else if (ct == 3) okDepth = d == 1 || d == 2 || d == 4 || d == 8;
  else if (ct == 2 || ct == 4 || ct == 6) okDepth = d == 8 || d == 16;
  if (!okDepth) {
    err = PNG_ERR_CORRUPT;
    return err;
  }
  if (cm != 0 || fm != 0 || im > 1) {
    err = PNG_ERR_UNSUPPORTED;
    return err;
  }
  const ch = ct == 0 || ct == 3 ? 1 : ct == 2 ? 3 : ct == 4 ? 2 : 4;
  const bitsPP = ch * d;
  if (w == 0 || h == 0 || (im == 1 && <u64>w * <u64>h * 4 > MAX_BYTES) || <u64>rowBytes(w, bitsPP) > MAX_ROW) {
    err = PNG_ERR_TOO_LARGE;
    return err;
  }

  // chunks up to the first IDAT
  let p = ptr + 33;
  let plte: usize = 0;
  let plteN: i32 = 0;
  let trns: usize = 0;
  let trnsN: i32 = 0;
  let idat: usize = 0;
  let idatEnd: usize = 0;
  let next: usize = 0;
  while (true) {
    if (end - p < 8) {
      err = PNG_ERR_TRUNCATED;
      return err;
    }
    const cl = be32(p);
    const type = load<u32>(p + 4);
    if (cl > 0x7fffffff) {
      err = PNG_ERR_CORRUPT;
      return err;
    }
    const data = p + 8;
    const avail = end - data;
    if (type == T_IDAT) {
      if (<usize>cl >= avail) {
        idatEnd = end;
        next = end;
      } else {
        idatEnd = data + <usize>cl;
        next = idatEnd + 4 <= end ? idatEnd + 4 : end;
      }
      idat = data;
      break;
    }
    if (type == T_IHDR) {
      // A second header: which one holds is ambiguous, and the probe sized the request by the first.
      err = PNG_ERR_CORRUPT;
      return err;
    }
    if (type == T_IEND || <usize>cl + 4 > avail) {
      err = PNG_ERR_TRUNCATED;
      return err;
    }
    if (type == T_PLTE && plte == 0) {
      if (cl % 3 != 0 || cl == 0 || cl > 768) {
        if (ct == 3) {
          err = PNG_ERR_CORRUPT;
          return err;
        }
      } else {
        plte = data;
        plteN = <i32>cl / 3;
      }
    } else if (type == T_TRNS && trns == 0) {
      trns = data;
      trnsN = <i32>cl;
    }
    p = data + <usize>cl + 4;
  }
  if (ct == 3 && plte == 0) {
    err = PNG_ERR_CORRUPT;
    return err;
  }
  // some IDAT data must be there (possibly in a later, zero-length-separated chunk)
  if (idatEnd <= idat) {
    let q = next;
    let found = false;
    while (end - q >= 8 && q < end && load<u32>(q + 4) == T_IDAT) {
      const cl = be32(q);
      if (cl > 0 && end - q > 8) {
        found = true;
        break;
      }
      if (<u64>cl + 12 > <u64>(end - q)) break;
      q += 12 + <usize>cl;
    }
    if (!found) {
      err = PNG_ERR_TRUNCATED;
      return err;
    }
  }

  // working block: window | tables | lut | row A | row B
  const rb = rowBufBytes(w, bitsPP);
  const lutOff: usize = WIN_BYTES + WORK_BYTES;
  const rowOff: usize = (lutOff + 1024 + 15) & ~15;
  const block = heap.alloc(rowOff + rb * 2 + 48);
  const lut = block + lutOff;
  const rowA = (block + rowOff + 15) & ~15;

  // lookup table and colour key
  let kr: i32 = -1;
  let kg: i32 = -1;
  let kb: i32 = -1;
  if (ct == 3) {
    for (let i = 0; i < 256; i++) {
      let v: u32 = 0xff000000;
      if (i < plteN) {
        const e = plte + <usize>i * 3;
        v |= <u32>load<u8>(e) | (<u32>load<u8>(e, 1) << 8) | (<u32>load<u8>(e, 2) << 16);
      }
      if (i < trnsN) v = (v & 0xffffff) | (<u32>load<u8>(trns + i) << 24);
      store<u32>(lut + (<usize>i << 2), v);
    }
  } else if (ct == 0) {
    if (trns != 0 && trnsN >= 2) kr = be16(trns) & ((1 << d) - 1);
    if (d <= 8) {
      const maxv = (1 << d) - 1;
      for (let i = 0; i <= maxv; i++) {
        const g = <u32>((i * 255) / maxv);
        const a: u32 = i == kr ? 0 : 0xff000000;
        store<u32>(lut + (<usize>i << 2), g | (g << 8) | (g << 16) | a);
      }
    }
  } else if (ct == 2 && trns != 0 && trnsN >= 6) {
    kr = be16(trns);
    kg = be16(trns + 2);
    kb = be16(trns + 4);
  }

  if (!head.begin(w, h)) {
    heap.free(block);
    err = pipeErrorCode() == PIPE_ERR_TOO_LARGE ? PNG_ERR_TOO_LARGE : PNG_ERR_STOPPED;
    return err;
  }
  // Adam7 may stop between passes, leaving holes: the frame starts transparent.
  const outBytes = im == 1 ? <usize>w * <usize>h * 4 : (<usize>w << 2) + 16;
  const out = heap.alloc(outBytes);
  if (im == 1) memory.fill(out, 0, outBytes);
  rowsInit(out, w, h, ct, d, im == 1, lut, kr, kg, kb, rowA, rowA + ((rb + 15) & ~15), im == 1 ? null : head);
  inflateInit(block + WIN_BYTES, block, idat, idatEnd, next, end);
  const r = inflate();
  rowsRelease();
  heap.free(block);
  const bad = r == INF_CORRUPT || filterError();
  if (rowsStopped() || r == INF_UNSUPPORTED || (bad && rowsDecoded() == 0)) {
    heap.free(out);
    err = rowsStopped() ? PNG_ERR_STOPPED : r == INF_UNSUPPORTED ? PNG_ERR_UNSUPPORTED : PNG_ERR_CORRUPT;
    return err;
  }
  if (im == 1) {
    const stride = <usize>w << 2;
    for (let y = 0; y < h && !failed(); y++) head.push(out + <usize>y * stride);
  } else {
    memory.fill(out, 0, <usize>w << 2);
    for (let y = rowsDecoded(); y < h && !failed(); y++) head.push(out);
  }
  heap.free(out);
  if (failed()) {
    err = PNG_ERR_STOPPED;
    return err;
  }
  head.end();
  return err;
}
